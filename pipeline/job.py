"""The main job: a batch folder in, results.json, one memo per school and the summary out; the season's store kept."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jigong.checks.plans import resolve
from jigong.pipeline.model import BatchResult, FileRecord
from jigong.pipeline.readers import ReadOptions, needs_conversion, preconvert
from jigong.pipeline.render.documents import TEMPLATES_DIR, Renderer
from jigong.pipeline.render.output import inside, write_json
from jigong.pipeline.render.pdf import PdfResult, convert_to_pdf, preflight
from jigong.pipeline.review.grade import grade
from jigong.pipeline.review.history import attach_changes, city_changes, series
from jigong.pipeline.run.batch import run_batch
from jigong.pipeline.run.executors import dask_executor, default_workers
from jigong.pipeline.run.faultpoints import reached
from jigong.pipeline.run.gather import GatherStats, Report
from jigong.pipeline.run.roster import Roster, load_roster, roster_in
from jigong.pipeline.run.runlock import OutputLock, sweep
from jigong.pipeline.run.work import Limits
from jigong.pipeline.store import STORE_NAME, Store
from jigong.pipeline.store import numbers as numbers_db
from jigong.pipeline.store import runs as runs_db
from jigong.pipeline.store.cache import extractor_key, reader_key
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


def run_job(
    batch: Path,
    out: Path,
    year: int | None = None,
    today: dt.date | None = None,
    templates: Path = TEMPLATES_DIR,
    plan: str | Path | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    store: Path | None = None,
    options: ReadOptions | None = None,
    limits: Limits | None = None,
    report: Report | None = None,
    prepare: Callable[[list[Path]], None] | None = None,
    pdf: bool = False,
    roster: Path | None = None,
) -> JobReport:
    """Read, check and write everything for one batch; a school's bad file never stops it.

    `plan` is a plan id, a catalogue file or a folder of catalogues; by default the plan in force in the year.
    The season's store is `store` (default `<out>/jigong.sqlite`): unchanged files are not read again,
    decisions are applied, earlier years give the changes. `scheduler` runs the files on a Dask cluster.
    `prepare` gets the files about to be read, before any worker does (e.g. the readers' pre-conversion).
    `roster` is the 学校名册 (.xlsx, .csv); by default 学校名册.xlsx or .csv at the top of the batch folder, if any.
    """
    started = time.perf_counter()
    today = today or dt.date.today()
    # Settings, templates, a named plan and the PDF tools are checked before any file is read.
    renderer = Renderer(templates)
    if plan is not None:
        resolve(plan, year or today.year)
    if pdf:
        preflight()
    roster_path = roster or (roster_in(batch) if batch.is_dir() else None)
    names = load_roster(roster_path) if roster_path is not None else None
    now = dt.datetime.combine(today, dt.datetime.now().time()).astimezone()
    out.mkdir(parents=True, exist_ok=True)
    # matplotlib keeps a font cache; it goes inside the output folder like everything else a run writes
    # (set before any worker starts, so that they inherit it).
    os.environ.setdefault("MPLCONFIGDIR", str(inside(out, ".cache", "matplotlib")))
    with OutputLock(out) as lock:  # a second run on the same folder is refused with who holds it
        # What a killed run left (outputs under their temporary names, conversion work folders) goes first.
        swept = sweep(out)
        job = _locked_job(
            batch, out, year, today, now, templates, plan, renderer, started,
            workers=workers, scheduler=scheduler, store=store, options=options, limits=limits, report=report,
            prepare=prepare, pdf=pdf, roster=names,
        )  # fmt: skip
        if lock.taken_over is not None:
            holder = lock.taken_over
            who = f"进程号 {holder.get('pid', '未知')}，开始于 {holder.get('started', '未知')}"
            job.notes.append(
                f"上次在该输出目录中的审查（{who}）未正常结束，本次已接管并清理其残留的临时文件{len(swept)}个；"
                "已完成的部分取自审查数据库。"
            )
        return job


def _locked_job(
    batch: Path,
    out: Path,
    year: int | None,
    today: dt.date,
    now: dt.datetime,
    templates: Path,
    plan: str | Path | None,
    renderer: Renderer,
    started: float,
    *,
    workers: int | None,
    scheduler: str | None,
    store: Path | None,
    options: ReadOptions | None,
    limits: Limits | None,
    report: Report | None,
    prepare: Callable[[list[Path]], None] | None,
    pdf: bool,
    roster: Roster | None,
) -> JobReport:
    """The run proper, with the output folder's lock held."""
    options = options or ReadOptions()
    if options.cache_dir is None:  # conversions are cached inside the output folder, never outside it
        options.cache_dir = inside(out, ".cache", "convert")
    if options.ocr_locks is None and scheduler is None:  # workers on this machine take turns at recognition
        options.ocr_locks = inside(out, ".cache", "ocr")
        options.ocr_slots = max(1, (workers or default_workers()) // 2)
    waits = None
    if prepare is None:
        # Every legacy file about to be read goes through LibreOffice in one call, while the workers read the rest.
        def prepare(paths: list[Path]) -> None:
            preconvert(paths, options)

        waits = needs_conversion

    store_path = store or out / STORE_NAME
    with ExitStack() as stack:
        db = stack.enter_context(Store(store_path))
        executor = stack.enter_context(dask_executor(scheduler)) if scheduler else None
        phase = time.perf_counter()
        # Archives are copied out inside the output folder, and only for the run's reading.
        unpacked = inside(out, ".cache", "archives")
        stack.callback(shutil.rmtree, unpacked, ignore_errors=True)
        shutil.rmtree(unpacked, ignore_errors=True)
        run = run_batch(
            batch, year=year, now=now, plan=plan, store=db, executor=executor, workers=workers,
            options=options, limits=limits, report=report, prepare=prepare, waits=waits, roster=roster,
            work=unpacked,
        )  # fmt: skip
        result = run.result
        numbers = numbers_db.assign(
            db, result.year, [s.school_name for s in result.schools], renderer.settings["doc_number_first"]
        )
        for school in result.schools:
            school.doc_number = renderer.settings["doc_number"].format(year=today.year, n=numbers[school.school_name])
        timings = {"gather": run.stats.wall, "check": time.perf_counter() - phase - run.stats.wall}
        phase = time.perf_counter()
        attach_changes(db, result.schools, result.year)
        result.city_changes = city_changes(db, run.catalogue, {f.rule: f.value for f in result.city}, result.year)
        run_id = _save(db, run, batch, now, started)
        result.history = series(db, run.catalogue).to_json()  # this run included
        data = result.to_json()
        if run.unplaced:
            data["unplaced_files"] = [f.to_json() for f in run.unplaced]
        results = inside(out, "results.json")
        write_json(results, data)
        reached("output", str(results))
        renderer.cache = RenderCache(db, templates)
        renderer.workers = workers or default_workers()  # the documents are built on this machine's cores
        timings["store"] = time.perf_counter() - phase
        phase = time.perf_counter()
        written = [results, *renderer.write_all(result, run.catalogue, out, today, run.unplaced)]
        timings["render"] = time.perf_counter() - phase
        reused, rendered = len(renderer.cache.skipped), len(renderer.cache.rendered)
    job = JobReport(
        result=result,
        unplaced=run.unplaced,
        written=written,
        stats=run.stats,
        run_id=run_id,
        store=store_path,
        rendered=rendered,
        reused=reused,
        seconds=time.perf_counter() - started,
        timings=timings,
    )
    if pdf:  # one LibreOffice process for every .docx whose PDF is missing or older
        phase = time.perf_counter()
        stale = [p for p in written if p.suffix == ".docx" and not _pdf_current(p)]
        job.pdf = convert_to_pdf(stale, work_dir=inside(out, ".cache"))
        job.written += job.pdf.written
        job.timings["pdf"] = time.perf_counter() - phase
    return job


def _pdf_current(docx: Path) -> bool:
    pdf = docx.with_suffix(".pdf")
    return pdf.exists() and pdf.stat().st_mtime >= docx.stat().st_mtime


def _save(db: Store, run: Any, batch: Path, now: dt.datetime, started: float) -> int:
    """The run into the store, one transaction per school."""
    result = run.result
    tool = f"{reader_key()}/{extractor_key()}"
    run_id = runs_db.begin_run(
        db, result.year, now.isoformat(timespec="seconds"), str(batch), result.plan.id, tool, run.stats.executor
    )
    for school in result.schools:
        level = grade(run.catalogue, school.findings, school.files)
        runs_db.save_school(db, run_id, school, level, run.extracted.get(school.school_name, {}), run.seconds)
        reached("school", school.school_name)
    stats = run.stats
    counts = {
        "finished_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "total": stats.total,
        "read": stats.read,
        "cached": stats.from_store,
        "failed": stats.failed,
        "seconds": time.perf_counter() - started,
        "workers": stats.workers,
    }
    runs_db.finish_run(db, run_id, result.city, run.unplaced, counts)
    runs_db.save_not_submitted(db, run_id, result.not_submitted)
    reached("run", str(run_id))
    return run_id
