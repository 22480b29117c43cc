"""The prose report styles (0-3 normal, 4 hard) as builders of a Report model."""

from __future__ import annotations

from collections.abc import Callable

from fixturegen.labelled_styles import MORE_STYLES
from fixturegen.numfmt import cn_int, cn_pct, fmt_int, fmt_pct, wan
from fixturegen.phrasing import SECTIONS, Fmt, mgmt
from fixturegen.profiles import SchoolProfile
from fixturegen.prose import (
    WRAP,
    Report,
    change,
    city_students,
    fillers,
    governance_sentence,
    ints,
    majors_sentence,
    party_sentence,
    s,
    textbook_sentence,
)

# Styles that use Chinese numerals / 万 amounts; never used in the demo batch.
HARD_STYLE = 4
HARD_STYLES: frozenset[int] = frozenset({HARD_STYLE})
# Per style: (filler salt, number of filler paragraphs used) and the int format of its figures.
FILLER_PLAN: dict[int, tuple[int, int]] = {
    **{0: (0, 3), 1: (1, 2), 2: (2, 3), 3: (3, 3), 4: (4, 2)},
    **{
        5: (5, 0),
        6: (6, 0),
        7: (7, 0),
        8: (8, 1),
        9: (9, 0),
        10: (10, 3),
        11: (11, 0),
        12: (12, 0),
        13: (13, 0),
        14: (14, 0),
    },
}
NUMBER_MODE: dict[int, str] = {
    **{0: "comma", 1: "fwcomma", 2: "fwdigits", 3: "plain", 4: "cn"},
    **{5: "plain", 6: "comma", 7: "comma", 8: "cn", 9: "comma", 10: "fwdigits", 11: "fwcomma", 12: "comma"},
    13: "plain",
    14: "comma",
}


def _style0(p: SchoolProfile) -> Report:
    """Standard report: ASCII thousands commas, %, all indicators."""
    r, n, y = Report(), ints("comma"), p.year
    pc = fmt_pct
    delta = p.students_total - int(p.prev["students_total"])
    r.title(s(f"{p.name}{y}年度工作报告", school_name=p.name, report_year=y))
    r.h1("一、学校基本情况")
    r.p(
        s(
            f"{p.name}是一所{p.school_type}{p.category}，学校坚持以习近平新时代中国特色社会主义思想为指导，"
            f"全面贯彻党的教育方针，深化产教融合、校企合作，{y}年度各项工作总体平稳有序。",
            school_type=p.school_type,
            school_category=p.category,
        )
    )
    r.h2("（一）办学规模")
    r.p(
        s(
            f"截至{y}年12月31日，学校全日制在校生{WRAP}{n(p.students_total)}人，较上年{change(delta)}"
            f"{n(abs(delta))}人；",
            students_total=p.students_total,
        ),
        f"另有非全日制学员{n(p.part_time_students)}人。",
        s(
            f"其中，高级工班及以上在校生{n(p.students_senior)}人，占比{pc(p.senior_ratio)}。",
            students_senior=p.students_senior,
            senior_ratio=p.senior_ratio,
        ),
        f"全年招收新生{n(p.new_enrolment)}人。",
    )
    r.h2("（二）专业建设与校企合作")
    r.p(
        s(
            f"学校现开设专业{p.majors_total}个，其中实行校企合作培养模式的专业{p.majors_coop}个，"
            f"校企合作专业占比{pc(p.coop_ratio)}，较上年提高"
            f"{p.coop_ratio - float(p.prev['coop_ratio']):.1f}个百分点。",
            majors_total=p.majors_total,
            majors_coop=p.majors_coop,
            coop_ratio=p.coop_ratio,
        ),
        majors_sentence(p),
    )
    r.h1("二、毕业生就业情况")
    r.p(
        s(
            f"{y}年学校共有毕业生{n(p.graduates)}人，实现就业{n(p.graduates_employed)}人，"
            f"就业率{pc(p.employment_rate)}；",
            graduates=p.graduates,
            graduates_employed=p.graduates_employed,
            employment_rate=p.employment_rate,
        ),
        f"对口就业率{pc(p.matched_employment_rate)}。{y - 1}年毕业生就业率为{pc(float(p.prev['employment_rate']))}。",
    )
    r.h1("三、党建与思想政治教育")
    r.p(party_sentence(p, 0), textbook_sentence(p, 0, "在思政课程建设方面，"))
    r.p(governance_sentence(p, 0))
    r.h1("四、教学改革与师资队伍")
    for text in fillers(p, n, FILLER_PLAN[0][1], FILLER_PLAN[0][0]):
        r.p(text)
    add_extras(r, p, 0, Fmt("comma", "wan", "ascii"), "（附）规范管理、师资与社会服务")
    r.h1("五、存在问题与下一步工作")
    r.p(
        f"当前全市技工院校在校生约{city_students(p)}人，学校高技能人才培养规模仍有提升空间。下一步，"
        "学校将力争将高级工班及以上在校生占比提高到45%以上，毕业生就业率稳定在98%以上。"
    )
    return r


def _style1(p: SchoolProfile) -> Report:
    """Info line up front, full-width commas and ％, employment first; omits senior_ratio."""
    r, n, y = Report(), ints("fwcomma"), p.year

    def pc(v: float) -> str:
        return fmt_pct(v, "fw")

    r.title(s(f"{p.name}{y}年度办学情况报告", school_name=p.name, report_year=y))
    r.p(
        s(
            f"学校全称：{p.name}；办学性质：{p.school_type}；报告年度：{y}年度。",
            school_name=p.name,
            school_type=p.school_type,
            report_year=y,
        )
    )
    r.h1("一、毕业生就业")
    r.p(
        s(
            f"{y}年全年输送毕业生{n(p.graduates)}人，其中实现就业{n(p.graduates_employed)}人，"
            f"初次就业率{pc(p.employment_rate)}；",
            graduates=p.graduates,
            graduates_employed=p.graduates_employed,
            employment_rate=p.employment_rate,
        ),
        f"专业对口率{pc(p.matched_employment_rate)}，用人单位满意度{pc(p.satisfaction_rate)}。"
        f"与上年相比，毕业生人数{change(p.graduates - int(p.prev['graduates']))}"
        f"{n(abs(p.graduates - int(p.prev['graduates'])))}人。",
    )
    r.h1("二、办学规模")
    r.p(
        s(
            f"学校现有在校学生数{WRAP}{n(p.students_total)}人（不含非全日制学员{n(p.part_time_students)}人），",
            students_total=p.students_total,
        ),
        f"上年在校生{n(int(p.prev['students_total']))}人。",
        s(f"高级工以上层次在校生{n(p.students_senior)}人，", students_senior=p.students_senior),
        f"本年度招收新生{n(p.new_enrolment)}人。",
    )
    r.h1("三、专业设置与校企合作")
    r.p(
        s(
            f"学校招生专业数{p.majors_total}个，开展校企合作的专业{p.majors_coop}个，占比{pc(p.coop_ratio)}。",
            majors_total=p.majors_total,
            majors_coop=p.majors_coop,
            coop_ratio=p.coop_ratio,
        ),
        majors_sentence(p),
    )
    r.h1("四、党的建设与课程思政")
    r.p(party_sentence(p, 1), governance_sentence(p, 1))
    r.p(textbook_sentence(p, 1, "学校严格落实国家教材管理要求，"))
    r.h1("五、师资队伍与社会服务")
    for text in fillers(p, n, FILLER_PLAN[1][1], FILLER_PLAN[1][0]):
        r.p(text)
    add_extras(r, p, 1, Fmt("fwcomma", "yuan", "fw"), "六、规范办学与服务能力")
    r.h1("七、下一步工作")
    r.p(
        f"全市技工院校在校生{city_students(p)}人，学校将主动对接全市产业布局，"
        "力争将高级工班占比提高到45％以上，进一步扩大校企合作专业覆盖面。"
    )
    return r


def _style2(p: SchoolProfile) -> Report:
    """Full-width digits throughout the body; omits graduates_employed."""
    r, n = Report(), ints("fwdigits")
    y, fy, fpy = p.year, fmt_int(p.year, "fwdigits"), fmt_int(p.year - 1, "fwdigits")

    def pc(v: float) -> str:
        return fmt_pct(v, "fwdigits")

    delta = p.students_total - int(p.prev["students_total"])
    r.title(s(f"{p.name}{y}年度工作总结", school_name=p.name, report_year=y))
    r.h1("一、基本情况")
    r.p(
        s(
            f"学校性质为{p.school_type}，办学类别为{p.category}。",
            school_type=p.school_type,
            school_category=p.category,
        ),
        s(f"目前学校在籍在校生{WRAP}{n(p.students_total)}人，", students_total=p.students_total),
        f"比{fpy}年的{n(int(p.prev['students_total']))}人{change(delta)}{n(abs(delta))}人。",
        s(
            f"其中高级工班、预备技师（技师）班在校生{n(p.students_senior)}人，比例达{pc(p.senior_ratio)}。",
            students_senior=p.students_senior,
            senior_ratio=p.senior_ratio,
        ),
        f"另有非全日制学员{n(p.part_time_students)}人。",
    )
    r.h1("二、专业建设")
    r.p(
        s(
            f"学校专业总数{n(p.majors_total)}个，其中开展校企合作的专业{n(p.majors_coop)}个，"
            f"比例为{pc(p.coop_ratio)}。",
            majors_total=p.majors_total,
            majors_coop=p.majors_coop,
            coop_ratio=p.coop_ratio,
        ),
        majors_sentence(p),
    )
    r.h1("三、毕业生就业")
    r.p(
        s(
            f"{fy}届应届毕业生{n(p.graduates)}人，年终就业率{pc(p.employment_rate)}",
            graduates=p.graduates,
            employment_rate=p.employment_rate,
        ),
        f"（{fpy}年为{pc(float(p.prev['employment_rate']))}），对口就业率{pc(p.matched_employment_rate)}。",
    )
    r.h1("四、党建和思政工作")
    r.p(party_sentence(p, 2), textbook_sentence(p, 0))
    r.p(governance_sentence(p, 2))
    r.h1("五、其他工作")
    for text in fillers(p, n, FILLER_PLAN[2][1], FILLER_PLAN[2][0]):
        r.p(text)
    add_extras(r, p, 2, Fmt("fwdigits", "wan2", "fwdigits"), "六、师资、管理与服务")
    r.h1(f"七、{fmt_int(y + 1, 'fwdigits')}年工作打算")
    r.p(f"全市技工院校在校生约{city_students(p)}人，学校将力争将高级工班占比提高到４５％以上。")
    return r


def _style3(p: SchoolProfile) -> Report:
    """Quality report with numbered Heading 2 sections, plain numbers; omits school_type."""
    r, n, y = Report(), ints("plain"), p.year
    pc = fmt_pct
    r.title(s(f"{p.name}{y}年度办学质量报告", school_name=p.name, report_year=y))
    r.p(f"按照市人力资源和社会保障局关于做好{y}年度技工院校年度报送工作的通知要求，现将我校{y}年度办学情况报告如下。")
    r.h1("一、主要办学指标")
    r.h2("（一）办学规模")
    r.p(
        s(f"{y}年，学校在校生规模达{WRAP}{n(p.students_total)}人，", students_total=p.students_total),
        f"{y - 1}年为{n(int(p.prev['students_total']))}人。",
        s(
            f"高级工班及以上在校生{n(p.students_senior)}人，所占比例为{pc(p.senior_ratio)}。",
            students_senior=p.students_senior,
            senior_ratio=p.senior_ratio,
        ),
        f"此外，学校承接社会培训和非全日制学员{n(p.part_time_students)}人次。",
    )
    r.h2("（二）专业建设")
    r.p(
        s(
            f"学校开设专业{p.majors_total}个，校企合作专业数{p.majors_coop}个，校企合作专业占比{pc(p.coop_ratio)}。",
            majors_total=p.majors_total,
            majors_coop=p.majors_coop,
            coop_ratio=p.coop_ratio,
        )
    )
    r.h2("（三）就业质量")
    r.p(
        s(
            f"应届毕业生{n(p.graduates)}人，就业人数{n(p.graduates_employed)}人，年终就业率{pc(p.employment_rate)}",
            graduates=p.graduates,
            graduates_employed=p.graduates_employed,
            employment_rate=p.employment_rate,
        ),
        f"（对口就业率{pc(p.matched_employment_rate)}）。全年招收新生{n(p.new_enrolment)}人。",
    )
    r.h1("二、党建引领")
    r.p(governance_sentence(p, 0), party_sentence(p, 3), textbook_sentence(p, 2))
    r.h1("三、特色亮点")
    for text in fillers(p, n, FILLER_PLAN[3][1], FILLER_PLAN[3][0]):
        r.p(text)
    add_extras(r, p, 3, Fmt("plain", "wan", "ascii"), "四、其他办学指标")
    r.h1("五、下一步工作目标")
    r.p("力争将高级工班占比提高到45%以上，校企合作专业占比保持在90%以上，年终就业率不低于98%。")
    return r


def _style4(p: SchoolProfile) -> Report:
    """Hard style: Chinese numerals and 万 amounts (not used in the demo batch)."""
    r, y = Report(), p.year
    total_text, total_val = (
        wan(p.students_total) if p.students_total >= 10000 else (cn_int(p.students_total), p.students_total)
    )
    r.title(s(f"{p.name}{y}年度工作报告", school_name=p.name, report_year=y))
    r.h1("一、办学规模")
    r.p(
        s(f"学校全日制在校生{total_text}人，", students_total=total_val),
        f"较上年增长{cn_int(abs(p.students_total - int(p.prev['students_total'])))}人；",
        s(f"高级工班及以上在校生{cn_int(p.students_senior)}人。", students_senior=p.students_senior),
        f"全市技工院校在校生{city_students(p)}人。",
    )
    r.h1("二、专业与就业")
    r.p(
        s(
            f"学校开设专业{cn_int(p.majors_total)}个，其中校企合作专业{cn_int(p.majors_coop)}个。",
            majors_total=p.majors_total,
            majors_coop=p.majors_coop,
        ),
        s(
            f"全年毕业生{cn_int(p.graduates)}人，就业率{cn_pct(p.employment_rate)}，",
            graduates=p.graduates,
            employment_rate=p.employment_rate,
        ),
        f"对口就业率{cn_pct(p.matched_employment_rate)}。",
    )
    r.h1("三、党建工作")
    r.p(party_sentence(p, 0), textbook_sentence(p, 1))
    for text in fillers(p, cn_int, FILLER_PLAN[4][1], FILLER_PLAN[4][0]):
        r.p(text)
    add_extras(r, p, 4, Fmt("cn", "wan", "ascii"), "四、其他工作")
    return r


def add_extras(r: Report, p: SchoolProfile, v: int, f: Fmt, heading: str) -> None:
    """A section stating the indicators of sections C–J (teachers, funding, management, services …)."""
    r.h1(heading)
    r.p(*SECTIONS["teachers"](p, v, f), *SECTIONS["partners"](p, v, f))
    funding = SECTIONS["funding"](p, v, f)
    if funding:
        r.p(*funding)
    r.p(*mgmt(p, v), *SECTIONS["standards"](p, v, f))
    r.p(*SECTIONS["apprentices"](p, v, f), *SECTIONS["international"](p, v, f))
    r.p(*SECTIONS["services"](p, v, f))


STYLES: dict[int, Callable[[SchoolProfile], Report]] = {
    0: _style0,
    1: _style1,
    2: _style2,
    3: _style3,
    4: _style4,
}


STYLES.update(MORE_STYLES)


def build_report(p: SchoolProfile, style: int) -> Report:
    """Report model for ``p`` in the given style (0-3 normal, 4 hard, 5-11 the labelled set's own)."""
    if style not in STYLES:
        raise ValueError(f"unknown report style {style}; known: {sorted(STYLES)}")
    return STYLES[style](p)
