"""The rule catalogue as data: strict loading, plan metadata, and parameters keyed by effective date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jigong.checks.applicability import AppliesTo, parse_applies_to
from jigong.checks.kinds import KINDS
from jigong.pipeline.dictionary import check_keys, load_dictionary, load_yaml
from jigong.pipeline.errors import CatalogueError
from jigong.pipeline.model import PlanInfo

CATALOGUE_DIR = Path(__file__).with_name("catalogues")
DEFAULT_CATALOGUE = CATALOGUE_DIR / "dongguan-2022.yaml"
SEVERITIES = {"重点", "一般", "提示", "核算"}
SCHOOL_KEYS = {"id", "clause", "title", "quote", "requirement", "severity", "applies_to", "kind", "values"}
CITY_KEYS = SCHOOL_KEYS - {"applies_to"}


@dataclass(frozen=True)
class Rule:
    """One row of the catalogue; `values` maps an effective date to the kind's parameters."""

    id: str
    clause: str
    title: str
    quote: str
    requirement: str
    severity: str
    kind: str
    values: tuple[tuple[dt.date, dict[str, Any]], ...]
    applies_to: AppliesTo = "all"
    level: str = "school"

    def params(self, on: dt.date) -> dict[str, Any]:
        """The parameters in force on a date (the latest entry not after it; else the earliest)."""
        chosen = self.values[0][1]
        for start, params in self.values:
            if start <= on:
                chosen = params
        return chosen


@dataclass(frozen=True)
class Catalogue:
    plan: PlanInfo
    rules: tuple[Rule, ...]
    city: tuple[Rule, ...]
    source: str

    @property
    def start(self) -> dt.date:
        return dt.date.fromisoformat(self.plan.in_force[0])

    @property
    def end(self) -> dt.date:
        return dt.date.fromisoformat(self.plan.in_force[1])

    def in_force(self, year: int) -> bool:
        return self.start.year <= year <= self.end.year

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in (*self.rules, *self.city) if r.id == rule_id), None)


@cache
def load_catalogue(path: Path = DEFAULT_CATALOGUE) -> Catalogue:
    """Load a catalogue strictly: unknown or duplicate keys, bad dates and unknown codes name file and line."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}：目录文件应为映射（plan、rules、city）。")
    check_keys(data, {"plan", "rules", "city"}, {"plan", "rules"}, path, "目录")
    plan_data = data["plan"]
    check_keys(
        plan_data,
        {"id", "title", "issuer", "issued", "in_force"},
        {"id", "title", "issuer", "issued", "in_force"},
        path,
        "方案信息",
    )
    for day in (plan_data["issued"], *plan_data["in_force"]):
        _date(day, path, plan_data.line)
    plan = PlanInfo(
        id=plan_data["id"],
        title=plan_data["title"],
        issuer=plan_data["issuer"],
        issued=plan_data["issued"],
        in_force=tuple(plan_data["in_force"]),
    )  # type: ignore[arg-type]
    seen: set[str] = set()
    rules = tuple(_rule(e, path, seen, "school") for e in data["rules"])
    city = tuple(_rule(e, path, seen, "city") for e in data.get("city") or [])
    return Catalogue(plan=plan, rules=rules, city=city, source=path.name)


def _rule(entry: Any, path: Path, seen: set[str], level: str) -> Rule:
    line = getattr(entry, "line", 0)
    if not isinstance(entry, dict):
        raise CatalogueError(f"{path} 第{line}行：每条规则应为映射。")
    check_keys(entry, SCHOOL_KEYS if level == "school" else CITY_KEYS, SCHOOL_KEYS - {"applies_to"}, path, "规则")
    rule_id = str(entry["id"])
    if rule_id in seen:
        raise CatalogueError(f"{path} 第{line}行：规则编号 {rule_id} 重复，编号不得重复使用。")
    seen.add(rule_id)
    if entry["severity"] not in SEVERITIES:
        raise CatalogueError(f"{path} 第{line}行：规则 {rule_id} 的严重程度“{entry['severity']}”无效。")
    kind = KINDS.get(entry["kind"])
    if kind is None or kind.level != level:
        raise CatalogueError(f"{path} 第{line}行：规则 {rule_id} 的检查类型“{entry['kind']}”不存在。")
    codes = load_dictionary()
    applies = parse_applies_to(entry.get("applies_to", "all"), codes)
    if isinstance(applies, str) and applies.startswith("!"):
        raise CatalogueError(f"{path} 第{line}行：规则 {rule_id}：{applies[1:]}")
    values = entry["values"]
    if not isinstance(values, dict) or not values:
        raise CatalogueError(f"{path} 第{line}行：规则 {rule_id} 缺少按生效日期给出的参数（values）。")
    dated = []
    for day, params in values.items():
        params = params or {}
        problem = kind.validate(params, codes)
        if problem:
            raise CatalogueError(f"{path} 第{getattr(params, 'line', line)}行：规则 {rule_id}：{problem}")
        dated.append((_date(day, path, line), dict(params)))
    dated.sort(key=lambda item: item[0])
    return Rule(
        id=rule_id,
        clause=str(entry["clause"]),
        title=entry["title"],
        quote=entry["quote"],
        requirement=entry["requirement"],
        severity=entry["severity"],
        kind=entry["kind"],
        values=tuple(dated),
        applies_to=applies,
        level=level,
    )


def _date(text: Any, path: Path, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise CatalogueError(f"{path} 第{line}行：日期“{text}”无效，应写作 YYYY-MM-DD。") from None
