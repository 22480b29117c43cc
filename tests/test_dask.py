"""The Dask path: a LocalCluster gives the same results.json as the local process pool."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from jigong.pipeline.errors import JigongError
from jigong.pipeline.job import run
from jigong.pipeline.run.executors import dask_executor
from jigong.pipeline.settings import Settings

distributed = pytest.importorskip("distributed")

DAY = dt.date(2026, 3, 2)


def _results(out: Path) -> dict:
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    data.pop("generated_at")
    return data


def test_a_dask_cluster_gives_the_same_results_as_the_process_pool(demo_batch, tmp_path: Path) -> None:
    batch = demo_batch[0]
    pool = run(Settings(batch, tmp_path / "pool", today=DAY, workers=2))
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        on_dask = run(Settings(batch, tmp_path / "dask", today=DAY, scheduler=cluster.scheduler_address))
    assert on_dask.stats.read == pool.stats.read == 16
    assert on_dask.stats.executor != pool.stats.executor
    assert _results(tmp_path / "dask") == _results(tmp_path / "pool")


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(JigongError, match="无法连接 Dask 调度器"), dask_executor("tcp://127.0.0.1:9", timeout=1):
        pass
