"""Tests for the official-document markup parser and the GB/T 9704 .docx renderer."""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from jigong.pipeline.render.markup import (
    AttachmentNode,
    Block,
    ColophonNode,
    MarkupError,
    TableNode,
    parse_markup,
)
from jigong.pipeline.render.officedoc import SHADE_FILLS, render_docx
from jigong.pipeline.render.titles import title_lines

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"w": W}

BODY = "根据有关规定，我局组织对全市技工院校报送的2026年度材料进行了审查，现将审查情况通报如下。" * 2


def memo_markup(orient: str = "portrait", extra: str = "") -> str:
    rows = "".join(
        f'<tr><td align="center">{i}</td><td>东莞市第{i}技工学校</td>'
        f'<td shade="{"fail" if i % 2 else "pass"}">{"不达标" if i % 2 else "达标"}</td></tr>'
        for i in range(1, 16)
    )
    return f"""<doc orient="{orient}">
      <mark>东莞市人力资源和社会保障局文件</mark>
      <docnum>东人社函〔2026〕88号</docnum>
      <title>关于2026年度技工院校年度报送材料审查情况的通报</title>
      <addressee>各技工院校：</addressee>
      <p>{BODY}</p>
      <h1>一、基本情况</h1>
      <h2>（一）办学条件</h2>
      <h3>1.师资队伍</h3>
      <p indent="0" align="center">居中段落</p>
      <table widths="1,3,2" header="1">
        <tr><td>序号</td><td>学校名称</td><td>结论</td></tr>
        {rows}
      </table>
      {extra}
      <attachment><item>审查结果汇总表</item><item>问题清单</item></attachment>
      <signature>东莞市人力资源和社会保障局</signature>
      <date>2026年11月25日</date>
      <colophon>
        <cc>抄送：市教育局，市财政局。</cc>
        <issuer office="东莞市人力资源和社会保障局办公室" date="2026年11月25日印发"/>
      </colophon>
    </doc>"""


def render(tmp_path: Path, markup: str | None = None, name: str = "memo.docx") -> Path:
    path = tmp_path / name
    render_docx(parse_markup(markup or memo_markup(), "memo.xml"), path)
    return path


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def paragraph_with(root: etree._Element, text: str) -> etree._Element:
    for p in root.iter(qn("w:p")):
        if "".join(p.itertext()) == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def first(elem: etree._Element, path: str) -> etree._Element:
    found = elem.xpath(path, namespaces=NS)
    assert found, path
    return found[0]


def wattr(elem: etree._Element, name: str) -> str | None:
    return elem.get(qn(f"w:{name}"))


@pytest.fixture(scope="module")
def memo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(tmp_path_factory.mktemp("memo"))


@pytest.fixture(scope="module")
def document_xml(memo: Path) -> etree._Element:
    return part_xml(memo, "word/document.xml")


def test_page_is_a4_with_gb_margins(memo: Path) -> None:
    section = docx.Document(str(memo)).sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    assert section.top_margin.mm == pytest.approx(37, abs=0.5)
    assert section.bottom_margin.mm == pytest.approx(35, abs=0.5)
    assert section.left_margin.mm == pytest.approx(28, abs=0.5)
    assert section.right_margin.mm == pytest.approx(26, abs=0.5)


def test_body_paragraph_font_indent_and_exact_spacing(document_xml: etree._Element) -> None:
    p = paragraph_with(document_xml, BODY)
    fonts = first(p, "w:r/w:rPr/w:rFonts")
    assert wattr(fonts, "eastAsia") == "仿宋_GB2312"
    assert wattr(fonts, "ascii") == wattr(fonts, "hAnsi") == "Times New Roman"
    assert wattr(first(p, "w:r/w:rPr/w:sz"), "val") == "32"
    spacing = first(p, "w:pPr/w:spacing")
    assert (wattr(spacing, "line"), wattr(spacing, "lineRule")) == ("578", "exact")
    ind = first(p, "w:pPr/w:ind")
    assert (wattr(ind, "firstLineChars"), wattr(ind, "firstLine")) == ("200", "640")
    assert wattr(first(p, "w:pPr/w:jc"), "val") == "both"
    centred = paragraph_with(document_xml, "居中段落")
    assert wattr(first(centred, "w:pPr/w:jc"), "val") == "center"
    assert wattr(first(centred, "w:pPr/w:ind"), "firstLine") == "0"


def test_default_styles_carry_the_body_font(memo: Path) -> None:
    styles = part_xml(memo, "word/styles.xml")
    for where in ("w:docDefaults/w:rPrDefault/w:rPr", "w:style[@w:styleId='Normal']/w:rPr"):
        rpr = first(styles, where)
        assert wattr(first(rpr, "w:rFonts"), "eastAsia") == "仿宋_GB2312"
        assert wattr(first(rpr, "w:sz"), "val") == "32"
        assert first(rpr, "w:rFonts").get(qn("w:eastAsiaTheme")) is None
    spacing = first(styles, "w:docDefaults/w:pPrDefault/w:pPr/w:spacing")
    assert (wattr(spacing, "line"), wattr(spacing, "lineRule")) == ("578", "exact")


@pytest.mark.parametrize(
    ("text", "font", "size", "bold"),
    [
        ("关于2026年度技工院校年度报送材料审查情况的通报", "方正小标宋简体", "44", False),
        ("一、基本情况", "黑体", "32", False),
        ("（一）办学条件", "楷体_GB2312", "32", False),
        ("1.师资队伍", "仿宋_GB2312", "32", True),
    ],
)
def test_title_and_heading_fonts(document_xml: etree._Element, text: str, font: str, size: str, bold: bool) -> None:
    p = paragraph_with(document_xml, text)
    assert wattr(first(p, "w:r/w:rPr/w:rFonts"), "eastAsia") == font
    assert wattr(first(p, "w:r/w:rPr/w:sz"), "val") == size
    assert bool(p.xpath("w:r/w:rPr/w:b", namespaces=NS)) is bold


def test_title_has_blank_lines_around_it(document_xml: etree._Element) -> None:
    title = paragraph_with(document_xml, "关于2026年度技工院校年度报送材料审查情况的通报")
    assert wattr(first(title, "w:pPr/w:jc"), "val") == "center"
    assert "".join(title.getprevious().itertext()) == ""
    assert "".join(title.getnext().itertext()) == ""


def test_mark_is_red_and_docnum_has_red_rule(document_xml: etree._Element) -> None:
    mark = paragraph_with(document_xml, "东莞市人力资源和社会保障局文件")
    assert wattr(first(mark, "w:r/w:rPr/w:color"), "val") in ("FF0000", "C00000")
    rule = first(paragraph_with(document_xml, "东人社函〔2026〕88号"), "w:pPr/w:pBdr/w:bottom")
    assert wattr(rule, "color") in ("FF0000", "C00000")
    assert wattr(rule, "val") == "single"


def test_signature_date_and_attachment_layout(document_xml: etree._Element) -> None:
    signature = paragraph_with(document_xml, "东莞市人力资源和社会保障局")
    assert wattr(first(signature, "w:pPr/w:jc"), "val") == "right"
    assert wattr(first(signature, "w:pPr/w:ind"), "right") == "640"
    date = paragraph_with(document_xml, "2026年11月25日")
    assert wattr(first(date, "w:pPr/w:ind"), "right") == "1280"
    one = paragraph_with(document_xml, "附件：1.审查结果汇总表")
    two = paragraph_with(document_xml, "2.问题清单")
    assert wattr(first(one, "w:pPr/w:ind"), "left") == wattr(first(two, "w:pPr/w:ind"), "left") == "1600"
    assert wattr(first(one, "w:pPr/w:ind"), "hanging") == "960"


def test_footers_number_odd_right_even_left(memo: Path) -> None:
    settings = part_xml(memo, "word/settings.xml")
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = docx.Document(str(memo)).sections[0]
    for footer, jc, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        p = etree.fromstring(etree.tostring(footer._element)).find(qn("w:p"))  # plain lxml
        assert "PAGE" in "".join(p.xpath(".//w:instrText/text()", namespaces=NS))
        assert p.xpath(".//w:fldChar[@w:fldCharType='begin']", namespaces=NS)
        text = "".join(p.xpath(".//w:t/text()", namespaces=NS))
        assert text == "\u2014 1 \u2014"
        assert wattr(first(p, "w:pPr/w:jc"), "val") == jc
        assert wattr(first(p, "w:pPr/w:ind"), side) == "280"
        fonts = first(p, "w:r/w:rPr/w:rFonts")
        assert wattr(fonts, "eastAsia") == wattr(fonts, "ascii") == "宋体"
        assert wattr(first(p, "w:r/w:rPr/w:sz"), "val") == "28"


def test_table_header_widths_and_shading(document_xml: etree._Element) -> None:
    table = first(document_xml, "//w:tbl")
    rows = table.findall(qn("w:tr"))
    assert len(rows) == 16
    assert rows[0].xpath("w:trPr/w:tblHeader", namespaces=NS)
    assert not rows[1].xpath("w:trPr/w:tblHeader", namespaces=NS)
    assert all(row.xpath("w:trPr/w:cantSplit", namespaces=NS) for row in rows)
    cols = [int(wattr(c, "w") or 0) for c in table.xpath("w:tblGrid/w:gridCol", namespaces=NS)]
    assert sum(cols) == pytest.approx(156 * 1440 / 25.4, abs=2)
    assert cols[1] == pytest.approx(3 * cols[0], abs=2)
    assert wattr(first(table, "w:tblPr/w:tblBorders/w:insideH"), "sz") == "4"
    fail_cell = rows[1].findall(qn("w:tc"))[2]
    assert wattr(first(fail_cell, "w:tcPr/w:shd"), "fill") == SHADE_FILLS["fail"]
    assert not rows[2].findall(qn("w:tc"))[2].xpath("w:tcPr/w:shd", namespaces=NS)
    assert wattr(first(fail_cell, "w:tcPr/w:vAlign"), "val") == "center"
    header_run = first(rows[0], "w:tc/w:p/w:r/w:rPr")
    assert wattr(first(header_run, "w:rFonts"), "eastAsia") == "黑体"
    assert header_run.find(qn("w:b")) is not None
    assert wattr(first(header_run, "w:sz"), "val") == "24"


def test_colophon_comes_last_on_its_own_section(document_xml: etree._Element) -> None:
    body = document_xml.find(qn("w:body"))
    assert wattr(first(body, "w:sectPr/w:type"), "val") == "evenPage"
    assert body.xpath("w:p/w:pPr/w:sectPr/w:footerReference", namespaces=NS)
    text = "".join(body.itertext())
    assert text.index("2026年11月25日印发") > text.index("2026年11月25日")
    cc = paragraph_with(document_xml, "抄送：市教育局，市财政局。")
    assert wattr(first(cc, "w:pPr/w:pBdr/w:top"), "sz") == "8"
    assert first(cc, "w:r/w:rPr/w:sz").get(qn("w:val")) == "28"


def test_landscape_page_is_wider_than_high(tmp_path: Path) -> None:
    section = docx.Document(str(render(tmp_path, memo_markup("landscape")))).sections[0]
    assert section.page_width.mm == pytest.approx(297, abs=0.5)
    assert section.page_height.mm == pytest.approx(210, abs=0.5)
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE


def test_rendering_is_byte_identical_and_atomic(tmp_path: Path) -> None:
    first_path = render(tmp_path, name="a.docx")
    second_path = render(tmp_path, name="b.docx")
    render(tmp_path, name="a.docx")  # overwriting in place gives the same bytes again
    assert first_path.read_bytes() == second_path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.docx"]
    with zipfile.ZipFile(first_path) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    core = docx.Document(str(first_path)).core_properties
    assert core.author == "东莞市人力资源和社会保障局"
    assert core.revision == 1
    assert core.created.year == 2000


def test_escaped_markup_stays_literal_text(tmp_path: Path) -> None:
    markup = "<doc><p>&lt;script&gt;alert(1)&lt;/script&gt; {{ x }} &amp; {% if %}</p></doc>"
    document = docx.Document(str(render(tmp_path, markup)))
    assert [p.text for p in document.paragraphs] == ["<script>alert(1)</script> {{ x }} & {% if %}"]


def test_whitespace_is_normalised() -> None:
    markup = "<doc>\n  <p>\n    第一行\n    第二行 end\u3000全角\n  </p>\n<pagebreak/></doc>"
    doc = parse_markup(markup, "w.xml")
    assert doc.children == [Block("p", "第一行第二行 end\u3000全角", {}), Block("pagebreak", "", {})]


def test_parse_builds_tables_attachments_and_colophon() -> None:
    doc = parse_markup(memo_markup(), "memo.xml")
    assert doc.orient == "portrait"
    table = next(n for n in doc.children if isinstance(n, TableNode))
    assert (table.widths, table.header_rows, len(table.rows)) == ([1.0, 3.0, 2.0], 1, 16)
    assert table.rows[1][2].attrs == {"shade": "fail"}
    attachment = next(n for n in doc.children if isinstance(n, AttachmentNode))
    assert attachment.items == ["审查结果汇总表", "问题清单"]
    assert doc.children[-1] == ColophonNode(
        cc="抄送：市教育局，市财政局。", office="东莞市人力资源和社会保障局办公室", date="2026年11月25日印发"
    )


@pytest.mark.parametrize(
    ("markup", "fragment"),
    [
        ("<doc><para>x</para></doc>", "unknown element <para>"),
        ('<doc><p style="x">x</p></doc>', "unknown attribute 'style'"),
        ('<!DOCTYPE doc [<!ENTITY e "x">]><doc><p>&e;</p></doc>', "DOCTYPE"),
        ('<doc><p>x</p><!ENTITY e "x"></doc>', "ENTITY"),
        ("<doc><p>unclosed</doc>", "malformed"),
        ('<doc orient="sideways"/>', "orient"),
        ('<doc><table widths="1,2"><tr><td>a</td></tr></table></doc>', "columns"),
        ('<doc><table><tr><td shade="red">a</td></tr></table></doc>', "shade"),
        ("<doc><p><b>bold</b></p></doc>", "<b>"),
        ("<doc><colophon><issuer office='a' date='b'/></colophon><p>x</p></doc>", "last"),
        ("<memo/>", "<doc>"),
    ],
)
def test_markup_errors_name_the_source(markup: str, fragment: str) -> None:
    with pytest.raises(MarkupError) as caught:
        parse_markup(markup, "templates/memo.xml.j2")
    message = str(caught.value)
    assert message.startswith("templates/memo.xml.j2")
    assert fragment in message


def test_markup_error_reports_the_line() -> None:
    with pytest.raises(MarkupError, match=r"^t\.xml:3: unknown element <oops>"):
        parse_markup("<doc>\n  <p>a</p>\n  <oops/>\n</doc>", "t.xml")


def test_intro_paragraph_and_header_keep_with_the_table(document_xml: etree._Element) -> None:
    intro = paragraph_with(document_xml, "居中段落")  # the paragraph right before the table
    assert intro.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    rows = first(document_xml, "//w:tbl").findall(qn("w:tr"))
    keeps = [bool(row.xpath(".//w:pPr/w:keepNext", namespaces=NS)) for row in rows]
    # The header keeps with the first body row; that row no longer keeps with the second: with both kept together
    # LibreOffice moved the heading, its intro and the whole table to page 2, leaving most of page 1 empty.
    assert keeps[:1] == [True] and not any(keeps[1:])


def test_long_rows_may_break_short_rows_stay_whole(tmp_path: Path) -> None:
    long_text = "材料载明的说明文字。" * 20
    markup = (
        f"<doc><table header='1'><tr><td>a</td></tr><tr><td>short</td></tr><tr><td>{long_text}</td></tr></table></doc>"
    )
    rows = first(part_xml(render(tmp_path, markup), "word/document.xml"), "//w:tbl").findall(qn("w:tr"))
    whole = [bool(row.xpath("w:trPr/w:cantSplit", namespaces=NS)) for row in rows]
    assert whole == [True, True, False]


def test_form_rows_get_room_to_write(tmp_path: Path) -> None:
    markup = "<doc><table header='1' rowheight='9'><tr><td>指标</td></tr><tr><td>在校生</td></tr></table></doc>"
    rows = first(part_xml(render(tmp_path, markup), "word/document.xml"), "//w:tbl").findall(qn("w:tr"))
    assert not rows[0].xpath("w:trPr/w:trHeight", namespaces=NS)
    height = first(rows[1], "w:trPr/w:trHeight")
    assert (wattr(height, "hRule"), int(wattr(height, "val") or 0)) == ("atLeast", round(9 * 1440 / 25.4))


def test_a_wide_table_may_take_a_smaller_size_and_its_headers_still_fit(tmp_path: Path) -> None:
    heads = "".join(f"<td>{t}</td>" for t in ["序号", "学校名称", *["审查结论"] * 10])
    body = "".join("<td>东莞市某某技工学校</td>" if i == 1 else "<td>暂缓通过审查</td>" for i in range(12))
    widths = ",".join(["1", "8"] + ["1"] * 10)  # the template starves the narrow columns
    table = f"<table header='1' size='10.5' widths='{widths}'><tr>{heads}</tr><tr>{body}</tr></table>"
    markup = f"<doc orient='landscape'>{table}</doc>"
    tbl = first(part_xml(render(tmp_path, markup), "word/document.xml"), "//w:tbl")
    assert {wattr(sz, "val") for sz in tbl.xpath(".//w:rPr/w:sz", namespaces=NS)} == {"21"}
    header = tbl.findall(qn("w:tr"))[0]
    widths = [int(wattr(w, "w") or 0) for w in header.xpath("w:tc/w:tcPr/w:tcW", namespaces=NS)]
    # the entries (6 em each) cannot all stay on one line: the header words still do (4 em at 10.5 pt and the margins)
    assert min(widths[2:]) >= 4 * 210 + 114


def test_annex_label_is_heiti_flush_left(tmp_path: Path) -> None:
    p = paragraph_with(part_xml(render(tmp_path, "<doc><annex>附件2</annex></doc>"), "word/document.xml"), "附件2")
    assert wattr(first(p, "w:r/w:rPr/w:rFonts"), "eastAsia") == "黑体"
    assert wattr(first(p, "w:pPr/w:jc"), "val") == "left"
    assert wattr(first(p, "w:pPr/w:ind"), "firstLine") == "0"


def _png(width: int = 40, height: int = 20) -> bytes:
    from PIL import Image  # matplotlib's dependency; only this test draws a picture by hand

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_images_are_inline_and_type_area_wide(tmp_path: Path) -> None:
    path = tmp_path / "chart.docx"
    doc = parse_markup("<doc><p>图表如下：</p><image src='chart-C05'/><image src='chart-C05' width='80'/></doc>", "c")
    render_docx(doc, path, images={"chart-C05": _png()})
    with zipfile.ZipFile(path) as package:
        assert [n for n in package.namelist() if n.startswith("word/media/")] == ["word/media/image1.png"]
    root = part_xml(path, "word/document.xml")
    extents = root.xpath("//wp:inline/wp:extent", namespaces={"wp": WP})
    widths = [int(e.get("cx")) for e in extents]
    assert widths[0] == pytest.approx(156 * 36000, rel=0.002)  # EMU: the type area's 156 mm
    assert widths[1] == pytest.approx(80 * 36000, rel=0.002)
    assert int(extents[0].get("cy")) == pytest.approx(widths[0] / 2, rel=0.01)  # aspect ratio kept
    para = extents[0].getparent().getparent().getparent().getparent()
    assert wattr(first(para, "w:pPr/w:spacing"), "lineRule") == "auto"  # exact spacing would clip it


def test_unknown_image_names_the_pictures_there_are(tmp_path: Path) -> None:
    with pytest.raises(MarkupError, match="chart-C09"):
        render_docx(parse_markup("<doc><image src='chart-C09'/></doc>", "c"), tmp_path / "x.docx", images={})


@pytest.mark.parametrize(
    ("markup", "fragment"),
    [
        ("<doc><image/></doc>", "needs src"),
        ("<doc><image src='a' width='500'/></doc>", "width"),
        ("<doc><image src='a'>x</image></doc>", "must be empty"),
        ("<doc><table rowheight='0'><tr><td>a</td></tr></table></doc>", "rowheight"),
        ("<doc><table size='11'><tr><td>a</td></tr></table></doc>", "size must be one of 9, 10.5, 12"),
    ],
)
def test_image_and_table_attributes_are_checked(markup: str, fragment: str) -> None:
    with pytest.raises(MarkupError, match=fragment):
        parse_markup(markup, "t.xml")


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        (
            "关于|东莞市南城技工学校|2025年度|报送材料的|审查意见",
            ["关于东莞市南城技工学校2025年度", "报送材料的审查意见"],
        ),
        (
            "关于|东莞市松湖高级技工学校|2025年度|报送材料的|审查意见",
            ["关于东莞市松湖高级技工学校", "2025年度报送材料的审查意见"],  # even lines win over a wide top
        ),
        ("2025年度|全市技工院校|办学情况报告", ["2025年度全市技工院校办学情况报告"]),  # fits one line
        (
            "关于|东莞市某某区某某镇某某职业技能培训高级技工学校|2025年度|报送材料的|审查意见",
            ["关于", "东莞市某某区某某镇某某职业技能培训高级技工学校", "2025年度报送材料的审查意见"],
        ),  # the name alone overflows: as little as possible is left to wrap
    ],
)
def test_titles_break_at_marked_places_longer_lines_on_top(title: str, lines: list[str]) -> None:
    text = title.replace("|", "")
    breaks = tuple(itertools.accumulate(len(part) for part in title.split("|")[:-1]))
    assert title_lines(text, breaks, capacity=156 / (22 * 25.4 / 72)) == lines


def test_wbr_marks_title_breaks_and_renders_line_breaks(tmp_path: Path) -> None:
    doc = parse_markup(
        "<doc><title>关于<wbr/>东莞市南城技工学校<wbr/>2025年度<wbr/>报送材料的审查意见</title></doc>", "t"
    )
    block = doc.children[0]
    assert isinstance(block, Block)
    assert (block.text, block.breaks) == ("关于东莞市南城技工学校2025年度报送材料的审查意见", (2, 11, 17))
    p = paragraph_with(
        part_xml(
            render(
                tmp_path, "<doc><title>关于<wbr/>东莞市南城技工学校<wbr/>2025年度<wbr/>报送材料的审查意见</title></doc>"
            ),
            "word/document.xml",
        ),
        "关于东莞市南城技工学校2025年度报送材料的审查意见",
    )
    texts = [t.text for t in p.iter(qn("w:t"))]
    assert texts == ["关于东莞市南城技工学校2025年度", "报送材料的审查意见"]
    assert len(p.findall(f".//{qn('w:br')}")) == 1
    with pytest.raises(MarkupError, match="wbr"):
        parse_markup("<doc><title>a<b/>b</title></doc>", "t")


def test_signature_never_stands_alone_on_a_page(tmp_path: Path) -> None:
    markup = (
        "<doc><p>正文最后一段。</p><attachment>附件名称</attachment>"
        "<signature>某局</signature><date>2026年3月2日</date></doc>"
    )
    root = part_xml(render(tmp_path, markup), "word/document.xml")
    paragraphs = root.findall(f"{qn('w:body')}/{qn('w:p')}")
    texts = ["".join(p.itertext()) for p in paragraphs]
    assert texts == ["正文最后一段。", "", "附件：附件名称", "", "某局", "2026年3月2日"]
    kept = [p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs]
    assert kept == [True, True, True, True, True, False]  # body's last lines, note, signature, date: one page
