"""The roster check (N01): the roster's 办学性质 and 学校类别 apply; a submission stating otherwise is 待核实."""

from __future__ import annotations

import dataclasses
import datetime as dt

from jigong.checks.catalogue import Catalogue, Rule
from jigong.pipeline.model import Evidence, Finding, Match, Value

# Not a clause of the plan: added to the catalogue of a run that has a roster (META kind: no figure of its own).
ROSTER_RULE = Rule(
    id="N01",
    clause="学校名册",
    title="办学性质和学校类别",
    quote="",
    requirement="与学校名册一致",
    severity="一般",
    kind="roster",
    values=((dt.date(2000, 1, 1), {}),),
)
FIELDS = (("school_type", "办学性质", "nature"), ("school_category", "学校类别", "category"))


def with_roster_rule(catalogue: Catalogue) -> Catalogue:
    """The catalogue with N01 last (a copy: the loaded catalogue is shared and cached)."""
    if catalogue.get(ROSTER_RULE.id) is not None:
        return catalogue
    return dataclasses.replace(catalogue, rules=(*catalogue.rules, ROSTER_RULE))


def apply_roster(indicators: dict[str, Value], match: Match | None, source: str) -> Finding:
    """Put the roster's values in place of what the submission states; the finding says whether they agree."""
    rule = ROSTER_RULE
    if match is None:
        # Named to the inspector as 名册外学校; the school is reviewed on what it states.
        return Finding(rule.id, rule.clause, "not_applicable", "学校名册未列入该校，办学性质和学校类别按材料所述审查。")
    differ: list[str] = []
    evidence: list[Evidence] = []
    for code, label, attr in FIELDS:
        listed = getattr(match.school, attr)
        stated = indicators.get(code)
        where = f"第{match.school.row}行"
        roster_ev = Evidence(file=source, quote=f"{match.school.name}，{label}：{listed}", locator=where)
        if stated is not None and str(stated.value) == listed:
            continue  # agreed: the school's own words stay the evidence
        if stated is not None:
            differ.append(f"材料载明{label}为“{stated.value}”，学校名册为“{listed}”")
            evidence += stated.evidence[:1]
            evidence.append(roster_ev)
        indicators[code] = Value(code, listed, evidence=[roster_ev])
    if differ:
        message = "；".join(differ) + "。按学校名册确定适用的审查要点，请核实。"
        return Finding(rule.id, rule.clause, "review", message, evidence=evidence)
    return Finding(rule.id, rule.clause, "pass", "办学性质和学校类别与学校名册一致。")
