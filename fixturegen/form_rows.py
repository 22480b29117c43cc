"""Rows of the statistics form for sections C–J, worded differently in each form variant."""

from __future__ import annotations

from dataclasses import dataclass

from fixturegen.numfmt import fmt_int, fmt_pct
from fixturegen.profiles import MGMT_RULES, SchoolProfile


@dataclass
class Item:
    """One label/value pair of the form; ``code`` is None for distractor rows."""

    label: str
    text: str
    code: str | None = None
    value: object = None
    unit: str = ""


def mark(flag: bool, variant: int) -> str:
    if variant == 0:
        return "☑是 ☐否" if flag else "☐是 ☑否"
    if variant == 1:
        return "是" if flag else "否"
    return "√是 □否" if flag else "□是 √否"


# code → label per variant (0: official names with units, 1: short labels, 2: other wording + unit column)
LABELS: dict[str, tuple[str, str, str]] = {
    "full_time_teachers": ("专任教师人数（人）", "专任教师（人）", "专任教师总数"),
    "ideology_teachers": ("思想政治理论课专任教师人数（人）", "思政课教师（人）", "思想政治理论课教师"),
    "part_time_teachers": ("企业兼职教师人数（人）", "企业兼职教师（人）", "兼职教师人数"),
    "coop_enterprises": ("合作企业数（家）", "合作企业（家）", "校企合作企业"),
    "master_studio_partners": (
        "合作的企业技师工作站（技能大师工作室）数（个）",
        "合作的技能大师工作室（个）",
        "合作的企业技师工作站",
    ),
    "majors_strategic": (
        "与战略性支柱产业、战略性新兴产业相关的专业数（个）",
        "战略性产业相关专业数（个）",
        "对接战略性新兴产业的专业",
    ),
    "demo_major_students": (
        "示范性专业一、二、三年级全日制在校生数（人）",
        "示范性专业在校生（人）",
        "示范性专业全日制在校生",
    ),
    "apprentices": ("企业新型学徒制培训人数（人）", "新型学徒制培训人数（人）", "企业新型学徒制培训"),
    "intl_programs": ("中外合作办学项目数（个）", "中外合作办学项目（个）", "中外合作办学项目数量"),
    "intl_class_students": ("国际课程班在校生人数（人）", "国际课程班在校生（人）", "国际课程班学生"),
    "intl_class_subsidy_claim": (
        "申请的国际课程班生均经费补贴金额（元）",
        "国际课程班生均经费补贴",
        "国际课程班生均经费补贴申请金额",
    ),
    "intl_cert_students": (
        "考取国际职业技能证书的国际课程班学生数（人）",
        "考取国际职业技能证书人数（人）",
        "考取国际职业技能证书的学生",
    ),
    "intl_competitions": (
        "参加国际技能大赛及国际交流（次）",
        "国际技能大赛及国际交流活动（次）",
        "参加国际技能大赛和国际交流活动",
    ),
    "training_sessions": ("年度职业技能培训人次（人次）", "职业技能培训人次", "培训人次"),
    "skill_certificates": ("颁发职业技能等级证书数（本）", "职业技能等级证书数（本）", "颁发职业技能等级证书"),
    "job_fairs": ("组织招聘会场次（场）", "招聘会场次（场）", "组织招聘会"),
    "social_training_income": ("面向社会开展职业技能培训收入（元）", "社会培训收入", "社会化培训收入"),
    "perf_pay_extraction_ratio": (
        "扣除成本后提取用于补充绩效工资的比例（%）",
        "绩效工资提取比例",
        "提取用于补充绩效工资的比例",
    ),
    "training_income_fully_returned": (
        "培训收入全额返还学校使用",
        "培训收入全额返还",
        "培训收入是否全额返还学校使用",
    ),
    "ministry_teaching_standards": ("执行部颁教学标准", "部颁教学标准", "是否执行部颁教学标准"),
    "part_time_registration_open": (
        "面向企业职工开放一年以上非全日制学籍注册通道",
        "非全日制学籍注册通道",
        "是否开放非全日制学籍注册通道",
    ),
    "skill_rating_filed": ("职业技能等级认定已经人社部门备案", "职业技能等级认定备案", "职业技能等级认定是否备案"),
    "incubator": ("建有创业孵化基地等创业服务载体", "创业孵化基地", "是否建有创业孵化基地"),
}
_UNITS = {
    "full_time_teachers": "人",
    "ideology_teachers": "人",
    "part_time_teachers": "人",
    "coop_enterprises": "家",
    "master_studio_partners": "个",
    "majors_strategic": "个",
    "demo_major_students": "人",
    "apprentices": "人",
    "intl_programs": "个",
    "intl_class_students": "人",
    "intl_cert_students": "人",
    "intl_competitions": "次",
    "training_sessions": "人次",
    "skill_certificates": "本",
    "job_fairs": "场",
}


def _money(yuan: int, variant: int) -> tuple[str, str]:
    """(cell text, unit column) for an amount: yuan with commas, 万元 in the cell, or 万元 in the unit column."""
    wan = f"{yuan / 10000:.2f}".rstrip("0").rstrip(".")
    if variant == 0:
        return f"{yuan:,}", ""
    if variant == 1:
        return f"{wan}万元", ""
    return wan, "万元"


def extra_items(p: SchoolProfile, variant: int) -> list[Item]:
    """The form's items for sections C–J that the profile states, in dictionary order."""
    values = p.values()
    out: list[Item] = []
    for code, labels in LABELS.items():
        if code not in values:
            continue
        value = values[code]
        label = labels[variant]
        if isinstance(value, bool):
            out.append(Item(label, mark(value, variant), code, value, "—"))
        elif code in ("social_training_income", "intl_class_subsidy_claim"):
            text, unit = _money(int(value), variant)  # type: ignore[call-overload]
            out.append(Item(label, text, code, value, unit or "元"))
        elif code == "perf_pay_extraction_ratio":
            out.append(Item(label, fmt_pct(float(value), sign=variant == 1), code, value, "%"))  # type: ignore[arg-type]
        else:
            text = fmt_int(int(value), "comma" if variant == 1 else "plain")  # type: ignore[call-overload]
            out.append(Item(label, text, code, value, _UNITS.get(code, "")))
    out.append(_mgmt_item(p, variant))
    return out


def _mgmt_item(p: SchoolProfile, variant: int) -> Item:
    have = [m for m in MGMT_RULES if m in p.mgmt_rules]
    if variant == 2:
        text = " ".join(("☑" if m in have else "☐") + m for m in MGMT_RULES)
        return Item("管理制度建立情况", text, "mgmt_rules", have, "—")
    label = "已建立的管理制度" if variant == 0 else "已建立的管理工作制度"
    return Item(label, "、".join(have) if have else "无", "mgmt_rules", have)
