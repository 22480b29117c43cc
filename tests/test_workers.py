"""Parallel reading: a crashing and a hanging file are isolated and reported; the local pool as an Executor."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from helpers.season import form_name, small_batch

from jigong.pipeline.job import run
from jigong.pipeline.run.executors import LocalPool, TaskTimedOut, WorkerLost
from jigong.pipeline.run.work import HOOK_VARIABLE, time_limit
from jigong.pipeline.settings import Limits, Settings


def _die() -> None:
    os._exit(9)


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _no_op() -> None:
    """As initializer it makes each worker import this module before its first task's clock starts."""


def test_the_pool_fails_only_the_task_whose_worker_died_or_overran() -> None:
    pool = LocalPool(2, hard_limit=1.0, initializer=_no_op)
    try:
        futures = [pool.submit(pow, 2, 5), pool.submit(_die), pool.submit(_sleep, 30), pool.submit(pow, 3, 2)]
        assert futures[0].result(timeout=30) == 32
        with pytest.raises(WorkerLost) as lost:
            futures[1].result(timeout=30)
        assert "退出码 9" in str(lost.value)
        with pytest.raises(TaskTimedOut):
            futures[2].result(timeout=30)
        assert futures[3].result(timeout=30) == 9
        assert pool.submit(pow, 2, 2).result(timeout=30) == 4  # replaced workers keep serving
    finally:
        pool.shutdown()
    assert pool.started >= 3  # two workers, plus a replacement for each one lost


def test_terminate_stops_running_and_waiting_tasks_at_once() -> None:
    pool = LocalPool(1, initializer=_no_op)
    running, waiting = pool.submit(_sleep, 60), pool.submit(_sleep, 60)
    while not running.running():
        time.sleep(0.05)
    started = time.monotonic()
    pool.terminate()
    assert time.monotonic() - started < 10
    assert waiting.cancelled()
    with pytest.raises(WorkerLost):
        running.result(timeout=10)


def test_the_soft_time_limit_interrupts_a_task_in_a_thread_too() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from jigong.pipeline.run.work import TimeLimitExceeded

    def slow() -> str:
        with time_limit(0.2):
            for _ in range(200):
                time.sleep(0.01)
        return "finished"

    with ThreadPoolExecutor(1) as threads, pytest.raises(TimeLimitExceeded):
        threads.submit(slow).result(timeout=10)


def test_a_crashing_and_a_hanging_file_do_not_stop_the_batch(tmp_path: Path, monkeypatch) -> None:
    batch = small_batch(tmp_path / "batch")
    school = "东莞市东城技工学校"
    form = batch / school / form_name(school, 2025)
    for word in ("崩溃", "卡死", "僵死", "内存"):
        shutil.copy(form, batch / school / f"附件-{word}.docx")
    monkeypatch.setenv(HOOK_VARIABLE, "helpers.faults:inject")
    started = time.monotonic()
    limits = Limits(seconds=1.0, grace=1.0, memory_mb=2048)
    report = run(Settings(batch, tmp_path / "out", today=dt.date(2026, 3, 2), workers=2, limits=limits))
    assert time.monotonic() - started < 30
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    files = {f["path"]: f for s in data["schools"] for f in s["files"]}
    crashed, slow, stuck = (files[f"{school}/附件-{w}.docx"] for w in ("崩溃", "卡死", "僵死"))
    assert crashed["status"] == "error" and "处理进程异常退出" in crashed["error"]
    assert slow["status"] == "error" and "时限" in slow["error"]
    assert stuck["status"] == "error" and "处理进程已被终止" in stuck["error"]
    hoarder = files[f"{school}/附件-内存.docx"]
    assert hoarder["status"] == "error" and "内存超出限制" in hoarder["error"]
    # every other file was read, and the school's figures still come from its form
    assert sum(f["status"] == "ok" for f in files.values()) == 3
    own = next(s for s in data["schools"] if s["school_name"] == school)
    assert own["indicators"]["students_total"]["value"] > 0
    assert report.exit_code == 1 and report.stats.failed == 4
    import docx

    memo = "\n".join(p.text for p in docx.Document(str(tmp_path / "out" / "memos" / f"{school}.docx")).paragraphs)
    # The memo speaks to the school: the file and what to do, not the worker's fate (results.json keeps it).
    assert "附件-崩溃.docx" in memo and "处理该文件时出现异常，未能读取" in memo and "处理进程" not in memo
    # A file a worker could not finish is not cached: the next run tries it again.
    monkeypatch.delenv(HOOK_VARIABLE)
    again = run(Settings(batch, tmp_path / "out", today=dt.date(2026, 3, 2), workers=2))
    # (they are copies of the form: its reading is reused, the extraction is done for each name)
    assert again.stats.extracted == 4 and again.stats.from_store == 3 and again.stats.failed == 0
    assert again.exit_code == 0
