"""The labelled test set: varied submissions (reports in 12 styles, 5 form layouts, majors lists, PDFs) with the
values each states, approximations and deliberate disagreements between files."""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field
from pathlib import Path

from fixturegen.labelled_forms import write_form_across, write_form_lines, write_majors_list
from fixturegen.labelled_styles import DEV_STYLES, HELD_OUT_STYLES
from fixturegen.profiles import MGMT_RULES, SchoolProfile, make_profile
from fixturegen.truth import Truth
from fixturegen.writers_docx import write_form_docx, write_report_docx
from fixturegen.writers_pdf import write_report_pdf

_HEADS = (
    "明德", "启航", "华南", "新桥", "金湾", "长河", "东城", "厚街", "寮步", "大岭山", "清溪", "塘厦", "凤岗", "樟木头",
    "黄江", "常平", "石龙", "茶山", "横沥", "企石", "麻涌", "望牛墩", "道滘", "洪梅", "沙田", "虎门", "万江", "高埗",
)  # fmt: skip
_TAILS = ("", "南城", "新区", "城东", "北岸", "科技", "理工", "工贸")
_CATEGORIES = ("技师学院", "高级技工学校", "技工学校")
_FLIPPABLE = (
    "party_org_established",
    "principal_responsibility",
    "ideology_course_full",
    "textbook_politics",
    "textbook_chinese",
    "textbook_history",
    "training_income_fully_returned",
    "ministry_teaching_standards",
    "part_time_registration_open",
    "skill_rating_filed",
    "incubator",
)
FORM_KINDS = ("form0", "form1", "form2", "form_across", "form_lines")


@dataclass(frozen=True)
class Planned:
    """One file of a sample: what it is, its style or variant, its format, and a figure changed on purpose."""

    kind: str  # report | form0 | form1 | form2 | form_across | form_lines | majors
    style: int = 0
    fmt: str = "docx"
    changed: str | None = None  # a code whose figure this file states differently (a conflict)


@dataclass
class Sample:
    """One school's submission in the set."""

    index: int
    profile: SchoolProfile
    style: int
    files: list[Planned]

    @property
    def held_out(self) -> bool:
        return self.style in HELD_OUT_STYLES


@dataclass
class Expected:
    """What extraction should give for a sample: values, which are approximate, which are in conflict."""

    values: dict[str, object] = field(default_factory=dict)
    approximate: set[str] = field(default_factory=set)
    conflicts: set[str] = field(default_factory=set)


def _profile(index: int, rng: random.Random, seed: int) -> SchoolProfile:
    head = _HEADS[index % len(_HEADS)] + _TAILS[index // len(_HEADS) % len(_TAILS)]
    name = f"东莞市{head}{_CATEGORIES[rng.randrange(3)]}"
    overrides: dict[str, object] = {"school_type": "民办" if rng.random() < 0.3 else "公办"}
    for code in _FLIPPABLE:
        if rng.random() < 0.15:
            overrides[code] = False
    if rng.random() < 0.4:
        overrides["mgmt_rules"] = sorted(rng.sample(MGMT_RULES, rng.randint(2, 4)), key=MGMT_RULES.index)
    if rng.random() < 0.4:
        students = rng.randint(20, 90)
        overrides["intl_class_students"] = students
        overrides["intl_class_subsidy_claim"] = students * rng.randint(30, 70) * 100
        overrides["intl_cert_students"] = rng.randint(1, students // 2)
    return make_profile(seed * 1000 + index, name, **overrides)


def plan_set(n: int, seed: int = 0, styles: tuple[int, ...] = DEV_STYLES + HELD_OUT_STYLES) -> list[Sample]:
    """n samples cycling through the styles; each has a report and, often, a form and a majors list."""
    rng = random.Random(f"labelled:{seed}")
    out: list[Sample] = []
    for i in range(n):
        style = styles[i % len(styles)]
        profile = _profile(i, rng, seed)
        fmt = "pdf" if style == 10 or rng.random() < 0.3 else "docx"
        files: list[Planned] = []
        form = FORM_KINDS[rng.randrange(len(FORM_KINDS))] if rng.random() < 0.6 else None
        changed = "students_total" if form and rng.random() < 0.15 else None
        files.append(Planned("report", style, fmt, changed))
        if form:
            files.append(Planned(form))
        if rng.random() < 0.3:
            files.append(Planned("majors"))
        out.append(Sample(i, profile, style, files))
    return out


def _write(planned: Planned, profile: SchoolProfile, path: Path) -> Truth:
    if planned.changed:
        value = int(getattr(profile, planned.changed))
        profile = dataclasses.replace(profile, **{planned.changed: value + 7 + profile.seed % 30})
    if planned.kind == "report":
        writer = write_report_pdf if planned.fmt == "pdf" else write_report_docx
        return writer(profile, path, planned.style)
    if planned.kind == "majors":
        return write_majors_list(profile, path, dash="—" if profile.seed % 2 else "")
    if planned.kind == "form_across":
        return write_form_across(profile, path)
    if planned.kind == "form_lines":
        return write_form_lines(profile, path)
    return write_form_docx(profile, path, int(planned.kind[-1]))


def write_sample(sample: Sample, folder: Path) -> tuple[list[Path], Expected]:
    """Write a sample's files into folder; the files and what extraction should find in them together."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    truths: list[Truth] = []
    for i, planned in enumerate(sample.files):
        suffix = "pdf" if planned.fmt == "pdf" else "docx"
        path = folder / f"{i + 1}-{planned.kind}.{suffix}"
        truths.append(_write(planned, sample.profile, path))
        paths.append(path)
    return paths, combine(truths)


def combine(truths: list[Truth]) -> Expected:
    """The submission's truth: what its files state; an exact figure beats an approximation of it; two exact
    figures that differ are a conflict."""
    out = Expected()
    stated: dict[str, list[tuple[object, bool]]] = {}
    for truth in truths:
        for code, value in truth.values.items():
            stated.setdefault(code, []).append((value, code in truth.approximate))
    for code, readings in stated.items():
        exact = {_key(v) for v, approx in readings if not approx}
        if len(exact) > 1:
            out.conflicts.add(code)
            continue
        if exact:
            out.values[code] = next(v for v, approx in readings if not approx)
            continue
        approximate = {_key(v) for v, _ in readings}
        if len(approximate) > 1:
            out.conflicts.add(code)
            continue
        out.values[code] = readings[0][0]
        out.approximate.add(code)
    return out


def _key(value: object) -> object:
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, float):
        return round(value, 1)
    return value
