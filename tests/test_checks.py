"""The rule catalogue: loading is strict, and each rule of this version gives the right status."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalogue import load_catalogue
from checks.engine import evaluate_city, evaluate_school
from pipeline.errors import CatalogueError
from pipeline.model import Evidence, SchoolResult, Value

CATALOGUE = load_catalogue()
ALL_RULES = [
    "R01",
    "R02",
    "R03",
    "R04",
    "R05",
    "R06",
    "R10",
    "K01",
    "K02",
    "K03",
    "K04",
    "K05",
    "K06",
    "K07",
    "M01",
    "V01",
]


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
    assert set(statuses().values()) == {"pass"}


# Boundaries are exact: 98.0 %, 90.0 % and 40.0 % pass; one tenth below does not.
@pytest.mark.parametrize(
    ("overrides", "drop", "rule", "status"),
    [
        ({"senior_ratio": 39.9, "students_senior": 1197}, (), "R01", "below_target"),
        ({"coop_ratio": 89.9}, ("majors_coop",), "R02", "fail"),
        ({"employment_rate": 97.9, "graduates_employed": 979}, (), "R03", "fail"),
        ({}, ("employment_rate",), "R03", "pass"),  # computed from 980 / 1000 = 98.0 %
        ({}, ("employment_rate", "graduates_employed"), "R03", "missing"),
        ({"party_org_established": False}, (), "R04", "fail"),
        ({}, ("party_org_established",), "R04", "missing"),
        ({"principal_responsibility": False}, (), "R05", "fail"),
        ({}, ("ideology_course_full",), "R06", "missing"),
        ({"textbook_history": False}, (), "R10", "fail"),
        ({}, ("textbook_history",), "R10", "missing"),
        ({"students_senior": 3100, "senior_ratio": 103.3}, (), "K01", "fail"),
        ({"senior_ratio": 41.0}, (), "K02", "fail"),
        ({"senior_ratio": 40.5}, (), "K02", "pass"),
        ({}, ("senior_ratio",), "K02", "not_applicable"),
        ({"majors_coop": 21, "coop_ratio": 105.0}, (), "K03", "fail"),
        ({"coop_ratio": 95.0}, (), "K04", "fail"),
        ({"graduates_employed": 1001, "employment_rate": 100.0}, (), "K05", "fail"),
        ({"employment_rate": 98.6}, (), "K06", "fail"),
        ({"report_year": 2024}, (), "K07", "fail"),
        ({}, ("report_year",), "K07", "missing"),
        ({}, ("graduates",), "M01", "missing"),
        ({}, ("graduates_employed",), "M01", "pass"),  # employment_rate is stated instead
    ],
)
def test_rule_outcomes(overrides: dict, drop: tuple[str, ...], rule: str, status: str) -> None:
    assert statuses(overrides, drop)[rule] == status


def test_a_contradicted_figure_makes_its_rules_review_not_pass() -> None:
    # 就业率 stated 98.6 %, but 960 of 1000 is 96.0 %: K06 fails and R03 may not pass on it.
    result = statuses({"employment_rate": 98.6, "graduates_employed": 960})
    assert (result["K06"], result["R03"]) == ("fail", "review")


def test_low_confidence_or_conflicting_values_are_review() -> None:
    assert statuses(employment_rate=v("employment_rate", 99.0, confidence=0.5))["R03"] == "review"
    assert statuses(party_org_established=v("party_org_established", True, conflict=True))["R04"] == "review"


def test_textbooks_before_the_autumn_2024_rollout_are_a_point_to_verify() -> None:
    assert statuses({"textbook_history": False, "report_year": 2023}, year=2023)["R10"] == "review"
    assert statuses({"textbook_history": False, "report_year": 2024}, year=2024)["R10"] == "fail"
    found = next(
        f
        for f in evaluate_school(CATALOGUE, {"textbook_history": v("textbook_history", False)}, 2023)
        if f.rule == "R10"
    )
    assert "过渡期" in found.message


@pytest.mark.parametrize(("year", "status"), [(2021, "review"), (2022, "pass"), (2025, "pass"), (2026, "review")])
def test_v01_the_plan_in_force(year: int, status: str) -> None:
    assert statuses({"report_year": year}, year=year)["V01"] == status


def _school(name: str, **data: object) -> SchoolResult:
    indicators = {c: v(c, x) for c, x in data.items()}
    school = SchoolResult(school_name=name, folder=name, indicators=indicators)
    school.findings = evaluate_school(CATALOGUE, indicators, 2025)
    return school


def test_city_targets_count_schools_and_name_the_missing() -> None:
    a = _school(
        "甲校",
        students_total=20000,
        students_senior=9000,
        graduates=6000,
        employment_rate=99.0,
        party_org_established=True,
        majors_total=30,
        majors_coop=29,
    )
    b = _school(
        "乙校",
        students_total=12000,
        students_senior=3000,
        graduates=3500,
        graduates_employed=3400,
        party_org_established=False,
    )
    found = {f.rule: f for f in evaluate_city(CATALOGUE, [a, b], 2025)}
    assert (found["C01"].status, found["C01"].value, found["C01"].schools_counted) == ("pass", 32000, 2)
    assert found["C02"].value == pytest.approx(37.5)
    assert found["C02"].status == "below_target"
    assert found["C03"].schools_missing == ["乙校"]
    assert found["C04"].value == 9500
    # C05: 甲 5940 derived from its rate × graduates, 乙 3400 stated: 9340 / 9500.
    assert found["C05"].value == pytest.approx(98.32, abs=0.01)
    assert found["C06"].status == "below_target"
    assert "乙校" in found["C06"].message


def test_a_contradicted_school_that_decides_the_verdict_makes_it_review() -> None:
    a = _school("甲校", graduates=8500)
    # 乙校 states more employed than graduates (K05 fails): without it the city is under 9,000.
    b = _school("乙校", graduates=600, graduates_employed=650)
    found = {f.rule: f for f in evaluate_city(CATALOGUE, [a, b], 2025)}
    assert found["C04"].status == "review"
    assert found["C04"].schools_contradicted == ["乙校"]


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
