"""Extraction from sentences and from label/value tables, with the distractors refused."""

from __future__ import annotations

import pytest
from helpers.documents import prose

from jigong.pipeline.extract import Extractor
from jigong.pipeline.extract.values import parse_mark
from jigong.pipeline.model import Block, Document, Position

EXTRACTOR = Extractor()


def values(*paragraphs: str, year: int | None = 2025) -> dict[str, object]:
    return {code: v.value for code, v in EXTRACTOR.extract([prose(*paragraphs)], year).items()}


def test_a_prose_report_gives_each_figure_with_its_sentence() -> None:
    doc = prose(
        "东莞市鸿图技师学院2025年度办学情况报告",
        "本校是一所公办技师学院。2025年，学校全日制在校生3,210人，较上年增加320人；"
        "高级工班及以上在校生1,290人，占在校生总数的40.2%。",
        "学校开设专业28个，其中实行校企合作培养模式的专业26个。",
        "2025届毕业生1,150人，已就业1,128人，毕业生就业率98.1%，对口就业率85.3%。",
    )
    found = EXTRACTOR.extract([doc])
    assert {c: v.value for c, v in found.items()} == {
        "school_name": "东莞市鸿图技师学院",
        "school_type": "公办",
        "school_category": "技师学院",
        "report_year": 2025,
        "students_total": 3210,
        "students_senior": 1290,
        "senior_ratio": 40.2,
        "majors_total": 28,
        "majors_coop": 26,
        "graduates": 1150,
        "graduates_employed": 1128,
        "employment_rate": 98.1,
    }
    evidence = found["employment_rate"].evidence[0]
    assert evidence.file == "报告.docx"
    assert evidence.locator == "第4段"
    assert "毕业生就业率98.1%" in evidence.quote


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年全日制在校生为2,890人。",
        "上年全日制在校生2,890人。",
        "学校招收新生1,200人。",
        "非全日制在校生860人。",
        "全市技工院校在校生4.8万人。",
        "力争到2026年全日制在校生达到4,000人。",
        "毕业生对口就业率85.3%。",
        "力争将高级工班占比提高到45%以上，校企合作专业占比保持在90%以上，年终就业率不低于98%。",
    ],
)
def test_distractors_are_never_this_years_value(sentence: str) -> None:
    assert values(sentence) == {}


def test_a_label_broken_by_a_line_is_joined_before_reading() -> None:
    # PDF readers rejoin lines; a sentence with no label near the figure gives nothing.
    assert values("学校毕业生就业率98.6%。") == {"employment_rate": 98.6}
    assert values("学校共有学生，其中3,000人。") == {}


def test_chinese_numerals_in_prose() -> None:
    assert values("学校开设专业三十个，其中校企合作专业二十八个。全年毕业生九百零三人，就业率百分之九十七点五。") == {
        "majors_total": 30,
        "majors_coop": 28,
        "graduates": 903,
        "employment_rate": 97.5,
    }


def test_approximate_figures_are_kept_and_marked() -> None:
    found = EXTRACTOR.extract([prose("学校全日制在校生约3,200人。")], 2025)
    assert found["students_total"].value == 3200
    assert found["students_total"].approximate


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("学校党委于2019年成立，下设党支部3个。", {"party_org_established": True}),
        ("学校已实现党组织全覆盖。", {"party_org_established": True}),
        ("学校目前尚未建立独立党组织，党建工作由园区党委代管。", {"party_org_established": False}),
        (
            "思想政治、语文、历史三科均使用国家统编教材。",
            {"textbook_politics": True, "textbook_chinese": True, "textbook_history": True},
        ),
        (
            "思想政治、语文两科使用国家统编教材，历史科目仍使用校本教材。",
            {"textbook_politics": True, "textbook_chinese": True, "textbook_history": False},
        ),
        ("学校尚未使用统编教材的科目为历史。", {"textbook_history": False}),
        # relations.yaml: a school that practises the system has a party organisation
        ("学校实行党组织领导的校长负责制。", {"principal_responsibility": True, "party_org_established": True}),
        ("思想政治理论课课时不足。", {"ideology_course_full": False}),
    ],
)
def test_yes_no_facts_from_prose(sentence: str, expected: dict[str, bool]) -> None:
    assert values(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("☑是 ☐否", True),
        ("☐是 ☑否", False),
        ("□是 √否", False),
        ("√是 □否", True),
        ("是√ 否□", True),
        ("是", True),
        ("否", False),
        ("☐是 ☐否", None),
        ("", None),
    ],
)
def test_form_check_marks(text: str, expected: bool | None) -> None:
    assert parse_mark(text) is expected


def _table(rows: list[list[str]]) -> Document:
    blocks = [
        Block(text, "cell", Position(table=1, row=r, col=c))
        for r, row in enumerate(rows, start=1)
        for c, text in enumerate(row, start=1)
    ]
    return Document(path="统计表.docx", blocks=blocks)


def test_a_form_table_with_units_and_share_columns() -> None:
    doc = _table(
        [
            ["指标", "数值", "指标", "数值"],
            ["学校名称", "东莞市松湖高级技工学校", "办学性质", "民办"],
            ["全日制在校生（人）", "3，032", "报告年度", "2025年"],
            ["高级工班及以上在校生", "1,223", "所占比例", "40.3%"],
            ["毕业生就业率（%）", "96.2", "学校已建立党组织", "☐是 ☑否"],
        ]
    )
    found = EXTRACTOR.extract([doc])
    assert found["school_category"].inferred == "school_name"  # from the name's ending (relations.yaml)
    assert {c: v.value for c, v in found.items() if not v.inferred} == {
        "school_name": "东莞市松湖高级技工学校",
        "school_type": "民办",
        "report_year": 2025,
        "students_total": 3032,
        "students_senior": 1223,
        "senior_ratio": 40.3,
        "employment_rate": 96.2,
        "party_org_established": False,
    }
    ev = found["students_senior"].evidence[0]
    assert (ev.locator, ev.quote) == ("表1 第4行第2列", "高级工班及以上在校生：1,223")


def test_two_sources_that_disagree_keep_both_and_lower_confidence() -> None:
    form = _table([["全日制在校生人数", "3,210"]])
    report = prose("学校全日制在校生3,201人。")
    value = EXTRACTOR.extract([form, report], 2025)["students_total"]
    assert value.conflict
    assert value.confidence < 0.7
    assert [e.file for e in value.evidence] == ["统计表.docx", "报告.docx"]


def test_two_readings_of_equal_rank_that_disagree_give_no_value_but_both() -> None:
    form = _table([["全日制在校生人数", "3,210"]])
    report = prose("学校全日制在校生3,201人。")
    value = EXTRACTOR.extract([form, report], 2025)["students_total"]
    assert value.undecided and value.value is None  # neither is the school's figure until someone has looked
    assert value.readings == [3210, 3201]
    assert value.to_json()["readings"] == [3210, 3201] and value.to_json()["value"] is None


def test_a_sure_reading_outranks_a_doubtful_one_that_disagrees_and_both_are_kept() -> None:
    form = _table([["全日制在校生人数", "3,210"]])
    blurred = Block("全日制在校生3,201人。", "paragraph", Position(page=1), confidence=0.55)
    scan = Document(path="扫描件.pdf", blocks=[blurred])
    value = EXTRACTOR.extract([form, scan], 2025)["students_total"]
    assert (value.value, value.conflict, value.readings) == (3210, True, [])  # shown, but only as 待核实
    assert [e.file for e in value.evidence] == ["统计表.docx", "扫描件.pdf"]


def test_a_count_whose_predicate_is_denied_is_no_count_of_that_concept() -> None:
    found = values("注：学校共开设专业7个，表列以外的3个专业暂未开展校企合作。")
    assert found["majors_total"] == 7 and "majors_coop" not in found


def test_a_stated_total_outranks_a_count_of_a_list_and_both_are_kept() -> None:
    listing = _table([["专业名称", "合作企业"], ["数控加工", "某某精密公司"], ["电子商务", "某某科技公司"]])
    report = prose("学校共开设专业7个。")
    value = EXTRACTOR.extract([listing, report], 2025)["majors_total"]
    assert (value.value, value.conflict, value.undecided) == (7, True, False)


def test_a_figure_that_is_not_stated_is_absent() -> None:
    assert "employment_rate" not in values("学校毕业生1,150人，已就业1,128人。")


def test_a_value_read_from_low_confidence_ocr_cannot_be_sure() -> None:
    doc = Document(
        path="扫描件.pdf", blocks=[Block("毕业生就业率98.6%。", "paragraph", Position(page=1), confidence=0.55)]
    )
    value = EXTRACTOR.extract([doc], 2025)["employment_rate"]
    assert value.value == 98.6
    assert value.confidence == 0.55
    assert value.evidence[0].to_json()["ocr_confidence"] == 0.55


def test_running_headers_and_footers_are_not_content() -> None:
    doc = Document(
        path="报告.docx",
        blocks=[
            Block("毕业生就业率99.9%", "header", Position(paragraph=1)),
            Block("学校毕业生就业率98.1%。", "paragraph", Position(paragraph=1)),
        ],
    )
    assert EXTRACTOR.extract([doc], 2025)["employment_rate"].value == 98.1
