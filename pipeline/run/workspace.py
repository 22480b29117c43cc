"""Where a run works: its output folder locked and swept, the season's store open, the workers' executor, and the
caches (conversions, recognition turns, opened archives) inside the output folder, never outside it."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from jigong.pipeline.render.output import inside
from jigong.pipeline.run.executors import dask_executor, default_workers
from jigong.pipeline.run.runlock import OutputLock, sweep
from jigong.pipeline.settings import Settings
from jigong.pipeline.store import Store


@dataclass
class Workspace:
    """What a run holds while it runs."""

    settings: Settings  # the run's settings, its read options pointed at the output folder's caches
    store: Store
    executor: Executor | None  # a Dask cluster's; None: a local pool of workers
    unpacked: Path  # where archives are opened, for this run's reading only
    notes: list[str] = field(default_factory=list)  # for the inspector: an unfinished earlier run taken over


@contextmanager
def workspace(settings: Settings) -> Iterator[Workspace]:
    """Lock the output folder (a second run on it is refused, naming who holds it) and clear what a killed run
    left there; open the store and the executor; close all of them, and remove the opened archives, at the end."""
    out = settings.out
    out.mkdir(parents=True, exist_ok=True)
    # matplotlib keeps a font cache; it goes inside the output folder like everything else a run writes
    # (set before any worker starts, so that they inherit it).
    os.environ.setdefault("MPLCONFIGDIR", str(inside(out, ".cache", "matplotlib")))
    read = settings.read
    changes: dict[str, object] = {}
    if read.cache_dir is None:  # conversions are cached inside the output folder, never outside it
        changes["cache_dir"] = inside(out, ".cache", "convert")
    if read.ocr_locks is None and settings.scheduler is None:  # workers on this machine take turns at recognition
        changes["ocr_locks"] = inside(out, ".cache", "ocr")
        changes["ocr_slots"] = max(1, (settings.workers or default_workers()) // 2)
    settings = dataclasses.replace(settings, read=dataclasses.replace(read, **changes))  # type: ignore[arg-type]
    with OutputLock(out) as lock, ExitStack() as stack:
        # What a killed run left (outputs under their temporary names, conversion work folders) goes first.
        swept = sweep(out)
        notes: list[str] = []
        if lock.taken_over is not None:
            holder = lock.taken_over
            who = f"进程号 {holder.get('pid', '未知')}，开始于 {holder.get('started', '未知')}"
            notes.append(
                f"上次在该输出目录中的审查（{who}）未正常结束，本次已接管并清理其残留的临时文件{len(swept)}个；"
                "已完成的部分取自审查数据库。"
            )
        store = stack.enter_context(Store(settings.store_path))
        executor = stack.enter_context(dask_executor(settings.scheduler)) if settings.scheduler else None
        # Archives are copied out inside the output folder, and only for the run's reading.
        unpacked = inside(out, ".cache", "archives")
        stack.callback(shutil.rmtree, unpacked, ignore_errors=True)
        shutil.rmtree(unpacked, ignore_errors=True)
        yield Workspace(settings, store, executor, unpacked, notes)
