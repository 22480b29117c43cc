"""Extraction on text patterned on real published school reports (bench/realpattern): floors that CI holds.

The held-out set is not scored here: it is scored once, by hand, with `python -m bench.phrasing --set heldout`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.phrasing import run_set
from jigong.pipeline.extract import Extractor

EXTRACTOR = Extractor()


@pytest.mark.parametrize(
    ("name", "recall", "precision"),
    [("dev", 0.95, 0.995), ("tune", 0.90, 0.99)],
)
def test_real_phrasing_is_read_right_or_not_at_all(name: str, recall: float, precision: float, tmp_path: Path) -> None:
    score, _ = run_set(name, EXTRACTOR, tmp_path)
    assert score.recall >= recall, score.line() + "\n" + "\n".join(score.lines)
    assert score.precision >= precision, score.line() + "\n" + "\n".join(score.lines)
    sure = score.bands.get("≥ 0.90")
    assert sure is not None and sure["right"] / sum(sure.values()) >= 0.99  # confidence ≥ 0.9 means right


@pytest.mark.parametrize(
    "sentence",
    [
        "2025届毕业生就业洽谈会于12月26日举行。",
        "学校2025年9月开设新专业，2026届毕业生将于明年毕业。",
        "二〇二五年度，学校于2025年3月12日召开教代会。",
        "2023-2024学年，学校在校生规模稳定。",
        "学校始建于1986年，2025级新生已全部报到。",
        "第3届技能节于2025.9.1开幕，毕业生第1批离校。",
    ],
)
def test_no_value_ever_comes_from_a_date_a_year_or_a_cohort(sentence: str) -> None:
    from helpers.documents import prose

    found = EXTRACTOR.extract([prose(sentence)], 2025)
    numeric = {c: v.value for c, v in found.items() if type(v.value) in (int, float)}
    assert numeric == {}


@pytest.mark.parametrize(
    ("paragraphs", "refused"),
    [
        # a range or a floor in a table cell is no stated value
        (["专任教师：120-130人"], "full_time_teachers"),
        (["毕业生就业率：96%以上"], "employment_rate"),
        # a form's question is no statement
        (["3.专业课程是否执行部颁教学标准？"], "ministry_teaching_standards"),
        # a department's figure is not the school's
        (["机械工程系党支部牵头与合作企业共建技能大师工作室2个。"], "master_studio_partners"),
        (["本系合作企业达到18家。"], "coop_enterprises"),
        (["2025年工作室开展技术攻关项目4项，面向企业职工开展培训312人次。"], "training_sessions"),
        # parts listed side by side, with no total, are not the whole
        (["学校与合作企业共建企业技师工作站1个、技能大师工作室2个。"], "master_studio_partners"),
        # a relative clause makes a part of the graduates
        (["在各类企事业单位就业的毕业生为684人，占毕业生总数的70.52%。"], "graduates"),
        # the second held-out set (heldout2): rates by category after 其中, a narrower rate, a denied predicate
        (["其中技师班毕业生310人，就业率99.0%；高级工班毕业生896人，就业率97.5%。"], "employment_rate"),
        (["全校毕业生中直接就业612人，直接就业率为48.3%。"], "employment_rate"),
        (["学校开设专业15个，其余4个专业尚未开展校企合作。"], "majors_coop"),
        # the third held-out set (heldout3): other schools as the subject of a fact, a prescription, an event's
        # guests, a department's graduates
        (["全市符合条件的民办技工学校中已有27所建立党组织。"], "party_org_established"),
        (["书记在会上表示，实行党组织领导的校长负责制是办好学校的根本要求。"], "principal_responsibility"),
        (["学校上周举办的产教对接会吸引了41家企业到场洽谈。"], "coop_enterprises"),
        (["近日，学校数控系58名毕业生与某精工集团签署就业协议。"], "graduates"),
        # a part of some body's members; the partners of one project
        (["学校名师工作室现有成员9人，其中企业兼职教师4人。"], "part_time_teachers"),
        # the fourth held-out set (heldout4): course types are no textbook subjects, employment at one kind of
        # destination is a part, people at one occasion are the occasion's, a cue before a colon is the preamble's
        (["学校开展教材使用自查，范围涵盖公共基础课、专业课和校本课程三类。"], "textbook_history"),
        (["毕业生到国有企业就业206人，占直接就业毕业生的31.2%。"], "graduates_employed"),
        (["毕业生到国有企业就业206人，占直接就业毕业生的31.2%。"], "employment_rate"),
        (["对接会上，有40余名毕业生与用人单位现场签约。"], "graduates"),
        (["集团培训中心负责人和新型学徒制学员60余人参加了开班仪式。"], "apprentices"),
        (["校长介绍了校企合作情况：学校开设机电、商贸等15个专业。"], "majors_coop"),
        (["学校承接新型学徒制培训项目，为5家合作企业培训学徒160人。"], "coop_enterprises"),
    ],
)
def test_families_found_on_the_held_out_set_give_no_value(paragraphs: list[str], refused: str) -> None:
    from helpers.documents import prose

    assert refused not in EXTRACTOR.extract([prose(*paragraphs)], 2025)


@pytest.mark.parametrize(
    ("paragraphs", "code", "value"),
    [
        # "N个X中有M个X…": the whole set before 中 takes no cue from earlier in the sentence
        (["学校与86家企业开展校企合作，共建实训基地9个；23个专业中有20个专业实行校企合作培养。"], "majors_coop", 20),
        # the starting point of a change ("由现有的…") is now; the figure it will reach is not
        (["学校计划2026年新增两个专业，届时专业总数将由现有的18个增至20个。"], "majors_total", 18),
        # a step on the way (上缴财政后) is no refusal of the return
        (["学校社会培训收入按规定上缴财政后全额返还学校使用。"], "training_income_fully_returned", True),
        # another subject as the object of a comparison or an award is not the sentence's subject
        (["学校生师比高于全市技工院校平均水平；学校企业兼职教师仅27人。"], "part_time_teachers", 27),
        (["学校荣获全省技工院校德育工作先进集体称号；2025届毕业生就业率达98.4%。"], "employment_rate", 98.4),
        # an aside inside the head (就业（含升学）率), and 开展合作 as the cue of cooperating enterprises
        (["2025届毕业生812人，就业（含升学）率97.2%。"], "employment_rate", 97.2),
        (["2025年学校与63家企业开展合作。"], "coop_enterprises", 63),
        # a total said with 全年共; the predicate past a partner (与企业) and an object (订单班) still cues
        (["学校另组织专场招聘会5场，全年共组织招聘会7场。"], "job_fairs", 7),
        (["学校开设的14个专业中，已有10个专业与企业开展订单班培养。"], "majors_coop", 10),
        # 关系 is no department ("保持稳定合作关系的企业")
        (["学校保持稳定合作关系的企业共52家。"], "coop_enterprises", 52),
        (["学校合作企业总数为38家。"], "coop_enterprises", 38),
        # a teaching plan is no hedge; 按部颁标准 says the standards are followed
        (["各专业均按部颁教学标准编制教学计划。"], "ministry_teaching_standards", True),
        (["截至12月已有1,067人落实就业去向（含升学）。"], "graduates_employed", 1067),
    ],
)
def test_families_found_on_the_second_held_out_set_give_the_stated_value(
    paragraphs: list[str], code: str, value: object
) -> None:
    from helpers.documents import prose

    found = EXTRACTOR.extract([prose(*paragraphs)], 2025)
    assert code in found and found[code].value == value
