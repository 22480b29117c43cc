"""The per-file task run in a worker: plain data in (path, name, options, year), record and candidates out."""

from __future__ import annotations

import ctypes
import importlib
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jigong.pipeline.extract import Extractor
from jigong.pipeline.extract.candidates import Candidate
from jigong.pipeline.extract.school import file_candidates
from jigong.pipeline.model import Document, FileRecord
from jigong.pipeline.readers import read_record
from jigong.pipeline.run import metrics
from jigong.pipeline.settings import Limits
from jigong.pipeline.store import codec

# A documented hook for fault drills and diagnostics: "module:function", called in the worker with
# (relative name, absolute path) before each file is read. The tests use it to make a file crash or hang
# its worker; nothing else in the production path knows about tests.
HOOK_VARIABLE = "JIGONG_WORKER_HOOK"


class TimeLimitExceeded(BaseException):
    """The task ran past its soft time limit (raised inside the worker by an alarm).

    A BaseException, like KeyboardInterrupt: the readers' broad `except Exception` around a parser must not turn
    it into "file damaged".
    """


@dataclass
class FileTask:
    """One file to read and extract; `document` is given when the store already holds the reading."""

    path: str
    rel: str
    year: int | None = None
    options: Any = None  # the readers' options (passwords, conversion cache, …), passed through untouched
    document: Document | None = None
    record: FileRecord | None = None  # the record that goes with a cached document
    limits: Limits = field(default_factory=Limits)
    return_document: bool = True  # send the reading back (for the store); off when nothing keeps it


@dataclass
class FileOutcome:
    """What became of one file: its record, every candidate reading, and the document when it was just read."""

    record: FileRecord
    candidates: list[Candidate]
    document: Document | None = None
    timings: dict[str, float] = field(default_factory=dict)
    worker: str = ""
    transient: bool = False  # a limit was hit: the outcome is reported but not cached, so the next run retries
    loads: dict[str, int] = field(default_factory=dict)  # the worker's tallies so far (models loaded, soffice starts)
    # For the store, packed by the worker (codec.pack) so that the parent neither unpickles nor packs them.
    packed_document: bytes | None = None
    packed_candidates: bytes | None = None


_EXTRACTOR: Extractor | None = None
_LOCK = threading.Lock()
_HOOK: tuple[str, Callable[[str, str], None] | None] | None = None


def extractor() -> Extractor:
    """One Extractor per worker process, built on first use (label patterns, jieba) and kept."""
    global _EXTRACTOR
    with _LOCK:
        if _EXTRACTOR is None:
            _EXTRACTOR = Extractor()
        return _EXTRACTOR


def warm_up() -> None:
    """Run once as a worker process starts: the extractor is built before the first file's clock starts."""
    extractor()


def _hook() -> Callable[[str, str], None] | None:
    global _HOOK
    spec = os.environ.get(HOOK_VARIABLE, "")
    if _HOOK is None or _HOOK[0] != spec:
        func = None
        if spec:
            module, _, name = spec.partition(":")
            func = getattr(importlib.import_module(module), name)
        _HOOK = (spec, func)
    return _HOOK[1]


def read_with(path: Path, rel: str, options: Any) -> tuple[FileRecord, Document | None]:
    """The one call into the readers; options are passed only when given."""
    if options is None:
        return read_record(path, rel)
    return read_record(path, rel, options)  # type: ignore[call-arg]


def process_file(task: FileTask) -> FileOutcome:
    """Read (unless the reading is given) and extract one file; never raises for the file's own faults."""
    timings: dict[str, float] = {}
    worker = f"{socket.gethostname()}:{os.getpid()}"
    document = task.document
    record = task.record or FileRecord(path=task.rel, status="ok")
    fresh: Document | None = None
    try:
        with time_limit(task.limits.seconds):
            hook = _hook()
            if hook is not None:
                hook(task.rel, task.path)
            if document is None:
                start = time.perf_counter()
                ocr_before = metrics.seconds().get("ocr", 0.0)
                record, fresh = read_with(Path(task.path), task.rel, task.options)
                timings["read"] = time.perf_counter() - start  # OCR included; "ocr" says how much of it
                ocr = metrics.seconds().get("ocr", 0.0) - ocr_before
                if ocr:
                    timings["ocr"] = ocr
                document = fresh
            if document is None:
                return FileOutcome(record, [], None, timings, worker, loads=metrics.counts())
            document.path = task.rel  # a cached reading may come from the same content under another name
            start = time.perf_counter()
            try:
                candidates = file_candidates(extractor(), document, task.year)
            except (TimeLimitExceeded, MemoryError):
                raise
            except Exception as exc:  # an extractor bug must not lose the batch; the file is named instead
                record.status = "error"
                record.error = (
                    f"提取指标时发生意外错误（{type(exc).__name__}），该文件的数字未计入，请人工查阅并向技术支持反馈。"
                )
                candidates = []
            timings["extract"] = time.perf_counter() - start
            outcome = FileOutcome(record, candidates, None, timings, worker, loads=metrics.counts())
            if task.return_document:  # the store keeps them: packed here, in parallel, not in the parent
                outcome.packed_document = codec.pack(fresh) if fresh is not None else None
                outcome.packed_candidates = codec.pack(candidates)
            return outcome
    except TimeLimitExceeded:
        record = FileRecord(path=task.rel, status="error", kind=record.kind, size=record.size, sha256=record.sha256)
        record.error = (
            f"处理时间超过每份材料{task.limits.seconds:g}秒的时限，已跳过，请人工查阅该文件"
            "（确属正常的大文件，可用 --time-limit 放宽时限后重新审查）。"
        )
    except MemoryError:
        record = FileRecord(path=task.rel, status="error", kind=record.kind, size=record.size, sha256=record.sha256)
        limit = f"每个处理进程{task.limits.memory_mb} MB" if task.limits.memory_mb else "本机可用内存"
        record.error = (
            f"处理该文件所需内存超出限制（{limit}），已跳过，请人工查阅该文件（可能为异常或超大文件）；"
            "确属正常的大文件，可用 --memory-limit 提高上限后重新审查。"
        )
    return FileOutcome(record, [], None, timings, worker, transient=True)


def _raise_time_limit(signum: int, frame: object) -> None:
    raise TimeLimitExceeded()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in this thread after `seconds` of wall time.

    The main thread of a worker process uses SIGALRM; a worker thread (a Dask worker runs tasks in threads)
    gets the exception set asynchronously, which interrupts Python code but not a blocking call in C.
    """
    if not seconds:
        yield
        return
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGALRM, _raise_time_limit)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    ident = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(TimeLimitExceeded))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()
