"""A run's settings: built once (by the CLI, a test or a script) and carried down the stages as they are."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from jigong.pipeline.readers.options import ReadOptions
from jigong.pipeline.store import STORE_NAME

# The document templates and their settings.yaml (installed with the package).
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"

# Address space of a worker. An OCR page peaks near 1.6 GB on 2 cores; every further core adds a recognition
# thread, whose stack (8 MB) and malloc arena (64 MB reserved) count too. A bomb is stopped long before swap.
MEMORY_MB = 4096 + 72 * max(0, (os.cpu_count() or 2) - 2)


@dataclass(frozen=True)
class Limits:
    """Per-file limits. Time: a soft alarm inside the worker, and a hard kill by the local pool a little later.

    Memory: the address-space limit of a worker process that runs one task at a time (the local pool's).
    """

    seconds: float | None = 180.0
    memory_mb: int | None = MEMORY_MB
    grace: float = 5.0  # how long after the soft alarm the local pool kills the worker


@dataclass(frozen=True)
class Settings:
    """What one `jigong run` is asked to do; every stage takes what it needs from here."""

    batch: Path  # the batch folder: a sub-folder per school, loose files at the top
    out: Path  # the output folder: results.json, the documents, and the store unless `store` names another
    year: int | None = None  # 审查年度; None: the year most submissions state, else last year
    today: dt.date | None = None  # 成文日期 of the documents; None: today
    plan: str | Path | None = None  # a plan id, a catalogue file or folder; None: the plan in force in the year
    templates: Path = TEMPLATES_DIR
    store: Path | None = None  # the season's SQLite store; None: <out>/jigong.sqlite
    roster: Path | None = None  # 学校名册 (.xlsx, .csv); None: 学校名册.xlsx or .csv at the top of the batch
    workers: int | None = None  # local worker processes; None: one per core
    scheduler: str | None = None  # a Dask scheduler's address: the files are read on that cluster
    read: ReadOptions = field(default_factory=ReadOptions)
    limits: Limits = field(default_factory=Limits)
    pdf: bool = False  # a PDF beside every document

    @property
    def store_path(self) -> Path:
        return self.store or self.out / STORE_NAME

    @property
    def issue_date(self) -> dt.date:
        return self.today or dt.date.today()
