"""Apply a catalogue: every rule to every school (consistency first), then the city-wide targets."""

from __future__ import annotations

import datetime as dt

from pipeline.model import Finding, SchoolResult, Value

from .applicability import outside
from .catalogue import Catalogue
from .kinds import KINDS
from .kinds.aggregate import CityContext
from .kinds.base import SchoolContext
from .kinds.consistency import Consistency


def judged_on(year: int) -> dt.date:
    """A report year is judged with the values in force at its end."""
    return dt.date(year, 12, 31)


def evaluate_school(catalogue: Catalogue, indicators: dict[str, Value], year: int) -> list[Finding]:
    """One finding per school rule, in catalogue order."""
    ctx = SchoolContext(
        indicators=indicators,
        year=year,
        plan_start=catalogue.start.year,
        plan_end=catalogue.end.year,
        plan_title=catalogue.plan.title,
    )
    on = judged_on(year)
    results: dict[str, Finding] = {}
    # Consistency rules run first: the figures they contradict make the rules using them say review.
    ordered = sorted(catalogue.rules, key=lambda r: r.kind != "consistency")
    for rule in ordered:
        params = rule.params(on)
        found = outside(rule.id, rule.clause, rule.applies_to, indicators)
        found = found or KINDS[rule.kind].evaluate(rule, params, ctx)
        results[rule.id] = found
        if rule.kind == "consistency" and found.status == "fail":
            for code in Consistency.involved(params):
                ctx.contradicted.setdefault(code, []).append(rule.id)
    return [results[r.id] for r in catalogue.rules]


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
