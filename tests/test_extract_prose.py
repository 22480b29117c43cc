"""Figures in sentences: label variants, orders, number forms, sentences across pages — and every distractor refused."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from helpers.documents import prose

from jigong.pipeline.extract import Extractor, segment
from jigong.pipeline.extract.sentences import clauses, document_sentences, split_sentences
from jigong.pipeline.model import Block, Document, Position

EXTRACTOR = Extractor()


def values(*paragraphs: str, year: int | None = 2025) -> dict[str, object]:
    return {code: v.value for code, v in EXTRACTOR.extract([prose(*paragraphs)], year).items()}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("学校现有3,210名全日制在校生。", {"students_total": 3210}),
        ("全日制在校生：3210人；", {"students_total": 3210}),
        ("在籍在校生１２，８６０人。", {"students_total": 12860}),
        ("全日制在校生1.29万人。", {"students_total": 12900}),
        ("学校开设28个专业，其中26个专业实行校企合作培养模式，占比92.9%。",
         {"majors_total": 28, "majors_coop": 26, "coop_ratio": 92.9}),
        ("毕业生1,150人，其中1,128人实现就业。", {"graduates": 1150, "graduates_employed": 1128}),
        ("814名高级工班及以上在校生，所占比例为37.0%。", {"students_senior": 814, "senior_ratio": 37.0}),
        ("高级工班及以上在校生：1,290人（占比40.2%）。", {"students_senior": 1290, "senior_ratio": 40.2}),
        ("毕业生初次就业率达百分之九十八点二。", {"employment_rate": 98.2}),
        ("全年面向社会开展职业技能培训收入126.5万元。", {"social_training_income": 1265000}),
        ("社会化培训收入1,265,000元。", {"social_training_income": 1265000}),
        ("扣除成本后按60%的比例提取用于补充绩效工资。", {"perf_pay_extraction_ratio": 60.0}),
        ("学校聘请45名企业技术骨干担任兼职教师。", {"part_time_teachers": 45}),
        ("学校与112家企业建立合作关系，与3个企业技师工作站（技能大师工作室）开展合作。",
         {"coop_enterprises": 112, "master_studio_partners": 3}),
        ("学校与境外院校合作举办中外合作办学项目一个。", {"intl_programs": 1}),
        ("国际课程班在校生45人，申请国际课程班生均经费补贴20万元，18名学生考取国际职业技能证书。",
         {"intl_class_students": 45, "intl_class_subsidy_claim": 200000, "intl_cert_students": 18}),
        ("举办12场校园招聘会。", {"job_fairs": 12}),
        # a plan word inside a sentence speaks up to its semicolon; all three grades are the whole school
        ("新校区规划办学规模将达到9,000人；合并后全日制在校生6,102人，开设专业23个。",
         {"students_total": 6102, "majors_total": 23}),
        ("学校三个年级全日制在校生共2,975人已迁入新校区。", {"students_total": 2975}),
        # a part of the year said in a clause of its own speaks up to its semicolon; a score is no count
        ("这是学校今年举办的第2场招聘会，下半年还将再办3场；学校目前共有合作企业71家。", {"coop_enterprises": 71}),
        ("12招生与就业（50分）：学校2025届毕业生1,104人，就业1,079人。",
         {"graduates": 1104, "graduates_employed": 1079}),
        # a place named after 在 is no subject; a long certificate name with an aside still names the concept
        ("学院2025年在全市校企合作洽谈会等活动中新签协议17份，合作企业增至74家；全年组织校园招聘会6场。",
         {"coop_enterprises": 74, "job_fairs": 6}),
        ("当年有16名国际课程班学生考取德国工商大会（AHK）职业资格证书。", {"intl_cert_students": 16}),
        ("学校开设数控加工、汽车维修等11个专业，与之配套的实训功能区共48个。", {"majors_total": 11}),
        # the pupils counted by what they did: a predicate names the concept
        ("当年有11名国际课程班学生考取德国工商大会职业资格证书。", {"intl_cert_students": 11}),
        # graduates who hold a certificate are not the certificates issued
        ("2025届毕业生812人，其中取得职业技能等级证书的779人。", {"graduates": 812}),
        # the same verb in two clauses, one of them the whole: not a breakdown
        ("学校全年共开展职业技能培训2,300人次；开设专业16个，开设专业数较上年增加2个。",
         {"training_sessions": 2300, "majors_total": 16}),
        ("全年开展职业技能培训6,838人次。", {"training_sessions": 6838}),
        # a plan's period is the plan's; a head pointing back takes its meaning from the paragraph
        ("全年开展各类职业技能培训4,860人次；计划全年培训5,500人次。", {"training_sessions": 4860}),
        ("学院下设9个教学系部、34个专业。", {"majors_total": 34}),
        ("全校总共5,800名学生。", {"students_total": 5800}),
        # the state after an event is no figure of the event
        ("此次签约后，学院合作企业总数增至173家。", {"coop_enterprises": 173}),
        # the majors some pupils are in are not all the school runs
        ("学院今年共有毕业生1,528人，分布在24个专业。", {"graduates": 1528}),
        ("新生分布在学校开设的机电、汽修、电商等9个专业。", {"majors_total": 9}),
        # a part of a whole the concept leaves out is no figure of it; a part that names its own kind is
        ("承担思想政治课教学的教师共14人，其中专职教师11人、兼职教师3人。", {}),
        ("学生总数（含非全日制）1,553人，其中全日制在校生1,409人。", {"students_total": 1409}),
        # a group a relative clause picks out is not all of them
        ("获学校“教学优秀奖”的40名专任教师中，党员35人。", {}),
        ("参加技能竞赛的126名学生中，获奖38人；学校现有的112名专任教师中，党员19人。", {"full_time_teachers": 112}),
        # the whole said again, then the part of it the concept counts
        ("技能大师工作室共5个，其中国家级1个、省级2个、市级2个；5个工作室中与合作企业共建的有3个。",
         {"master_studio_partners": 3}),
        # a total said after the head a form's label or an earlier clause names
        ("学校开设汽车维修、中式烹调等专业，共5个。", {"majors_total": 5}),
        # what a speaker tells of the school at an event is the school's, not the event's
        ("签约现场，副校长介绍，学校现开设专业16个，合作企业37家。", {"majors_total": 16, "coop_enterprises": 37}),
        ("签约仪式上，学院与26家企业签订合作协议。", {}),
        # the names listed before a figure neither cue nor exclude its concept
        ("学校开设机电一体化、工业机器人应用与维护、电子商务等12个专业。", {"majors_total": 12}),
        ("学校新增机电、数控等3个专业。", {}),
        # an estimate is no figure; those still looking are not employed; a pilot is no count of cooperating majors
        ("2025届毕业生就业情况正在统计，初步测算就业率约为97%。", {}),
        ("毕业生1,904人，其中直接就业1,512人、升学356人，待就业24人。", {"graduates": 1904}),
        ("学校与38家企业建立校企合作关系；现代学徒制试点专业3个。", {"coop_enterprises": 38}),
        # the pupils of the classes just counted are theirs, not the school's
        ("2025年组建双元制班3个，在读学生96人。", {}),
        ("全校共有教学班62个，在校生2,400人。", {"students_total": 2400}),
        # news of a graduation: the school's total and a tally up to a date are no counts of those at the ceremony
        ("6月27日，学院举行2025届学生毕业典礼，1 426名毕业生在师长的祝福中告别校园。", {"graduates": 1426}),
        ("毕业典礼上，校长宣布：今年学校共有毕业生687人，截至典礼当天已有641人落实就业岗位，就业率93.3%。",
         {"graduates": 687, "graduates_employed": 641, "employment_rate": 93.3}),
        ("6月25日举行毕业典礼。截至6月底，已有2,176名毕业生与用人单位签订就业协议。", {}),
        # a set, then the part of it the words after 中 name
        ("全校共有22个专业中开展订单培养的9个。", {"majors_total": 22, "majors_coop": 9}),
        ("全校18个专业中，开展校企合作的有14个。", {"majors_total": 18, "majors_coop": 14}),
        # training for employed workers is the school's training, not some other kind
        ("学校全年完成农村转移劳动力和企业职工职业技能培训1,860人次。", {"training_sessions": 1860}),
        ("颁发职业技能等级证书三千四百五十本。", {"skill_certificates": 3450}),
        ("培养企业新型学徒一千零八十人。", {"apprentices": 1080}),
        ("学校示范性专业一、二、三年级全日制在校生620人（不含招收高中阶段毕业生的高级工班及以上学生）。",
         {"demo_major_students": 620}),
    ],
)  # fmt: skip
def test_figures_as_reports_write_them(sentence: str, expected: dict[str, object]) -> None:
    assert values(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年全日制在校生为2,890人。",
        "去年同期，学校全日制在校生2,890人，毕业生就业率97.1%。",
        "上年全日制在校生2,890人。",
        "在校生较上年增加320人。",
        "学校招收新生1,200人。",
        "当年招生数：1,200人。",
        "非全日制在校生860人。",
        "另有非全日制学员860人。",
        "全市技工院校在校生4.8万人。",
        "全市技工院校全日制在校生约4.8万人，年输送毕业生9000人以上。",
        "同期，东莞市南方技工学校全日制在校生7,448人。",
        "力争到2026年全日制在校生达到4,000人。",
        "学校计划到2027年将全日制在校生规模扩大到7,308人，高级工班及以上在校生占比提高到45%。",
        "毕业生对口就业率85.3%。",
        "专业对口率86.0%，用人单位满意度97.2%。",
        "力争将高级工班占比提高到45%以上，校企合作专业占比保持在90%以上，年终就业率不低于98%。",
        "本年度新聘兼职教师12人。",
        "国际课程班生均经费补贴上限为22.5万元。",
        "学校开设国际课程班2个。",
        # one figure per category and none for the whole
        "培训退役军人320人次，培训企业在岗职工1,450人次，培训新就业形态劳动者615人次。",
        # a tally of many schools: its figures are theirs
        "来自省内外的86家企业、14所技工院校、4,600余名毕业生参加了本次活动。",
        # majors a partnership covers are not all the school's majors
        "双方合作范围覆盖数控技术、工业机器人等6个专业。",
        # a time word opening the sentence dates all of it, across semicolons
        "近三年来，学校共培养高技能人才1,420人；面向企业职工开展培训3.6万人次。",
        # an article, a capacity, categories of majors, a region's schools, a cohort
        "一家合作企业的人事经理介绍，今年计划招收技校毕业生60多名。",
        "学院年培训能力达3万人次。",
        "招聘岗位涵盖机电、汽车等9个专业门类。",
        "据省人社部门统计，2025年珠三角地区技工院校毕业生平均就业率为97.6%。",
        "截至2025年底，东莞市共有技工院校12所，在校生约8.1万人。",
        "邀请思政课教师为24级机电1班学生讲授微党课。",
        # a class named by its year and season; a past frame; a total of a thing of its own
        "学院召开企业新型学徒制2024秋季班校企座谈会。",
        "近年来，该学院已有6名技师班毕业生考入事业单位。",
        # jobs an incubator created are not graduates in work
        "创业孵化基地全年孵化创业实体9家，带动就业58人。",
    ],
)
def test_distractors_are_never_this_years_value(sentence: str) -> None:
    assert values(sentence) == {}


def test_the_topic_of_a_sentence_said_a_clause_earlier_names_the_figure() -> None:
    # "在校生86人" after "国际课程班" is the class's, not the school's; the school as a whole (全校) takes it back.
    assert values("学校开设国际课程班2个，在校生86人。") == {"intl_class_students": 86}
    assert values("学校开设国际课程班2个，全校全日制在校生3,086人。") == {"students_total": 3086}


def test_approximate_figures_are_kept_and_marked() -> None:
    for text, value in [
        ("学校全日制在校生约3,200人。", 3200),
        ("全日制在校生3000余人。", 3000),
        ("在校生600多人。", 600),
    ]:
        found = EXTRACTOR.extract([prose(text)], 2025)["students_total"]
        assert (found.value, found.approximate) == (value, True)
        assert found.confidence < 0.7  # never sure enough to pass a rule


def test_an_exact_figure_elsewhere_wins_over_a_close_approximation() -> None:
    form = prose("全日制在校生3,248人。", path="统计表.docx")
    report = prose("学校全日制在校生约3,200人，毕业生400余人。", path="报告.docx")
    found = EXTRACTOR.extract([form, report, prose("毕业生457人。", path="表2.docx")], 2025)
    assert (found["students_total"].value, found["students_total"].approximate) == (3248, False)
    assert not found["students_total"].conflict
    assert (found["graduates"].value, found["graduates"].conflict) == (457, False)  # 400余 = 400–499
    far = EXTRACTOR.extract([form, prose("学校全日制在校生约4,000人。")], 2025)["students_total"]
    assert far.conflict


def test_the_figure_belongs_to_its_label_only_where_the_label_is_a_word() -> None:
    # jieba with the user dictionary keeps 对口就业率 one word: the 就业率 inside it is no label.
    assert next(w for w, _, _ in segment.tokens("对口就业率85.3%")) == "对口就业率"
    assert values("学校毕业生对口就业率为85.3%，就业率98.1%。") == {"employment_rate": 98.1}


def test_jieba_is_loaded_once_and_writes_no_cache_file() -> None:
    first = segment.tokenizer()
    segment.tokens("学校全日制在校生3,210人")
    assert segment.tokenizer() is first
    assert not list(Path(tempfile.gettempdir()).glob("jieba*.cache"))


def test_sentences_and_clauses() -> None:
    assert split_sentences("在校生3,210人。毕业生（2024年为1,000人。）1,150人！") == [
        "在校生3,210人。",
        "毕业生（2024年为1,000人。）1,150人！",
    ]
    assert [c for _, c in clauses("毕业生1,150人，就业1,128人")] == ["毕业生1,150人", "就业1,128人"]
    # a line broken inside a sentence (a converter's line) is joined; a short line of its own is not
    assert split_sentences("学校本年度毕业生就业情况良好，毕业生就\n业率98.6%。") == [
        "学校本年度毕业生就业情况良好，毕业生就业率98.6%。"
    ]
    assert split_sentences("学校名称：东莞市甲技工学校\n办学性质：公办") == [
        "学校名称：东莞市甲技工学校",
        "办学性质：公办",
    ]


def test_a_sentence_cut_by_a_pdf_page_break_is_read_whole() -> None:
    doc = Document(
        path="报告.pdf",
        blocks=[
            Block("学校办学规模稳步扩大，全日制在校", "paragraph", Position(page=1)),
            Block("生3,210人，较上年增加120人。", "paragraph", Position(page=2)),
            Block("社会培训收入共计177.25万元，绩效工资提取比例为", "paragraph", Position(page=2)),
            Block("60.0%。", "heading", Position(page=2), level=1),  # a PDF reader took "60." for a heading number
        ],
    )
    sentences = [s.text for s in document_sentences(doc)]
    assert sentences[0] == "学校办学规模稳步扩大，全日制在校生3,210人，较上年增加120人。"
    found = EXTRACTOR.extract([doc], 2025)
    assert found["students_total"].value == 3210
    assert found["students_total"].evidence[0].page == 1  # the evidence points where the sentence starts
    assert found["perf_pay_extraction_ratio"].value == 60.0


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the share after the whole it is of: the count's, before 占
        ("学校高级工班及以上在校生2,105人，占全日制在校生总数5,030人的41.8%。",
         {"students_senior": 2105, "students_total": 5030, "senior_ratio": 41.8}),
        ("开展校企合作培养的专业增至14个，占全校20个专业的70.0%。",
         {"majors_coop": 14, "majors_total": 20, "coop_ratio": 70.0}),
        # a year in an aside is the aside's only; a change 由…调整为 gives its new value
        ("2025年秋季学期全日制在校生2,877人（2024年为2,511人），开设专业由8个调整为11个。",
         {"students_total": 2877, "majors_total": 11}),
        # what was achieved after what was planned
        ("学院计划招收企业新型学徒150人，实际入学137人。", {"apprentices": 137}),
    ],
)  # fmt: skip
def test_shares_changes_asides_and_plans_said_before_what_was_done(sentence: str, expected: dict[str, object]) -> None:
    found = values(sentence)
    assert {code: found.get(code) for code in expected} == expected


def test_a_head_inside_an_aside_names_no_figure_after_it() -> None:
    found = values("该校机电专业全日制在校生（不含招收高中毕业生的高级工班）共386人。")
    assert "graduates" not in found


def test_a_system_still_being_revised_is_not_said_to_exist() -> None:
    found = values(
        "本年度修订完善了教学管理、学生管理两类管理制度并印发执行；资产及后勤管理制度正在修订，计划明年印发。"
    )
    assert found["mgmt_rules"] == ["教学管理", "学生管理"]


def test_an_events_sentence_may_still_give_the_schools_own_total() -> None:
    found = values("2025年6月27日，学院举行2025届毕业典礼，学院2025届毕业生共1,176人，校领导为毕业生代表颁发证书。")
    assert found["graduates"] == 1176
    assert "graduates" not in values("2025年6月27日，学院举行毕业典礼，860名毕业生参加典礼。")


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("试点班在校学生88人。", "students_total"),
        ("取得职业技能等级证书的在校学生1,106人。", "students_total"),
        ("中德班在校生61人。", "students_total"),
        ("学校历史课专任教师仅3人。", "full_time_teachers"),
        ("学校与4家合作企业联合开展企业新型学徒制培训。", "coop_enterprises"),
        ("目前与5家企业的合作协议仍在洽谈之中。", "coop_enterprises"),
        ("通过学校推荐就业512人，占61.2%；其他渠道就业93人，占11.1%。", "graduates_employed"),
        ("全年开展创业培训380人次。", "training_sessions"),
        ("2024年首次组织学生参加德国工商会考试，当年有19人获证。", "skill_certificates"),
    ],
)
def test_a_groups_or_a_channels_figure_is_not_the_schools(sentence: str, code: str) -> None:
    assert code not in values(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "自查结果显示：思想政治、语文、历史三科均使用国家统编教材，未发现使用未经审核教材的情况。",
        "思想政治课仍使用学校组织编写的校本教材。",
    ],
)
def test_a_sentence_about_textbooks_says_nothing_of_the_course_hours(sentence: str) -> None:
    assert "ideology_course_full" not in values(sentence)


def test_a_system_said_to_be_incomplete_is_not_said_to_exist() -> None:
    assert "mgmt_rules" not in values("学校尚未制定资产及后勤管理制度，招生管理与就业服务制度不健全。")


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("全年完成各类培训鉴定7 960人次。", "training_sessions"),
        ("学院牵头组建的教育集团共有成员院校8所，在校生合计4.1万人。", "students_total"),
        ("2025届订单班毕业生52人已全部被企业录用。", "graduates"),
        ("2025届订单班毕业生52人已全部被企业录用。", "graduates_employed"),
        ("“学院数控加工、模具制造两个专业，2025届毕业生初次就业率达到99.3%。”", "employment_rate"),
    ],
)
def test_a_group_a_class_or_named_majors_are_not_the_school(sentence: str, code: str) -> None:
    assert code not in values(sentence)


def test_a_change_word_before_a_colon_does_not_reach_the_figure_after_it() -> None:
    assert values("2025年，学院办学规模持续扩大：全日制在校生5 012人，比上年增加310人。")["students_total"] == 5012


def test_a_plan_to_issue_speaks_of_the_systems_named_just_before() -> None:
    found = values(
        "学校形成了覆盖教学管理、学生管理两个方面的制度体系；资产和后勤管理制度正结合新校区启用重新修订，计划明年印发。"
    )
    assert found["mgmt_rules"] == ["教学管理", "学生管理"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("专业由前几年的11个调整为现在的8个。", {"majors_total": 8}),
        ("学院设三个培养层次，高级技工班和预备技师班学生合计占81.25%。", {"senior_ratio": 81.25}),
        ("学校是经人社部门备案的社会评价组织，全年面向企业职工开展认定。", {"skill_rating_filed": True}),
        ("加上上半年开班的两期，学院2025年共承担企业新型学徒制培训88人。", {"apprentices": 88}),
        ("学校开设的15个专业中，有7个专业与企业合作开设订单班。", {"majors_total": 15, "majors_coop": 7}),
        ("学院现开设的24个专业均实行校企双制培养。", {"majors_total": 24, "majors_coop": 24}),
        ("园林技术、园艺技术等6个专业全部实行校企合作培养。", {"majors_total": None, "majors_coop": 6}),
        ("依托与214家企业的深度合作，学院形成了工学一体的办学模式。", {"coop_enterprises": 214}),
    ],
)  # fmt: skip
def test_more_ways_schools_state_their_figures(sentence: str, expected: dict[str, object]) -> None:
    found = values(sentence)
    assert {code: found.get(code) for code in expected} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a whole that names more than the concept counts, then a part naming those it counts
        ("学校另外聘请兼职教师23人，其中从合作企业聘请的技师12人，其余11人为退休教师。", {"part_time_teachers": 12}),
        ("学院的4个技能大师工作室全部加入联盟，其中与合作企业共建的有3个。", {"master_studio_partners": 3}),
        ("学校聘请企业兼职教师23人，其中高级技师12人。", {"part_time_teachers": 23}),
        # N个…中的M个
        ("开展校企合作培养的专业覆盖全校18个专业中的12个。", {"majors_coop": 12}),
        # "；另…" opens another statement: a cue before it is not this figure's
        ("学院开设专业26个，其中与战略性新兴产业相关的专业15个；另与高职院校联合举办五年一贯制专业5个。",
         {"majors_total": 26, "majors_strategic": 15}),
    ],
)  # fmt: skip
def test_parts_that_name_the_concept_and_statements_that_start_anew(sentence: str, expected: dict[str, object]) -> None:
    found = values(sentence)
    assert {code: found.get(code) for code in expected} == expected


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("该校2025届毕业生640人，本地就业率达70%。", "employment_rate"),
        ("今年全校共有198名毕业生通过高职高考升入高职院校。", "graduates"),
        ("目前全省共有技工院校150所，其中技师学院38所，在校生56.1万人。", "students_total"),
        ("仪式现场，学院分别与3家企业签署合作协议。", "coop_enterprises"),
        ("2026年年初预算本年收入合计2,386.40万元，其中职业技能培训收费182.20万元。", "social_training_income"),
    ],
)
def test_local_rates_promotions_kinds_of_school_ceremonies_and_budgets_are_not_figures(
    sentence: str, code: str
) -> None:
    assert code not in values(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("东莞市测试技师学院是经省人民政府批准设立、以培养预备技师为主的公办技工院校。",
         {"school_type": "公办"}),
        ("学校是集全日制技工教育和短期技能培训于一体的民办技工学校。", {"school_type": "民办"}),
        ("2025年度收入合计8 120.50万元，其中：事业收入1 206.30万元，"
         "事业收入中面向社会开展职业技能培训取得的收入286.40万元；其他收入402.10万元。",
         {"social_training_income": 2864000}),
    ],
)  # fmt: skip
def test_a_schools_type_said_after_its_description_and_income_beside_other_income(
    sentence: str, expected: dict[str, object]
) -> None:
    found = values(sentence)
    assert {code: found.get(code) for code in expected} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2025年6月20日上午，东莞市测试技工学校2025届学生毕业典礼举行，送别该校1286名毕业生。", {"graduates": 1286}),
        ("2025年6月20日上午，学院举行毕业典礼，560名毕业生代表参加典礼。", {"graduates": None}),
        ("目前，已有一千一百零六名毕业生落实就业单位。", {"graduates_employed": 1106, "graduates": None}),
    ],
)  # fmt: skip
def test_a_graduation_sees_off_the_whole_cohort_and_graduates_placed_are_employed(
    sentence: str, expected: dict[str, object]
) -> None:
    found = values(sentence)
    assert {code: found.get(code) for code in expected} == expected


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("学校已与5家企业签订新型学徒制合作意向，涉及学徒培养计划210人，首批培训班计划于2026年春季开班。",
         "apprentices"),
        ("汽车系现有在校生612人、专业教师28人，是学校8个教学系部中规模最大的一个。", "students_total"),
        ("本校2025届毕业生共有1,468人进场求职。", "graduates"),
        ("安排技能大师工作室建设经费30.00万元，用于与2家合作企业共建的技能大师工作室开展技术攻关。",
         "coop_enterprises"),
        ("全日制在校生2,214人，其中高级工班628人，其中预备技师班54人。", "students_senior"),
        ("其中高级工班628人，预备技师班招生54人。", "students_senior"),
        ("另有2名行政干部兼任思政课教学，未计入专任教师。", "ideology_course_full"),
    ],
)  # fmt: skip
def test_plans_departments_job_seekers_studio_partners_and_one_level_are_not_the_figure(
    sentence: str, code: str
) -> None:
    assert code not in values(sentence)


def test_a_head_pointing_back_takes_its_meaning_from_the_paragraph() -> None:
    found = values("（一）社会培训收入管理情况。学院面向社会开展职业技能培训。2025年该项收入为218.60万元。")
    assert found["social_training_income"] == 2186000
    assert "social_training_income" not in values("学院统一纳入预算管理。2025年该项收入为218.60万元。")


@pytest.mark.parametrize(
    "sentence",
    ["全日制在校生2,214人，其中高级工班628人，预备技师班54人。", "其中高级工班在校生628人，预备技师班学生54人。"],
)
def test_the_senior_level_beside_a_higher_level_adds_up_to_senior_and_above(sentence: str) -> None:
    assert values(sentence)["students_senior"] == 682


def test_a_part_after_qizhong_keeps_its_students_noun() -> None:
    assert values("全日制在校学生1 945人，其中高级工班学生386人。")["students_senior"] == 386


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("开展校企合作培养的专业覆盖全校21个专业中的15个。", {"majors_total": 21, "majors_coop": 15}),
        ("2025年学校17个专业中有12个专业实行校企合作培养。", {"majors_total": 17, "majors_coop": 12}),
    ],
)
def test_the_schools_set_a_part_is_counted_from_is_the_whole(sentence: str, expected: dict[str, object]) -> None:
    found = values(sentence)
    assert {code: found.get(code) for code in expected} == expected


def test_a_schools_few_majors_that_won_an_award_are_not_its_majors() -> None:
    assert "majors_total" not in values("学校3个专业获评省级示范专业。")


def test_an_events_ordinal_in_the_year_is_no_count_of_the_years_events() -> None:
    # (the dev set's convention: "这是学校2025年开展的第1次国际交流活动" in a February news item states no count)
    assert "intl_competitions" not in values("这是学校2025年开展的第2次国际交流活动。")
    assert values("学校2025年参加境外研修交流活动2次。")["intl_competitions"] == 2


@pytest.mark.parametrize(
    ("sentence", "code", "expected"),
    [
        ("在校生2,460人（含非全日制学员180人）。", "students_total", None),
        ("专任教师96人（含外聘教师6人）。", "full_time_teachers", None),
        ("全日制在校生2,460人（含高级工班学生820人）。", "students_total", 2460),
        ("其中专任教师81人（含思想政治课专任教师5人）。", "ideology_teachers", 5),
    ],
)
def test_a_count_said_to_include_people_of_another_kind_is_not_the_concepts(
    sentence: str, code: str, expected: object
) -> None:
    assert values(sentence).get(code) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("学校电子商务专业为市示范性专业，该专业一、二、三年级全日制在校生共274人。", 274),
        ("数控加工专业入选市示范性专业，该专业一至三年级全日制在校生（不含高中起点高级工班）共402人。", 402),
        ("汽车维修专业为市示范性专业，该专业一、二、三年级在校生共310人，其中高中起点高级工班学生28人不纳入计算。",
         None),
    ],
)  # fmt: skip
def test_the_demonstration_majors_own_pupils(sentence: str, expected: int | None) -> None:
    assert values(sentence).get("demo_major_students") == expected


@pytest.mark.parametrize(
    ("sentence", "code", "expected"),
    [
        ("学校目前与6家企业合作共建技能大师工作室。", "master_studio_partners", 6),
        ("学院与9家龙头企业共建技能大师工作室（企业技师工作站）。", "master_studio_partners", 9),
        ("学校与140家知名企业建立稳定的校企合作关系。", "coop_enterprises", 140),
        ("企业家代表15人出席签约仪式。", "coop_enterprises", None),
    ],
)
def test_enterprises_named_by_a_compound_and_studios_built_with_them(
    sentence: str, code: str, expected: object
) -> None:
    assert values(sentence).get(code) == expected


def test_majors_withdrawn_are_not_run_and_majors_in_operation_are() -> None:
    found = values("学校在办专业15个，其中对接战略性新兴产业的专业9个；物流、会计2个专业已于2024年撤销，不再统计。")
    assert (found.get("majors_total"), found.get("majors_strategic")) == (15, 9)


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("2025年，学校与6家企业签订订单班协议，订单班覆盖数控加工等4个专业，在读学生约260人。", "students_total"),
        ("全校一千二百余名学生（不含在企业顶岗实习的学生）齐聚体育馆。", "students_total"),
        ("副校长宣读了优秀毕业生名单，其中优秀毕业生28名。", "graduates"),
    ],
)  # fmt: skip
def test_order_classes_a_gathering_and_an_award_list_count_no_schools_figure(sentence: str, code: str) -> None:
    assert code not in values(sentence)


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("学校已起草党组织领导的校长负责制实施办法，但尚未经主管部门批复实施。", "principal_responsibility"),
        ("学生创业中心预计2026年建成，建成后将作为学生创业孵化基地。", "incubator"),
    ],
)
def test_a_draft_and_a_building_still_to_come_say_not_yet(sentence: str, code: str) -> None:
    assert values(sentence)[code] is False


def test_a_higher_level_named_in_another_statement_of_the_sentence_is_not_summed() -> None:
    sentence = "今年大学生技师班计划招收本科毕业生120人；学院现有预备技师（技师）班在校生610人、高级工班在校生1,980人。"
    assert values(sentence)["students_senior"] == 2590


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2025年受经费所限，学院未参加国际技能大赛及国际交流活动。", 0),
        ("学院教师赴德国参加职业技能交流活动；全年学院未参加国际技能大赛。", None),
    ],
)
def test_a_zero_of_international_events_needs_the_exchanges_denied_too(sentence: str, expected: int | None) -> None:
    assert values(sentence).get("intl_competitions") == expected


@pytest.mark.parametrize(
    ("sentence", "code", "expected"),
    [
        ("学校已与186家企业建立稳定合作关系，本次签约后合作企业增至187家。", "coop_enterprises", 187),
        ("2025年新招聘专职思政课教师3名，专职思政课教师增至7名。", "ideology_teachers", 7),
        ("该专业一、二、三年级全日制在校生共305人，其中招收高中阶段毕业生的高级工班学生28人。",
         "demo_major_students", None),
        ("对口协作地区各院校开办订单班120个，总体就业率超90%。", "employment_rate", None),
        ("学校在校生规模突破五千人。", "students_total", None),
        ("学校完成职业技能培训1 720人次；其中实现转移就业1 604人，占参训人数的93%。", "employment_rate", None),
    ],
)  # fmt: skip
def test_what_a_count_came_to_floors_and_trainees_jobs(sentence: str, code: str, expected: object) -> None:
    found = values(sentence if code != "demo_major_students" else "数控专业为市示范性专业，" + sentence)
    assert found.get(code) == expected
