"""School profiles: the fictional figures a generated submission is written from."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# (numerator, denominator, ratio) triples; ratio = numerator / denominator * 100.
RATIO_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("students_senior", "students_total", "senior_ratio"),
    ("majors_coop", "majors_total", "coop_ratio"),
    ("graduates_employed", "graduates", "employment_rate"),
)

MAJOR_POOL: tuple[str, ...] = (
    "数控加工（数控车工）",
    "模具制造",
    "机电一体化技术",
    "电气自动化设备安装与维修",
    "工业机器人应用与维护",
    "汽车维修",
    "新能源汽车检测与维修",
    "计算机网络应用",
    "电子商务",
    "物流服务与管理",
    "会计",
    "烹饪（中式烹调）",
    "电子技术应用",
    "计算机程序设计",
    "平面设计",
    "服装设计与制作",
    "酒店管理",
    "幼儿教育",
    "建筑施工",
    "无人机应用技术",
    "智能制造技术应用",
    "工业设计",
    "室内设计",
    "焊接加工",
    "美容美发与造型",
    "跨境电子商务",
    "数字媒体技术应用",
    "智能楼宇管理",
    "精密检测技术",
    "城市轨道交通运输与管理",
    "药物制剂",
    "新能源汽车制造与装配",
)
_PARTNER_HEADS: tuple[str, ...] = (
    "华辰",
    "联创",
    "盈科",
    "宏达",
    "新光",
    "丰源",
    "瑞德",
    "中汇",
    "科维",
    "恒信",
    "远航",
    "德润",
    "金桥",
    "海韵",
    "鼎盛",
    "启明",
)
_PARTNER_TAILS: tuple[str, ...] = (
    "精密模具有限公司",
    "智能装备有限公司",
    "电子科技有限公司",
    "汽车服务有限公司",
    "供应链管理有限公司",
    "信息技术有限公司",
    "餐饮管理有限公司",
    "自动化设备有限公司",
)
MGMT_RULES: tuple[str, ...] = ("教职工管理", "教学管理", "学生管理", "招生管理与就业服务", "资产及后勤管理")
SUPERVISORS: tuple[str, ...] = ("所在镇（街道）党工委", "举办方所在园区党委", "市民办教育行业党委")


@dataclass
class SchoolProfile:
    """All figures of one fictional school for one report year.

    Counts and ratios are consistent (ratio = round(num / den * 100, 1)) unless the
    profile was built with both a count and its ratio overridden on purpose.
    ``prev`` holds previous-year figures (distractors), keyed by indicator code.
    """

    name: str
    school_type: str
    category: str
    year: int
    students_total: int
    students_senior: int
    senior_ratio: float
    majors_total: int
    majors_coop: int
    coop_ratio: float
    graduates: int
    graduates_employed: int
    employment_rate: float
    party_org_established: bool = True
    principal_responsibility: bool = True
    ideology_course_full: bool = True
    textbook_politics: bool = True
    textbook_chinese: bool = True
    textbook_history: bool = True
    majors: list[tuple[str, str]] = field(default_factory=list)
    prev: dict[str, float] = field(default_factory=dict)
    new_enrolment: int = 0
    part_time_students: int = 0
    matched_employment_rate: float = 85.0
    satisfaction_rate: float = 96.0
    party_org_year: int = 2019
    party_supervisor: str = SUPERVISORS[0]
    teachers: int = 0
    seed: int = 0
    # Sections C–J beyond the core figures (drawn from their own random stream, so the core stays as it was).
    ideology_teachers: int = 0
    social_training_income: int = 0  # yuan; a multiple of 100, so that 万元 needs at most two decimals
    training_income_fully_returned: bool = True
    perf_pay_extraction_ratio: float = 60.0
    part_time_teachers: int = 0
    coop_enterprises: int = 0
    master_studio_partners: int = 0
    mgmt_rules: list[str] = field(default_factory=lambda: list(MGMT_RULES))
    ministry_teaching_standards: bool = True
    majors_strategic: int = 0
    demo_major_students: int = 0  # 民办 only; 0: the school has no 示范性专业
    apprentices: int = 0
    part_time_registration_open: bool = True
    intl_programs: int = 0
    intl_class_students: int = 0  # 0: no international course class
    intl_class_subsidy_claim: int = 0
    intl_cert_students: int = 0
    intl_competitions: int = 0
    training_sessions: int = 0
    skill_rating_filed: bool = True
    skill_certificates: int = 0
    job_fairs: int = 0
    incubator: bool = True

    @property
    def short_name(self) -> str:
        """Name without the 东莞市 prefix, e.g. 鸿图技师学院."""
        return self.name.removeprefix("东莞市")

    def core_values(self) -> dict[str, object]:
        """The figures every writer of the first version stated (sections A–C and the textbooks)."""
        return {
            "school_name": self.name,
            "school_type": self.school_type,
            "report_year": self.year,
            "students_total": self.students_total,
            "students_senior": self.students_senior,
            "senior_ratio": self.senior_ratio,
            "majors_total": self.majors_total,
            "majors_coop": self.majors_coop,
            "coop_ratio": self.coop_ratio,
            "graduates": self.graduates,
            "graduates_employed": self.graduates_employed,
            "employment_rate": self.employment_rate,
            "party_org_established": self.party_org_established,
            "principal_responsibility": self.principal_responsibility,
            "ideology_course_full": self.ideology_course_full,
            "textbook_politics": self.textbook_politics,
            "textbook_chinese": self.textbook_chinese,
            "textbook_history": self.textbook_history,
        }

    def values(self) -> dict[str, object]:
        """Every indicator value of the profile that a complete submission would state, in dictionary terms."""
        out = self.core_values()
        out["school_category"] = self.category
        out["full_time_teachers"] = self.teachers
        for code in EXTRA_CODES:
            out[code] = getattr(self, code)
        if self.school_type != "公办":  # 三（一）2 concerns 公办 schools only
            for code in ("social_training_income", "training_income_fully_returned", "perf_pay_extraction_ratio"):
                out.pop(code)
        if self.school_type != "民办" or not self.demo_major_students:
            out.pop("demo_major_students")
        if not self.intl_class_students:
            for code in ("intl_class_students", "intl_class_subsidy_claim", "intl_cert_students"):
                out.pop(code)
        if not self.intl_programs:
            out.pop("intl_programs")
        out["mgmt_rules"] = list(self.mgmt_rules)
        return out

    def inconsistencies(self, tolerance: float = 0.5) -> list[str]:
        """Ratio codes whose stated value differs from num/den*100 by more than ``tolerance``."""
        bad = []
        for num, den, ratio in RATIO_PAIRS:
            n, d, r = int(getattr(self, num)), int(getattr(self, den)), float(getattr(self, ratio))
            if d and abs(100 * n / d - r) > tolerance:
                bad.append(ratio)
        return bad


EXTRA_CODES: tuple[str, ...] = (
    "ideology_teachers",
    "social_training_income",
    "training_income_fully_returned",
    "perf_pay_extraction_ratio",
    "part_time_teachers",
    "coop_enterprises",
    "master_studio_partners",
    "mgmt_rules",
    "ministry_teaching_standards",
    "majors_strategic",
    "demo_major_students",
    "apprentices",
    "part_time_registration_open",
    "intl_programs",
    "intl_class_students",
    "intl_class_subsidy_claim",
    "intl_cert_students",
    "intl_competitions",
    "training_sessions",
    "skill_rating_filed",
    "skill_certificates",
    "job_fairs",
    "incubator",
)


def category_of(name: str) -> str:
    """School category derived from the name's ending."""
    for cat in ("技师学院", "高级技工学校", "技工学校"):
        if name.endswith(cat):
            return cat
    return "技工学校"


def _pct(num: int, den: int) -> float:
    return round(100 * num / den, 1) if den else 0.0


def _fit_ratio(target: float, den: int, den_fixed: bool) -> tuple[int, int]:
    """Numerator (and possibly adjusted denominator) so that num/den*100 rounds to target."""
    candidates = [den] if den_fixed else [den + k for d in range(0, 200) for k in (d, -d)]
    for d in candidates:
        if d <= 0:
            continue
        num = round(d * target / 100)
        if _pct(num, d) == round(target, 1):
            return num, d
    return round(den * target / 100), den


def _majors(rng: random.Random, total: int, coop: int) -> list[tuple[str, str]]:
    names = rng.sample(MAJOR_POOL, min(total, len(MAJOR_POOL)))
    names += [f"{names[i % len(names)]}（{i // len(names) + 2}）" for i in range(total - len(names))]
    out = []
    for i, major in enumerate(names):
        partner = f"东莞市{rng.choice(_PARTNER_HEADS)}{rng.choice(_PARTNER_TAILS)}" if i < coop else "—"
        out.append((major, partner))
    return out


def _num(x: object) -> float:
    if isinstance(x, int | float):
        return float(x)
    raise TypeError(f"expected a number, got {x!r}")


def make_profile(seed: int, name: str, **overrides: object) -> SchoolProfile:
    """Plausible profile for ``name``; keyword overrides replace any field.

    Overriding only a ratio (e.g. ``employment_rate=96.2``) adjusts the counts so that
    they are consistent with it; overriding a count and its ratio keeps both as given
    (a deliberate inconsistency).
    """
    rng = random.Random(f"{seed}:{name}")
    ov = dict(overrides)
    year = int(_num(ov.pop("year", 2025)))
    total = int(_num(ov.get("students_total", rng.randint(1500, 9000))))
    gen: dict[str, float] = {
        "students_total": total,
        "majors_total": rng.randint(8, 30),
        "graduates": round(total * rng.uniform(0.25, 0.35)),
    }
    ranges = {"senior_ratio": (25.0, 55.0), "coop_ratio": (80.0, 100.0), "employment_rate": (95.0, 99.5)}
    defaults = {k: rng.uniform(lo, hi) for k, (lo, hi) in ranges.items()}
    for num, den, ratio in RATIO_PAIRS:
        d = int(_num(ov.pop(den, gen[den])))
        if ratio in ov and num in ov:
            n, r = int(_num(ov.pop(num))), round(_num(ov.pop(ratio)), 1)
        elif ratio in ov:
            r = round(_num(ov.pop(ratio)), 1)
            n, d = _fit_ratio(r, d, den_fixed=den in overrides)
        else:
            n = min(d, round(d * defaults[ratio] / 100))
            lo, hi = ranges[ratio]
            n += (_pct(n, d) < lo) - (_pct(n, d) > hi)  # keep the rounded ratio in range
            n = int(_num(ov.pop(num, n)))
            r = _pct(n, d)
        gen[num], gen[den], gen[ratio] = n, d, r
    cnt = {k: int(v) for k, v in gen.items() if not k.endswith(("_ratio", "_rate"))}
    prev_total = cnt["students_total"] - rng.choice([-1, 1, 1, 1]) * rng.randint(80, 650)
    prev_senior = round(cnt["students_senior"] * rng.uniform(0.85, 0.98))
    prev: dict[str, float] = {
        "students_total": prev_total,
        "students_senior": prev_senior,
        "senior_ratio": _pct(prev_senior, prev_total),
        "majors_total": max(6, cnt["majors_total"] - rng.randint(1, 3)),
        "coop_ratio": round(min(100.0, gen["coop_ratio"] - rng.uniform(1.0, 6.0)), 1),
        "graduates": round(cnt["graduates"] * rng.uniform(0.88, 0.97)),
        "employment_rate": round(min(99.6, gen["employment_rate"] + rng.choice([-1, 1]) * rng.uniform(0.3, 1.5)), 1),
    }
    school_type = str(ov.pop("school_type", "公办"))
    profile = SchoolProfile(
        name=name,
        school_type=school_type,
        category=category_of(name),
        year=year,
        students_total=cnt["students_total"],
        students_senior=cnt["students_senior"],
        senior_ratio=gen["senior_ratio"],
        majors_total=cnt["majors_total"],
        majors_coop=cnt["majors_coop"],
        coop_ratio=gen["coop_ratio"],
        graduates=cnt["graduates"],
        graduates_employed=cnt["graduates_employed"],
        employment_rate=gen["employment_rate"],
        majors=_majors(rng, cnt["majors_total"], cnt["majors_coop"]),
        prev=prev,
        new_enrolment=round(cnt["students_total"] * rng.uniform(0.36, 0.42)),
        part_time_students=rng.randint(180, 2200),
        matched_employment_rate=round(rng.uniform(78, 92), 1),
        satisfaction_rate=round(rng.uniform(94, 99), 1),
        party_org_year=rng.randint(2008, 2021),
        party_supervisor=SUPERVISORS[0] if school_type == "公办" else rng.choice(SUPERVISORS[1:]),
        teachers=round(cnt["students_total"] / rng.uniform(16, 21)),
        seed=seed,
    )
    _extras(profile, random.Random(f"{seed}:{name}:extras"))
    for key, value in ov.items():
        if not hasattr(profile, key):
            raise TypeError(f"unknown profile field {key!r}")
        setattr(profile, key, value)
    return profile


def _extras(p: SchoolProfile, rng: random.Random) -> None:
    """Sections C–J: teachers, funding, partners, apprentices, international classes, services."""
    p.ideology_teachers = max(4, round(p.teachers * rng.uniform(0.04, 0.08)))
    p.social_training_income = rng.randint(300, 30000) * 100
    p.perf_pay_extraction_ratio = 60.0
    p.part_time_teachers = rng.randint(15, 120)
    p.coop_enterprises = rng.randint(20, 160)
    p.master_studio_partners = rng.randint(1, 9)
    p.majors_strategic = max(1, round(p.majors_total * rng.uniform(0.4, 0.8)))
    p.demo_major_students = rng.randint(150, 900) if p.school_type == "民办" else 0
    p.apprentices = rng.randint(60, 1500)
    p.intl_programs = rng.choice([0, 1, 1, 2])
    p.intl_competitions = rng.randint(1, 12)
    p.training_sessions = rng.randint(2000, 15000)
    p.skill_certificates = rng.randint(600, 5000)
    p.job_fairs = rng.randint(2, 24)
