"""Yes/no facts with negation and hedging, forms' marks, the set of management systems, majors lists, several files."""

from __future__ import annotations

import pytest
from helpers.documents import prose

from jigong.pipeline.extract import Extractor
from jigong.pipeline.extract.sets import read_sentence
from jigong.pipeline.model import Block, Document, Position

EXTRACTOR = Extractor()


def values(*paragraphs: str, year: int | None = 2025) -> dict[str, object]:
    return {code: v.value for code, v in EXTRACTOR.extract([prose(*paragraphs)], year).items()}


def table(rows: list[list[str]], path: str = "统计表.docx", sheet: str | None = None) -> Document:
    """A table as a reader gives it: cells with table/row/column positions (and the sheet, for a spreadsheet)."""
    blocks = [
        Block(text, "cell", Position(table=1, row=r, col=c, sheet=sheet))
        for r, row in enumerate(rows, start=1)
        for c, text in enumerate(row, start=1)
    ]
    return Document(path=path, blocks=blocks)


@pytest.mark.parametrize(
    ("sentence", "code", "expected"),
    [
        ("培训收入全额返还学校使用。", "training_income_fully_returned", True),
        ("社会化培训收入未全额返还学校，部分上缴财政。", "training_income_fully_returned", False),
        ("社会培训收入仅部分返还学校使用。", "training_income_fully_returned", False),
        ("学校认真执行部颁教学标准。", "ministry_teaching_standards", True),
        ("学校尚未全面执行部颁教学标准。", "ministry_teaching_standards", False),
        ("部颁教学标准的执行工作正在推进中。", "ministry_teaching_standards", False),
        ("面向企业职工开放一年以上非全日制学籍注册通道。", "part_time_registration_open", True),
        ("面向企业职工的非全日制学籍注册通道尚未开放。", "part_time_registration_open", False),
        ("正在筹备开放非全日制学籍注册通道。", "part_time_registration_open", False),
        ("职业技能等级认定已经市人力资源社会保障局备案。", "skill_rating_filed", True),
        ("职业技能等级认定备案正在办理中。", "skill_rating_filed", False),
        ("学校职业技能等级认定尚未备案。", "skill_rating_filed", False),
        ("学校建有创业孵化基地。", "incubator", True),
        ("创业孵化基地正在筹建中。", "incubator", False),
        ("学校计划建设创业孵化基地。", "incubator", False),
        ("学校暂未建立党组织，由园区党委代管。", "party_org_established", False),
        ("学校全面落实党组织领导的校长负责制。", "principal_responsibility", True),
        ("学校目前仍未实行党组织领导的校长负责制。", "principal_responsibility", False),
        ("思想政治理论课未开足规定课时。", "ideology_course_full", False),
    ],
)
def test_yes_no_in_prose_with_negation_and_hedging(sentence: str, code: str, expected: bool) -> None:
    assert values(sentence)[code] is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "下一步，确保自2027年春季学期起思想政治课按课程标准开齐开足。",  # a plan for a later year
        "力争把思政课专任教师配备到12人。",  # about the course's teachers, not the course
        "学校党支部计划于2026年秋季学期起实行党组织领导的校长负责制。",
    ],
)
def test_plans_for_a_later_year_and_the_courses_teachers_say_nothing_of_the_course(sentence: str) -> None:
    found = values(sentence)
    assert "ideology_course_full" not in found
    assert found.get("principal_responsibility") is not True


def test_a_plan_to_adopt_the_system_in_a_later_year_says_not_yet() -> None:
    found = EXTRACTOR.extract([prose("按照上级部署，学校拟于2026年春季试行党组织领导的校长负责制。")], 2025)
    assert found["principal_responsibility"].value is False
    assert found["principal_responsibility"].confidence < 0.85


def test_a_textbook_changed_to_the_unified_one_is_the_unified_one() -> None:
    found = values("语文课程自2025年春季学期起由校本教材改用国家统编教材，历史课仍使用自编讲义。")
    assert found["textbook_chinese"] is True and found["textbook_history"] is False


def test_a_norm_and_the_clause_going_on_from_it_state_nothing() -> None:
    found = values("学校印发实施意见，提出要按规定开齐开足思想政治课程，并选用国家统编教材。")
    assert "textbook_politics" not in found and "ideology_course_full" not in found


def test_a_system_named_as_work_is_no_system() -> None:
    assert "mgmt_rules" not in values("各支部制定配套制度，推动党务工作与教育教学管理同步落实。")


def test_hedged_or_partial_statements_are_weaker() -> None:
    hedged = EXTRACTOR.extract([prose("创业孵化基地正在筹建中。")], 2025)["incubator"]
    partial = EXTRACTOR.extract([prose("部分专业执行部颁教学标准。")], 2025)["ministry_teaching_standards"]
    plain = EXTRACTOR.extract([prose("学校尚未建立创业孵化基地。")], 2025)["incubator"]
    assert hedged.value is False and partial.value is False and plain.value is False
    assert partial.confidence < 0.7 <= hedged.confidence < plain.confidence


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("思想政治、语文、历史三科均使用国家统编教材。", (True, True, True)),
        ("语文、历史课程已使用国家统编教材，思想政治课程仍沿用学校自编教材。", (False, True, True)),
        ("思想政治、语文两科使用国家统编教材，历史科目仍使用校本教材。", (True, True, False)),
        ("思想政治、语文和历史课程已全面使用统编教材。", (True, True, True)),
    ],
)
def test_textbooks_subject_by_subject(sentence: str, expected: tuple[bool, bool, bool]) -> None:
    found = values(sentence)
    assert (found["textbook_politics"], found["textbook_chinese"], found["textbook_history"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("学校建立健全教职工管理、教学管理、学生管理、招生管理与就业服务、资产及后勤管理等工作制度。",
         ["教职工管理", "教学管理", "学生管理", "招生管理与就业服务", "资产及后勤管理"]),
        ("学校已建立教职工管理、教学管理制度，学生管理、招生管理与就业服务制度正在起草中。",
         ["教职工管理", "教学管理"]),
        ("除资产及后勤管理制度尚在制定外，其余各项管理制度均已建立并印发实施。",
         ["教职工管理", "教学管理", "学生管理", "招生管理与就业服务"]),
        ("教职工管理、教学管理、学生管理三项制度均已印发实施。", ["教职工管理", "教学管理", "学生管理"]),
    ],
)  # fmt: skip
def test_management_systems_said_to_exist(sentence: str, expected: list[str]) -> None:
    assert values(sentence)["mgmt_rules"] == expected


def test_systems_still_drafted_are_not_in_the_set() -> None:
    yes, no = read_sentence("学校已建立教学管理制度，资产及后勤管理制度正在起草中。") or (set(), set())
    assert (yes, no) == ({"教学管理"}, {"资产及后勤管理"})
    assert "mgmt_rules" not in values("资产及后勤管理制度正在起草中。")  # says nothing of what exists


def test_management_systems_in_forms() -> None:
    marks = table([["管理制度建立情况", "☑教职工管理 ☑教学管理 ☐学生管理 ☑招生管理与就业服务 ☐资产及后勤管理"]])
    rows = table([["教职工管理制度", "☑是 ☐否"], ["教学管理制度", "√"], ["学生管理制度", "否"]])
    listed = table([["已建立的管理制度", "教职工管理、教学管理、学生管理"]])
    assert EXTRACTOR.extract([marks])["mgmt_rules"].value == ["教职工管理", "教学管理", "招生管理与就业服务"]
    assert EXTRACTOR.extract([rows])["mgmt_rules"].value == ["教职工管理", "教学管理"]
    assert EXTRACTOR.extract([listed])["mgmt_rules"].value == ["教职工管理", "教学管理", "学生管理"]
    # the form says 学生管理 is not there, the report says it is: a conflict for a person to look at
    both = EXTRACTOR.extract([rows, prose("学校已建立学生管理制度。")])["mgmt_rules"]
    assert both.conflict and both.confidence < 0.7


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("☑是 ☐否", True), ("□是 √否", False), ("是", True), ("×", False), ("已备案", True), ("尚未开放", False),
     ("已全额返还", True), ("未建立", False), ("☐是 ☐否", None)],
)  # fmt: skip
def test_form_cells_for_yes_no(cell: str, expected: bool | None) -> None:
    found = EXTRACTOR.extract([table([["职业技能等级认定备案", cell]])])
    assert (
        found.get("skill_rating_filed") is None if expected is None else found["skill_rating_filed"].value is expected
    )


def test_form_lines_outside_tables_take_the_mark_not_the_label() -> None:
    found = values("学校已建立党组织：否", "思政课程开齐开足：×", "历史统编教材：√", "是否建有创业孵化基地：是")
    assert found == {
        "party_org_established": False,
        "ideology_course_full": False,
        "textbook_history": True,
        "incubator": True,
    }


def test_a_form_with_a_unit_column_and_money_in_wan() -> None:
    doc = table(
        [
            ["指标名称", "数值", "单位"],
            ["社会化培训收入", "96.78", "万元"],
            ["国际课程班生均经费补贴申请金额", "180000", "元"],
            ["提取用于补充绩效工资的比例", "60.0", "%"],
        ]
    )
    found = {c: v.value for c, v in EXTRACTOR.extract([doc]).items()}
    assert found == {
        "social_training_income": 967800,
        "intl_class_subsidy_claim": 180000,
        "perf_pay_extraction_ratio": 60.0,
    }


def test_a_table_with_this_year_and_last_year_takes_this_years_column() -> None:
    doc = table(
        [["指标", "2024年", "2025年"], ["全日制在校生（人）", "2,980", "3,210"], ["毕业生就业率", "97.1%", "98.2%"]]
    )
    found = EXTRACTOR.extract([doc], 2025)
    assert (found["students_total"].value, found["employment_rate"].value) == (3210, 98.2)
    assert found["students_total"].evidence[0].locator == "表1 第2行第3列"


def _majors(dash: str, sheet: str | None = None) -> Document:
    rows = [["序号", "专业名称", "学制", "合作企业"]]
    rows += [["1", "数控加工", "三年", "东莞市华辰精密模具有限公司"], ["2", "电子商务", "三年", dash]]
    rows += [["3", "会计", "三年", "东莞市丰源供应链管理有限公司"], ["合计", "3个专业", "", ""]]
    return table(rows, path="专业设置一览表.xlsx" if sheet else "附件.docx", sheet=sheet)


@pytest.mark.parametrize("dash", ["—", "", "/", "无"])
def test_majors_counted_from_the_majors_list(dash: str) -> None:
    found = EXTRACTOR.extract([_majors(dash)])
    assert (found["majors_total"].value, found["majors_coop"].value) == (3, 2)


def test_majors_list_in_a_spreadsheet_and_a_form_that_disagrees() -> None:
    sheet = _majors("—", sheet="专业设置")
    form = table([["开设专业数（个）", "4"]], path="统计表.docx")
    found = EXTRACTOR.extract([sheet, form])
    assert found["majors_coop"].value == 2
    assert found["majors_coop"].evidence[0].locator.startswith("工作表“专业设置”")
    assert found["majors_total"].conflict  # the list has 3, the form says 4: both kept, to be reviewed
    assert {e.file for e in found["majors_total"].evidence} == {"专业设置一览表.xlsx", "统计表.docx"}


def test_a_form_and_a_report_that_disagree_are_both_kept() -> None:
    form = table([["全日制在校生人数", "3,210"]])
    report = prose("学校全日制在校生3,201人。")
    found = EXTRACTOR.extract([form, report], 2025)["students_total"]
    assert found.conflict and found.confidence < 0.7
    assert [e.quote for e in found.evidence] == ["全日制在校生人数：3,210", "学校全日制在校生3,201人。"]


def test_a_label_that_starts_with_qizhong_is_no_label_value_pair() -> None:
    doc = table([["全日制在校生", "6974", "人"], ["其中：高级工班、预备技师（技师）班在校生", "3785", "人"]])
    found = EXTRACTOR.extract([doc])
    assert (found["students_total"].value, found["students_senior"].value) == (6974, 3785)


def test_partly_done_is_no_but_to_be_reviewed() -> None:
    found = EXTRACTOR.extract([prose("学校基本建成创业孵化基地。", "部分专业执行部颁教学标准。")], 2025)
    assert found["incubator"].value is False and found["incubator"].confidence < 0.7
    assert values("学校基本情况良好，建有创业孵化基地。")["incubator"] is True


def test_a_statement_about_one_subject_beats_a_blanket_claim() -> None:
    from helpers.documents import prose

    from jigong.pipeline.extract import Extractor

    doc = prose("学校思想政治、语文、历史三科统编教材全面使用。", "受师资所限，历史课程仍使用校本教材。")
    found = Extractor().extract([doc], 2025)
    history = found["textbook_history"]
    assert (history.value, history.conflict) == (False, False)
    assert found["textbook_chinese"].value is True


def test_label_pairs_on_one_line_stay_apart_when_a_pdf_loses_their_spaces(tmp_path) -> None:
    # The PDF's text layer drops the ideographic spaces: "办学性质：民办学校类别：技工学校".
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from jigong.pipeline.extract import Extractor
    from jigong.pipeline.readers import read_file

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "基本情况.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 12)
    page.drawString(72, 760, "办学性质：民办　　学校类别：高级技工学校")
    page.save()
    doc = read_file(path, "东莞市甲乙高级技工学校/基本情况.pdf")
    found = Extractor().extract([doc], 2025)
    assert (found["school_type"].value, found["school_type"].evidence[0].quote) == ("民办", "办学性质：民办")
    assert found["school_category"].value == "高级技工学校"
    assert not found["school_category"].inferred  # stated in the file, not taken from the name


def test_systems_adopted_by_a_meeting_exist_and_those_without_text_do_not() -> None:
    from helpers.documents import prose

    from jigong.pipeline.extract import Extractor

    doc = prose(
        "学校校长办公会2025年审议通过了学生管理、招生管理与就业服务两项制度；"
        "教学管理、教职工管理、资产及后勤管理方面尚无成文制度，计划2026年制定。"
    )
    assert Extractor().extract([doc], 2025)["mgmt_rules"].value == ["学生管理", "招生管理与就业服务"]


def test_a_table_with_one_row_per_cohort_gives_the_report_years_row() -> None:
    rows = [
        ["届别", "毕业生数（人）", "就业人数（人）", "就业率"],
        ["2023届", "1,204", "1,160", "96.35%"],
        ["2024届", "1,251", "1,209", "96.64%"],
        ["2025届", "1,318", "1,287", "97.65%"],
    ]
    found = EXTRACTOR.extract([table(rows)], 2025)
    assert {c: found[c].value for c in ("graduates", "graduates_employed", "employment_rate")} == {
        "graduates": 1318,
        "graduates_employed": 1287,
        "employment_rate": 97.65,
    }
    assert not any(found[c].conflict for c in ("graduates", "graduates_employed", "employment_rate"))


def test_a_unit_column_is_no_concept_even_under_a_caption_that_cues_one() -> None:
    rows = [
        ["项目", "单位", "2024", "2025"],
        ["实行校企合作培养的专业数", "个", "8", "12"],
        ["合作企业数", "家", "40", ""],
    ]
    doc = table(rows)
    doc.blocks.insert(0, Block("东莞市某某技工学校校企合作情况", "paragraph", Position(paragraph=1)))
    found = EXTRACTOR.extract([doc], 2025)
    assert found["majors_coop"].value == 12 and "coop_enterprises" not in found


def test_rows_of_departments_under_one_header_give_only_their_total() -> None:
    rows = [["系部", "毕业生数（人）", "就业率"], ["数控系", "311", "97.1%"], ["电子系", "265", "96.2%"]]
    found = EXTRACTOR.extract([table(rows)], 2025)
    assert "graduates" not in found and "employment_rate" not in found  # the first row is one department's
    found = EXTRACTOR.extract([table([*rows, ["合计", "576", "96.7%"]])], 2025)
    assert (found["graduates"].value, found["employment_rate"].value) == (576, 96.7)
    assert not found["graduates"].conflict


def table_values(rows: list[list[str]], caption: str = "") -> dict[str, object]:
    doc = table(rows)
    if caption:
        doc = Document(path=doc.path, blocks=[Block(caption, "paragraph", Position(paragraph=1)), *doc.blocks])
    return {code: v.value for code, v in EXTRACTOR.extract([doc], 2025).items()}


def test_a_column_of_statistical_codes_holds_no_values() -> None:
    rows = [["指标", "代码", "数量"], ["在校学生数", "05", "3,418"], ["毕业生数", "07", "1,026"],
            ["就业人数", "08", "997"]]  # fmt: skip
    found = table_values(rows)
    assert (found["students_total"], found["graduates"], found["graduates_employed"]) == (3418, 1026, 997)


def test_this_year_and_last_year_columns_and_money_in_thousands() -> None:
    rows = [["指标", "代码", "本年", "上年"], ["面向社会培训人次", "21", "5,204", "4,880"],
            ["社会培训收入（千元）", "22", "1,318", "1,207"]]  # fmt: skip
    found = table_values(rows)
    assert (found["training_sessions"], found["social_training_income"]) == (5204, 1318000)


@pytest.mark.parametrize(("this", "last"), [("本年数", "上年数"), ("本期决算数", "上年同期"), ("今年", "去年")])
def test_columns_of_this_period_and_the_last_however_headed(this: str, last: str) -> None:
    rows = [["项目", "行次", this, last], ["在职人员（人）", "1", "142", "138"],
            ["全日制在校学生数（人）", "4", "2,517", "2,390"]]  # fmt: skip
    assert table_values(rows)["students_total"] == 2517


def test_a_caption_line_naming_the_unit_scales_the_money() -> None:
    rows = [["项目", "行次", "金额"], ["五、事业收入", "5", "96.35"], ["其中：职业技能培训收入", "5.1", "71.20"]]
    found = table_values(rows, caption="部门：东莞市测试技工学校　　金额单位：万元")
    assert found["social_training_income"] == 712000


def test_a_caption_line_naming_several_units_names_none() -> None:
    rows = [["指标", "代码", "数量"], ["在校学生数", "05", "3,562"], ["其中：高级工班及以上", "06", "1,247"]]
    found = table_values(rows, caption="填报单位：东莞市测试技工学校　单位：个、人、千元")
    assert (found["students_total"], found["students_senior"]) == (3562, 1247)


def test_a_note_naming_two_money_units_gives_no_money_value() -> None:
    assert "social_training_income" not in table_values([["社会培训收入（单位：万元、千元）", "1,318"]])


def test_the_licensed_capacity_is_not_the_number_of_students() -> None:
    rows = [["项目", "内容"], ["核定学生人数", "3,500"], ["在校学生人数（全日制）", "2 917"], ["专职教师数", "142"]]
    found = table_values(rows)
    assert (found["students_total"], found["full_time_teachers"]) == (2917, 142)


def test_yes_and_no_columns_take_the_column_of_the_mark() -> None:
    rows = [
        ["项目", "是", "否"],
        ["历史使用国家统编教材", "", "√"],
        ["语文使用国家统编教材", "√", ""],
        ["面向企业职工开放非全日制学籍注册通道", "", "√"],  # the label in other words than the dictionary's
    ]
    found = table_values(rows)
    assert found["textbook_history"] is False and found["textbook_chinese"] is True
    assert found["part_time_registration_open"] is False


def test_a_list_of_boxes_names_each_thing_ticked_or_not() -> None:
    rows = [["项目", "填报"], ["配置及服务", "☑校企合作实训基地 ☐创业孵化基地 ☑职业技能等级认定考点"],
            ["职业技能等级认定是否已在人社部门备案", "☑是 □否"]]  # fmt: skip
    found = table_values(rows)
    assert found["incubator"] is False and found["skill_rating_filed"] is True


def test_a_target_column_is_no_value_and_the_actual_column_is() -> None:
    rows = [["一级指标", "三级指标", "年度指标值", "实际完成值"], ["数量指标", "职业技能培训人次", "4000", "4,312"]]
    assert table_values(rows)["training_sessions"] == 4312


def test_columns_of_this_years_actual_and_next_years_forecast() -> None:
    rows = [["一级指标", "三级指标", "2025年实际实现值", "预期2026年实现值"],
            ["数量指标", "职业技能培训人次", "5 870人次", "6 300人次"],
            ["年度绩效目标（文字）", "全年开展社会培训6 300人次。", "", ""]]  # fmt: skip
    assert table_values(rows)["training_sessions"] == 5870


def test_a_table_of_many_schools_speaks_for_the_school_only_in_its_own_row() -> None:
    rows = [["项目", "学校数（所）", "在校学生数（人）", "毕业生数（人）"], ["总计", "31", "98 410", "28 305"],
            ["#东莞市测试技工学校", "1", "2 046", "611"]]  # fmt: skip
    doc = table(rows, path="东莞市测试技工学校/统计表.docx")
    doc = Document(doc.path, [Block("全市技工院校学生情况（2025年）", "paragraph", Position(paragraph=1)), *doc.blocks])
    found = {code: v.value for code, v in EXTRACTOR.extract([doc], 2025).items()}
    assert (found["students_total"], found["graduates"]) == (2046, 611)


def test_a_total_column_and_a_total_over_full_and_part_time() -> None:
    by_level = [["指标", "总计", "中级工班", "高级工班"], ["全日制在校生", "4 210", "2 406", "1 804"]]
    assert table_values(by_level)["students_total"] == 4210
    both = [["项目", "在校学生数（人）"], ["总计", "3 604"], ["全日制", "3 311"], ["非全日制", "293"]]
    assert table_values(both).get("students_total") != 3604


def test_boxes_after_their_names() -> None:
    rows = [["已建立的管理制度", "教职工管理☑ 教学管理☑ 学生管理□ 招生管理与就业服务☑ 资产及后勤管理☑"]]
    assert table_values(rows)["mgmt_rules"] == ["教职工管理", "教学管理", "招生管理与就业服务", "资产及后勤管理"]


def test_textbook_tables_with_a_numbering_column_and_the_answer_in_the_row() -> None:
    asked = [["序号", "课程", "教材名称", "是否国家统编"], ["1", "思想政治", "中国特色社会主义", "是"],
             ["2", "历史", "中国历史", "否"]]  # fmt: skip
    found = table_values(asked)
    assert found["textbook_politics"] is True and found["textbook_history"] is False
    said = [
        ["序号", "教材名称", "出版单位"],
        ["1", "语文（国家统编）", "中国劳动社会保障出版社"],
        ["2", "历史（校本讲义）", "——"],
    ]
    found = table_values(said)
    assert found["textbook_chinese"] is True and found["textbook_history"] is False


def test_a_textbook_row_naming_other_schools_is_theirs() -> None:
    rows = [["序号", "教材名称", "选用学校"], ["1", "历史（统编）", "东莞市别家技工学校"]]
    assert "textbook_history" not in table_values(rows)


def test_a_total_column_beside_kinds_of_staff() -> None:
    rows = [["指标", "总计", "在编", "人事代理"], ["教职工", "205", "150", "55"], ["#专任教师", "161", "120", "41"]]
    assert table_values(rows)["full_time_teachers"] == 161


def test_a_scorecard_reads_the_actual_column_not_the_score_beside_the_label() -> None:
    rows = [
        ["项目名称", "技能培训专项", "自评得分", "93"],
        ["一级指标", "二级指标", "三级指标", "分值", "指标值（A）", "全年实际值（B）", "得分"],
        ["产出指标", "数量指标", "全日制在校生（人）", "8", "2,500人", "2,581人", "8"],
        ["产出指标", "数量指标", "举办校园招聘会（场）", "6", "3", "4", "6"],
        ["效益指标", "社会效益指标", "示范性专业毕业生就业率", "10", "≥95%", "97.3%", "10"],
        ["产出指标", "数量指标", "参训合作企业数", "5", "8家", "11家", "5"],
    ]
    found = table_values(rows)
    assert (found["students_total"], found["job_fairs"]) == (2581, 4)
    assert "employment_rate" not in found and "coop_enterprises" not in found  # a part's rate, a part's firms


def test_a_standards_table_reads_the_schools_column_and_cells_that_name_their_figure() -> None:
    rows = [
        ["条款", "标准要求", "学校现状", "是否达标"],
        ["第七条", "学制教育在校生800人以上", "全日制在校生1,034人", "是"],
        ["第七条", "常设专业不少于3个", "常设专业6个", "是"],
        ["教师配备", "≥60", "88", "是"],
    ]
    found = table_values(rows)
    assert (found["students_total"], found["majors_total"]) == (1034, 6)
    checked = [["监测类别", "监测指标", "达标标准", "学校实际"], ["教师配备", "专任教师数（人）", "≥60", "77"]]
    assert table_values(checked)["full_time_teachers"] == 77


def test_a_count_in_ten_thousands_is_read_to_its_precision() -> None:
    rows = [["指标", "2025年", "2024年"], ["全日制在校生数（万人）", "1.34", "1.30"]]
    value = EXTRACTOR.extract([table(rows)], 2025)["students_total"]
    assert value.value == 13400 and value.confidence < 0.9  # 1.34万 is 13,350–13,449: not exact


@pytest.mark.parametrize(
    ("cell", "code", "expected"),
    [
        ("按方案开齐开足☑ 未开足□", "ideology_course_full", True),
        ("按方案开齐开足□ 未开足☑", "ideology_course_full", False),
        ("已备案□ 申请中☑", "skill_rating_filed", False),
        ("已经人社部门备案☑ 未备案□", "skill_rating_filed", True),
        ("建有创业孵化基地☑ 无□", "incubator", True),
    ],
)
def test_a_row_of_boxed_options_answers_by_the_option_ticked(cell: str, code: str, expected: bool) -> None:
    labels = {"ideology_course_full": "思想政治课", "skill_rating_filed": "职业技能等级认定备案"}
    label = labels.get(code, "创业服务载体")
    assert table_values([["项目", "情况"], [label, cell]])[code] is expected


def test_a_label_naming_another_group_whose_words_hold_the_head_is_that_group() -> None:
    rows = [["指标", "2025年", "2024年"], ["全日制国（境）外留学生人数", "0", "0"],
            ["在国（境）外组织担任职务的专任教师人数", "1", "0"]]  # fmt: skip
    found = table_values(rows)
    assert "students_total" not in found and "full_time_teachers" not in found


def test_the_senior_level_beside_a_higher_level_is_summed_into_senior_and_above() -> None:
    rows = [["培养层次", "在校生（人）"], ["中级工班", "1,980"], ["高级工班", "1,150"], ["预备技师（技师）班", "296"],
            ["合计", "3,426"]]  # fmt: skip
    found = table_values(rows)
    assert (found["students_total"], found["students_senior"]) == (3426, 1446)
    nested = [["培养层次", "在校生（人）"], ["高级工班", "1,150"], ["其中：预备技师（技师）班", "296"]]
    assert "students_senior" not in table_values(nested)  # a part of the senior level, not a level beside it
    alone = [["培养层次", "在校生（人）"], ["中级工班", "1,980"], ["高级工班", "1,150"], ["合计", "3,130"]]
    assert table_values(alone)["students_senior"] == 1150


def test_a_part_row_marked_with_hash_names_a_part_of_the_row_above() -> None:
    rows = [["指标", "总计", "装备制造类", "信息技术类"], ["开设专业", "21", "12", "9"],
            ["#对接战略性支柱、新兴产业", "15", "9", "6"], ["#实行校企合作培养", "18", "10", "8"]]  # fmt: skip
    found = table_values(rows)
    assert (found["majors_total"], found["majors_strategic"], found["majors_coop"]) == (21, 15, 18)


def test_a_part_column_marked_with_hash_qualifies_the_row() -> None:
    rows = [["指标", "总计", "中级工班", "高级工班", "#高级工班及以上"],
            ["全日制在校生", "3 910", "2 100", "1 810", "1 810"],
            ["全日制毕业生", "1 120", "700", "420", "420"]]  # fmt: skip
    found = table_values(rows)
    assert (found["students_total"], found["students_senior"], found["graduates"]) == (3910, 1810, 1120)


def test_the_full_time_row_stands_for_a_total_that_sums_part_time_too() -> None:
    rows = [["项目", "在校学生数（人）", "毕业生数（人）"], ["总计", "3 604", "905"], ["全日制", "3 311", "905"],
            ["非全日制", "293", "——"]]  # fmt: skip
    assert table_values(rows)["students_total"] == 3311


def test_a_column_counted_in_another_measure_names_no_figure_of_the_caption() -> None:
    rows = [["项目", "培训班数（个）", "培训人次"], ["总计", "58", "3 960"], ["企业职工", "40", "2 800"],
            ["失业人员", "18", "1 160"]]  # fmt: skip
    assert table_values(rows, caption="职业培训情况（2025年）")["training_sessions"] == 3960


def test_columns_of_years_said_as_results_and_a_target_year() -> None:
    rows = [["指标", "2024年实绩", "2025年实绩", "2026年目标"], ["全日制在校生（人）", "4,410", "4,652", "5,000"],
            ["毕业生就业率", "96.9%", "97.4%", "≥98%"]]  # fmt: skip
    found = table_values(rows)
    assert (found["students_total"], found["employment_rate"]) == (4652, 97.4)


def test_year_columns_this_reader_cannot_place_give_no_value() -> None:
    rows = [["指标", "2025年1-6月", "2025年7-12月"], ["职业技能培训（人次）", "2,410", "2,652"]]
    assert "training_sessions" not in table_values(rows)  # two halves of the year: neither is the year's figure


def test_a_row_of_figures_naming_actual_is_no_header_row() -> None:
    rows = [["一级指标", "三级指标", "年度指标值", "实际完成值"],
            ["产出指标", "免学费实际受助学生数", "1 700人", "1 688人"],
            ["效益指标", "毕业生就业率", "≥95%", "96.8%"]]  # fmt: skip
    assert table_values(rows)["employment_rate"] == 96.8


def test_licensed_and_present_columns_and_a_results_column() -> None:
    licensed = [["项目", "核定", "现有"], ["全日制在校生（人）", "500（核定办学规模）", "644"]]
    assert table_values(licensed)["students_total"] == 644
    done = [["序号", "任务指标", "年度目标", "完成情况"], ["1", "职业技能培训（人次）", "5 000", "5 266"],
            ["2", "高级工及预备技师班在校生占比", "70%", "72.5%"]]  # fmt: skip
    found = table_values(done)
    assert (found["training_sessions"], found["senior_ratio"]) == (5266, 72.5)


def test_the_content_cell_of_a_two_column_form_is_read_as_a_phrase() -> None:
    rows = [["项目", "内容"], ["在校学生", "全日制在校生 1 024 人（不含短期培训学员）"],
            ["年度培训", "2025年开展各类职业技能培训 2 480 人次"]]  # fmt: skip
    found = table_values(rows)
    assert (found["students_total"], found["training_sessions"]) == (1024, 2480)


def test_a_captions_aside_on_how_the_table_is_cut_does_not_put_it_off_topic() -> None:
    rows = [["专业类别", "毕业学生人数", "就业学生人数"], ["加工制造类", "312", "305"], ["信息技术类", "198", "190"],
            ["合计", "510", "495"]]  # fmt: skip
    found = table_values(rows, caption="2025年毕业生就业情况表（按专业类别）")
    assert (found["graduates"], found["graduates_employed"]) == (510, 495)


def test_a_column_of_row_numbers_and_their_relations_holds_no_values() -> None:
    rows = [["项 目", "行次及关系", "上报数"], ["四、教育事业收入（万元）", "7=8+9", "426.85"],
            ["面向社会职业技能培训收入（万元）", "9", "328.60"], ["人均培训补贴", "10", "4800"]]  # fmt: skip
    found = table_values(rows)
    assert found["social_training_income"] == 3286000 and "training_sessions" not in found


def test_a_type_answered_with_boxes_takes_the_box_ticked() -> None:
    rows = [["学校全称", "东莞市测试技工学校", "学校性质", "☑公办 □民办"]]
    assert table_values(rows)["school_type"] == "公办"


def test_a_forms_caption_about_one_programme_puts_its_partner_count_off_topic() -> None:
    rows = [["项目", "内容"], ["合作企业（家）", "3"], ["学徒人数", "中级工64人，高级工28人，合计92人"]]
    found = table_values(rows, caption="东莞市测试技工学校2025年度企业新型学徒制培训备案汇总表")
    assert "coop_enterprises" not in found


def test_the_full_time_row_of_a_table_of_kinds_holds_the_schools_figures() -> None:
    rows = [["项目", "招生数（人）", "毕业生数（人）", "在校学生数（人）", "#专任教师（人）"],
            ["全日制技工教育", "986", "1,102", "3,025", "187"],
            ["　#中级工班", "712", "845", "2,104", "——"],
            ["　#高级工班", "274", "257", "921", "——"],
            ["非全日制学历教育", "214", "96", "402", "——"]]  # fmt: skip
    found = table_values(rows)
    expected = {"graduates": 1102, "students_total": 3025, "students_senior": 921, "full_time_teachers": 187}
    assert {code: found.get(code) for code in expected} == expected


def test_the_one_figure_of_a_column_is_not_taken_from_a_row_of_another_year() -> None:
    rows = [["年份", "在校生数", "招生数", "毕业生数"], ["2024", "3,108", "1,062", "951"],
            ["2025", "（待补报）", "1,137", "988"]]  # fmt: skip
    found = table_values(rows)
    assert "students_total" not in found and found["graduates"] == 988


def test_a_full_time_row_of_another_concept_is_not_the_columns_figure() -> None:
    rows = [["指标", "总计", "中级工班", "高级工班", "#高级工班及以上"],
            ["全日制在校生", "4 826", "2 604", "2 222", "2 222"],
            ["全日制毕业生", "1 402", "905", "497", "497"],
            ["非全日制学员", "615", "——", "——", "——"]]  # fmt: skip
    assert table_values(rows)["students_senior"] == 2222


def test_a_row_of_figures_under_a_row_of_heads() -> None:
    rows = [["毕业学生人数", "就业学生人数", "就业率"], ["1,312", "1,268", "96.65%"]]
    found = table_values(rows)
    assert (found["graduates"], found["graduates_employed"], found["employment_rate"]) == (1312, 1268, 96.65)


def test_a_column_of_statements_is_read_as_phrases_and_a_set_before_its_part() -> None:
    rows = [["核查项目", "自查情况", "存在问题"],
            ["校企合作专业", "全校18个专业中开展校企合作培养的14个", "4个专业尚无稳定合作企业"],
            ["企业兼职教师", "聘请企业兼职教师42人", "其中年授课不足40学时的9人"]]  # fmt: skip
    found = table_values(rows)
    assert (found["majors_total"], found["majors_coop"], found["part_time_teachers"]) == (18, 14, 42)


def test_a_column_of_scores_holds_no_figures() -> None:
    rows = [["评估项目", "评分办法", "学校自评", "自评分"],
            ["9 专业设置（50分）", "符合产业需求", "开设专业11个，其中对接战略性新兴产业专业4个", "45"]]  # fmt: skip
    found = table_values(rows)
    assert (found["majors_total"], found["majors_strategic"]) == (11, 4)


def test_a_form_of_label_and_value_pairs_is_read_by_what_its_labels_name() -> None:
    rows = [["学校全称", "东莞市测试技工学校", "主管部门", "东莞市人力资源和社会保障局"],
            ["学校性质", "☑公办 □民办", "全日制在校生数", "2,965"],
            ["专任教师数", "156", "兼职教师数", "38"],
            ["2025年毕业生就业率", "97.4%", "2025年承担社会培训人次", "5,230"]]  # fmt: skip
    found = table_values(rows)
    assert (found["students_total"], found["training_sessions"]) == (2965, 5230)


def test_a_label_in_a_table_of_columns_is_not_read_against_the_next_column() -> None:
    rows = [["项目", "在校学生数（人）", "占比"], ["中级工班", "1 486", "61.2％"], ["高级工班", "790", "32.5％"],
            ["预备技师班", "152", "6.3％"], ["合计", "2 428", "100％"]]  # fmt: skip
    assert table_values(rows)["students_senior"] == 942  # the two levels' sum, not a share read as a count


def test_rows_under_rows_that_all_state_one_unit_are_in_that_unit() -> None:
    rows = [["项 目", "行次及关系", "上报数"], ["一、财政补助收入（万元）", "1=2+4", "2,946.30"],
            ["四、教育事业收入（万元）", "7=8+…+10", "426.85"], ["1、学费", "8", "0"],
            ["3、面向社会职业技能培训收入", "10", "328.60"], ["五、其他收入（万元）", "11", "41.20"]]  # fmt: skip
    assert table_values(rows)["social_training_income"] == 3286000


def test_a_forms_row_label_says_what_its_content_counts() -> None:
    rows = [["项目", "内容"], ["开设专业", "汽车维修、中式烹调、家政服务、物联网技术应用、陶瓷工艺，共5个"]]
    assert table_values(rows)["majors_total"] == 5


def test_a_label_naming_a_rate_is_no_count() -> None:
    rows = [["指标", "2024年", "2025年"], ["职业技能等级证书获取率", "85.5", "88.0"], ["就业率", "97.1%", "97.6%"]]
    found = table_values(rows)
    assert "skill_certificates" not in found and found["employment_rate"] == 97.6


def test_a_scorecards_unit_column_gives_the_figures_unit() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "度量单位", "实际完成值", "得分"],
            ["产出指标", "数量指标", "职业技能培训人次", "5000", "人次", "5382", "10"],
            ["效益指标", "经济效益指标", "面向社会培训收入", "60", "万元", "72.4", "10"]]  # fmt: skip
    found = table_values(rows)
    assert (found["training_sessions"], found["social_training_income"]) == (5382, 724000)


def test_columns_of_a_budget_year_and_an_executed_year_over_a_total_row() -> None:
    rows = [["项目", "2026年预算数", "2025年执行数", "增减（%）"], ["合计", "6,120.50", "5,894.26", "3.8"],
            ["事业收入", "660.50", "612.83", "7.8"], ["其中：社会培训收入", "205.00", "192.68", "6.4"]]  # fmt: skip
    assert table_values(rows, caption="单位：万元")["social_training_income"] == 1926800


def test_rows_under_a_cohorts_head_count_are_categories_of_people() -> None:
    rows = [["去向", "2025届人数"], ["就业", "612"], ["合作企业留用", "176"], ["升学", "140"], ["合计", "928"]]
    assert "coop_enterprises" not in table_values(rows)


def test_a_checklist_answers_in_whichever_column_holds_the_mark() -> None:
    rows = [["检查项目", "检查方式", "自查结果", "备注"],
            ["语文课是否使用国家统编教材", "查阅教材目录", "☑是 □否", "相符"],
            ["历史课是否使用国家统编教材", "查阅教材目录", "□是 ☑否", "暂用地方教材"],
            ["是否已开通非全日制学籍注册通道", "登录学籍平台", "否", "—"]]  # fmt: skip
    found = table_values(rows)
    assert (found["textbook_chinese"], found["textbook_history"]) == (True, False)
    assert found["part_time_registration_open"] is False


def test_a_checklist_row_with_marks_in_two_columns_that_disagree_gives_nothing() -> None:
    rows = [["检查项目", "学校自查", "督导核查"], ["是否已开通非全日制学籍注册通道", "是", "否"]]
    assert "part_time_registration_open" not in table_values(rows)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("☑已建立 □未建立", True), ("□已建立 ☑未建立", False), ("☑已建立 □筹建中 □未建立", True), ("☑已建立 □其他", None),
     ("☑申请中 □已备案", None)],
)  # fmt: skip
def test_boxed_options_said_in_words_answer_yes_or_no(cell: str, expected: bool | None) -> None:
    rows = [["学校类别", "技工学校", "党组织", cell], ["办学性质", "民办", "专任教师（人）", "88"]]
    assert table_values(rows).get("party_org_established") is expected


def test_words_inside_an_aside_of_what_is_left_out_exclude_nothing() -> None:
    rows = [["指标", "2025年"], ["示范性专业一至三年级在校生（不含高中起点高级工班）（人）", "418"]]
    assert table_values(rows)["demo_major_students"] == 418


def test_a_column_of_notes_says_yes_or_no_of_its_rows_topic() -> None:
    rows = [["项目", "2025年实际", "2026年预算", "说明"],
            ["社会培训收入（万元）", "96.4", "100.0", "已上缴财政专户，本年度尚未返还学校"],
            ["技能等级认定（人次）", "1 208", "1 300", "已报市人社局备案"]]  # fmt: skip
    found = table_values(rows)
    assert found["training_income_fully_returned"] is False and found["skill_rating_filed"] is True


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("学校职业技能等级认定机构于2024年获市人力资源和社会保障局备案。", True),
        ("专家组认定该校评价机构具备开展职业技能等级认定的条件，同意予以备案。", True),
        ("学校开展认定的4个职业（工种）均已在市人社局备案。", True),
        ("你校报送的职业技能等级认定机构备案材料收悉。经审核，你校考评场地尚未达到要求，决定暂缓备案。", False),
        ("全市经备案的职业技能等级认定社会评价组织已达21家。", None),
    ],
)  # fmt: skip
def test_filing_said_in_the_words_of_notices_and_news(paragraph: str, expected: bool | None) -> None:
    assert values(paragraph).get("skill_rating_filed") is expected


def test_a_form_line_whose_label_asks_of_a_topic_in_its_own_words() -> None:
    found = values("经人社部门备案开展职业技能等级认定：☑是　□否", "建有创业孵化基地等创业服务载体：□是　☑否")
    assert (found["skill_rating_filed"], found["incubator"]) == (True, False)


def test_a_level_row_in_a_table_of_levels_by_year_is_its_own_concept() -> None:
    rows = [["层次", "2024年（人）", "2025年（人）"], ["中级工班", "2,640", "2,710"],
            ["其中：高级工班及以上", "1,905", "2,016"], ["合计", "4,545", "4,726"]]  # fmt: skip
    assert table_values(rows, caption="学校在校生层次结构") == {"students_total": 4726, "students_senior": 2016}


def test_levels_written_without_ban_add_up_like_classes() -> None:
    rows = [["层次", "招生数", "在校生数"], ["中级工", "760", "2,118"], ["高级工", "288", "864"],
            ["预备技师", "0", "0"], ["合计", "1,048", "2,982"]]  # fmt: skip
    found = table_values(rows)
    assert (found["students_total"], found["students_senior"]) == (2982, 864)


def test_a_note_between_a_tables_title_and_the_table_is_no_caption() -> None:
    rows = [["指标", "数值"], ["全日制在校生数（人）", "2 918"], ["毕业生数（人）", "864"]]
    doc = table(rows)
    note = Block("说明：在校生数为统计时点数；毕业生数为统计时期数（2024年9月1日至2025年8月31日）。", "paragraph",
                 Position(paragraph=1))  # fmt: skip
    found = EXTRACTOR.extract([Document(path=doc.path, blocks=[note, *doc.blocks])], 2025)
    assert (found["students_total"].value, found["graduates"].value) == (2918, 864)


def test_a_row_label_is_headed_by_the_noun_after_de() -> None:
    rows = [["项目", "人数"], ["在编教职工", "132"], ["其中：专任教师", "104"], ["#来自合作企业的兼职教师", "15"]]
    assert table_values(rows)["part_time_teachers"] == 15


def test_a_budget_column_of_the_report_year_and_a_change_column_are_no_actual_figures() -> None:
    rows = [["项目", "2025年预算数", "2024年预算数", "增减"], ["事业收入", "1 326.00", "1 210.50", "115.50"],
            ["#职业技能培训收入", "260.00", "235.00", "25.00"]]  # fmt: skip
    assert "social_training_income" not in table_values(rows, caption="学院2025年收入预算总表（单位：万元）")


def test_the_one_money_unit_of_a_captions_list_scales_money_only() -> None:
    rows = [["开设专业数", "全日制在校生", "社会培训收入"], ["12", "2 915", "1 064"]]
    found = table_values(rows, caption="学校综合情况表（2025年）　单位：个、人、千元")
    assert (found["majors_total"], found["students_total"], found["social_training_income"]) == (12, 2915, 1064000)
