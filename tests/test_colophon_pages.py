"""The 版记 page and a blank page before it carry no page number, whether the body ends on an odd or an even page
(GB/T 9704 §7.5): memos of several lengths converted with LibreOffice and read back page by page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from test_render_pdf import needs_tools

from jigong.pipeline.render.markup import parse_markup
from jigong.pipeline.render.officedoc import render_docx
from jigong.pipeline.render.pdf import convert_to_pdf

PARAGRAPH = "根据有关规定，我局组织对你校报送的年度材料进行了审查，现将审查意见告知如下，请认真整改并按期报送整改报告。"
NUMBER = re.compile(r"—\s*(\d+)\s*—")


def _memo(paragraphs: int) -> str:
    body = "".join(f"<p>{n}.{PARAGRAPH}</p>" for n in range(1, paragraphs + 1))
    return f"""<doc><title>关于某技工学校2025年度报送材料的审查意见</title><addressee>某技工学校：</addressee>{body}
      <signature>东莞市人力资源和社会保障局</signature><date>2026年3月2日</date>
      <colophon><cc>抄送：东莞市教育局。</cc><issuer office="东莞市人力资源和社会保障局办公室" date="2026年3月2日印发"/>
      </colophon></doc>"""


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@needs_tools
def test_no_number_on_the_colophon_page_or_the_blank_page_before_it(tmp_path: Path) -> None:
    # About 9 paragraphs fill a page: bodies of one, two and three pages.
    sources = []
    for count in (3, 14, 24):
        path = tmp_path / f"memo-{count}.docx"
        render_docx(parse_markup(_memo(count), "memo.xml"), path)
        sources.append(path)
    result = convert_to_pdf(sources, work_dir=tmp_path / "work")
    assert not result.failed, result.failed
    lengths = set()
    for source in sources:
        pages = _pages(source.with_suffix(".pdf"))
        assert len(pages) % 2 == 0, (source.name, len(pages))  # the 版记 on an even page, for two-sided printing
        assert "印发" in pages[-1] and not NUMBER.search(pages[-1]), pages[-1]
        body = [p for p in pages[:-1] if p.strip()]
        blank = [p for p in pages[:-1] if not p.strip()]
        assert len(blank) <= 1
        for number, page in enumerate(body, start=1):  # the body's pages numbered 1, 2, … in order
            assert [int(n) for n in NUMBER.findall(page)] == [number], (source.name, number, page[-200:])
        lengths.add(len(body) % 2)
    assert lengths == {0, 1}, "bodies of odd and of even length"
