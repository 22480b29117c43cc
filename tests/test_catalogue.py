"""The catalogue as a whole: its words are the plan's, every rule has its cases, plans are chosen by year."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers.rule_cases import status_of

from jigong.checks.applicability import Condition
from jigong.checks.catalogue import CATALOGUE_DIR, load_catalogue
from jigong.checks.engine import evaluate_school
from jigong.checks.kinds import KINDS
from jigong.checks.kinds.base import shortfall
from jigong.checks.plans import available, resolve, select
from jigong.pipeline.dictionary import load_yaml
from jigong.pipeline.errors import CatalogueError
from jigong.pipeline.model import Evidence, Value

CATALOGUE = load_catalogue()
PLAN_TEXT = (Path(__file__).resolve().parents[1] / "checks" / "plan_texts" / "dongguan-2022.txt").read_text("utf-8")
RULES_DIR = Path(__file__).with_name("rules")
SUCCESSOR = Path(__file__).with_name("catalogues") / "dongguan-2026.yaml"
_TOP = re.compile(r"^([一二三四五六七八九十]+)、")
_SUB = re.compile(r"^（([一二三四五六七八九十]+)）")
_ITEM = re.compile(r"^(\d+)\.")


def _clauses() -> list[tuple[str, str]]:
    """(clause, line) for every line of the plan: 二, 三（一）1, 四（二) …"""
    out, top, sub, item = [], "", "", ""
    for line in PLAN_TEXT.splitlines():
        if m := _TOP.match(line):
            top, sub, item = m.group(1), "", ""
        elif m := _SUB.match(line):
            sub, item = f"（{m.group(1)}）", ""
        elif m := _ITEM.match(line):
            item = m.group(1)
        out.append((top + sub + item, line))
    return out


@pytest.mark.parametrize("rule", [*CATALOGUE.rules, *CATALOGUE.city], ids=lambda r: r.id)
def test_every_quote_is_the_plans_own_words_under_its_clause(rule) -> None:
    if rule.clause == "施行期限":
        lines = [line for _, line in _clauses() if "有效期至" in line]
    else:
        lines = [line for clause, line in _clauses() if clause.startswith(rule.clause)]
    assert any(rule.quote in line for line in lines), f"{rule.id}：“{rule.quote}”不在方案{rule.clause}中"


def _statuses_a_rule_can_give(rule) -> set[str]:
    kind = rule.kind
    shortfalls = {shortfall(params) for _, params in rule.values}
    expected = {
        "threshold": {"pass", "missing", "review"} | shortfalls,
        "yesno": {"pass", "missing", "review"} | shortfalls,
        "complete_set": {"pass", "missing", "review"} | shortfalls,
        "cap": {"pass", "fail", "missing", "review"},
        "computed": {"computed", "missing", "review"},
        "completeness": {"pass", "missing"},
        "validity": {"pass", "review"},
        "aggregate": {"pass", "fail", "review"},
    }.get(kind, set())
    if kind == "consistency":
        test = rule.values[0][1]["test"]
        expected = {"pass", "fail", "missing"} if test == "review_year" else {"pass", "fail", "not_applicable"}
    if rule.applies_to != "all":
        expected.add("not_applicable")
    if isinstance(rule.applies_to, Condition) and rule.applies_to.indicator == rule.values[0][1].get("indicator"):
        expected.discard("missing")  # a school that does not state the count is outside the rule
    if rule.applies_to in ("公办", "民办"):
        expected.add("review")  # the school's type is not stated
    return expected


def test_every_rule_has_cases_for_each_outcome_it_can_give() -> None:
    covered: dict[str, set[str]] = {}
    for path in sorted(RULES_DIR.glob("*.yaml")):
        for case in load_yaml(path)["cases"]:
            covered.setdefault(case["rule"], set()).add(status_of(str(case["expect"])))
    lacking = {
        rule.id: sorted(_statuses_a_rule_can_give(rule) - covered.get(rule.id, set()))
        for rule in (*CATALOGUE.rules, *CATALOGUE.city)
    }
    assert {r: s for r, s in lacking.items() if s} == {}


@pytest.mark.parametrize("rule", [*CATALOGUE.rules, *CATALOGUE.city], ids=lambda r: r.id)
def test_every_rule_explains_its_logic_in_chinese(rule) -> None:
    for _, params in rule.values:
        text = KINDS[rule.kind].describe(params)
        assert re.search(r"[\u4e00-\u9fff]", text) and text.endswith("。")


def test_r15_applies_to_schools_with_an_international_class() -> None:
    rule = CATALOGUE.get("R15")
    assert isinstance(rule.applies_to, Condition)
    assert rule.applies_to.describe() == "开设国际课程班的院校（国际课程班在校生人数大于0）"


def test_a_yaml_no_key_stays_the_word_no(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("yes: 是\nno: 否\non: x\nflag: true\n", encoding="utf-8")
    assert load_yaml(path) == {"yes": "是", "no": "否", "on": "x", "flag": True}


PLAN = """plan:
  id: test
  title: 测试方案
  issuer: 测试局
  issued: "2022-05-05"
  in_force: ["2022-05-05", "2025-12-31"]
rules:
"""
RULE = "  - {id: R15, clause: 三, title: t, quote: q, requirement: r, severity: 一般, "


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (RULE + "applies_to: 外资, kind: yesno, values: {'2022-05-05': {indicator: incubator}}}", "外资"),
        (
            RULE + "applies_to: {label: x, indicator: no_code, op: '>', value: 0}, kind: yesno, "
            "values: {'2022-05-05': {indicator: incubator}}}",
            "no_code",
        ),
        (
            RULE + "applies_to: {label: x, indicator: apprentices, op: '~', value: 0}, kind: yesno, "
            "values: {'2022-05-05': {indicator: incubator}}}",
            "~",
        ),
        (
            RULE + "applies_to: {label: x, indicator: apprentices, op: '>'}, kind: yesno, "
            "values: {'2022-05-05': {indicator: incubator}}}",
            "value",
        ),
        (
            RULE + "kind: cap, values: {'2022-05-05': {claim: apprentices, base: intl_class_students, rate: 5000}}}",
            "金额",
        ),
        (RULE + "kind: computed, values: {'2022-05-05': {indicator: intl_cert_students, rate: -1}}}", "rate"),
        (
            RULE + "kind: complete_set, values: {'2022-05-05': {indicator: mgmt_rules, members: [财务管理]}}}",
            "财务管理",
        ),
    ],
)
def test_new_kinds_and_conditions_are_loaded_strictly(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(PLAN + entry + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as err:
        load_catalogue(path)
    assert str(path) in str(err.value) and "第" in str(err.value) and message in str(err.value)


# --- versioned plans ---------------------------------------------------------------------------------------


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """A catalogue folder holding the 2022 plan and a successor plan added as data only."""
    folder = tmp_path / "catalogues"
    folder.mkdir()
    shutil.copy(CATALOGUE_DIR / "dongguan-2022.yaml", folder)
    shutil.copy(SUCCESSOR, folder)
    return folder


@pytest.mark.parametrize(
    ("year", "plan"),
    [(2021, "dongguan-2022"), (2025, "dongguan-2022"), (2026, "dongguan-2026"), (2031, "dongguan-2026")],
)
def test_the_year_picks_the_plan_in_force(plans: Path, year: int, plan: str) -> None:
    assert select(year, plans).plan.id == plan


def test_the_shipped_catalogue_serves_every_year() -> None:
    assert [c.plan.id for c in available()] == ["dongguan-2022"]
    assert select(2026).plan.id == "dongguan-2022"  # reviewed under the expired plan; V01 says so


def _employment(rate: float) -> dict[str, Value]:
    ev = [Evidence(file="统计表.docx", quote=f"就业率：{rate}%", locator="表1 第2行第2列")]
    return {"employment_rate": Value("employment_rate", rate, unit="%", confidence=0.95, evidence=ev)}


def test_a_successor_plan_with_new_targets_needs_no_code(plans: Path) -> None:
    old, new = select(2025, plans), select(2026, plans)
    r03_old = next(f for f in evaluate_school(old, _employment(98.2), 2025) if f.rule == "R03")
    r03_new = next(f for f in evaluate_school(new, _employment(98.2), 2026) if f.rule == "R03")
    assert (r03_old.status, r03_new.status) == ("pass", "fail")
    assert "98.5%" in r03_new.message
    v01 = next(f for f in evaluate_school(new, _employment(98.2), 2026) if f.rule == "V01")
    assert v01.status == "pass" and new.plan.title in v01.message


def test_a_plan_is_named_by_id_folder_or_file(plans: Path) -> None:
    assert resolve("dongguan-2022", 2030).plan.id == "dongguan-2022"
    assert resolve(plans, 2027).plan.id == "dongguan-2026"
    assert resolve(SUCCESSOR, 2024).plan.id == "dongguan-2026"
    with pytest.raises(CatalogueError, match="dongguan-2022"):
        resolve("no-such-plan", 2025)
    with pytest.raises(CatalogueError, match="不存在"):
        resolve(plans / "missing.yaml", 2025)


def test_two_catalogues_of_one_plan_are_refused(plans: Path) -> None:
    text = (plans / "dongguan-2026.yaml").read_text(encoding="utf-8")
    (plans / "copy.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="重复"):
        available(plans)
