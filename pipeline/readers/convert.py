"""Old and foreign office formats (.doc .wps .xls .et .rtf .odt .ods, web pages saved as .doc) → .docx/.xlsx
through LibreOffice headless."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jigong.pipeline.run import libreoffice
from jigong.pipeline.run.libreoffice import find_soffice

# What each kind becomes, and the name LibreOffice is shown (its filter detection also looks at the name:
# a Kingsoft .wps under its own name can be taken for a Microsoft Works file).
TARGET = {
    **{kind: "docx" for kind in ("doc", "wps", "rtf", "odt", "html")},
    **{kind: "xlsx" for kind in ("xls", "et", "ods")},
}
SOURCE_SUFFIX = {"doc": "doc", "wps": "doc", "rtf": "rtf", "odt": "odt", "html": "html"}
SOURCE_SUFFIX |= {"xls": "xls", "et": "xls", "ods": "ods"}
# Export filters named outright: a web page opens in Writer/Web, which has no plain "docx" export.
FILTER = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
PER_FILE_SECONDS = 20.0  # added to the time limit for every further file of a batch call
NO_SOFFICE = (
    "本机未安装 LibreOffice（未找到 soffice 命令），无法转换旧版 Word、Excel 或 WPS 文件；"
    "请运行 bash bootstrap.sh 安装后重试，或请学校报送 .docx、.xlsx 版本。"
)


@dataclass(frozen=True)
class Job:
    """One file to convert: where it is, its sniffed kind and its content hash (the cache key)."""

    path: Path
    kind: str
    sha256: str

    @property
    def target(self) -> str:
        return TARGET[self.kind]


def cached(cache_dir: Path, job: Job) -> Path | None:
    path = cache_dir / f"{job.sha256}.{job.target}"
    return path if path.is_file() and path.stat().st_size > 0 else None


def convert_all(jobs: list[Job], cache_dir: Path, timeout: float) -> dict[str, Path | str]:
    """Convert every job not yet cached; sha256 → converted file, or the Chinese reason it failed.

    LibreOffice starts once per target format for the whole list (starting costs ≈ 1.5 s, each further
    file ≈ 0.2 s). If a call overruns its time limit, its files are retried one by one, so that a single
    file that hangs LibreOffice fails alone.
    """
    results: dict[str, Path | str] = {}
    todo: list[Job] = []
    for job in {j.sha256: j for j in jobs}.values():
        hit = cached(cache_dir, job)
        if hit is not None:
            results[job.sha256] = hit
        else:
            todo.append(job)
    if not todo:
        return results
    soffice = find_soffice()
    if soffice is None:
        return results | {job.sha256: NO_SOFFICE for job in todo}
    cache_dir.mkdir(parents=True, exist_ok=True)
    for target in sorted({job.target for job in todo}):
        group = [job for job in todo if job.target == target]
        limit = timeout + PER_FILE_SECONDS * (len(group) - 1)
        outcome = _run(soffice, group, target, cache_dir, limit)
        if outcome == "timeout" and len(group) > 1:
            for job in group:
                if cached(cache_dir, job) is None:
                    _run(soffice, [job], target, cache_dir, timeout)
        for job in group:
            hit = cached(cache_dir, job)
            results[job.sha256] = hit if hit is not None else _reason(job, outcome if len(group) == 1 else "")
    return results


def _reason(job: Job, outcome: str) -> str:
    what = "表格" if job.target == "xlsx" else "文档"
    if outcome == "timeout":
        return (
            f"LibreOffice 转换该{what}超时，已中止；文件可能过大或已损坏，请人工查阅或请学校报送 .{job.target} 版本。"
        )
    return f"LibreOffice 无法转换该{what}（文件可能已损坏或并非其扩展名所示的格式），请人工查阅或请学校重新报送。"


def _run(soffice: str, jobs: list[Job], target: str, cache_dir: Path, limit: float) -> str:
    """One soffice call over several files with a throw-away profile; 'ok', 'failed' or 'timeout'."""
    # The work folder (staged copies, LibreOffice's profile and temporary files) lives beside the cache,
    # inside the output folder of a batch run, and is removed when the call is over.
    with tempfile.TemporaryDirectory(prefix=".work-", dir=cache_dir) as tmp:
        work = Path(tmp)
        staged = []
        for job in jobs:
            # Staged under its hash: the output name is then known, and odd file names never reach the shell.
            dest = work / "in" / f"{job.sha256}.{SOURCE_SUFFIX[job.kind]}"
            dest.parent.mkdir(exist_ok=True)
            shutil.copyfile(job.path, dest)
            staged.append(str(dest))
        out_dir = work / "out"
        outcome = libreoffice.convert(soffice, [Path(p) for p in staged], FILTER[target], out_dir, work, limit).status
        for job in jobs:
            produced = out_dir / f"{job.sha256}.{target}"
            if produced.is_file() and produced.stat().st_size > 0:
                # Write beside the final name then rename: a half-written cache entry is never seen.
                part = cache_dir / f".{job.sha256}.{target}.part"
                shutil.copyfile(produced, part)
                os.replace(part, cache_dir / produced.name)
        return outcome
