"""The embedded demo batch: seven fictional Dongguan schools and their submissions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fixturegen.broken import write_legacy_doc, write_truncated_docx
from fixturegen.profiles import SchoolProfile, make_profile
from fixturegen.truth import Truth
from fixturegen.writers_docx import report_docx_bytes, write_form_docx, write_report_docx
from fixturegen.writers_pdf import write_report_pdf

Writer = Callable[[SchoolProfile, Path, int], Truth]


@dataclass
class DemoSchool:
    """A demo school: profile overrides, its folder (None: loose files only) and its files."""

    name: str
    seed: int
    overrides: dict[str, object]
    folder: bool = True
    # (relative file name template, writer, style/variant); {y} is the report year.
    files: list[tuple[str, Writer, int]] = field(default_factory=list)
    story: str = ""


def demo_schools() -> list[DemoSchool]:
    """The schools of the demo batch (without broken/loose extras, added in build_demo_batch)."""
    form, report, pdf = write_form_docx, write_report_docx, write_report_pdf
    return [
        DemoSchool(
            "东莞市鸿图技师学院",
            101,
            {
                "senior_ratio": 46.3,
                "coop_ratio": 95.5,
                "employment_rate": 98.7,
                "intl_class_students": 45,
                "intl_class_subsidy_claim": 200000,
                "intl_cert_students": 18,
            },
            files=[
                ("东莞市鸿图技师学院{y}年度报送统计表.docx", form, 0),
                ("东莞市鸿图技师学院{y}年度工作报告.docx", report, 0),
                ("{y}年度办学质量报告.pdf", pdf, 3),
            ],
            story="passes every rule; international class of 45 claims 200,000 yuan (cap 225,000)",
        ),
        DemoSchool(
            "东莞市松湖高级技工学校",
            102,
            {
                "senior_ratio": 42.8,
                "coop_ratio": 80.0,
                "employment_rate": 96.2,
                "textbook_history": False,
                "intl_class_students": 30,
                "intl_class_subsidy_claim": 180000,
                "intl_cert_students": 9,
                "mgmt_rules": ["教职工管理", "教学管理", "学生管理", "招生管理与就业服务"],
            },
            files=[("技工院校年度报送统计表（松湖高级技工学校）.docx", form, 1), ("{y}年度工作总结.docx", report, 2)],
            story="employment 96.2 < 98, coop 80.0 < 90, 历史 uses 校本教材; international class claims 180,000 yuan "
            "over the cap 5,000 × 30; 资产及后勤管理 rules still being drafted",
        ),
        DemoSchool(
            "东莞市华粤技工学校",
            103,
            {
                "school_type": "民办",
                "senior_ratio": 40.9,
                "coop_ratio": 91.7,
                "employment_rate": 98.3,
                "party_org_established": False,
            },
            files=[("华粤技工学校{y}年度办学情况报告.docx", report, 1), ("年度报送统计表.docx", form, 2)],
            story="民办 (states demo_major_students); Party organisation 尚未建立",
        ),
        DemoSchool(
            "东莞市南城技工学校",
            104,
            {
                "students_total": 6120,
                "graduates": 1768,
                "graduates_employed": 1702,
                "employment_rate": 98.5,
                "senior_ratio": 41.6,
                "coop_ratio": 92.3,
            },
            files=[("东莞市南城技工学校年度报送统计表.docx", form, 1), ("年度报告.pdf", pdf, 2)],
            story="stated employment_rate 98.5 vs 1702/1768 = 96.3 (inconsistent)",
        ),
        DemoSchool(
            "东莞市长安技工学校",
            105,
            {"senior_ratio": 43.5, "coop_ratio": 93.8, "employment_rate": 98.9},
            files=[("长安技工学校{y}年度统计表.docx", form, 2), ("{y}年度工作报告.pdf", pdf, 1)],
            story="folder also holds a truncated .docx and a legacy .doc",
        ),
        DemoSchool(
            "东莞市新湾技工学校",
            106,
            {"senior_ratio": 44.1, "coop_ratio": 90.9, "employment_rate": 98.1},
            files=[("东莞市新湾技工学校{y}年度办学情况报告.docx", report, 3)],
            story="its statistics form is the loose 补充材料-统计表.docx at the top level",
        ),
        DemoSchool(
            "东莞市滨海技工学校",
            107,
            {"senior_ratio": 35.2, "coop_ratio": 94.1, "employment_rate": 98.4},
            folder=False,
            files=[("东莞市滨海技工学校{y}年度工作报告.pdf", pdf, 0)],
            story="no folder; loose PDF named after the school; senior 35.2 < 40",
        ),
    ]


LOOSE_FORM = "补充材料-统计表.docx"
LOOSE_FORM_SCHOOL = "东莞市新湾技工学校"
BROKEN_SCHOOL = "东莞市长安技工学校"
TRUNCATED_NAME = "{y}年度工作总结.docx"
LEGACY_NAME = "附件2-专业设置一览表.doc"


ROSTER_NAME = "学校名册.xlsx"
# The roster the demo run finds at the top of inputs/: the seven schools, their 简称 (not a school's material).
ROSTER_ALIASES = {"东莞市鸿图技师学院": "鸿图技院", "东莞市松湖高级技工学校": "松湖高技、松湖技校"}


def write_demo_roster(dest: Path, year: int = 2025) -> Path:
    """The demo's 学校名册.xlsx: every demo school with the 办学性质 and 学校类别 its profile states."""
    from fixturegen.intake import write_roster

    rows = []
    for name, profile in demo_profiles(year).items():
        category = next(c for c in ("技师学院", "高级技工学校", "技工学校") if name.endswith(c))
        rows.append((name, profile.school_type, category, ROSTER_ALIASES.get(name, "")))
    return write_roster(dest / ROSTER_NAME, rows)


def demo_profiles(year: int = 2025) -> dict[str, SchoolProfile]:
    """Profiles of all demo schools for ``year``."""
    return {s.name: make_profile(s.seed, s.name, year=year, **s.overrides) for s in demo_schools()}


def build_demo_batch(dest: Path, year: int = 2025) -> dict[str, list[Truth]]:
    """Write the demo batch under ``dest``; return school name -> truths (paths relative to dest)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    profiles = demo_profiles(year)
    truths: dict[str, list[Truth]] = {}

    def record(truth: Truth, path: Path) -> None:
        truth.file = path.relative_to(dest).as_posix()
        truths.setdefault(truth.school, []).append(truth)

    for school in demo_schools():
        profile = profiles[school.name]
        base = dest / school.name if school.folder else dest
        for template, writer, style in school.files:
            path = base / template.format(y=year)
            record(writer(profile, path, style), path)
    # Unreadable files next to readable ones.
    broken = profiles[BROKEN_SCHOOL]
    path = dest / BROKEN_SCHOOL / TRUNCATED_NAME.format(y=year)
    write_truncated_docx(path, report_docx_bytes(broken, 3)[0])
    record(Truth(file="", values={}, school=BROKEN_SCHOOL, readable=False), path)
    path = dest / BROKEN_SCHOOL / LEGACY_NAME
    write_legacy_doc(path)
    record(Truth(file="", values={}, school=BROKEN_SCHOOL, readable=False), path)
    # A loose file with a neutral name whose 学校名称 row names a school that has a folder.
    path = dest / LOOSE_FORM
    record(write_form_docx(profiles[LOOSE_FORM_SCHOOL], path, 0), path)
    write_demo_roster(dest, year)
    return truths
