"""The main job: a batch folder in, results.json, one memo per school and the summary out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from checks.catalogue import load_catalogue

from .batch import run_batch
from .model import BatchResult, FileRecord
from .output import inside, write_json
from .readers import ReadOptions
from .render.documents import TEMPLATES_DIR, Renderer


@dataclass
class JobReport:
    result: BatchResult
    unplaced: list[FileRecord]
    written: list[Path]

    @property
    def unreadable(self) -> list[str]:
        files = [f for s in self.result.schools for f in s.files] + self.unplaced
        return [f"{f.path}：{f.error}" for f in files if f.status != "ok"]


def run_job(
    batch: Path,
    out: Path,
    year: int | None = None,
    today: dt.date | None = None,
    templates: Path = TEMPLATES_DIR,
    options: ReadOptions | None = None,
) -> JobReport:
    """Read, check and write everything for one batch; a school's bad file never stops it."""
    today = today or dt.date.today()
    catalogue = load_catalogue()
    renderer = Renderer(templates)  # settings and templates are checked before any file is read
    now = dt.datetime.combine(today, dt.datetime.now().time()).astimezone()
    options = options or ReadOptions()
    if options.cache_dir is None:  # conversions are cached inside the output folder, never outside it
        options.cache_dir = inside(out, ".cache", "convert")
    run = run_batch(batch, year=year, catalogue=catalogue, now=now, options=options)
    out.mkdir(parents=True, exist_ok=True)
    data = run.result.to_json()
    if run.unplaced:
        data["unplaced_files"] = [f.to_json() for f in run.unplaced]
    results = inside(out, "results.json")
    write_json(results, data)
    written = [results, *renderer.write_all(run.result, catalogue, out, today, run.unplaced)]
    return JobReport(result=run.result, unplaced=run.unplaced, written=written)
