"""A .docx that holds every Word feature the reader must handle, with the text each should yield."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from fixturegen.docxutil import add_body, add_title, new_document, save_docx

NS = nsdecls("w") + ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
NS_BOX = (
    nsdecls("w", "wp", "a", "pic", "r")
    + ' xmlns:v="urn:schemas-microsoft-com:vml"'
    + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    + ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
HEADER_TEXT = "东莞市松湖高级技工学校2025年度报送材料"
FOOTER_TEXT = "第 1 页"
BOX_TEXT = "毕业生就业率：98.6%"
FALLBACK_TEXT = "毕业生就业率：98.6%（兼容副本）"


@dataclass
class FeatureTruth:
    """What the reader must find: paragraphs in order (with heading levels), cells and marks."""

    headings: dict[str, int] = field(default_factory=dict)
    paragraphs: list[str] = field(default_factory=list)
    cells: dict[tuple[int, int, int], str] = field(default_factory=dict)  # (table, row, col) → text
    absent: list[str] = field(default_factory=list)  # text that must not be read (placeholders, fallbacks)


def _append(doc: DocxDocument, xml: str) -> None:
    """Add a body element before the section properties, which must stay last."""
    body = doc.element.body
    if body.sectPr is not None:
        body.sectPr.addprevious(parse_xml(xml))
    else:
        body.append(parse_xml(xml))


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _cell(inner: str, span: int = 1, vmerge: str | None = None) -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


def _p(text: str) -> str:
    return f"<w:p>{_run(text)}</w:p>" if text else "<w:p/>"


def _table(rows: list[str], cols: int) -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    borders = "".join(f'<w:{s} w:val="single" w:sz="4"/>' for s in ("top", "left", "bottom", "right"))
    return (
        f'<w:tbl {NS}><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
    )


def _text_box(text: str, fallback: str) -> str:
    """A floating text box the way Word writes it: DrawingML choice plus a VML fallback copy."""
    return (
        f'<w:p {NS_BOX}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2743200" cy="457200"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="10" name="文本框 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="457200"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{_p(text)}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f'<v:shape style="width:216pt;height:36pt"><v:textbox><w:txbxContent>{_p(fallback)}</w:txbxContent>'
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def write_features_docx(path: Path | str) -> FeatureTruth:
    """Headings, header/footer, merged and nested tables, a text box, content controls and check marks."""
    truth = FeatureTruth()
    doc = new_document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = HEADER_TEXT
    section.footer.paragraphs[0].text = FOOTER_TEXT
    title = "东莞市松湖高级技工学校2025年度办学情况报告"
    add_title(doc, title)
    truth.paragraphs.append(title)
    for text, level in (("一、基本情况", 1), ("（一）办学规模", 2)):
        doc.add_heading(text, level=level)
        truth.headings[text] = level
        truth.paragraphs.append(text)
    body = "学校现有全日制在校生6045人，其中高级工班及以上在校生2450人。"
    para = add_body(doc, body)
    hidden = para.add_run("（内部备注：实际在校生5800人）")  # hidden text: neither shown nor printed
    hidden.font.hidden = True
    truth.paragraphs.append(body)
    truth.absent.append("内部备注")
    # A heading made the WPS way: no heading style, an outline level set on the paragraph itself.
    _append(doc, f'<w:p {NS}><w:pPr><w:outlineLvl w:val="0"/></w:pPr>{_run("二、党建工作")}</w:p>')
    truth.headings["二、党建工作"] = 1
    truth.paragraphs.append("二、党建工作")
    # Content controls: a block-level one, an inline one, and one still showing its prompt.
    _append(
        doc,
        f'<w:sdt {NS}><w:sdtPr><w:alias w:val="报告年度"/></w:sdtPr><w:sdtContent>{_p("报告年度：2025")}'
        "</w:sdtContent></w:sdt>",
    )
    truth.paragraphs.append("报告年度：2025")
    _append(
        doc,
        f"<w:p {NS}>{_run('学校名称：')}<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>"
        f"{_run('东莞市松湖高级技工学校')}</w:sdtContent></w:sdt></w:p>",
    )
    truth.paragraphs.append("学校名称：东莞市松湖高级技工学校")
    prompt = "单击或点击此处输入文字。"
    _append(
        doc,
        f"<w:p {NS}>{_run('联系人：')}<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>"
        f"{_run(prompt)}</w:sdtContent></w:sdt></w:p>",
    )
    truth.paragraphs.append("联系人：")
    truth.absent.append(prompt)
    # Check marks: a check-box content control, a legacy form field, a symbol-font glyph and plain characters.
    checkbox = (
        '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr>'
        f"<w:sdtContent>{_run('☒')}</w:sdtContent></w:sdt>"
    )
    formbox = (
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:checkBox><w:sizeAuto/>'
        '<w:default w:val="0"/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    symbol = '<w:r><w:sym w:font="Wingdings 2" w:char="F052"/></w:r>'
    _append(
        doc,
        f"<w:p {NS}>{_run('党组织：')}{checkbox}{_run('已建立 ')}{formbox}{_run('已换届 ')}{symbol}"
        f"{_run('按期召开 □否 √是 ✓ ■ ☐')}</w:p>",
    )
    truth.paragraphs.append("党组织：☒已建立 ☑已换届 ☑按期召开 □否 √是 ✓ ■ ☐")
    # A text box: its DrawingML text is read once, its VML fallback copy never.
    _append(doc, _text_box(BOX_TEXT, FALLBACK_TEXT))
    truth.paragraphs.append(BOX_TEXT)
    truth.absent.append("兼容副本")
    _tables(doc, truth)
    closing = "以上情况属实。"
    add_body(doc, closing)
    truth.paragraphs.append(closing)
    doc.styles["Normal"].font.size = Pt(12)
    save_docx(doc, Path(path))
    return truth


def _tables(doc: DocxDocument, truth: FeatureTruth) -> None:
    """Table 1: a title merged across (gridSpan), a label merged down (vMerge), a nested table in a cell."""
    nested = _table(
        [_cell(_p("专业")) + _cell(_p("在校生")), _cell(_p("数控加工")) + _cell(_p("820"))], cols=2
    ).replace(f"<w:tbl {NS}>", "<w:tbl>")
    rows = [
        _cell(_p("技工院校年度报送统计表"), span=3),
        _cell(_p("在校生"), vmerge="restart") + _cell(_p("全日制在校生人数（人）")) + _cell(_p("6045")),
        _cell(_p(""), vmerge="continue") + _cell(_p("高级工班及以上在校生人数（人）")) + _cell(_p("2450")),
        _cell(_p("专业情况")) + _cell(_p("主要专业")) + _cell(_p("见下表") + nested + _p("")),
        # A row wrapped in a content control, as the bureau's protected form does.
        _cell(_p("就业"))
        + f"<w:sdt><w:sdtContent>{_cell(_p('毕业生就业率'))}</w:sdtContent></w:sdt>"
        + _cell(_p("98.6%")),
    ]
    _append(doc, _table(rows, cols=3))
    truth.cells.update(
        {
            (1, 1, 1): "技工院校年度报送统计表",
            (1, 2, 1): "在校生",
            (1, 2, 2): "全日制在校生人数（人）",
            (1, 2, 3): "6045",
            (1, 3, 2): "高级工班及以上在校生人数（人）",
            (1, 3, 3): "2450",
            (1, 4, 3): "见下表",
            (2, 1, 1): "专业",
            (2, 2, 2): "820",
            (1, 5, 2): "毕业生就业率",
            (1, 5, 3): "98.6%",
        }
    )


def write_long_table_docx(path: Path | str, rows: int = 60) -> list[list[str]]:
    """A list of majors longer than a page, its header row marked to repeat on every page (w:tblHeader)."""
    doc = new_document()
    add_body(doc, "附表：专业设置一览表", indent=False)
    table = doc.add_table(rows=rows + 1, cols=3)
    table.style = "Table Grid"
    data = [["专业名称", "在校生（人）", "校企合作"]]
    data += [[f"专业{r:02d}", str(300 + r), "是" if r % 3 else "否"] for r in range(1, rows + 1)]
    for r, values in enumerate(data):
        for c, text in enumerate(values):
            table.cell(r, c).text = text
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    add_body(doc, "以上数据截至2025年12月31日。")
    save_docx(doc, Path(path))
    return data
