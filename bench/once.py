"""One `jigong run` measured in a process of its own: ``python -m bench.once BATCH OUT --workers N [--no-ocr] [--pdf]``.

Prints one JSON object: wall seconds, the job's phases, the workers' seconds per stage and per file, the
models and LibreOffice processes started, and peak memory (this process, its largest child, and the whole
process tree sampled every 50 ms). A process of its own, so that peak memory belongs to this run alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any


class TreeMemory:
    """The largest resident memory of this process and all its descendants together, sampled in a thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self.peak_workers = 0  # the largest single child (worker) seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        try:
            import psutil
        except ImportError:  # only getrusage's figures then
            return
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            try:
                total = me.memory_info().rss
                for child in me.children(recursive=True):
                    try:
                        rss = child.memory_info().rss
                    except psutil.Error:
                        continue
                    total += rss
                    self.peak_workers = max(self.peak_workers, rss)
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)


class Files:
    """The progress report of the run, keeping each file's worker seconds by stage."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}

    def begin(self, total: int) -> None:
        pass

    def __call__(self, item: Any) -> None:
        self.items[item.record.path] = {
            "status": item.record.status,
            "kind": item.record.kind,
            "source": item.source,
            **{k: round(v, 4) for k, v in item.timings.items()},
        }


def measure(batch: Path, out: Path, workers: int, ocr: bool, pdf: bool) -> dict[str, Any]:
    from jigong.pipeline.job import run
    from jigong.pipeline.readers import ReadOptions
    from jigong.pipeline.run import metrics
    from jigong.pipeline.settings import Settings

    files = Files()
    with TreeMemory() as memory:
        started = time.perf_counter()
        settings = Settings(batch, out, today=dt.date(2026, 3, 2), workers=workers, read=ReadOptions(ocr=ocr), pdf=pdf)
        job = run(settings, report=files)
        wall = time.perf_counter() - started
    kib = 1024
    parent_loads = metrics.counts()  # the PDF conversion's soffice runs in this process, after gathering
    loads = dict(job.stats.loads)
    if pdf:
        loads["soffice_pdf"] = parent_loads.get("soffice", 0) - job.stats.loads.get("soffice", 0)
    return {
        "workers": workers,
        "ocr": ocr,
        "pdf": pdf,
        "wall": wall,
        "phases": job.timings,
        "stages": job.stats.timings,
        "files": files.items,
        "counts": {
            "total": job.stats.total,
            "read": job.stats.read,
            "from_store": job.stats.from_store,
            "extracted": job.stats.extracted,
            "failed": job.stats.failed,
            "worker_processes": job.stats.workers,
            "documents_rendered": job.rendered,
            "documents_unchanged": job.reused,
            "pdfs": len(job.pdf.written) if job.pdf else 0,
        },
        "loads": loads,
        "memory_mb": {
            "parent": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib,
            "largest_child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kib,
            "largest_worker_sampled": memory.peak_workers / kib / kib,
            "tree_sampled": memory.peak / kib / kib,
        },
        "load_average": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.once", description=__doc__.splitlines()[0])
    parser.add_argument("batch", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-ocr", action="store_true")
    parser.add_argument("--pdf", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.batch, args.out, args.workers, not args.no_ocr, args.pdf)
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
