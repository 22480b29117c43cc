"""Writers of .docx submissions: the bureau's statistics form and prose annual reports."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from docx.table import Table

from fixturegen.docxutil import add_body, add_title, docx_bytes, new_document, save_docx, set_cell
from fixturegen.form_rows import Item, extra_items, mark
from fixturegen.numfmt import fmt_int, fmt_pct
from fixturegen.profiles import SchoolProfile
from fixturegen.prose import WRAP
from fixturegen.styles import HARD_STYLE, build_report
from fixturegen.truth import Truth

FORM_TITLE = "技工院校年度报送统计表"


Row = str | list[Item]  # a str is a section row merged across the table


def _mark(flag: bool, variant: int) -> str:
    return mark(flag, variant)


_GOVERNANCE_LABELS = {
    0: ("实行党组织领导的校长负责制", "思想政治理论课开齐开足"),
    1: ("党组织领导的校长负责制", "思政课开齐开足"),
    2: ("实行党组织领导的校长负责制", "思想政治理论课开齐开足"),
}


def _bools(p: SchoolProfile, variant: int, labels: tuple[str, str, str, str]) -> list[Item]:
    codes = (
        "party_org_established",
        "principal_responsibility",
        "ideology_course_full",
        "textbook_politics",
        "textbook_chinese",
        "textbook_history",
    )
    full = (labels[0], *_GOVERNANCE_LABELS[variant], *labels[1:])
    unit = "—" if variant == 2 else ""
    return [
        Item(lab, _mark(bool(getattr(p, c)), variant), c, bool(getattr(p, c)), unit)
        for lab, c in zip(full, codes, strict=True)
    ]


def _rows_v0(p: SchoolProfile) -> list[Row]:
    pc = lambda v: fmt_pct(v, sign=False)  # noqa: E731
    items = [
        Item("学校名称", p.name, "school_name", p.name),
        Item("办学性质", p.school_type, "school_type", p.school_type),
        Item("学校类别", p.category, "school_category", p.category),
        Item("报告年度", str(p.year), "report_year", p.year),
        Item("全日制在校生人数（人）", str(p.students_total), "students_total", p.students_total),
        Item("高级工班及以上在校生人数（人）", str(p.students_senior), "students_senior", p.students_senior),
        Item("高级工班及以上在校生占比（%）", pc(p.senior_ratio), "senior_ratio", p.senior_ratio),
        Item("开设专业数（个）", str(p.majors_total), "majors_total", p.majors_total),
        Item("实行校企合作培养模式的专业数（个）", str(p.majors_coop), "majors_coop", p.majors_coop),
        Item("校企合作专业占比（%）", pc(p.coop_ratio), "coop_ratio", p.coop_ratio),
        Item("年度毕业生人数（人）", str(p.graduates), "graduates", p.graduates),
        Item("已就业毕业生人数（人）", str(p.graduates_employed), "graduates_employed", p.graduates_employed),
        Item("毕业生就业率（%）", pc(p.employment_rate), "employment_rate", p.employment_rate),
        *_bools(
            p,
            0,
            (
                "学校已建立党组织",
                "思想政治课程使用国家统编教材",
                "语文课程使用国家统编教材",
                "历史课程使用国家统编教材",
            ),
        ),
        *extra_items(p, 0),
    ]
    return [[item] for item in items]


def _rows_v1(p: SchoolProfile) -> list[Row]:
    n = lambda v: fmt_int(v, "comma")  # noqa: E731
    b = _bools(p, 1, ("已建立党组织", "思想政治使用国家统编教材", "语文使用国家统编教材", "历史使用国家统编教材"))
    return [
        "一、学校基本信息",
        [
            Item("学校全称", p.name, "school_name", p.name),
            Item("学校性质", p.school_type, "school_type", p.school_type),
        ],
        [
            Item("统计年度", f"{p.year}年度", "report_year", p.year),
            Item("学校类别", p.category, "school_category", p.category),
        ],
        "二、办学规模与专业建设",
        [
            Item("在校学生数（人）", n(p.students_total), "students_total", p.students_total),
            Item("当年招生数（人）", n(p.new_enrolment)),
        ],
        [
            Item("高级工班及以上在校生（人）", n(p.students_senior), "students_senior", p.students_senior),
            Item("所占比例", fmt_pct(p.senior_ratio), "senior_ratio", p.senior_ratio),
        ],
        [
            Item("专业总数（个）", str(p.majors_total), "majors_total", p.majors_total),
            Item("校企合作专业数（个）", str(p.majors_coop), "majors_coop", p.majors_coop),
        ],
        [
            Item("校企合作专业占比", fmt_pct(p.coop_ratio), "coop_ratio", p.coop_ratio),
            Item("非全日制学员（人）", n(p.part_time_students)),
        ],
        "三、毕业生就业",
        [
            Item("毕业生（人）", n(p.graduates), "graduates", p.graduates),
            Item("就业人数（人）", n(p.graduates_employed), "graduates_employed", p.graduates_employed),
        ],
        [
            Item("就业率", fmt_pct(p.employment_rate), "employment_rate", p.employment_rate),
            Item("对口就业率", fmt_pct(p.matched_employment_rate)),
        ],
        "四、党建与思政课程",
        b[:2],
        b[2:4],
        b[4:],
        "五、师资、管理与服务",
        *_pairs(extra_items(p, 1)),
    ]


def _pairs(items: list[Item]) -> list[Row]:
    rows: list[Row] = [items[i : i + 2] for i in range(0, len(items), 2)]
    if rows and len(rows[-1]) == 1:
        rows[-1] = [*rows[-1], Item("", "")]  # an empty pair keeps the four columns
    return rows


def _rows_v2(p: SchoolProfile) -> list[Row]:
    pc = lambda v: fmt_pct(v, sign=False)  # noqa: E731
    items = [
        Item("单位名称", p.name, "school_name", p.name, "—"),
        Item("举办性质", p.school_type, "school_type", p.school_type, "—"),
        Item("办学层次", p.category, "school_category", p.category, "—"),
        Item("年度", str(p.year), "report_year", p.year, "年"),
        Item("全日制在校生", str(p.students_total), "students_total", p.students_total, "人"),
        Item(
            "其中：高级工班、预备技师（技师）班在校生",
            str(p.students_senior),
            "students_senior",
            p.students_senior,
            "人",
        ),
        Item("高级工班及以上在校生占比", pc(p.senior_ratio), "senior_ratio", p.senior_ratio, "%"),
        Item("上年全日制在校生", str(int(p.prev["students_total"])), unit="人"),
        Item("开设专业", str(p.majors_total), "majors_total", p.majors_total, "个"),
        Item("开展校企合作的专业", str(p.majors_coop), "majors_coop", p.majors_coop, "个"),
        Item("校企合作专业占比", pc(p.coop_ratio), "coop_ratio", p.coop_ratio, "%"),
        Item("应届毕业生", str(p.graduates), "graduates", p.graduates, "人"),
        Item("实现就业", str(p.graduates_employed), "graduates_employed", p.graduates_employed, "人"),
        Item("年终就业率", pc(p.employment_rate), "employment_rate", p.employment_rate, "%"),
        Item("对口就业率", pc(p.matched_employment_rate), unit="%"),
        *_bools(
            p,
            2,
            ("学校党组织建立情况", "思想政治课使用国家统编教材", "语文课使用国家统编教材", "历史课使用国家统编教材"),
        ),
        *extra_items(p, 2),
    ]
    return [[item] for item in items]


_HEADERS = {0: ["指标", "数值"], 1: ["指标", "数值", "指标", "数值"], 2: ["指标名称", "数值", "单位"]}
_ROWS = {0: _rows_v0, 1: _rows_v1, 2: _rows_v2}
_WIDTHS = {0: [9.0, 6.5], 1: [4.6, 3.5, 4.6, 3.5], 2: [9.0, 4.5, 2.0]}


def set_widths(table: Table, widths_cm: list[float]) -> None:
    """Fix column widths (grid and unmerged cells) so Word and LibreOffice agree."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        if row.cells[0]._tc is row.cells[-1]._tc:
            continue
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _fill_table(doc: DocxDocument, variant: int, rows: list[Row], truth: Truth) -> None:
    header = _HEADERS[variant]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        set_cell(cell, text, bold=True, center=True)
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            set_cell(merged, row, bold=True)
            continue
        texts: list[str] = []
        for i, item in enumerate(row):
            parts = [item.label, item.text] + ([item.unit] if variant == 2 else [])
            for j, text in enumerate(parts):
                set_cell(cells[i * 2 + j], text, center=j > 0)
            texts += parts
        for item in row:
            if item.code:
                truth.values[item.code] = item.value
                truth.evidence[item.code] = " | ".join(texts)
    set_widths(table, _WIDTHS[variant])


def write_form_docx(profile: SchoolProfile, path: Path | str, variant: int = 0) -> Truth:
    """Write the bureau's statistics form (variant 0: 2 cols, 1: 4 cols, 2: with unit column)."""
    if variant not in _ROWS:
        raise ValueError(f"unknown form variant {variant}")
    p, path = profile, Path(path)
    truth = Truth(file=str(path), values={}, school=p.name)
    doc = new_document()
    if variant == 1:
        add_title(doc, f"东莞市{FORM_TITLE}")
        add_body(doc, f"（{p.year}年度）", indent=False).alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        add_title(doc, FORM_TITLE)
        add_body(doc, f"填报单位（盖章）：{p.name}", indent=False)
    _fill_table(doc, variant, _ROWS[variant](p), truth)
    if variant == 2 and p.majors:
        add_body(doc, "附表：专业设置及校企合作情况", indent=False)
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("序号", "专业名称", "合作企业"), strict=True):
            set_cell(cell, text, bold=True, center=True)
        for i, (major, partner) in enumerate(p.majors, 1):
            cells = table.add_row().cells
            for cell, text in zip(cells, (str(i), major, partner), strict=True):
                set_cell(cell, text)
        set_widths(table, [1.5, 6.5, 8.0])
    add_body(
        doc,
        f"填报人：办公室　　联系电话：0769-2{p.seed % 1000:03d}8{(p.seed * 7) % 1000:03d}"
        f"　　填报日期：{p.year + 1}年1月15日",
        indent=False,
    )
    save_docx(doc, path)
    return truth


def _plain_table(doc: DocxDocument, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for r, texts in enumerate(rows):
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            set_cell(cell, text, bold=r == 0, center=r == 0)


def report_docx_bytes(profile: SchoolProfile, style: int = 0) -> tuple[bytes, Truth]:
    """Bytes of a prose report .docx and its truth (``file`` left empty)."""
    report = build_report(profile, style)
    doc = new_document()
    for block in report.blocks:
        text = block.text.replace(WRAP, "")
        if block.kind == "title":
            add_title(doc, text, 20)
        elif block.kind in ("h1", "h2"):
            doc.add_heading(text, level=1 if block.kind == "h1" else 2)
        elif block.kind == "table":
            _plain_table(doc, block.rows)
        else:
            add_body(doc, text)
    for line in (profile.name, f"{profile.year + 1}年1月10日"):
        add_body(doc, line, indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    truth = Truth(
        file="",
        values=dict(report.values),
        school=profile.name,
        evidence=dict(report.evidence),
        approximate=sorted(report.approximate),
    )
    return docx_bytes(doc), truth


def write_report_docx(profile: SchoolProfile, path: Path | str, style: int = 0, hard: bool = False) -> Truth:
    """Write a prose 年度工作报告 in style 0-3; ``hard=True`` (or style 4) uses Chinese numerals/万."""
    path = Path(path)
    data, truth = report_docx_bytes(profile, HARD_STYLE if hard else style)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    truth.file = str(path)
    return truth
