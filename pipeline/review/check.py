"""The check stage and the decisions after it: each school's values (as the inspectors corrected them) against
the plan's rules and the roster, then the inspectors' decisions on the findings, the city-wide figures over the
schools so decided, and the grades."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jigong.checks.catalogue import Catalogue
from jigong.checks.engine import evaluate_city, evaluate_school
from jigong.checks.roster import apply_roster, with_roster_rule
from jigong.pipeline.extract import school_names
from jigong.pipeline.extract.assemble import Assembled
from jigong.pipeline.model import BatchResult, FileRecord, Match, Roster, SchoolResult, Value
from jigong.pipeline.review.decisions import Decision, apply_to_findings, correct_values
from jigong.pipeline.review.grade import grade_batch
from jigong.pipeline.run.roster import find


@dataclass
class Checked:
    """The outcome of the check: the batch's results, and what the inspectors' corrections replaced."""

    result: BatchResult
    unplaced: list[FileRecord]
    catalogue: Catalogue  # the plan's rules, with N01 when there is a roster
    # school → the values as extracted of the indicators an inspector corrected (None: not stated)
    extracted: dict[str, dict[str, Value | None]] = field(default_factory=dict)


def check(
    assembled: Assembled,
    catalogue: Catalogue,
    decisions: list[Decision],
    generated_at: dt.datetime,
    roster: Roster | None = None,
    empty: tuple[str, ...] = (),
) -> Checked:
    """Every school's findings: its values corrected by the decisions that still hold, its roster entry put in
    place of what it states (N01), then the plan's rules. `empty` names the batch's folders that held nothing."""
    year = assembled.year
    # N01 is checked here, not by the engine (it needs the roster); the catalogue carries it for the outputs.
    full = with_roster_rule(catalogue) if roster is not None else catalogue
    schools: list[SchoolResult] = []
    corrected: dict[str, dict[str, Value | None]] = {}
    notes: list[str] = []
    for sub in assembled.submissions:
        name, indicators = sub.name, dict(sub.values)
        match: Match | None = None
        if roster is not None:
            match = find(roster, [name, sub.folder, *school_names(sub.folder)])
            if match is None:
                where = "" if sub.folder == name else f"（{sub.folder or '目录顶层的材料'}）"
                notes.append(f"名册外学校：{name}{where}不在学校名册中，已照常审查。")
            else:
                if match.how != "exact":
                    notes.append(f"{match.describe()}。")
                name = match.school.name
        school = SchoolResult(school_name=name, folder=sub.folder, files=sub.records, indicators=indicators)
        raw, school.review = correct_values(indicators, [d for d in decisions if d.school == name])
        roster_finding = apply_roster(indicators, match, roster.source) if roster is not None else None
        school.undecided = {code: indicators.pop(code) for code in [c for c, v in indicators.items() if v.undecided]}
        school.findings = evaluate_school(catalogue, indicators, year, school.undecided)
        if roster_finding is not None:
            school.findings = [f for f in school.findings if f.rule != roster_finding.rule] + [roster_finding]
        if raw:
            corrected[school.school_name] = raw
        schools.append(school)
    stamp = generated_at.isoformat(timespec="seconds")
    result = BatchResult(year=year, generated_at=stamp, plan=full.plan, schools=schools)
    result.not_submitted = _not_submitted(empty, roster, schools)
    result.intake_notes = notes
    return Checked(result, assembled.unplaced, full, corrected)


def decide(checked: Checked, decisions: list[Decision]) -> BatchResult:
    """The inspectors' decisions on each school's findings (a stale one makes its finding 待核实), the city-wide
    findings over the schools as decided, and each finding's severity and each school's grade."""
    result, catalogue = checked.result, checked.catalogue
    for school in result.schools:
        mine = [d for d in decisions if d.school == school.school_name]
        school.review = apply_to_findings(school.findings, mine, school.review, catalogue, result.year)
    result.city = evaluate_city(catalogue, result.schools, result.year)
    for found in result.city:  # a school that sent nothing is missing from every city-wide figure
        if result.not_submitted:
            found.schools_missing = [*(found.schools_missing or []), *result.not_submitted]
            found.message = found.message.rstrip("。") + f"；{len(result.not_submitted)}所学校未报送材料，未计入。"
    grade_batch(result, catalogue)
    return result


def _not_submitted(empty: tuple[str, ...], roster: Roster | None, schools: list[SchoolResult]) -> list[str]:
    """The roster's schools no submission matched, in its order; then the empty folders of other schools."""
    have = {s.school_name for s in schools}
    out: list[str] = []
    if roster is not None:
        taken = {find(roster, [s.school_name]) for s in schools}
        listed = {m.school.name for m in taken if m is not None}
        out = [s.name for s in roster.schools if s.name not in listed and s.name not in have]
    for folder in empty:
        named = school_names(folder)
        match = find(roster, [folder, *named]) if roster is not None else None
        name = match.school.name if match is not None else (named[0] if named else folder)
        if name not in have and name not in out:
            out.append(name)
    return out
