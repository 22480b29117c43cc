"""A run's documents built in worker processes: the memos of a batch do not depend on one another.

On 200 schools the documents took ≈20 s in one process (memos ≈40 ms each, the summary workbook and the city
charts several seconds); on two cores two workers take about half. A handful of documents is built in this
process: starting a worker costs about a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jigong.pipeline.render.documents import Renderer

PARALLEL_FROM = 12  # documents to build before workers are worth starting


@dataclass
class Job:
    """Documents to build: in this process by `local`, or in a worker by `remote` (a module-level function and
    picklable arguments); either gives the documents' bytes in the order of `targets` (indexes of the run)."""

    targets: list[int]
    local: Callable[[], list[bytes]]
    remote: Callable[..., list[bytes]]
    args: tuple[Any, ...]
    weight: float = 1.0  # rough cost, for handing the longest jobs out first


def run_jobs(jobs: list[Job], workers: int) -> list[list[bytes]]:
    """Every job's documents, in the jobs' order; a failing job's exception is raised here."""
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        return [job.local() for job in jobs]
    from jigong.pipeline.run.executors import LocalPool

    pool = LocalPool(min(workers, len(jobs)))
    try:
        order = sorted(range(len(jobs)), key=lambda i: -jobs[i].weight)
        # The heaviest job is built here, meanwhile: the workers take a second to start.
        futures = {i: pool.submit(jobs[i].remote, *jobs[i].args) for i in order[1:]}
        mine = jobs[order[0]].local()
        results = [mine if i == order[0] else futures[i].result() for i in range(len(jobs))]
    except BaseException:
        pool.terminate()
        raise
    pool.shutdown()
    return results


@cache
def _renderer(templates: str) -> Renderer:
    from jigong.pipeline.render.documents import Renderer

    return Renderer(Path(templates))


def docx_job(templates: str, name: str, context: dict[str, Any], today: dt.date) -> list[bytes]:
    return [_renderer(templates).docx(name, context, today)]


def xlsx_job(facts: dict[str, Any], matrix: dict[str, Any], today: dt.date) -> list[bytes]:
    from jigong.pipeline.render.xlsx import summary_workbook

    return [summary_workbook(facts, matrix, today)]


def city_job(
    templates: str, facts: dict[str, Any], matrix: dict[str, Any], today: dt.date, city: bool, html: bool
) -> list[bytes]:
    """The city report and the web report, whichever are asked for, from one drawing of the charts."""
    return _renderer(templates).city_documents(facts, matrix, today, city, html)
