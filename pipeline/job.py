"""The main job: a batch folder in, results.json, one memo per school and the summary out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from checks.plans import resolve

from .batch import run_batch
from .model import BatchResult, FileRecord
from .output import inside, write_json
from .render.documents import TEMPLATES_DIR, Renderer
from .render.pdf import PdfResult, convert_to_pdf, preflight


@dataclass
class JobReport:
    result: BatchResult
    unplaced: list[FileRecord]
    written: list[Path]
    pdf: PdfResult | None = None  # with --pdf: the PDFs, the files that failed and the font substitutions

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
    plan: str | Path | None = None,
    pdf: bool = False,
) -> JobReport:
    """Read, check and write everything for one batch; a school's bad file never stops it.

    `plan` is a plan id, a catalogue file or a folder of catalogues; by default the plan in force in the year.
    """
    today = today or dt.date.today()
    # Settings, templates, a named plan and the PDF tools are checked before any file is read.
    renderer = Renderer(templates)
    if plan is not None:
        resolve(plan, year or today.year)
    if pdf:
        preflight()
    now = dt.datetime.combine(today, dt.datetime.now().time()).astimezone()
    run = run_batch(batch, year=year, now=now, plan=plan)
    out.mkdir(parents=True, exist_ok=True)
    data = run.result.to_json()
    if run.unplaced:
        data["unplaced_files"] = [f.to_json() for f in run.unplaced]
    results = inside(out, "results.json")
    write_json(results, data)
    written = [results, *renderer.write_all(run.result, run.catalogue, out, today, run.unplaced)]
    report = JobReport(result=run.result, unplaced=run.unplaced, written=written)
    if pdf:  # one LibreOffice process for every .docx of the run
        report.pdf = convert_to_pdf([p for p in written if p.suffix == ".docx"])
        report.written += report.pdf.written
    return report
