"""Old formats through LibreOffice: one call per batch, a cache by content hash, a time limit, a clear word
when LibreOffice is missing."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from fixturegen.legacy import write_html_doc, write_legacy
from fixturegen.profiles import make_profile
from fixturegen.writers_docx import write_form_docx
from fixturegen.xlsx import write_stats_xlsx
from jigong.pipeline.job import run
from jigong.pipeline.readers import ReadOptions, convert, read_file, read_record
from jigong.pipeline.readers.sniff import sniff
from jigong.pipeline.run import libreoffice
from jigong.pipeline.settings import Settings

PROFILE = make_profile(5, "东莞市长安技工学校")
NAMES = ("统计表.doc", "统计表.wps", "统计表.xls", "统计表.et")


@pytest.fixture(scope="module")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A school folder holding the same form as .doc and .wps, and a workbook as .xls and .et."""
    root = tmp_path_factory.mktemp("legacy")
    form, book = root / "src" / "form.docx", root / "src" / "book.xlsx"
    truth = write_form_docx(PROFILE, form, 0)
    write_stats_xlsx(book, school=PROFILE.name)
    school = root / "batch" / PROFILE.name
    write_legacy([(form, school / NAMES[0]), (form, school / NAMES[1]), (book, school / NAMES[2])])
    (school / NAMES[3]).write_bytes((school / NAMES[2]).read_bytes())  # WPS 表格 writes the same binary
    (school / "说明.docx").write_bytes(form.read_bytes())
    write_html_doc(school / "网上导出.doc", PROFILE.name, str(truth.values["employment_rate"]))
    return root / "batch", truth.values


class Calls:
    """Counts soffice starts while letting them run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.commands: list[list[str]] = []
        real = libreoffice.convert

        def spy(soffice: str, files: list[Path], export: str, *args: Any, **kwargs: Any) -> libreoffice.Outcome:
            self.commands.append([soffice, "--convert-to", export, *map(str, files)])
            return real(soffice, files, export, *args, **kwargs)

        monkeypatch.setattr(libreoffice, "convert", spy)


def test_kinds_are_sniffed_from_content(legacy) -> None:
    batch, _ = legacy
    kinds = [sniff(batch / PROFILE.name / name) for name in (*NAMES, "网上导出.doc")]
    assert kinds == ["doc", "wps", "xls", "et", "html"]


def test_a_batch_starts_libreoffice_once_per_target_and_caches(legacy, tmp_path: Path, monkeypatch) -> None:
    batch, truth = legacy
    calls = Calls(monkeypatch)
    elsewhere = tmp_path / "system-temp"
    elsewhere.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(elsewhere))
    options = ReadOptions()
    report = run(Settings(batch, tmp_path / "out", read=options))
    cache = (tmp_path / "out" / ".cache" / "convert").resolve()
    assert list(elsewhere.iterdir()) == []  # staging, profile and temporary files all stayed inside --out
    assert len(calls.commands) == 2  # one call for every Word-like file, one for every sheet
    assert sum(c.count("--convert-to") for c in calls.commands) == 2
    school = report.result.schools[0]
    assert [f.status for f in school.files] == ["ok"] * 6, [f.error for f in school.files]
    assert school.indicators["school_name"].value == truth["school_name"]
    for code in ("students_total", "employment_rate"):
        # the workbook holds the fixture workbook's own figures, not the form's: the two readings tie, both kept
        found = school.indicators.get(code) or school.undecided[code]
        assert truth[code] in (found.readings or [found.value])
    files = {e.file for v in (school.indicators | school.undecided).values() for e in v.evidence}
    assert {f"{PROFILE.name}/统计表.doc", f"{PROFILE.name}/统计表.wps"} <= files
    cached = sorted(p.suffix for p in cache.iterdir())
    assert cached == [".docx", ".docx", ".xlsx"]  # .doc and .wps (and .xls and .et) are the same bytes
    rate = school.indicators.get("employment_rate") or school.undecided["employment_rate"]
    web = next(e for e in rate.evidence if e.file.endswith("网上导出.doc"))
    assert web.locator == "表1 第1行第2列"
    # A second run over the same files finds every conversion in the cache and starts nothing.
    calls.commands.clear()
    run(Settings(batch, tmp_path / "again", read=ReadOptions(cache_dir=cache)))
    assert calls.commands == []


def test_one_file_is_converted_in_a_throwaway_folder(legacy) -> None:
    batch, _ = legacy
    doc = read_file(batch / PROFILE.name / "统计表.xls", "统计表.xls")
    cells = {(b.position.sheet, b.position.row, b.position.col): b.text for b in doc.blocks}
    assert cells[("基本情况", 5, 4)] == "98.1%"
    assert cells[("基本情况", 2, 2)] == PROFILE.name


def test_missing_libreoffice_is_said_plainly(legacy, monkeypatch) -> None:
    batch, _ = legacy
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    record, document = read_record(batch / PROFILE.name / "统计表.doc", "统计表.doc")
    assert document is None and record.status == "error"
    assert "未安装 LibreOffice" in record.error and "旧版 Word 文档" in record.error


def test_a_hanging_conversion_is_killed_with_its_children(legacy, tmp_path: Path, monkeypatch) -> None:
    batch, _ = legacy
    pids = tmp_path / "pids"
    fake = tmp_path / "soffice"
    # Forks a child (as soffice.bin is forked by its launcher) and never finishes.
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pids}\nsleep 300\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(convert, "find_soffice", lambda: str(fake))
    options = ReadOptions(convert_timeout=1.0)
    start = time.monotonic()
    record, _ = read_record(batch / PROFILE.name / "统计表.doc", "统计表.doc", options)
    assert time.monotonic() - start < 10
    assert record.status == "error" and "超时" in record.error
    child = int(pids.read_text().strip())
    time.sleep(0.2)
    assert not _alive(child), "the forked child must be killed with the group"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"


def test_password_protected_doc_and_xls_are_recognised(legacy, tmp_path: Path) -> None:
    """Word 97 marks encryption in its file header (fEncrypted), Excel 97 with a FILEPASS record after BOF."""
    import olefile

    batch, _ = legacy
    doc, xls = tmp_path / "加密.doc", tmp_path / "加密.xls"
    doc.write_bytes((batch / PROFILE.name / "统计表.doc").read_bytes())
    xls.write_bytes((batch / PROFILE.name / "统计表.xls").read_bytes())
    with olefile.OleFileIO(str(doc), write_mode=True) as ole:
        data = bytearray(ole.openstream("WordDocument").read())
        data[11] |= 0x01  # flags word at offset 10, bit 8
        ole.write_stream("WordDocument", bytes(data))
    with olefile.OleFileIO(str(xls), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        bof_size = int.from_bytes(data[2:4], "little")
        data[4 + bof_size : 6 + bof_size] = (0x002F).to_bytes(2, "little")  # the record after BOF
        ole.write_stream("Workbook", bytes(data))
    assert (sniff(doc), sniff(xls)) == ("encrypted_doc", "encrypted_xls")
    for path in (doc, xls):
        record, _ = read_record(path, path.name)
        assert record.status == "error" and "设置了打开密码" in record.error
