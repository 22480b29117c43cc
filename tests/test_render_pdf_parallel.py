"""Many documents are converted to PDF by one LibreOffice process per core, each with its share of the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from jigong.pipeline.render import pdf as pdf_module

# Stands in for soffice: writes a PDF for each input into --outdir and notes each call (one line per call).
FAKE = """#!/bin/sh
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2 ;;
    *.docx) mkdir -p "$out"; base=$(basename "$1" .docx)
            printf 'pdf of %s' "$1" > "$out/$base.pdf"; n=$((n+1)); shift ;;
    *) shift ;;
  esac
done
echo "$n" >> "{calls}"
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    calls = tmp_path / "calls.txt"
    fake = tmp_path / "soffice"
    fake.write_text(FAKE.replace("{calls}", str(calls)), encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(fake))
    monkeypatch.setattr(pdf_module, "preflight", lambda: [])
    return calls


def _sources(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"学校{n:02d}.docx"
        path.write_bytes(b"PK")
        paths.append(path)
    return paths


def test_a_process_per_core_each_with_its_share(tmp_path: Path, fake_soffice: Path) -> None:
    sources = _sources(tmp_path / "memos", 20)
    result = pdf_module.convert_to_pdf(sources, processes=2)
    assert sorted(int(n) for n in fake_soffice.read_text().split()) == [10, 10]
    assert result.written == [s.with_suffix(".pdf") for s in sources] and result.failed == []
    assert all(s.with_suffix(".pdf").read_bytes().startswith(b"pdf of ") for s in sources)


def test_a_few_documents_take_one_process(tmp_path: Path, fake_soffice: Path) -> None:
    sources = _sources(tmp_path / "memos", 9)
    result = pdf_module.convert_to_pdf(sources, processes=4)
    assert fake_soffice.read_text().split() == ["9"]
    assert len(result.written) == 9
