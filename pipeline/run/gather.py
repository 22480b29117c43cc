"""Every file of a batch turned into a record and candidate readings: from the store when unchanged, else by workers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from jigong.pipeline.errors import JigongError
from jigong.pipeline.extract.candidates import Candidate
from jigong.pipeline.model import FileRecord
from jigong.pipeline.readers import digest_file
from jigong.pipeline.render.output import escape_bytes
from jigong.pipeline.run import metrics
from jigong.pipeline.run.executors import LocalPool, TaskTimedOut, WorkerLost, default_workers
from jigong.pipeline.run.faultpoints import reached
from jigong.pipeline.run.work import FileOutcome, FileTask, process_file, warm_up
from jigong.pipeline.settings import Limits
from jigong.pipeline.store.cache import FileCache, Keys


@dataclass
class Entry:
    """A file found in the batch folder: a school sub-folder's (folder set) or a loose top-level file."""

    path: Path
    rel: str
    folder: str | None
    problem: str = ""  # set when the file must not be read (an archive that could not be opened): the reason


@dataclass
class Received:
    """One file after reading: its record, its candidate readings, and whether the store had them."""

    entry: Entry
    record: FileRecord
    candidates: list[Candidate] = field(default_factory=list)
    source: str = "read"  # read | extracted (the reading came from the store) | store | none (never read)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # worker seconds by stage (read, ocr, extract)


@dataclass
class GatherStats:
    """How a batch's files were obtained: counts, and the time each stage took (summed over workers)."""

    total: int = 0
    read: int = 0  # read by a worker in this run
    extracted: int = 0  # reading from the store, extraction done again
    from_store: int = 0  # nothing to do: reading and candidates from the store
    failed: int = 0  # a worker crashed or overran on the file
    workers: int = 0  # worker processes started
    executor: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    read_paths: list[str] = field(default_factory=list)
    loads: dict[str, int] = field(default_factory=dict)  # models loaded, soffice started: by workers and parent
    wall: float = 0.0  # seconds from the first file planned to the last one back

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "read": self.read,
            "extracted": self.extracted,
            "from_store": self.from_store,
            "failed": self.failed,
            "executor": self.executor,
            "timings": {k: round(v, 3) for k, v in sorted(self.timings.items())},
            "loads": dict(sorted(self.loads.items())),
        }


def list_entries(batch: Path) -> list[Entry]:
    """Each school sub-folder's files (at any depth, links listed but never followed), then the loose files."""
    if not batch.is_dir():
        raise JigongError(f"{batch}：报送材料目录不存在或不是文件夹，请检查路径。")
    entries: list[Entry] = []
    for entry in sorted(batch.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            for path in sorted(entry.rglob("*")):
                if path.is_symlink() or path.is_file():
                    entries.append(Entry(path, _named(path.relative_to(batch).as_posix()), _named(entry.name)))
        else:
            entries.append(Entry(entry, _named(entry.relative_to(batch).as_posix()), None))
    return entries


def _named(name: str) -> str:
    """A name as the batch's records carry it: a byte that is not UTF-8 (Python keeps it as a surrogate, which no
    JSON, database or document can hold) is written 〈FF〉; everything else is the name as it is on disk."""
    return escape_bytes(name)


class Report(Protocol):
    """What follows a batch's progress: told the number of files, then each file as it is done."""

    def begin(self, total: int) -> None: ...

    def __call__(self, item: Received) -> None: ...


@contextmanager
def _local_pool(workers: int | None, limits: Limits) -> Iterator[LocalPool]:
    hard = None if limits.seconds is None else limits.seconds + limits.grace
    pool = LocalPool(workers or default_workers(), hard_limit=hard, memory_mb=limits.memory_mb, initializer=warm_up)
    try:
        yield pool
    except BaseException:  # Ctrl-C or a failure in the parent: do not wait for the files being read
        pool.terminate()
        raise
    pool.shutdown(wait=True)


def gather(
    entries: list[Entry],
    year: int | None,
    *,
    cache: FileCache | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    options: Any = None,
    limits: Limits | None = None,
    report: Report | None = None,
    prepare: Callable[[list[Path]], None] | None = None,
    waits: Callable[[Path], bool] | None = None,
) -> tuple[list[Received], GatherStats]:
    """Records and candidates for every entry, in the entries' order; never raises for one file's fault.

    `prepare` is called in this process with the files that will be read, before any is sent to a worker
    (e.g. one LibreOffice call converting all legacy files of the batch at once). With `waits` (which files
    need it), `prepare` gets only those, runs in a thread while the workers read the others, and they are sent
    when it is done.
    """
    limits = limits or Limits()
    started, parent_loads = time.perf_counter(), metrics.counts()
    stats = GatherStats(total=len(entries))
    out: list[Received | None] = [None] * len(entries)
    if report:
        report.begin(len(entries))
    tasks: list[tuple[int, Keys | None, FileTask, Entry]] = []
    for i, entry in enumerate(entries):
        done, task, keys = _plan(entry, year, cache, options, limits)
        if done is not None:
            out[i] = done
            stats.from_store += done.source == "store"
            if report:
                report(done)
        elif task is not None:
            tasks.append((i, keys, task, entry))
    held: list[tuple[int, Keys | None, FileTask, Entry]] = []
    if tasks and prepare is not None:
        if waits is None:
            prepare([entry.path for _, _, task, entry in tasks if task.document is None])
        else:
            marks = [task.document is None and waits(entry.path) for _, _, task, entry in tasks]
            held = [t for t, mark in zip(tasks, marks, strict=True) if mark]
            tasks = [t for t, mark in zip(tasks, marks, strict=True) if not mark]
    with ThreadPoolExecutor(1, thread_name_prefix="jigong-prepare") as background:
        # LibreOffice converts the legacy files while the workers read the rest (it took ≈2 s before any read).
        preparing = background.submit(prepare, [entry.path for *_, entry in held]) if held and prepare else None
        if tasks or held:
            if executor is None:
                with _local_pool(workers, limits) as pool:
                    _run(pool, tasks, out, cache, stats, report, held, preparing)
                    stats.workers = pool.started
                    stats.executor = f"local:{pool.workers}"
            else:
                _run(executor, tasks, out, cache, stats, report, held, preparing)
                stats.executor = type(executor).__name__
    for event, n in metrics.counts().items():  # what this process started itself (the batch's soffice call)
        if n > parent_loads.get(event, 0):
            stats.loads[event] = stats.loads.get(event, 0) + n - parent_loads.get(event, 0)
    stats.wall = time.perf_counter() - started
    return [r for r in out if r is not None], stats


def _plan(
    entry: Entry, year: int | None, cache: FileCache | None, options: Any, limits: Limits
) -> tuple[Received | None, FileTask | None, Keys | None]:
    """What a file needs: nothing (the store has it, or it must not be read), extraction only, or reading."""
    if entry.problem:
        record = FileRecord(path=entry.rel, status="error", error=entry.problem, kind="archive")
        return Received(entry, record, source="none"), None, None
    if entry.path.is_symlink():
        record = FileRecord(path=entry.rel, status="skipped", error="符号链接，出于安全考虑未读取，请报送文件本身。")
        return Received(entry, record, source="none"), None, None
    try:
        size, sha = digest_file(entry.path)  # remembered: the legacy pre-conversion needs it again
    except OSError as exc:
        record = FileRecord(path=entry.rel, status="error", error=f"无法打开文件（{exc.strerror}）。")
        return Received(entry, record, source="none"), None, None
    task = FileTask(
        path=str(entry.path),
        rel=entry.rel,
        year=year,
        options=options,
        limits=limits,
        return_document=cache is not None,
    )
    if cache is None:
        return None, task, None
    keys = Keys.of(sha, entry.rel, options, year)
    known = cache.record(keys, entry.rel, size)
    if known is None:
        return None, task, keys
    record = known
    if record.status != "ok":
        return Received(entry, record, source="store"), None, keys
    candidates = cache.candidates(keys)
    if candidates is not None:
        return Received(entry, record, candidates, source="store"), None, keys
    found = cache.reading(keys, entry.rel, size)
    if found is None or found[1] is None:
        return None, task, keys
    task.record, task.document = found
    return None, task, keys


def _run(
    executor: Executor,
    tasks: list[tuple[int, Keys | None, FileTask, Entry]],
    out: list[Received | None],
    cache: FileCache | None,
    stats: GatherStats,
    report: Report | None,
    held: list[tuple[int, Keys | None, FileTask, Entry]] | None = None,
    preparing: Future[None] | None = None,
) -> None:
    """Send the tasks to the executor and take in their outcomes; the `held` ones once `preparing` is done."""
    futures: dict[Future[FileOutcome], tuple[int, Keys | None, FileTask, Entry]] = {}
    loads: dict[str, dict[str, int]] = {}  # worker → its latest tallies (they only grow)
    # Largest files first: a long report (or a scan) left for last would keep one worker busy while the others
    # wait at the end of the batch. The batch's own order is kept by the index of each file.
    for item in sorted(tasks, key=lambda item: -_size(item[3].path)):
        futures[executor.submit(process_file, item[2])] = item
    waiting: set[Future[Any]] = set(futures)
    held = list(held or [])
    while waiting or held:
        if held and (preparing is None or preparing.done()):
            if preparing is not None:
                preparing.result()  # the preparation's own failure stops the batch, as it always did
            for item in held:
                future = executor.submit(process_file, item[2])
                futures[future] = item
                waiting.add(future)
            held = []
        watched = waiting | ({preparing} if held and preparing is not None else set())
        done, _ = wait(watched, return_when=FIRST_COMPLETED)
        waiting -= done
        for future in done:
            if future in futures:  # let go once taken: a done future holds its outcome (packed document too)
                _take(future, futures.pop(future), out, cache, stats, report, loads)
    for tallies in loads.values():
        for event, n in tallies.items():
            stats.loads[event] = stats.loads.get(event, 0) + n


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _take(
    future: Future[FileOutcome],
    item: tuple[int, Keys | None, FileTask, Entry],
    out: list[Received | None],
    cache: FileCache | None,
    stats: GatherStats,
    report: Report | None,
    loads: dict[str, dict[str, int]],
) -> None:
    """One file's outcome: counted, cached in the store, placed in the batch's order, reported."""
    i, keys, task, entry = item
    outcome = _outcome(future, task)
    for stage, seconds in outcome.timings.items():
        stats.timings[stage] = stats.timings.get(stage, 0.0) + seconds
    if outcome.worker:
        loads[outcome.worker] = outcome.loads
    extracted_only = task.document is not None
    if outcome.transient:
        stats.failed += 1
    elif extracted_only:
        stats.extracted += 1
    else:
        stats.read += 1
        stats.read_paths.append(task.rel)
    if cache is not None and keys is not None and not outcome.transient:
        if not extracted_only:
            read = outcome.timings.get("read", 0.0)
            cache.save_reading(keys, outcome.record, outcome.document, read, packed=outcome.packed_document)
        if outcome.record.status == "ok":
            extract = outcome.timings.get("extract", 0.0)
            cache.save_candidates(keys, outcome.candidates, extract, packed=outcome.packed_candidates)
        reached("file", task.rel)  # kept: a run killed from here on does not read this file again
    received = Received(
        entry,
        outcome.record,
        outcome.candidates,
        source="extracted" if extracted_only else "read",
        seconds=outcome.timings.get("read", 0.0) + outcome.timings.get("extract", 0.0),
        timings=outcome.timings,
    )
    out[i] = received
    if report:
        report(received)


def _outcome(future: Future[FileOutcome], task: FileTask) -> FileOutcome:
    """The task's outcome; a worker that crashed or overran becomes an error record naming the reason."""
    record = task.record or FileRecord(path=task.rel, status="error")
    try:
        return future.result()
    except WorkerLost as exc:
        reason = f"处理该文件时{exc}，已跳过该文件，其余材料照常审查；请人工查阅该文件（可能已损坏或含异常内容）。"
    except TaskTimedOut as exc:
        reason = f"{exc}，已跳过该文件，其余材料照常审查；请人工查阅该文件。"
    except Exception as exc:  # Dask's KilledWorker, a lost connection, …: the file is named, the batch goes on
        reason = f"处理该文件时发生意外错误（{type(exc).__name__}），已跳过该文件，请人工查阅并向技术支持反馈。"
    failed = FileRecord(path=task.rel, status="error", error=reason, kind=record.kind, size=record.size)
    return FileOutcome(failed, [], None, {}, "", transient=True)
