"""The rule catalogue: loading is strict, and each rule of this version gives the right status."""

from __future__ import annotations

from pathlib import Path

import pytest

from jigong.checks.catalogue import load_catalogue
from jigong.checks.engine import evaluate_school
from jigong.pipeline.errors import CatalogueError
from jigong.pipeline.model import Evidence, Value

CATALOGUE = load_catalogue()
ALL_RULES = [*(f"R{n:02d}" for n in range(1, 19)), *(f"K{n:02d}" for n in range(1, 8)), "M01", "V01"]


def v(code: str, value: object, confidence: float = 0.95, conflict: bool = False) -> Value:
    return Value(
        code=code,
        value=value,
        confidence=confidence,
        conflict=conflict,
        evidence=[Evidence(file="统计表.docx", quote=f"{code}：{value}", locator="表1 第2行第2列")],
    )


GOOD = {
    "school_name": "东莞市示例技工学校",
    "school_type": "公办",
    "report_year": 2025,
    "students_total": 3000,
    "students_senior": 1200,
    "senior_ratio": 40.0,
    "majors_total": 20,
    "majors_coop": 18,
    "coop_ratio": 90.0,
    "graduates": 1000,
    "graduates_employed": 980,
    "employment_rate": 98.0,
    "party_org_established": True,
    "principal_responsibility": True,
    "ideology_course_full": True,
    "textbook_politics": True,
    "textbook_chinese": True,
    "textbook_history": True,
    "training_income_fully_returned": True,
    "perf_pay_extraction_ratio": 60.0,
    "part_time_teachers": 36,
    "mgmt_rules": ["教职工管理", "教学管理", "学生管理", "招生管理与就业服务", "资产及后勤管理"],
    "ministry_teaching_standards": True,
    "apprentices": 120,
    "part_time_registration_open": True,
    "skill_rating_filed": True,
    "job_fairs": 6,
}


def statuses(
    overrides: dict[str, object] | None = None, drop: tuple[str, ...] = (), year: int = 2025, **extra: Value
) -> dict[str, str]:
    data = {**GOOD, **(overrides or {})}
    indicators = {c: v(c, x) for c, x in data.items() if c not in drop}
    indicators.update(extra)
    return {f.rule: f.status for f in evaluate_school(CATALOGUE, indicators, year)}


def test_every_rule_of_the_catalogue_gets_a_status() -> None:
    assert list(statuses()) == ALL_RULES
    # a 公办 school that states nothing of R13–R16's subjects: R13 is for 民办 schools, R15/R16 for schools
    # with international classes; every other rule passes on the good figures.
    outcome = statuses()
    assert {r: s for r, s in outcome.items() if s != "pass"} == {
        "R13": "not_applicable",
        "R15": "not_applicable",
        "R16": "not_applicable",
    }


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    return path


PLAN = """plan:
  id: test
  title: 测试方案
  issuer: 测试局
  issued: "2022-05-05"
  in_force: ["2022-05-05", "2025-12-31"]
"""


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            "  - {id: R01, clause: 二, title: t, quote: q, requirement: r, severity: 重点, kind: yesno, "
            "values: {'2022-05-05': {indicator: no_such_code}}}",
            "no_such_code",
        ),
        (
            "  - {id: R01, clause: 二, title: t, quote: q, requirement: r, severity: 重点, kind: yesno, colour: red, "
            "values: {'2022-05-05': {indicator: incubator}}}",
            "colour",
        ),
        (
            "  - {id: R01, clause: 二, title: t, quote: q, requirement: r, severity: 重点, kind: yesno, "
            "values: {'2022-13-05': {indicator: incubator}}}",
            "2022-13-05",
        ),
        (
            "  - {id: R01, clause: 二, title: t, quote: q, requirement: r, severity: 重点, kind: nosuchkind, "
            "values: {'2022-05-05': {}}}",
            "nosuchkind",
        ),
    ],
)
def test_loading_is_strict_and_names_file_and_line(tmp_path: Path, rules: str, message: str) -> None:
    path = _write(tmp_path, PLAN + "rules:\n" + rules + "\n")
    with pytest.raises(CatalogueError) as err:
        load_catalogue(path)
    assert str(path) in str(err.value)
    assert "第" in str(err.value)
    assert message in str(err.value)


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    path = _write(tmp_path, PLAN + "plan: {}\nrules: []\n")
    with pytest.raises(CatalogueError, match="重复"):
        load_catalogue(path)
