"""PDF output through LibreOffice: one conversion for the whole test session, fonts mapped, Chinese text intact."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jigong.cli import main
from jigong.pipeline.errors import OutputError
from jigong.pipeline.render import pdf as pdf_module
from jigong.pipeline.render.fonts import FONTS_CONF, Substitution, check_chinese, substitutions

HAVE_TOOLS = all(shutil.which(tool) for tool in ("soffice", "pdffonts", "pdftotext", "pdfinfo", "fc-match"))
needs_tools = pytest.mark.skipif(
    not HAVE_TOOLS and os.environ.get("CI") != "true", reason="LibreOffice or poppler-utils not installed"
)
CJK_FONT = re.compile(r"NotoSerifCJK|NotoSansCJK|UKai", re.IGNORECASE)


@pytest.fixture(scope="module")
def converted(demo_batch, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`jigong run --pdf` over the demo batch: the session's only LibreOffice process."""
    out = tmp_path_factory.mktemp("pdf-run")
    result = CliRunner().invoke(main, ["run", str(demo_batch[0]), "--out", str(out), "--date", "2026-03-02", "--pdf"])
    assert result.exit_code == 1, result.output  # the demo holds unreadable files on purpose: exit code 1
    return out, result.output


def pdffonts(path: Path) -> list[list[str]]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [line.split() for line in lines[2:]]


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@needs_tools
def test_every_docx_has_its_pdf(converted: tuple[Path, str]) -> None:
    out, output = converted
    docs = sorted(out.rglob("*.docx"))
    assert len(docs) == 7 + 2  # memos, summary, city report
    assert all(d.with_suffix(".pdf").stat().st_size > 10_000 for d in docs)
    assert f"已生成 PDF {len(docs)}份" in output


@needs_tools
def test_the_tool_says_which_fonts_it_substituted(converted: tuple[Path, str]) -> None:
    output = converted[1]
    line = next(line for line in output.splitlines() if line.startswith("PDF 字体替换："))
    for expected in (
        "仿宋_GB2312 → Noto Serif CJK SC",
        "方正小标宋简体 → Noto Serif CJK SC Bold",
        "黑体 → Noto Sans CJK SC",
        "楷体_GB2312 → AR PL UKai CN",
        "宋体 → Noto Serif CJK SC",
    ):
        assert expected in line


@needs_tools
def test_every_font_is_embedded_and_chinese_fonts_are_cjk(converted: tuple[Path, str]) -> None:
    out = converted[0]
    for path in sorted(out.rglob("*.pdf")):
        fonts = pdffonts(path)
        assert fonts, path.name
        assert all(row[-5] == "yes" for row in fonts), path.name  # the emb column
        names = [row[0] for row in fonts]
        assert any(CJK_FONT.search(n) for n in names), (path.name, names)
        # Only CJK fonts and the Latin serif: no Chinese text fell back to a font without glyphs.
        assert all(CJK_FONT.search(n) or "LiberationSerif" in n for n in names), (path.name, names)
    memo_fonts = " ".join(row[0] for row in pdffonts(out / "memos" / "东莞市松湖高级技工学校.pdf"))
    assert "NotoSerifCJK" in memo_fonts and "Bold" in memo_fonts  # 仿宋 and 小标宋
    assert "NotoSansCJK" in memo_fonts and "UKai" in memo_fonts  # 黑体 and 楷体


@needs_tools
def test_pdf_gives_the_memo_chinese_text_back(converted: tuple[Path, str]) -> None:
    memo = converted[0] / "memos" / "东莞市松湖高级技工学校.pdf"
    text = pdftotext(memo)
    compact = re.sub(r"\s+", "", text)
    for expected in (
        "东莞市人力资源和社会保障局",
        "关于东莞市松湖高级技工学校2025年度报送材料的审查意见",
        "一、基本情况",
        "（一）校企合作专业占比",
        "审查结论：不合格。",
        "抄送：东莞市教育局",
    ):
        assert expected in compact
    assert "\ufffd" not in text and "□" not in text
    pages = text.split("\f")
    # Page numbers: "— 1 —" at the right of odd pages, "— 2 —" at the left of even ones.
    for number, page in enumerate(pages[:2], start=1):
        line = next(line for line in page.splitlines() if re.fullmatch(rf"\s*—\s*{number}\s*—\s*", line))
        indent = len(line) - len(line.lstrip())
        assert indent > 30 if number % 2 else indent < 10, (number, line)
    # The 版记 stands on an even page, with the blank page before it kept for two-sided printing.
    filled = [p for p in pages if p.strip()]
    assert "印发" in filled[-1]
    info = subprocess.run(["pdfinfo", str(memo)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) % 2 == 0


@needs_tools
def test_city_report_pdf_shows_its_charts(converted: tuple[Path, str]) -> None:
    city = converted[0] / "city.pdf"
    listing = subprocess.run(["pdfimages", "-list", str(city)], capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) - 2 >= 3
    assert "全市目标完成情况" in re.sub(r"\s+", "", pdftotext(city))


@needs_tools
def test_project_fontconfig_maps_the_official_fonts() -> None:
    found = {s.name: s for s in substitutions()}
    assert found["仿宋_GB2312"].family == "Noto Serif CJK SC" and found["仿宋_GB2312"].chinese
    assert found["方正小标宋简体"].style == "Bold"
    assert found["楷体_GB2312"].family.startswith("AR PL UKai")
    assert FONTS_CONF.read_text(encoding="utf-8").count("/etc/fonts/fonts.conf") == 1


def test_fonts_without_chinese_glyphs_are_refused() -> None:
    bad = Substitution("仿宋_GB2312", "DejaVu Sans", "Book", "/x/DejaVuSans.ttf", False, True)
    latin = Substitution("Times New Roman", "Liberation Serif", "Regular", "/x/l.ttf", False, False)
    check_chinese([latin])
    with pytest.raises(OutputError, match="仿宋_GB2312（→DejaVu Sans）"):
        check_chinese([bad, latin])


def test_a_hanging_libreoffice_is_ended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n", encoding="utf-8")
    fake.chmod(0o755)
    source = tmp_path / "a.docx"
    source.write_bytes(b"PK")
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(fake))
    monkeypatch.setattr(pdf_module, "preflight", lambda: [])
    started = time.monotonic()
    result = pdf_module.convert_to_pdf([source], timeout=1)
    assert time.monotonic() - started < 10
    assert result.written == [] and result.failed[0][0] == source
    assert "1秒内未完成转换，已终止" in result.failed[0][1]
    assert not source.with_suffix(".pdf").exists()


def test_no_libreoffice_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    with pytest.raises(OutputError, match="未找到 LibreOffice"):
        pdf_module.find_soffice()


def test_run_pdf_without_libreoffice_stops_before_reading(
    demo_batch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(demo_batch[0]), "--out", str(out), "--pdf"])
    assert result.exit_code == 3  # a tool failure, not an unreadable input
    assert "错误：未找到 LibreOffice（soffice），无法生成 PDF" in result.output
    assert not (out / "results.json").exists()


def test_run_pdf_reports_the_files_that_failed(demo_batch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail_all(
        sources: list[Path], timeout: float | None = None, work_dir: Path | None = None
    ) -> pdf_module.PdfResult:
        return pdf_module.PdfResult(failed=[(s, "LibreOffice 转换失败（退出码1）") for s in sources])

    monkeypatch.setattr("jigong.pipeline.job.preflight", lambda: [])
    monkeypatch.setattr("jigong.pipeline.job.convert_to_pdf", fail_all)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(demo_batch[0]), "--out", str(out), "--pdf"])
    assert result.exit_code == 3
    assert "9份文书未能转换为 PDF（.docx 已写入）" in result.output
    assert "summary.docx：LibreOffice 转换失败（退出码1）" in result.output
    assert (out / "summary.docx").exists() and (out / "report.html").exists()
