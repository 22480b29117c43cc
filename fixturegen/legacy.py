"""Old-format submissions (.doc .wps .xls .et) and Word-made PDFs, from our own .docx/.xlsx by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# LibreOffice export filters for the formats schools still send; WPS writes the same binaries under its own names.
FILTERS = {"doc": "doc:MS Word 97", "xls": "xls:MS Excel 97", "pdf": "pdf"}
SAME_AS = {"wps": "doc", "et": "xls"}


def write_legacy(sources: list[tuple[Path, Path]], timeout: float = 180) -> None:
    """Write each (source .docx/.xlsx, destination .doc/.wps/.xls/.et) pair, one soffice call per format."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to make legacy fixtures")
    by_format: dict[str, list[tuple[Path, Path]]] = {}
    for src, dest in sources:
        fmt = dest.suffix.lower().lstrip(".")
        by_format.setdefault(SAME_AS.get(fmt, fmt), []).append((src, dest))
    for fmt, pairs in by_format.items():
        with tempfile.TemporaryDirectory(prefix="fixturegen-soffice-") as tmp:
            work = Path(tmp)
            staged = []
            for i, (src, _) in enumerate(pairs):
                copy = work / "in" / f"f{i}{src.suffix}"
                copy.parent.mkdir(exist_ok=True)
                shutil.copyfile(src, copy)
                staged.append(str(copy))
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    FILTERS[fmt],
                    "--outdir",
                    str(work / "out"),
                    *staged,
                ],
                check=True,
                capture_output=True,
                timeout=timeout,
                env={"HOME": str(work), "PATH": "/usr/bin:/bin"},
            )
            for i, (_, dest) in enumerate(pairs):
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(work / "out" / f"f{i}.{fmt}", dest)


def write_html_doc(path: Path, school: str, rate: str = "98.9") -> None:
    """A web page saved under a .doc name, as an online reporting system's "导出Word" button does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>统计表</title></head><body>'
        f"<h1>技工院校年度报送统计表</h1><p>学校名称：{school}</p>"
        f'<table border="1"><tr><td>毕业生就业率（%）</td><td>{rate}</td></tr></table></body></html>\n',
        encoding="utf-8",
    )
