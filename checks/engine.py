"""Apply a catalogue: every rule to every school (consistency first), then the city-wide targets."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from jigong.checks.applicability import outside
from jigong.checks.catalogue import Catalogue
from jigong.checks.kinds import KINDS
from jigong.checks.kinds.aggregate import CityContext
from jigong.checks.kinds.base import SchoolContext, codes_of
from jigong.checks.kinds.consistency import Consistency
from jigong.pipeline.chinese import figure
from jigong.pipeline.dictionary import load_dictionary
from jigong.pipeline.model import Evidence, Finding, SchoolResult, Value


def judged_on(year: int) -> dt.date:
    """A report year is judged with the values in force at its end."""
    return dt.date(year, 12, 31)


def evaluate_school(
    catalogue: Catalogue, indicators: dict[str, Value], year: int, undecided: dict[str, Value] | None = None
) -> list[Finding]:
    """One finding per school rule, in catalogue order. A rule using a code whose readings tie (undecided) says
    待核实 and quotes them, whatever its kind: no figure is stated for it."""
    ctx = SchoolContext(
        indicators=indicators,
        year=year,
        plan_start=catalogue.start.year,
        plan_end=catalogue.end.year,
        plan_title=catalogue.plan.title,
        undecided=dict(undecided or {}),
    )
    on = judged_on(year)
    results: dict[str, Finding] = {}
    # Consistency rules run first: the figures they contradict make the rules using them say review.
    ordered = sorted(catalogue.rules, key=lambda r: r.kind != "consistency")
    for rule in ordered:
        params = rule.params(on)
        found = outside(rule.id, rule.clause, rule.applies_to, indicators)
        tied = [ctx.undecided[c] for c in codes_of(params) if c in ctx.undecided]
        if rule.kind != "completeness" and tied:  # completeness asks only whether a figure is stated
            found = found or _undecided(rule.id, rule.clause, tied)
        found = found or KINDS[rule.kind].evaluate(rule, params, ctx)
        results[rule.id] = found
        if rule.kind == "consistency" and found.status == "fail":
            for code in Consistency.involved(params):
                ctx.contradicted.setdefault(code, []).append(rule.id)
    return [results[r.id] for r in catalogue.rules]


def _undecided(rule_id: str, clause: str, values: list[Value]) -> Finding:
    """待核实 with the readings and the places they stand; no figure is given as the school's."""
    known = load_dictionary()
    parts: list[str] = []
    evidence: list[Evidence] = []
    for v in values:
        readings = "、".join(figure(r, v.code) for r in v.readings)
        places = "；".join(f"{_short(e)}“{e.quote.rstrip('。；，')}”" for e in v.evidence[:4])
        parts.append(f"{known[v.code].name}在不同材料中说法不一（{readings}），见{places}")
        evidence += [e for e in v.evidence if e not in evidence]
    message = "；".join(parts) + "。无法确定报送的数字，须核实后再作结论。"
    return Finding(rule=rule_id, clause=clause, status="review", message=message, value=None, evidence=evidence)


def _short(evidence: Evidence) -> str:
    """《统计表.docx》 表1 第6行第2列: the file's own name, as the memo's 出处 gives it."""
    where = f" {evidence.locator}" if evidence.locator else ""
    return f"《{PurePosixPath(evidence.file).name}》{where}"


def contradicted_codes(catalogue: Catalogue, school: SchoolResult, year: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rule in catalogue.rules:
        found = school.finding(rule.id)
        if rule.kind == "consistency" and found is not None and found.status == "fail":
            for code in Consistency.involved(rule.params(judged_on(year))):
                out.setdefault(code, []).append(rule.id)
    return out


def evaluate_city(catalogue: Catalogue, schools: list[SchoolResult], year: int) -> list[Finding]:
    ctx = CityContext(
        schools=schools, contradicted={s.school_name: contradicted_codes(catalogue, s, year) for s in schools}
    )
    on = judged_on(year)
    return [KINDS[rule.kind].evaluate(rule, rule.params(on), ctx) for rule in catalogue.city]
