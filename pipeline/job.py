"""The whole job, as one function: a batch folder in; results.json, one memo per school, the summary and the
city-wide picture out; the season's store kept. Each stage is one call with plain data in and out."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jigong.checks.plans import resolve
from jigong.pipeline.extract.assemble import SchoolFile, assemble
from jigong.pipeline.model import BatchResult, FileRecord, Roster
from jigong.pipeline.readers import needs_conversion, preconvert
from jigong.pipeline.render.documents import Renderer
from jigong.pipeline.render.output import inside, write_json
from jigong.pipeline.render.pdf import PdfResult, convert_to_pdf, preflight
from jigong.pipeline.review.check import Checked, check, decide
from jigong.pipeline.review.decisions import load_decisions
from jigong.pipeline.review.evidence import Viewer
from jigong.pipeline.review.history import attach_changes, city_changes, series
from jigong.pipeline.run.executors import default_workers
from jigong.pipeline.run.faultpoints import reached
from jigong.pipeline.run.gather import GatherStats, Received, Report, gather
from jigong.pipeline.run.intake import take_in
from jigong.pipeline.run.roster import load_roster, roster_in
from jigong.pipeline.run.workspace import Workspace, workspace
from jigong.pipeline.settings import Settings
from jigong.pipeline.store import numbers as numbers_db
from jigong.pipeline.store import runs as runs_db
from jigong.pipeline.store.cache import FileCache, extractor_key, reader_key
from jigong.pipeline.store.renders import RenderCache

# Exit codes of `jigong run` (documented in the README).
EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, EXIT_FAILURE = 0, 1, 2, 3


@dataclass
class JobReport:
    result: BatchResult
    unplaced: list[FileRecord]
    written: list[Path]
    stats: GatherStats = field(default_factory=GatherStats)
    run_id: int | None = None
    store: Path | None = None
    rendered: int = 0  # documents written in this run
    reused: int = 0  # documents left as they were: nothing that feeds them changed
    seconds: float = 0.0
    pdf: PdfResult | None = None  # with --pdf: the PDFs, the files that failed and the font substitutions
    notes: list[str] = field(default_factory=list)  # for the inspector: e.g. an unfinished earlier run taken over
    # Wall seconds of each phase in this process: gather (reading and extraction by the workers), check
    # (merge, rules, decisions), store (history and the run saved), render (documents), pdf (with --pdf).
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def unreadable(self) -> list[str]:
        files = [f for s in self.result.schools for f in s.files] + self.unplaced
        return [f"{f.path}：{f.error}" for f in files if f.status != "ok"]

    @property
    def exit_code(self) -> int:
        """0 when every file was read; 1 when some could not be (every output is still written)."""
        files = [f for s in self.result.schools for f in s.files] + self.unplaced
        return EXIT_UNREADABLE if any(f.status != "ok" for f in files) else EXIT_OK

    def lines(self, out: Path) -> list[str]:
        """The run summary for the terminal: the year and plan, each school's open items, what the batch held,
        how the files were got, the documents and the store, and what was written where."""
        result = self.result
        lines = [
            f"审查年度：{result.year}年；依据：《{result.plan.title}》",
            f"学校：{len(result.schools)}所；材料：{sum(len(s.files) for s in result.schools)}份",
        ]
        for school in result.schools:
            counts = {s: sum(f.status == s for f in school.findings) for s in ("fail", "review", "missing")}
            lines.append(
                f"  {school.school_name}：不符合{counts['fail']}项，待核实{counts['review']}项，"
                f"未提供{counts['missing']}项"
            )
        if result.not_submitted:
            lines.append(f"未报送材料的学校{len(result.not_submitted)}所：{'、'.join(result.not_submitted)}")
        if result.intake_notes:
            lines.append("学校名册核对：")
            lines += [f"  {note}" for note in result.intake_notes]
        if result.ignored_files:
            lines.append(f"已忽略、不作为报送材料的文件{len(result.ignored_files)}个（锁定文件、缩略图缓存等）：")
            lines += [f"  {path}" for path in result.ignored_files]
        if self.unreadable:
            lines.append(f"未能读取或未能归属的材料{len(self.unreadable)}份：")
            lines += [f"  {line}" for line in self.unreadable]
        stats = self.stats
        lines.append(
            f"本次读取{stats.read}份，重新提取{stats.extracted}份，未变化（取自审查数据库）{stats.from_store}份"
            + (f"，处理失败{stats.failed}份" if stats.failed else "")
            + f"；用时{self.seconds:.1f}秒"
        )
        notes = [n for s in result.schools for n in s.review]
        if notes:
            stale = sum(not n.applied for n in notes)
            lines.append(f"人工复核意见：采用{len(notes) - stale}条" + (f"，需重新核实{stale}条" if stale else ""))
        lines.append(f"文书：重新生成{self.rendered}份，内容未变化{self.reused}份；审查数据库：{self.store}")
        lines += self.notes
        lines.append(
            f"已写入：{out}（results.json、{len(result.schools)}份审查意见书、汇总表 summary.docx 和 summary.xlsx、"
            "全市情况报告 city.docx、网页报告 report.html）"
        )
        if self.pdf is not None:
            lines.append("PDF 字体替换：" + "；".join(s.describe() for s in self.pdf.substitutions))
            lines.append(f"已生成 PDF {len(self.pdf.written)}份（用时{self.pdf.seconds:.1f}秒）")
        return lines

    def to_json(self) -> dict[str, Any]:
        """The run summary for `jigong run --json`."""
        files = [f for s in self.result.schools for f in s.files]
        return {
            "year": self.result.year,
            "plan": self.result.plan.id,
            "run_id": self.run_id,
            "store": str(self.store) if self.store else None,
            "exit_code": self.exit_code,
            "seconds": round(self.seconds, 3),
            "schools": [
                {
                    "school_name": s.school_name,
                    "files": len(s.files),
                    "unreadable": sum(f.status != "ok" for f in s.files),
                    "fail": sum(f.status == "fail" for f in s.findings),
                    "review": sum(f.status == "review" for f in s.findings),
                    "missing": sum(f.status == "missing" for f in s.findings),
                    "decisions": len(s.review),
                    "decisions_to_revisit": sum(not n.applied for n in s.review),
                }
                for s in self.result.schools
            ],
            "files": {"received": len(files) + len(self.unplaced), **self.stats.to_json()},
            "unreadable": [
                {"path": f.path, "status": f.status, "error": f.error}
                for f in [*files, *self.unplaced]
                if f.status != "ok"
            ],
            "unplaced": [f.path for f in self.unplaced],
            "not_submitted": list(self.result.not_submitted),
            "ignored_files": list(self.result.ignored_files),
            "documents": {"rendered": self.rendered, "unchanged": self.reused},
            "written": [str(p) for p in self.written],
        }


def run(
    settings: Settings, report: Report | None = None, prepare: Callable[[list[Path]], None] | None = None
) -> JobReport:
    """The whole job: gather → extract → check → decide → keep → render. A school's bad file never stops it.

    What can be checked before any file is read is checked first: the templates and their settings, a named
    plan, the PDF tools, the roster. `report` follows the files as they are done. `prepare` gets the files about
    to be read before any worker does; by default every legacy file goes through LibreOffice in one call while
    the workers read the rest.
    """
    started = time.perf_counter()
    today = settings.issue_date
    renderer = Renderer(settings.templates)
    if settings.plan is not None:
        resolve(settings.plan, settings.year or today.year)
    if settings.pdf:
        preflight()
    roster = _roster(settings)
    now = dt.datetime.combine(today, dt.datetime.now().time()).astimezone()
    with workspace(settings) as ws:
        # gather: every file read and extracted by the workers (or taken from the store when unchanged)
        intake = take_in(settings.batch, ws.unpacked, roster.skip if roster is not None else frozenset())
        received, stats = _gather(ws, intake.entries, report, prepare)
        phase = time.perf_counter()
        # extract: the files put together by school, each school's values merged
        files = [SchoolFile(r.entry.folder, r.record, r.candidates) for r in received]
        assembled = assemble(files, settings.year, today)
        # check: the plan in force in the year (or the one named), the inspectors' decisions of the year
        catalogue = resolve(settings.plan, assembled.year)
        decisions = load_decisions(ws.store, assembled.year)
        checked = check(assembled, catalogue, decisions, now, roster, tuple(intake.empty))
        # decide: the decisions on the findings, the city-wide figures, the grades
        result = decide(checked, decisions)
        result.ignored_files = list(intake.ignored)
        timings = {"gather": stats.wall, "check": time.perf_counter() - phase}
        phase = time.perf_counter()
        # keep: document numbers, the changes against earlier years, the run saved in the store
        run_id = _keep(ws, checked, received, stats, now, renderer, started)
        timings["store"] = time.perf_counter() - phase
        phase = time.perf_counter()
        # render: results.json, the memos, the summary, the city-wide report
        written, cache = _render(ws, result, checked, renderer, received)
        timings["render"] = time.perf_counter() - phase
        reused, rendered = len(cache.skipped), len(cache.rendered)
    job = JobReport(
        result=result,
        unplaced=checked.unplaced,
        written=written,
        stats=stats,
        run_id=run_id,
        store=settings.store_path,
        rendered=rendered,
        reused=reused,
        seconds=time.perf_counter() - started,
        timings=timings,
        notes=ws.notes,
    )
    if settings.pdf:  # one LibreOffice process for every .docx whose PDF is missing or older
        phase = time.perf_counter()
        stale = [p for p in written if p.suffix == ".docx" and not _pdf_current(p)]
        job.pdf = convert_to_pdf(stale, work_dir=inside(settings.out, ".cache"))
        job.written += job.pdf.written
        job.timings["pdf"] = time.perf_counter() - phase
    return job


def _roster(settings: Settings) -> Roster | None:
    """The roster named, else 学校名册.xlsx or .csv at the top of the batch folder, if any."""
    path = settings.roster or (roster_in(settings.batch) if settings.batch.is_dir() else None)
    return load_roster(path) if path is not None else None


def _gather(
    ws: Workspace, entries: list[Any], report: Report | None, prepare: Callable[[list[Path]], None] | None
) -> tuple[list[Received], GatherStats]:
    settings = ws.settings
    waits = None
    if prepare is None:

        def prepare(paths: list[Path]) -> None:
            preconvert(paths, settings.read)

        waits = needs_conversion
    return gather(
        entries, settings.year, cache=FileCache(ws.store), executor=ws.executor, workers=settings.workers,
        options=settings.read, limits=settings.limits, report=report, prepare=prepare, waits=waits,
    )  # fmt: skip


def _keep(
    ws: Workspace,
    checked: Checked,
    received: list[Received],
    stats: GatherStats,
    now: dt.datetime,
    renderer: Renderer,
    started: float,
) -> int:
    """The year's document numbers, each school's and the city's changes against the latest earlier year, and the
    run itself (one transaction per school), in the store. Returns the run's id."""
    db, result, catalogue = ws.store, checked.result, checked.catalogue
    numbers = numbers_db.assign(
        db, result.year, [s.school_name for s in result.schools], renderer.settings["doc_number_first"]
    )
    for school in result.schools:
        school.doc_number = renderer.settings["doc_number"].format(
            year=ws.settings.issue_date.year, n=numbers[school.school_name]
        )
    attach_changes(db, result.schools, result.year)
    result.city_changes = city_changes(db, catalogue, {f.rule: f.value for f in result.city}, result.year)
    tool = f"{reader_key()}/{extractor_key()}"
    batch = str(ws.settings.batch)
    run_id = runs_db.begin_run(
        db, result.year, now.isoformat(timespec="seconds"), batch, result.plan.id, tool, stats.executor
    )
    seconds = {r.record.path: r.seconds for r in received if r.source != "store"}
    for school in result.schools:
        extracted = checked.extracted.get(school.school_name, {})
        runs_db.save_school(db, run_id, school, school.grade, extracted, seconds)
        reached("school", school.school_name)
    counts = {
        "finished_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "total": stats.total,
        "read": stats.read,
        "cached": stats.from_store,
        "failed": stats.failed,
        "seconds": time.perf_counter() - started,
        "workers": stats.workers,
    }
    runs_db.finish_run(db, run_id, result.city, checked.unplaced, counts)
    runs_db.save_not_submitted(db, run_id, result.not_submitted)
    reached("run", str(run_id))
    result.history = series(db, catalogue).to_json()  # this run included
    return run_id


def _render(
    ws: Workspace, result: BatchResult, checked: Checked, renderer: Renderer, received: list[Received]
) -> tuple[list[Path], RenderCache]:
    """results.json first, then every document (those whose inputs did not change since the store last wrote
    them are left as they are)."""
    settings = ws.settings
    data = result.to_json()
    if checked.unplaced:
        data["unplaced_files"] = [f.to_json() for f in checked.unplaced]
    results = inside(settings.out, "results.json")
    write_json(results, data)
    reached("output", str(results))
    cache = RenderCache(ws.store, settings.templates)
    workers = settings.workers or default_workers()  # the documents are built on this machine's cores
    today = settings.issue_date
    digests = {r.record.path: r.record.sha256 for r in received}
    show = Viewer(ws.store, settings.batch, digests.get)  # the evidence as it looks, in report.html
    written = renderer.write_all(result, checked.catalogue, settings.out, today, checked.unplaced, cache, workers, show)
    return [results, *written], cache


def _pdf_current(docx: Path) -> bool:
    pdf = docx.with_suffix(".pdf")
    return pdf.exists() and pdf.stat().st_mtime >= docx.stat().st_mtime
