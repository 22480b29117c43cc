"""A batch: find each school's files, read and extract them (workers, or the store), merge, check, decide."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jigong.checks.catalogue import Catalogue
from jigong.checks.engine import evaluate_city, evaluate_school
from jigong.checks.plans import resolve
from jigong.checks.roster import apply_roster, with_roster_rule
from jigong.pipeline.extract import SCOPE, school_names
from jigong.pipeline.extract.candidates import Candidate
from jigong.pipeline.extract.school import merge_school
from jigong.pipeline.indicators import Indicator, load_dictionary
from jigong.pipeline.model import BatchResult, FileRecord, SchoolResult, Value
from jigong.pipeline.review.decisions import apply_to_findings, correct_values, load_decisions
from jigong.pipeline.run.gather import GatherStats, Received, Report, gather
from jigong.pipeline.run.intake import Intake, take_in
from jigong.pipeline.run.roster import Match, Roster, find
from jigong.pipeline.run.work import Limits
from jigong.pipeline.store import Store
from jigong.pipeline.store.cache import FileCache


@dataclass
class Submission:
    """One school's files as received: a sub-folder of the batch, plus loose files assigned to it."""

    folder: str
    received: list[Received] = field(default_factory=list)

    @property
    def records(self) -> list[FileRecord]:
        return [r.record for r in self.received]

    @property
    def candidates(self) -> list[Candidate]:
        return [c for r in self.received for c in r.candidates]


def scope() -> dict[str, Indicator]:
    """The indicators extraction covers, in the order results.json lists them."""
    full = load_dictionary()
    return {code: full[code] for code in SCOPE}


def _name_of(sub: Submission, indicators: dict[str, Value]) -> str:
    if "school_name" in indicators and not indicators["school_name"].undecided:
        return str(indicators["school_name"].value)
    named = school_names(sub.folder)
    if named:
        return named[0]
    if sub.folder:
        return sub.folder
    return Path(sub.received[0].record.path).stem if sub.received else "未命名学校"


def assign_loose(
    submissions: list[Submission], names: list[str], loose: list[Received], dictionary: dict[str, Indicator]
) -> tuple[list[FileRecord], set[int]]:
    """Give each loose file to the school it names (file name first, then content).

    Returns the files no school could be found for, and the indexes of the submissions that grew.
    """
    by_name: dict[str, int] = {}
    for i, (sub, name) in enumerate(zip(submissions, names, strict=True)):
        by_name.setdefault(name, i)
        by_name.setdefault(sub.folder, i)
    unplaced: list[FileRecord] = []
    grown: set[int] = set()
    for item in loose:
        # An archive's member keeps the archive's name in front: 东莞市滨海技工学校.zip/年度报告
        stem = str(Path(item.record.path).with_suffix(""))
        found = [n for n in by_name if n and n in stem] or school_names(stem)
        if not found and item.candidates:
            stated = merge_school(item.candidates, dictionary).get("school_name")
            found = [str(stated.value)] if stated is not None and not stated.undecided else []
        if not found:
            item.record.error = item.record.error or "未能从文件名或内容确定所属学校，请人工归档。"
            unplaced.append(item.record)
            continue
        name = max(found, key=len)
        if name not in by_name:
            by_name[name] = len(submissions)
            submissions.append(Submission(folder=""))
        submissions[by_name[name]].received.append(item)
        grown.add(by_name[name])
    return unplaced, grown


@dataclass
class BatchRun:
    """The outcome of a batch run: the results, the files that belong to no school, and how the files were got."""

    result: BatchResult
    unplaced: list[FileRecord]
    catalogue: Catalogue
    stats: GatherStats = field(default_factory=GatherStats)
    # school → the extracted values of the indicators an inspector corrected (None: not stated)
    extracted: dict[str, dict[str, Value | None]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # file path → worker seconds spent on it in this run
    intake: Intake = field(default_factory=Intake)


def run_batch(
    batch: Path,
    year: int | None = None,
    catalogue: Catalogue | None = None,
    now: dt.datetime | None = None,
    plan: str | Path | None = None,
    *,
    store: Store | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    options: Any = None,
    limits: Limits | None = None,
    report: Report | None = None,
    prepare: Callable[[list[Path]], None] | None = None,
    waits: Callable[[Path], bool] | None = None,
    roster: Roster | None = None,
    work: Path | None = None,
) -> BatchRun:
    """Read → extract → check a whole batch folder; never raises for a school's bad file.

    The catalogue is the one given, else the plan named by `plan`, else the plan in force in the year. With a
    store, unchanged files come from it and the inspectors' decisions of the year are applied. Files are read
    by `executor` when given, else by a local pool of `workers` processes (default: one per core). Archives are
    opened into `work` (inside the output folder; a temporary folder without it). With a roster, each submission
    is matched to its school, whose 办学性质 and 学校类别 apply, and the schools that sent nothing are named.
    """
    with tempfile.TemporaryDirectory(prefix="jigong-unpack-") as tmp:
        intake = take_in(batch, work or Path(tmp), roster.skip if roster is not None else frozenset())
        return _run_batch(
            intake, year, catalogue, now, plan, store=store, executor=executor, workers=workers, options=options,
            limits=limits, report=report, prepare=prepare, waits=waits, roster=roster,
        )  # fmt: skip


def _run_batch(
    intake: Intake,
    year: int | None,
    catalogue: Catalogue | None,
    now: dt.datetime | None,
    plan: str | Path | None,
    *,
    store: Store | None,
    executor: Executor | None,
    workers: int | None,
    options: Any,
    limits: Limits | None,
    report: Report | None,
    prepare: Callable[[list[Path]], None] | None,
    waits: Callable[[Path], bool] | None,
    roster: Roster | None,
) -> BatchRun:
    """run_batch once the batch is listed (its archives opened)."""
    cache = FileCache(store) if store is not None else None
    received, stats = gather(
        intake.entries, year, cache=cache, executor=executor, workers=workers, options=options,
        limits=limits, report=report, prepare=prepare, waits=waits,
    )  # fmt: skip
    dictionary = scope()
    submissions: dict[str, Submission] = {}
    loose: list[Received] = []
    for item in received:
        if item.entry.folder is None:
            loose.append(item)
        else:
            submissions.setdefault(item.entry.folder, Submission(folder=item.entry.folder)).received.append(item)
    subs = list(submissions.values())
    extracted = [merge_school(sub.candidates, dictionary) for sub in subs]
    names = [_name_of(sub, ind) for sub, ind in zip(subs, extracted, strict=True)]
    unplaced, grown = assign_loose(subs, names, loose, dictionary)
    for i in sorted(grown):  # only the schools that received loose files are merged again
        values = merge_school(subs[i].candidates, dictionary)
        if i < len(extracted):
            extracted[i] = values
        else:
            extracted.append(values)
    if year is None:
        years = [ind["report_year"] for ind in extracted if "report_year" in ind]
        stated = Counter(int(v.value) for v in years if not v.undecided)
        year = stated.most_common(1)[0][0] if stated else (now or dt.datetime.now()).year - 1
    catalogue = base = catalogue or resolve(plan, year)
    if roster is not None:  # N01 is checked here, not by the engine (it needs the roster)
        catalogue = with_roster_rule(base)
    decisions = load_decisions(store, year) if store is not None else []
    schools: list[SchoolResult] = []
    corrected: dict[str, dict[str, Value | None]] = {}
    notes: list[str] = []
    for sub, indicators in zip(subs, extracted, strict=True):
        name = _name_of(sub, indicators)
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
        mine = [d for d in decisions if d.school == school.school_name]
        raw, value_notes = correct_values(indicators, mine)
        roster_finding = apply_roster(indicators, match, roster.source) if roster is not None else None
        school.undecided = {code: indicators.pop(code) for code in [c for c, v in indicators.items() if v.undecided]}
        school.findings = evaluate_school(base, indicators, year, school.undecided)
        if roster_finding is not None:
            school.findings = [f for f in school.findings if f.rule != roster_finding.rule] + [roster_finding]
        school.review = apply_to_findings(school.findings, mine, value_notes, catalogue, year)
        if raw:
            corrected[school.school_name] = raw
        schools.append(school)
    stamp = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    result = BatchResult(year=year, generated_at=stamp, plan=catalogue.plan, schools=schools)
    result.not_submitted = _not_submitted(intake, roster, schools)
    result.ignored_files = list(intake.ignored)
    result.intake_notes = notes
    result.city = evaluate_city(catalogue, schools, year)
    for found in result.city:  # a school that sent nothing is missing from every city-wide figure
        if result.not_submitted:
            found.schools_missing = [*(found.schools_missing or []), *result.not_submitted]
            found.message = found.message.rstrip("。") + f"；{len(result.not_submitted)}所学校未报送材料，未计入。"
    seconds = {r.record.path: r.seconds for r in received if r.source != "store"}
    return BatchRun(result, unplaced, catalogue, stats, corrected, seconds, intake)


def _not_submitted(intake: Intake, roster: Roster | None, schools: list[SchoolResult]) -> list[str]:
    """The roster's schools no submission matched, in its order; then the empty folders of other schools."""
    have = {s.school_name for s in schools}
    out: list[str] = []
    if roster is not None:
        taken = {find(roster, [s.school_name]) for s in schools}
        listed = {m.school.name for m in taken if m is not None}
        out = [s.name for s in roster.schools if s.name not in listed and s.name not in have]
    for folder in intake.empty:
        named = school_names(folder)
        match = find(roster, [folder, *named]) if roster is not None else None
        name = match.school.name if match is not None else (named[0] if named else folder)
        if name not in have and name not in out:
            out.append(name)
    return out
