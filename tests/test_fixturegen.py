"""Tests for the fixture generator: demo batch layout, determinism and truth-vs-text agreement."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest

from fixturegen import make_profile
from fixturegen.__main__ import main
from fixturegen.broken import (
    OLE2_MAGIC,
    write_encrypted_pdf,
    write_legacy_doc,
    write_not_a_document,
    write_truncated_docx,
    write_zero_bytes,
)
from fixturegen.demo import ROSTER_NAME, build_demo_batch
from fixturegen.numfmt import cn_int, fmt_int, fmt_pct
from fixturegen.styles import HARD_STYLE
from fixturegen.truth import BOOL_CODES, CODES, MONEY_CODES, PCT_CODES, SET_CODES, Truth
from fixturegen.writers_docx import write_form_docx, write_report_docx
from fixturegen.writers_pdf import write_report_pdf

YEAR = 2025
BOOL_HINTS = {
    "party_org_established": "党",
    "principal_responsibility": "校长负责制",
    "ideology_course_full": "开",
    "textbook_politics": "思想政治",
    "textbook_chinese": "语文",
    "textbook_history": "历史",
    "training_income_fully_returned": "返还",
    "ministry_teaching_standards": "部颁",
    "part_time_registration_open": "非全日制学籍",
    "skill_rating_filed": "备案",
    "incubator": "创业孵化基地",
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[Truth]]]:
    dest = tmp_path_factory.mktemp("demo") / "inputs"
    return dest, build_demo_batch(dest, YEAR)


def norm(text: str) -> str:
    """NFKC, no whitespace, no thousands separators: what a value's text form is searched in."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def value_forms(code: str, value: object) -> list[str]:
    """The ways a value may be written in the text (any one of them must be there)."""
    if code in BOOL_CODES:
        return [BOOL_HINTS[code]]
    if code in PCT_CODES:
        return [f"{value:.1f}"]
    if code in MONEY_CODES:
        yuan = int(value)  # type: ignore[call-overload]
        return [str(yuan), f"{yuan / 10000:.2f}", f"{yuan / 10000:.2f}".rstrip("0").rstrip(".")]
    if code in SET_CODES:
        return [m for m in value] or ["制度"]  # type: ignore[attr-defined]
    return [str(value)]


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells: list[Any] = []
            for cell in row.cells:
                if not cells or cell._tc is not cells[-1]._tc:
                    cells.append(cell)
            parts.append(" | ".join(c.text for c in cells))
    return "\n".join(parts)


def pdf_lines(path: Path) -> tuple[list[str], int]:
    with pdfplumber.open(path) as pdf:
        lines = [ln for page in pdf.pages for ln in (page.extract_text() or "").splitlines()]
        return lines, len(pdf.pages)


def all_truths(truths: dict[str, list[Truth]]) -> list[Truth]:
    return [t for items in truths.values() for t in items]


def assert_truth_in_text(truth: Truth, text: str) -> None:
    body = norm(text)
    assert truth.values, truth.file
    assert set(truth.values) <= set(CODES)
    assert set(truth.evidence) == set(truth.values), truth.file
    for code, value in truth.values.items():
        forms = value_forms(code, value)
        evidence = norm(truth.evidence[code])
        if code in SET_CODES:  # every member said to exist is named in the evidence
            assert all(m in evidence for m in value) or "其余" in evidence, (truth.file, code, evidence)
        else:
            assert any(f in body for f in forms), (truth.file, code, forms)
            assert any(f in evidence for f in forms), (truth.file, code, evidence)
        assert evidence in body, (truth.file, code, evidence)


def test_demo_layout(batch: tuple[Path, dict[str, list[Truth]]]) -> None:
    dest, truths = batch
    folders = sorted(p.name for p in dest.iterdir() if p.is_dir())
    loose = sorted(p.name for p in dest.iterdir() if p.is_file() and p.name != ROSTER_NAME)
    assert (dest / ROSTER_NAME).is_file()  # the roster, which is no school's material
    assert len(folders) >= 6 and all(f.startswith("东莞市") for f in folders)
    assert loose == ["东莞市滨海技工学校2025年度工作报告.pdf", "补充材料-统计表.docx"]
    written = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file() and p.name != ROSTER_NAME)
    assert written == sorted(t.file for t in all_truths(truths))
    assert "东莞市滨海技工学校" in truths and "东莞市滨海技工学校" not in folders
    neutral = next(t for t in all_truths(truths) if t.file == "补充材料-统计表.docx")
    assert neutral.school in folders and neutral.values["school_name"] == neutral.school
    for truth in all_truths(truths):
        top = truth.file.split("/")[0]
        assert truth.school == top or "/" not in truth.file
        if truth.readable:
            assert truth.values["report_year"] == YEAR


def test_demo_rules(batch: tuple[Path, dict[str, list[Truth]]]) -> None:
    _, truths = batch

    def merged(school: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for t in truths[school]:
            out.update(t.values)
        return out

    good = merged("东莞市鸿图技师学院")
    assert good["employment_rate"] >= 98 and good["coop_ratio"] >= 90 and good["senior_ratio"] >= 40
    assert all(good[c] is True for c in BOOL_CODES)
    bad = merged("东莞市松湖高级技工学校")
    assert (bad["employment_rate"], bad["coop_ratio"], bad["textbook_history"]) == (96.2, 80.0, False)
    assert merged("东莞市华粤技工学校")["party_org_established"] is False
    form: dict[str, Any] = next(t for t in truths["东莞市南城技工学校"] if t.file.endswith(".docx")).values
    assert abs(100 * form["graduates_employed"] / form["graduates"] - form["employment_rate"]) > 0.5
    broken = [t for t in truths["东莞市长安技工学校"] if not t.readable]
    assert sorted(Path(t.file).suffix for t in broken) == [".doc", ".docx"]
    assert all(not t.values for t in broken)


def test_determinism(batch: tuple[Path, dict[str, list[Truth]]], tmp_path: Path) -> None:
    dest, _ = batch
    again = tmp_path / "again"
    build_demo_batch(again, YEAR)
    files = sorted(p.relative_to(dest) for p in dest.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in files:
        assert (dest / rel).read_bytes() == (again / rel).read_bytes(), rel


def test_docx_truth_in_text(batch: tuple[Path, dict[str, list[Truth]]]) -> None:
    dest, truths = batch
    checked = 0
    for truth in all_truths(truths):
        if truth.readable and truth.file.endswith(".docx"):
            assert_truth_in_text(truth, docx_text(dest / truth.file))
            checked += 1
    assert checked >= 8


def test_pdf_truth_in_text(batch: tuple[Path, dict[str, list[Truth]]]) -> None:
    dest, truths = batch
    pdfs = [t for t in all_truths(truths) if t.file.endswith(".pdf")]
    assert len(pdfs) >= 3
    for truth in pdfs:
        lines, pages = pdf_lines(dest / truth.file)
        assert 2 <= pages <= 3, truth.file
        assert_truth_in_text(truth, "\n".join(lines))
        total = str(truth.values["students_total"])
        assert any(not a[-1].isdigit() and norm(b).startswith(total) for a, b in itertools.pairwise(lines)), (
            "label/figure pair not wrapped across a line end",
            truth.file,
        )


def test_form_variants_and_report_styles(tmp_path: Path) -> None:
    profile = make_profile(5, "东莞市测试技工学校", textbook_history=False, party_org_established=False)
    for variant in range(3):
        truth = write_form_docx(profile, tmp_path / f"form{variant}.docx", variant)
        assert truth.values == profile.values()
        assert_truth_in_text(truth, docx_text(tmp_path / f"form{variant}.docx"))
    omitted = {}
    for style in range(4):
        path = tmp_path / f"report{style}.docx"
        truth = write_report_docx(profile, path, style)
        assert_truth_in_text(truth, docx_text(path))
        assert all(profile.values()[k] == v for k, v in truth.values.items())
        omitted[style] = set(profile.values()) - set(truth.values)
    assert omitted == {
        0: set(),
        1: {"senior_ratio", "school_category"},
        2: {"graduates_employed"},
        3: {"school_type", "school_category", "ideology_teachers"},
    }
    text = docx_text(tmp_path / "report2.docx")
    assert "思想政治、语文两科使用国家统编教材，历史科目仍使用校本教材" in text
    assert "对口就业率" in text and "尚未" in text
    assert "１" in text or "２" in text  # style 2 uses full-width digits
    assert "，" in fmt_int(profile.students_total, "fwcomma") or profile.students_total < 1000


def test_hard_style(tmp_path: Path) -> None:
    profile = make_profile(9, "东莞市测试技师学院")
    truth = write_report_docx(profile, tmp_path / "hard.docx", hard=True)
    text = docx_text(tmp_path / "hard.docx")
    assert cn_int(profile.graduates) in text and cn_int(profile.students_senior) in text
    assert truth.values["graduates"] == profile.graduates
    pdf_truth = write_report_pdf(profile, tmp_path / "hard.pdf", style=HARD_STYLE)
    assert pdf_truth.values == truth.values


def test_profiles() -> None:
    for seed in range(30):
        p = make_profile(seed, f"东莞市第{seed}技工学校")
        assert 1500 <= p.students_total <= 9000 and 8 <= p.majors_total <= 30
        assert 25 <= p.senior_ratio <= 55 and 80 <= p.coop_ratio <= 100 and 95 <= p.employment_rate <= 99.5
        assert 0.24 <= p.graduates / p.students_total <= 0.36
        assert not p.inconsistencies(tolerance=0.05)
        assert p.prev["students_total"] != p.students_total
    exact = make_profile(1, "东莞市甲技工学校", employment_rate=96.2, coop_ratio=80.0)
    assert round(100 * exact.graduates_employed / exact.graduates, 1) == 96.2
    assert round(100 * exact.majors_coop / exact.majors_total, 1) == 80.0
    odd = make_profile(1, "东莞市乙技工学校", graduates=1000, graduates_employed=950, employment_rate=98.0)
    assert odd.inconsistencies() == ["employment_rate"]
    assert fmt_pct(98.6, "fwdigits") == "９８．６％" and fmt_int(12860, "fwcomma") == "12，860"
    assert cn_int(3450) == "三千四百五十"


def test_broken_files(batch: tuple[Path, dict[str, list[Truth]]], tmp_path: Path) -> None:
    dest, truths = batch
    for truth in all_truths(truths):
        if not truth.readable:
            data = (dest / truth.file).read_bytes()
            if truth.file.endswith(".docx"):
                assert data[:2] == b"PK" and not zipfile.is_zipfile(dest / truth.file)
            else:
                assert data.startswith(OLE2_MAGIC)
    write_truncated_docx(tmp_path / "t.docx")
    assert not zipfile.is_zipfile(tmp_path / "t.docx")
    write_zero_bytes(tmp_path / "z.docx")
    assert (tmp_path / "z.docx").stat().st_size == 0
    write_not_a_document(tmp_path / "n.pdf")
    assert not (tmp_path / "n.pdf").read_bytes().startswith(b"%PDF")
    write_legacy_doc(tmp_path / "l.doc")
    assert (tmp_path / "l.doc").read_bytes()[:8] == OLE2_MAGIC
    write_encrypted_pdf(tmp_path / "e.pdf")
    assert b"/Encrypt" in (tmp_path / "e.pdf").read_bytes()
    with pytest.raises(Exception), pdfplumber.open(tmp_path / "e.pdf") as pdf:  # noqa: B017
        pdf.pages[0].extract_text()


def test_cli_writes_truth_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "out"), "--year", "2024", "--truth", str(tmp_path / "truth.json")]) == 0
    data = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert "东莞市鸿图技师学院" in data and "东莞市鸿图技师学院" in (tmp_path / "truth.json").read_text("utf-8")
    first = data["东莞市鸿图技师学院"][0]
    assert first["values"]["report_year"] == 2024 and (tmp_path / "out" / first["file"]).is_file()
    assert "wrote" in capsys.readouterr().out
