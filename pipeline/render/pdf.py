"""Every .docx of a run also as PDF: headless LibreOffice, one process per core for the whole batch, fonts mapped."""

from __future__ import annotations

import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from jigong.pipeline.errors import OutputError
from jigong.pipeline.render.fonts import Substitution, check_chinese, fontconfig_env, substitutions
from jigong.pipeline.render.output import write_bytes_atomic
from jigong.pipeline.run import libreoffice
from jigong.pipeline.run.executors import default_workers

BASE_TIMEOUT_S = 120.0  # LibreOffice's start-up, on a busy machine
PER_FILE_TIMEOUT_S = 10.0
MIN_SHARE = 8  # files for each further LibreOffice process: starting one takes ≈1.5 s
# Keep the blank page LibreOffice inserts before the 版记's even page: the PDF prints right two-sided.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


@dataclass
class PdfResult:
    """What the conversion gave: the PDFs written, the files that failed (with why) and the fonts used."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    substitutions: list[Substitution] = field(default_factory=list)
    seconds: float = 0.0


def find_soffice() -> str:
    found = libreoffice.find_soffice()
    if found is None:
        raise OutputError("未找到 LibreOffice（soffice），无法生成 PDF；请先运行 bash bootstrap.sh 安装。")
    return found


def preflight() -> list[Substitution]:
    """Before a run that wants PDFs: LibreOffice is there and every font has a Chinese substitute."""
    find_soffice()
    found = substitutions()
    check_chinese(found)
    return found


def convert_to_pdf(
    sources: list[Path], timeout: float | None = None, work_dir: Path | None = None, processes: int | None = None
) -> PdfResult:
    """Write X.pdf beside each X.docx: one LibreOffice process per core (each with its own throw-away profile),
    each converting its share of the files in one call.

    `work_dir` holds the calls' work folders (a run gives its output folder's .cache: nothing is written
    outside --out, and what a killed run leaves there is swept at the next); by default the system's.
    """
    result = PdfResult(substitutions=preflight())
    if not sources:
        return result
    soffice = find_soffice()
    started = time.monotonic()
    # LibreOffice converts one file after another: 200 memos took ≈110 s in one process; a process per core
    # (the documents alternate between them) takes about that divided by the cores.
    count = max(1, min(processes or default_workers(), len(sources) // MIN_SHARE or 1))
    shares = [sources[k::count] for k in range(count)]
    if work_dir is not None:
        work_dir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(count) as pool:
        outcomes = list(pool.map(lambda share: _convert(soffice, share, timeout, work_dir), shares))
    done = {path: (pdf, reason) for outcome in outcomes for path, pdf, reason in outcome}
    for source in sources:
        pdf, reason = done[source]
        if pdf is not None:
            result.written.append(pdf)
        else:
            result.failed.append((source, reason))
    result.seconds = time.monotonic() - started
    return result


def _convert(
    soffice: str, sources: list[Path], timeout: float | None, work_dir: Path | None
) -> list[tuple[Path, Path | None, str]]:
    """One LibreOffice call for these files: (source, the PDF written or None, why not)."""
    limit = timeout if timeout is not None else BASE_TIMEOUT_S + PER_FILE_TIMEOUT_S * len(sources)
    out: list[tuple[Path, Path | None, str]] = []
    with tempfile.TemporaryDirectory(prefix="jigong-pdf-", dir=work_dir) as tmp:
        work = Path(tmp)
        inbox, outbox = work / "in", work / "out"
        inbox.mkdir()
        # Plain numbered copies: no two outputs can clash in --outdir, whatever the schools are called.
        copies = []
        for n, source in enumerate(sources, start=1):
            copy = inbox / f"{n:04d}.docx"
            shutil.copyfile(source, copy)
            copies.append(copy)
        outcome = libreoffice.convert(soffice, copies, PDF_FILTER, outbox, work, limit, env=fontconfig_env())
        reason = _reason(outcome, limit)
        for source, copy in zip(sources, copies, strict=True):
            pdf = outbox / f"{copy.stem}.pdf"
            if pdf.is_file() and pdf.stat().st_size > 0:
                write_bytes_atomic(source.with_suffix(".pdf"), pdf.read_bytes())
                out.append((source, source.with_suffix(".pdf"), ""))
            else:
                out.append((source, None, reason or "LibreOffice 未能转换该文件"))
    return out


def _reason(outcome: libreoffice.Outcome, limit: float) -> str:
    """Why a call's files have no PDF, in the inspector's words ("" when the call itself went well)."""
    if outcome.status == "timeout":
        return f"LibreOffice 在{limit:.0f}秒内未完成转换，已终止"
    if outcome.status == "failed":
        return f"LibreOffice 转换失败（退出码{outcome.returncode}）{outcome.last_line}"
    return ""
