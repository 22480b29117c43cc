"""Sentences for the indicators of sections C–J, each in several wordings, with the values they state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fixturegen.numfmt import cn_int, fmt_int, fmt_pct
from fixturegen.profiles import MGMT_RULES, SchoolProfile
from fixturegen.prose import Stated, s


@dataclass(frozen=True)
class Fmt:
    """How one report writes its figures: counts, money and percentages."""

    ints: str = "comma"  # plain | comma | fwcomma | fwdigits | cn
    money: str = "wan"  # wan (126.5万元) | yuan (1,265,000元) | wan2 (126.50万元)
    pct: str = "ascii"  # ascii | fw | fwdigits

    def n(self, value: int) -> str:
        return fmt_int(value, self.ints)

    def m(self, yuan: int) -> str:
        if self.money == "yuan":
            return f"{yuan:,}元"
        if self.money == "wan2":
            return f"{yuan / 10000:.2f}万元"
        return f"{yuan / 10000:.2f}".rstrip("0").rstrip(".") + "万元"

    def p(self, value: float) -> str:
        return fmt_pct(value, self.pct)


def teachers(p: SchoolProfile, v: int, f: Fmt) -> list[Stated]:
    n = f.n
    if v % 4 == 0:
        return [
            s(
                f"学校现有专任教师{n(p.teachers)}人，其中思想政治理论课专任教师{n(p.ideology_teachers)}人；",
                full_time_teachers=p.teachers,
                ideology_teachers=p.ideology_teachers,
            ),
            s(f"聘请企业兼职教师{n(p.part_time_teachers)}人。", part_time_teachers=p.part_time_teachers),
        ]
    if v % 4 == 1:
        return [
            s(f"学校拥有一支{n(p.teachers)}人的专任教师队伍，", full_time_teachers=p.teachers),
            s(f"思政课教师{n(p.ideology_teachers)}人，", ideology_teachers=p.ideology_teachers),
            s(
                f"另聘请{n(p.part_time_teachers)}名企业高技能人才担任兼职教师。",
                part_time_teachers=p.part_time_teachers,
            ),
        ]
    if v % 4 == 2:
        return [
            s(
                f"师资方面，专任教师总数{n(p.teachers)}人（较上年新进{n(max(3, p.teachers // 12))}人），",
                full_time_teachers=p.teachers,
            ),
            s(f"企业兼职教师达到{n(p.part_time_teachers)}人，", part_time_teachers=p.part_time_teachers),
            s(f"思想政治课教师{n(p.ideology_teachers)}人。", ideology_teachers=p.ideology_teachers),
        ]
    return [
        s(
            f"学校聘请{n(p.part_time_teachers)}名企业技术骨干担任兼职教师，其中本年度新聘兼职教师"
            f"{n(max(2, p.part_time_teachers // 5))}人；",
            part_time_teachers=p.part_time_teachers,
        ),
        s(f"现有专任教师{n(p.teachers)}人。", full_time_teachers=p.teachers),
    ]


def funding(p: SchoolProfile, v: int, f: Fmt) -> list[Stated]:
    """三（一）2: 公办 schools only."""
    if p.school_type != "公办":
        return []
    income, back, ratio = p.social_training_income, p.training_income_fully_returned, p.perf_pay_extraction_ratio
    prev = f.m(round(income * 0.9 / 100) * 100)
    if v % 3 == 0:
        said = "培训收入全额返还学校使用" if back else "培训收入未全额返还学校，部分上缴财政"
        return [
            s(f"全年面向社会开展职业技能培训收入{f.m(income)}，", social_training_income=income),
            s(f"{said}，", training_income_fully_returned=back),
            s(
                f"扣除成本后按{f.p(ratio)}的比例提取用于补充绩效工资。",
                perf_pay_extraction_ratio=ratio,
            ),
        ]
    if v % 3 == 1:
        said = "已全额返还学校" if back else "尚未全额返还学校使用"
        return [
            s(f"社会化培训收入{f.m(income)}（上年为{prev}），", social_training_income=income),
            s(f"{said}；", training_income_fully_returned=back),
            s(f"在合理扣除成本后，提取用于补充绩效工资的比例为{f.p(ratio)}。", perf_pay_extraction_ratio=ratio),
        ]
    said = "按规定全额返还给学校使用" if back else "仅部分返还学校使用"
    return [
        s(f"社会培训收入共计{f.m(income)}，", social_training_income=income),
        s(f"相关收入{said}，", training_income_fully_returned=back),
        s(f"绩效工资提取比例为{f.p(ratio)}。", perf_pay_extraction_ratio=ratio),
    ]


def partners(p: SchoolProfile, v: int, f: Fmt) -> list[Stated]:
    n = f.n
    e, k = p.coop_enterprises, p.master_studio_partners
    if v % 3 == 0:
        return [
            s(f"学校与{n(e)}家企业建立合作关系，", coop_enterprises=e),
            s(f"与{n(k)}个企业技师工作站（技能大师工作室）开展合作。", master_studio_partners=k),
        ]
    if v % 3 == 1:
        return [s(f"合作企业{n(e)}家，合作的技能大师工作室{n(k)}个。", coop_enterprises=e, master_studio_partners=k)]
    return [
        s(f"校企合作企业达{n(e)}家；", coop_enterprises=e),
        s(f"合作的企业技师工作站（技能大师工作室）共{n(k)}个。", master_studio_partners=k),
    ]


def _joined(names: list[str]) -> str:
    return "、".join(names)


def mgmt(p: SchoolProfile, v: int) -> list[Stated]:
    have = [m for m in MGMT_RULES if m in p.mgmt_rules]
    lack = [m for m in MGMT_RULES if m not in p.mgmt_rules]
    if not lack:
        if v % 2 == 0:
            text = f"学校建立健全{_joined(have)}等工作制度，管理规范化水平进一步提高。"
        else:
            text = f"{_joined(have)}五项管理制度均已建立并印发实施。"
        return [s(text, mgmt_rules=have)]
    if len(lack) == 1 and v % 2 == 1:
        return [s(f"除{lack[0]}制度尚在制定外，其余各项管理制度均已建立并印发实施。", mgmt_rules=have)]
    return [s(f"学校已建立{_joined(have)}制度，{_joined(lack)}制度正在起草中。", mgmt_rules=have)]


def standards(p: SchoolProfile, v: int, f: Fmt) -> list[Stated]:
    n = f.n
    yes = p.ministry_teaching_standards
    if v % 3 == 0:
        said = "学校认真执行部颁教学标准" if yes else "学校尚未全面执行部颁教学标准"
    elif v % 3 == 1:
        said = (
            "严格按照人力资源社会保障部颁布的专业教学标准组织教学"
            if yes
            else "部分专业尚未执行部颁教学标准，参照行业标准自行制定教学计划"
        )
    else:
        said = "各专业均执行部颁教学标准" if yes else "部颁教学标准的执行工作正在推进中"
    out = [s(f"{said}。", ministry_teaching_standards=yes)]
    strategic = (
        f"与战略性支柱产业、战略性新兴产业相关的专业{n(p.majors_strategic)}个。"
        if v % 2 == 0
        else f"对接战略性新兴产业的专业达{n(p.majors_strategic)}个。"
    )
    out.append(s(strategic, majors_strategic=p.majors_strategic))
    if p.school_type == "民办" and p.demo_major_students:
        out.append(
            s(
                f"学校示范性专业一、二、三年级全日制在校生{n(p.demo_major_students)}人"
                "（不含招收高中阶段毕业生的高级工班及以上学生）。",
                demo_major_students=p.demo_major_students,
            )
        )
    return out


def apprentices(p: SchoolProfile, v: int, f: Fmt) -> list[Stated]:
    n = f.n
    a, open_ = p.apprentices, p.part_time_registration_open
    if v % 3 == 0:
        said = "面向企业职工开放一年以上非全日制学籍注册通道" if open_ else "面向企业职工的非全日制学籍注册通道尚未开放"
        return [s(f"全年开展企业新型学徒制培训{n(a)}人，{said}。", apprentices=a, part_time_registration_open=open_)]
    if v % 3 == 1:
        said = "已开通面向企业职工的非全日制学籍注册通道" if open_ else "正在筹备开放非全日制学籍注册通道"
        return [s(f"培养企业新型学徒{n(a)}人；", apprentices=a), s(f"{said}。", part_time_registration_open=open_)]
    said = "按规定开放一年以上非全日制学籍注册通道" if open_ else "暂未开放非全日制学籍注册通道"
    return [
        s(f"新型学徒制培训人数{n(a)}人，", apprentices=a),
        s(f"{said}。", part_time_registration_open=open_),
    ]


def international(p: SchoolProfile, v: int, f: Fmt) -> list[Stated]:
    n = f.n
    out: list[Stated] = []
    if p.intl_programs:
        out.append(s(f"学校与境外院校合作举办中外合作办学项目{n(p.intl_programs)}个。", intl_programs=p.intl_programs))
    if p.intl_class_students:
        c, claim, cert = p.intl_class_students, p.intl_class_subsidy_claim, p.intl_cert_students
        if v % 2 == 0:
            out += [
                s(f"学校开设国际课程班，国际课程班在校生{n(c)}人，", intl_class_students=c),
                s(f"申请国际课程班生均经费补贴{f.m(claim)}；", intl_class_subsidy_claim=claim),
                s(f"{n(cert)}名学生考取国际职业技能证书。", intl_cert_students=cert),
            ]
        else:
            out += [
                s(f"国际课程班学生{n(c)}人，", intl_class_students=c),
                s(f"本年度申请生均经费补贴{f.m(claim)}，", intl_class_subsidy_claim=claim),
                s(f"考取国际职业技能证书{n(cert)}人。", intl_cert_students=cert),
            ]
    said = (
        f"全年参加国际技能大赛及国际交流活动{n(p.intl_competitions)}次。"
        if v % 2 == 0
        else f"参加国际技能大赛和国际交流活动{n(p.intl_competitions)}次。"
    )
    out.append(s(said, intl_competitions=p.intl_competitions))
    return out


def services(p: SchoolProfile, v: int, f: Fmt) -> list[Stated]:
    n = f.n
    filed, inc = p.skill_rating_filed, p.incubator
    if v % 3 == 0:
        rating = "职业技能等级认定已经市人力资源社会保障局备案" if filed else "职业技能等级认定备案正在办理中"
        incubator = "学校建有创业孵化基地" if inc else "学校尚未建立创业孵化基地"
        return [
            s(f"全年开展职业技能培训{n(p.training_sessions)}人次。", training_sessions=p.training_sessions),
            s(f"{rating}，", skill_rating_filed=filed),
            s(f"颁发职业技能等级证书{n(p.skill_certificates)}本。", skill_certificates=p.skill_certificates),
            s(f"组织招聘会{n(p.job_fairs)}场，", job_fairs=p.job_fairs),
            s(f"{incubator}。", incubator=inc),
        ]
    if v % 3 == 1:
        rating = "学校经人社部门备案开展职业技能等级认定" if filed else "学校职业技能等级认定尚未备案"
        incubator = "已建成创业孵化基地1个" if inc else "创业孵化基地正在筹建中"
        return [
            s(f"{rating}，", skill_rating_filed=filed),
            s(f"全年颁发职业技能等级证书{n(p.skill_certificates)}本；", skill_certificates=p.skill_certificates),
            s(f"职业技能培训人次达{n(p.training_sessions)}人次。", training_sessions=p.training_sessions),
            s(f"举办{n(p.job_fairs)}场校园招聘会，", job_fairs=p.job_fairs),
            s(f"{incubator}。", incubator=inc),
        ]
    rating = "职业技能等级认定已完成备案" if filed else "职业技能等级认定备案申请正在审核中"
    incubator = "学校设有创业孵化基地，为学生提供创业服务" if inc else "学校计划建设创业孵化基地"
    return [
        s(f"{rating}，", skill_rating_filed=filed),
        s(f"颁发职业技能等级证书{n(p.skill_certificates)}本，", skill_certificates=p.skill_certificates),
        s(f"年度职业技能培训人次{n(p.training_sessions)}人次。", training_sessions=p.training_sessions),
        s(f"招聘会场次{n(p.job_fairs)}场；", job_fairs=p.job_fairs),
        s(f"{incubator}。", incubator=inc),
    ]


Section = Callable[[SchoolProfile, int, Fmt], list[Stated]]
SECTIONS: dict[str, Section] = {
    "teachers": teachers,
    "funding": funding,
    "partners": partners,
    "standards": standards,
    "apprentices": apprentices,
    "international": international,
    "services": services,
}


def cn_fmt() -> Fmt:
    """Chinese numerals for counts (hard style)."""
    return Fmt(ints="cn")


__all__ = ["SECTIONS", "Fmt", "cn_fmt", "cn_int", "mgmt"]
