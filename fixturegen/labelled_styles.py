"""More report styles for the labelled set (5–8 for development, 9–11 held out): other structures, orders,
label words, number forms and distractors than the demo styles."""

from __future__ import annotations

import random
from collections.abc import Callable

from fixturegen.numfmt import cn_int, cn_pct, fmt_int, fmt_pct, wan
from fixturegen.phrasing import SECTIONS, Fmt, mgmt
from fixturegen.profiles import SchoolProfile
from fixturegen.prose import (
    Report,
    Stated,
    change,
    city_students,
    fillers,
    governance_sentence,
    majors_sentence,
    party_sentence,
    s,
    sa,
    textbook_sentence,
)

DEV_STYLES: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6, 7, 8)
HELD_OUT_STYLES: tuple[int, ...] = (9, 10, 11, 12, 13, 14)
# 9–11 were held out until the first measurement (then their errors were seen); 12–13 were written after it
# (their errors were seen at their first run); 14 was written when the extractor was finished: measured once.
FRESH_STYLES: tuple[int, ...] = (12, 13)
LAST_STYLES: tuple[int, ...] = (14,)
_OTHER_SCHOOLS = ("东莞市南方技工学校", "东莞市汇英技工学校", "东莞市东华技师学院", "广东省城乡技工学校")


def _rng(p: SchoolProfile, salt: int) -> random.Random:
    return random.Random(f"{p.seed}:{p.name}:style{salt}")


def _other(p: SchoolProfile) -> str:
    return next(n for n in _OTHER_SCHOOLS[p.seed % 4 :] + _OTHER_SCHOOLS if n != p.name)


def _extras(r: Report, p: SchoolProfile, v: int, f: Fmt, order: tuple[str, ...]) -> None:
    for key in order:
        if key == "mgmt":
            r.p(*mgmt(p, v))
            continue
        parts = SECTIONS[key](p, v, f)
        if parts:
            r.p(*parts)


def _textbooks_alt(p: SchoolProfile, variant: int) -> Stated:
    """Other wordings of the three subjects' textbooks than prose.textbook_sentence."""
    flags = {"textbook_politics": p.textbook_politics, "textbook_chinese": p.textbook_chinese}
    flags["textbook_history"] = p.textbook_history
    names = {"textbook_politics": "思想政治", "textbook_chinese": "语文", "textbook_history": "历史"}
    yes = [names[c] for c, v in flags.items() if v]
    no = [names[c] for c, v in flags.items() if not v]
    if not no:
        text = (
            "三科统编教材使用全面落实，思想政治、语文、历史课程均选用国家统编教材。"
            if variant % 2
            else ("思想政治、语文和历史课程已全面使用统编教材。")
        )
    elif not yes:
        text = f"{'、'.join(no)}课程目前仍沿用学校自编教材，统编教材尚在推进。"
    else:
        own = "校本教材" if variant % 2 else "学校自编教材"
        text = f"{'、'.join(yes)}课程已使用国家统编教材，{'、'.join(no)}课程仍沿用{own}。"
    return s(text, **flags)


def style5(p: SchoolProfile) -> Report:
    """Brief: 'label：value' lines, short labels, plain numbers, distractor lines among them."""
    r, y, n = Report(), p.year, (lambda v: fmt_int(v, "plain"))
    r.title(s(f"{p.name}{y}年度工作简报", school_name=p.name, report_year=y))
    r.h1("一、基本数据")
    r.p(
        s(f"办学性质：{p.school_type}；学校类别：{p.category}。", school_type=p.school_type, school_category=p.category)
    )
    r.p(
        s(f"全日制在校生：{n(p.students_total)}人；", students_total=p.students_total),
        s(
            f"高级工班及以上在校生：{n(p.students_senior)}人（占比{fmt_pct(p.senior_ratio)}）；",
            students_senior=p.students_senior,
            senior_ratio=p.senior_ratio,
        ),
        f"当年招生数：{n(p.new_enrolment)}人；非全日制学员：{n(p.part_time_students)}人。",
    )
    r.p(
        s(f"开设专业：{n(p.majors_total)}个；", majors_total=p.majors_total),
        s(f"校企合作专业：{n(p.majors_coop)}个。", majors_coop=p.majors_coop),
    )
    r.p(
        s(f"年度毕业生：{n(p.graduates)}人；", graduates=p.graduates),
        s(f"已就业毕业生：{n(p.graduates_employed)}人；", graduates_employed=p.graduates_employed),
        s(f"毕业生就业率：{fmt_pct(p.employment_rate)}；", employment_rate=p.employment_rate),
        f"对口就业率：{fmt_pct(p.matched_employment_rate)}。",
    )
    r.h1("二、党建与规范管理")
    r.p(party_sentence(p, 2), governance_sentence(p, 1), textbook_sentence(p, 2))
    r.h1("三、其他数据")
    _extras(r, p, 5, Fmt("plain", "yuan", "ascii"), ("services", "teachers", "partners", "funding", "mgmt"))
    _extras(r, p, 5, Fmt("plain", "yuan", "ascii"), ("standards", "apprentices", "international"))
    return r


def style6(p: SchoolProfile) -> Report:
    """Numbered items, comparisons with the previous year, other schools and targets in the same sentences."""
    r, y, n = Report(), p.year, (lambda v: fmt_int(v, "comma"))
    prev = int(p.prev["students_total"])
    r.title(s(f"关于报送{p.name}{y}年度办学情况的报告", school_name=p.name, report_year=y))
    r.p("市人力资源和社会保障局：")
    r.p(f"根据年度报送工作要求，现将我校{y}年度办学情况报告如下。")
    r.p(
        "1.在校生规模。",
        s(
            f"截至{y}年底，学校全日制在校生{n(p.students_total)}人，比{y - 1}年的{n(prev)}人"
            f"{change(p.students_total - prev)}{n(abs(p.students_total - prev))}人，"
            f"其中高级工班及以上在校生{n(p.students_senior)}人，占全日制在校生的{fmt_pct(p.senior_ratio)}。",
            students_total=p.students_total,
            students_senior=p.students_senior,
            senior_ratio=p.senior_ratio,
        ),
        f"同期，{_other(p)}全日制在校生{n(p.students_total + 740)}人。",
    )
    r.p(
        "2.专业建设。",
        s(
            f"学校开设{n(p.majors_total)}个专业，其中{n(p.majors_coop)}个专业实行校企合作培养模式，"
            f"占比{fmt_pct(p.coop_ratio)}。",
            majors_total=p.majors_total,
            majors_coop=p.majors_coop,
            coop_ratio=p.coop_ratio,
        ),
        majors_sentence(p),
    )
    r.p(
        "3.毕业生就业。",
        s(
            f"{y}届毕业生{n(p.graduates)}人，其中{n(p.graduates_employed)}人实现就业，"
            f"就业率为{fmt_pct(p.employment_rate)}；",
            graduates=p.graduates,
            graduates_employed=p.graduates_employed,
            employment_rate=p.employment_rate,
        ),
        f"对口就业率{fmt_pct(p.matched_employment_rate)}，用人单位满意度{fmt_pct(p.satisfaction_rate)}。",
    )
    r.p("4.党建工作。", party_sentence(p, 3), governance_sentence(p, 2), _textbooks_alt(p, 0))
    r.p("5.其他情况。")
    _extras(r, p, 6, Fmt("comma", "wan2", "ascii"), ("teachers", "mgmt", "standards", "partners", "funding"))
    _extras(r, p, 6, Fmt("comma", "wan2", "ascii"), ("apprentices", "international", "services"))
    r.p(
        f"下一步，学校计划到{y + 2}年将全日制在校生规模扩大到{n(p.students_total + 600)}人，"
        "高级工班及以上在校生占比提高到45%，毕业生就业率不低于98%。"
    )
    r.p(f"全市技工院校全日制在校生约{city_students(p)}人，年输送毕业生9000人以上。")
    return r


def style7(p: SchoolProfile) -> Report:
    """A key-figure table with this year and last year side by side, prose that cites last year."""
    r, y = Report(), p.year
    n = lambda v: fmt_int(int(v), "comma")  # noqa: E731
    r.title(s(f"{p.name}{y}年度办学质量年报", school_name=p.name, report_year=y))
    r.h1("一、主要指标")
    rows: list[tuple[list[str], dict[str, object]]] = [
        (
            ["全日制在校生（人）", n(p.students_total), n(p.prev["students_total"])],
            {"students_total": p.students_total},
        ),
        (
            ["高级工班及以上在校生（人）", n(p.students_senior), n(p.prev["students_senior"])],
            {"students_senior": p.students_senior},
        ),
        (["开设专业（个）", str(p.majors_total), str(int(p.prev["majors_total"]))], {"majors_total": p.majors_total}),
        (["毕业生（人）", n(p.graduates), n(p.prev["graduates"])], {"graduates": p.graduates}),
        (
            ["毕业生就业率", fmt_pct(p.employment_rate), fmt_pct(p.prev["employment_rate"])],
            {"employment_rate": p.employment_rate},
        ),
    ]
    r.table(["指标", f"{y}年", f"{y - 1}年"], rows)
    r.h1("二、情况说明")
    r.p(
        s(
            f"本年度校企合作专业数{p.majors_coop}个，校企合作专业占比{fmt_pct(p.coop_ratio)}"
            f"（{y - 1}年为{fmt_pct(p.prev['coop_ratio'])}）。",
            majors_coop=p.majors_coop,
            coop_ratio=p.coop_ratio,
        ),
        f"{y - 1}年全日制在校生为{n(p.prev['students_total'])}人，{y - 1}年毕业生就业率为"
        f"{fmt_pct(p.prev['employment_rate'])}。",
    )
    r.p(party_sentence(p, 1), textbook_sentence(p, 0, "教材方面，"))
    r.p(governance_sentence(p, 0))
    _extras(r, p, 7, Fmt("comma", "wan", "ascii"), ("international", "services", "teachers"))
    _extras(r, p, 7, Fmt("comma", "wan", "ascii"), ("funding", "partners", "mgmt", "standards", "apprentices"))
    return r


def style8(p: SchoolProfile) -> Report:
    """Chinese numerals, 万 and approximations (约, 余, 多), kept and marked as approximate."""
    r, y = Report(), p.year
    rng = _rng(p, 8)
    total_text, total_val = wan(p.students_total)
    r.title(s(f"{p.name}{y}年度工作总结", school_name=p.name, report_year=y))
    r.h1("一、总体情况")
    r.p(
        sa(f"学校现有全日制在校生约{total_text}人，", ("students_total",), students_total=total_val),
        s(f"高级工班及以上在校生{cn_int(p.students_senior)}人；", students_senior=p.students_senior),
        s(f"开设专业{cn_int(p.majors_total)}个，", majors_total=p.majors_total),
        s(f"校企合作专业{cn_int(p.majors_coop)}个。", majors_coop=p.majors_coop),
    )
    floor = p.graduates // 100 * 100
    if rng.random() < 0.5:
        graduates = sa(f"全年毕业生{fmt_int(floor, 'comma')}余人，", ("graduates",), graduates=floor)
    else:
        graduates = sa(f"全年毕业生{cn_int(floor)}多人，", ("graduates",), graduates=floor)
    r.p(
        graduates,
        s(f"就业率{cn_pct(p.employment_rate)}，", employment_rate=p.employment_rate),
        f"对口就业率{cn_pct(p.matched_employment_rate)}。",
    )
    r.p(party_sentence(p, 0), textbook_sentence(p, 1))
    r.p(governance_sentence(p, 1))
    for text in fillers(p, cn_int, 1, 8):
        r.p(text)
    _extras(r, p, 8, Fmt("cn", "wan", "ascii"), ("teachers", "partners", "services", "apprentices"))
    _extras(r, p, 8, Fmt("cn", "wan", "ascii"), ("mgmt", "standards", "international", "funding"))
    return r


# ---- held out: never looked at while the extractor was written --------------------------------------------


def style9(p: SchoolProfile) -> Report:
    """Figures before their nouns, synonyms, and sentences in another order."""
    r, y, n = Report(), p.year, (lambda v: fmt_int(v, "comma"))
    r.title(s(f"{p.name}{y}年度发展报告", school_name=p.name, report_year=y))
    r.h1("一、人才培养")
    r.p(
        s(f"学校现有{n(p.students_total)}名全日制在校生，", students_total=p.students_total),
        s(
            f"{n(p.students_senior)}名高级工班及以上在校生，所占比例为{fmt_pct(p.senior_ratio)}。",
            students_senior=p.students_senior,
            senior_ratio=p.senior_ratio,
        ),
        f"另招收新生{n(p.new_enrolment)}名。",
    )
    r.p(
        s(f"本年度输送毕业生{n(p.graduates)}名，", graduates=p.graduates),
        s(f"毕业生初次就业率达{cn_pct(p.employment_rate)}。", employment_rate=p.employment_rate),
        f"专业对口率{fmt_pct(p.matched_employment_rate)}。",
    )
    r.p(
        s(f"学校开设{p.majors_total}个专业，", majors_total=p.majors_total),
        s(f"实行校企合作的专业{p.majors_coop}个。", majors_coop=p.majors_coop),
    )
    r.h1("二、党建与管理")
    r.p(_textbooks_alt(p, 1), party_sentence(p, 2), governance_sentence(p, 2))
    _extras(r, p, 9, Fmt("comma", "wan", "fw"), ("mgmt", "apprentices", "services", "teachers"))
    _extras(r, p, 9, Fmt("comma", "wan", "fw"), ("international", "funding", "partners", "standards"))
    return r


def style10(p: SchoolProfile) -> Report:
    """Long paragraphs (across PDF pages), full-width digits, targets and new enrolment in the same paragraph."""
    r, y = Report(), p.year
    n = lambda v: fmt_int(v, "fwdigits")  # noqa: E731
    pc = lambda v: fmt_pct(v, "fwdigits")  # noqa: E731
    r.title(s(f"{p.name}{y}年度办学情况自查报告", school_name=p.name, report_year=y))
    body: list[str | Stated] = [
        "学校坚持以服务发展为宗旨、以促进就业为导向，深化产教融合、校企合作。",
        s(f"{y}年，学校在校生总数{n(p.students_total)}人，", students_total=p.students_total),
        f"其中当年新生{n(p.new_enrolment)}人；",
        s(f"高级工班及以上层次在校生{n(p.students_senior)}人。", students_senior=p.students_senior),
        s(
            f"开设专业总数{n(p.majors_total)}个，校企合作专业数{n(p.majors_coop)}个。",
            majors_total=p.majors_total,
            majors_coop=p.majors_coop,
        ),
        s(
            f"年度毕业生{n(p.graduates)}人，年终就业率{pc(p.employment_rate)}。",
            graduates=p.graduates,
            employment_rate=p.employment_rate,
        ),
        f"学校力争{y + 1}年毕业生就业率提高到{pc(min(99.5, p.employment_rate + 0.5))}。",
    ]
    r.p(*body)
    r.p(party_sentence(p, 1), governance_sentence(p, 0), textbook_sentence(p, 2))
    for text in fillers(p, n, 3, 10):
        r.p(text)
    _extras(r, p, 10, Fmt("fwdigits", "yuan", "fwdigits"), ("partners", "teachers", "funding", "international"))
    _extras(r, p, 10, Fmt("fwdigits", "yuan", "fwdigits"), ("standards", "mgmt", "services", "apprentices"))
    return r


def style11(p: SchoolProfile) -> Report:
    """A principal's report: long sentences, 其中-chains, the school named by its short name."""
    r, y, n = Report(), p.year, (lambda v: fmt_int(v, "fwcomma"))
    r.title(s(f"{p.name}{y}年度校长述职报告", school_name=p.name, report_year=y))
    r.p(
        s(
            f"一年来，{p.short_name}全日制在校生达{n(p.students_total)}人，"
            f"高级工班及以上在校生{n(p.students_senior)}人；",
            students_total=p.students_total,
            students_senior=p.students_senior,
        ),
        s(
            f"全校共开设专业{n(p.majors_total)}个，其中校企合作专业{n(p.majors_coop)}个；",
            majors_total=p.majors_total,
            majors_coop=p.majors_coop,
        ),
        s(
            f"应届毕业生{n(p.graduates)}人，已就业{n(p.graduates_employed)}人，"
            f"就业率{fmt_pct(p.employment_rate, 'fw')}。",
            graduates=p.graduates,
            graduates_employed=p.graduates_employed,
            employment_rate=p.employment_rate,
        ),
    )
    r.p(
        f"去年同期，学校全日制在校生{n(int(p.prev['students_total']))}人，毕业生就业率"
        f"{fmt_pct(p.prev['employment_rate'], 'fw')}。"
    )
    r.p(party_sentence(p, 0), _textbooks_alt(p, 0), governance_sentence(p, 1))
    _extras(r, p, 11, Fmt("fwcomma", "wan2", "fw"), ("services", "standards", "mgmt", "partners"))
    _extras(r, p, 11, Fmt("fwcomma", "wan2", "fw"), ("teachers", "apprentices", "international", "funding"))
    return r


MORE_STYLES: dict[int, Callable[[SchoolProfile], Report]] = {
    5: style5,
    6: style6,
    7: style7,
    8: style8,
    9: style9,
    10: style10,
    11: style11,
}


# ---- held out, second round: written after the first measurement, run once for the report ------------------


def style12(p: SchoolProfile) -> Report:
    """A report laid out as a two-column table of items and what was done, sentences inside the cells."""
    r, y, n = Report(), p.year, (lambda v: fmt_int(v, "comma"))
    r.title(s(f"{p.name}{y}年度重点工作完成情况", school_name=p.name, report_year=y))
    rows: list[tuple[list[str], dict[str, object]]] = [
        (
            ["办学规模", f"全日制在校生{n(p.students_total)}人，高级工班及以上在校生{n(p.students_senior)}人。"],
            {"students_total": p.students_total, "students_senior": p.students_senior},
        ),
        (
            ["专业建设", f"开设专业{p.majors_total}个，其中校企合作专业{p.majors_coop}个。"],
            {"majors_total": p.majors_total, "majors_coop": p.majors_coop},
        ),
        (
            ["毕业生就业", f"毕业生{n(p.graduates)}人，就业率{fmt_pct(p.employment_rate)}。"],
            {"graduates": p.graduates, "employment_rate": p.employment_rate},
        ),
        (["招生工作", f"招收新生{n(p.new_enrolment)}人，较上年增长{n(abs(p.new_enrolment // 20))}人。"], {}),
    ]
    r.table(["重点工作", "完成情况"], rows)
    r.p(party_sentence(p, 1), governance_sentence(p, 0), textbook_sentence(p, 0))
    _extras(r, p, 12, Fmt("comma", "wan", "ascii"), ("teachers", "partners", "mgmt", "standards"))
    _extras(r, p, 12, Fmt("comma", "wan", "ascii"), ("apprentices", "international", "services", "funding"))
    return r


def style13(p: SchoolProfile) -> Report:
    """A news-like summary: other verbs between label and figure, figures with their units spelled out."""
    r, y, n = Report(), p.year, (lambda v: fmt_int(v, "plain"))
    r.title(s(f"{p.name}{y}年度工作总结", school_name=p.name, report_year=y))
    r.p(
        s(f"{y}年，学校全日制在校生人数达到{n(p.students_total)}人，", students_total=p.students_total),
        s(f"高级工班及以上在校生占比提升至{fmt_pct(p.senior_ratio)}；", senior_ratio=p.senior_ratio),
        s(
            f"校企合作专业占比达{fmt_pct(p.coop_ratio)}，毕业生就业率高达{fmt_pct(p.employment_rate)}。",
            coop_ratio=p.coop_ratio,
            employment_rate=p.employment_rate,
        ),
        f"全年招收新生{n(p.new_enrolment)}人，与上年基本持平。",
    )
    r.p(
        s(f"全校现设专业{n(p.majors_total)}个，", majors_total=p.majors_total),
        s(f"年度毕业生总数{n(p.graduates)}人。", graduates=p.graduates),
        f"对口就业率{fmt_pct(p.matched_employment_rate)}。",
    )
    r.p(party_sentence(p, 3), _textbooks_alt(p, 1), governance_sentence(p, 2))
    _extras(r, p, 13, Fmt("plain", "wan2", "ascii"), ("services", "apprentices", "teachers", "funding"))
    _extras(r, p, 13, Fmt("plain", "wan2", "ascii"), ("partners", "international", "mgmt", "standards"))
    return r


MORE_STYLES.update({12: style12, 13: style13})


# ---- held out, third round: written after the extractor was finished, measured once, never fixed for --------


def style14(p: SchoolProfile) -> Report:
    """A plain 学校概况: other label words, units in brackets, growth rates and rankings beside the figures."""
    r, y, n = Report(), p.year, (lambda v: fmt_int(v, "comma"))
    r.title(s(f"{p.name}{y}年度学校概况", school_name=p.name, report_year=y))
    r.h1("一、学校概况")
    r.p(
        s(f"学校现有在校学生{n(p.students_total)}人（全日制），", students_total=p.students_total),
        f"比去年同期增长{abs(p.students_total - int(p.prev['students_total'])) * 100 // max(1, p.students_total)}%，"
        "办学规模在全市排名前列。",
        s(
            f"其中高级工以上层次学生{n(p.students_senior)}人，占{fmt_pct(p.senior_ratio)}。",
            students_senior=p.students_senior,
            senior_ratio=p.senior_ratio,
        ),
    )
    r.p(
        s(
            f"专业数量：{p.majors_total}个（其中校企合作专业{p.majors_coop}个），",
            majors_total=p.majors_total,
            majors_coop=p.majors_coop,
        ),
        "本年度新增专业2个。",
    )
    r.p(
        s(
            f"{y}年毕业学生共计{n(p.graduates)}名，就业人数{n(p.graduates_employed)}名，"
            f"就业率{fmt_pct(p.employment_rate)}，",
            graduates=p.graduates,
            graduates_employed=p.graduates_employed,
            employment_rate=p.employment_rate,
        ),
        f"预计{y + 1}年在校生将突破{n(p.students_total + 500)}人。",
    )
    r.h1("二、党建与规范办学")
    r.p(governance_sentence(p, 1), party_sentence(p, 2), textbook_sentence(p, 1, "教材使用方面，"))
    r.h1("三、其他")
    _extras(r, p, 14, Fmt("comma", "yuan", "ascii"), ("funding", "international", "teachers", "mgmt"))
    _extras(r, p, 14, Fmt("comma", "yuan", "ascii"), ("services", "partners", "standards", "apprentices"))
    return r


MORE_STYLES[14] = style14
