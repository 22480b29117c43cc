"""Label/value tables (the bureau's statistics form and its look-alikes): a label cell, its value beside or below."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.extract.candidates import Candidate, cell_reading, evidence_for
from jigong.pipeline.extract.context import Context
from jigong.pipeline.extract.numbers import fold
from jigong.pipeline.extract.values import (
    HIGHER_LEVEL,
    LEVEL_ALONE,
    answer_columns,
    checklist,
    marked_answer,
    parse_cell,
)
from jigong.pipeline.model import Block, Document

_NUMBERING = re.compile(
    r"^(?:\d+[.．、]|[（(]\d+[)）]|[一二三四五六七八九十]+、|其中[：:]?|[（(][一二三四五六七八九十]+[)）])"
)
_UNIT_NOTE = re.compile(r"[（(]([^（）()]{0,8})[)）]$")
_UNIT_WORDS = {
    "人", "个", "家", "%", "％", "元", "万人", "万人次",
    "万元", "千元", "亿元", "场", "次", "本", "册", "人次", "年", "项", "门", "所",
    "是/否", "盖章",
}  # fmt: skip
# A column of row numbers or statistical codes ("指标 | 代码 | 数量": "在校学生数 | 05 | 3,562") holds no values.
IDENTIFIER_HEAD = re.compile(
    r"^(?:指标|项目|行|栏)?(?:代码|编码|编号|代号|序号|行次|栏次|行号)(?:及关系式?|及计算关系)?$"
)
# A column of this period or the last ("本年 | 上年", "本年数 | 上年数", "本期决算数"): the report year and the one
# before.
_RELATIVE = re.compile(
    r"^(?:(本年度?|当年|本期|今年)|(上年度?|去年|上年同期|上期))"
    r"(?:实际|决算|执行|完成)?(?:数|数据|数值|值|金额|人数)?$"
)


def relative_year(head: str) -> int | None:
    """0 for a head of this period ("本年数"), −1 for the last ("上年同期"), None for any other head."""
    match = _RELATIVE.match(head.replace(" ", ""))
    return None if match is None else (0 if match.group(1) else -1)


# A year column's head: "2025年", "2025年度数据", "2025年（实际）", "2025届", "2024—2025学年"; a forecast or
# target column ("2026年（预估）", "2026年目标") is no year's actual figure.
_YEAR_HEAD = re.compile(
    r"^(?:(?:19|20)\d\d\s*[-—–~～至]\s*)?(20\d\d)\s*(?:年|年度|届|学年|学年度)?(?:数据|数值|实际|实际数|实绩|实际值|完成值|完成数|完成)?"
    r"(?:[（(](?:实际|实际数|统计)[)）])?$"
)
# Column heads of targets and of what was achieved ("年度指标值 | 实际完成值"); a value cell never reads as one.
_TARGET_HEAD = re.compile(r"目标|指标值|预期|预计|计划|预算|规划|标准|要求|核定")
_ACTUAL_HEAD = re.compile(r"实际|完成值|完成数|完成情况|实绩|实现值|执行数|执行值|现状|^现有")
_ROLE_WORDS = re.compile(r"值|数|实绩|实际|完成")  # "实现值", "完成数", "2024年实绩": a column of figures
_PLAIN_VALUE = re.compile(r"^[\d,.，%％万元人次个家项—\-/]+$")
TABLE_CONFIDENCE = 0.95
UNTICKED_CONFIDENCE = 0.8  # an item left unticked in a list of boxes: no, said less plainly
# A count's share, stated right after it ("高级工班及以上在校生 1,223 | 所占比例 40.3%").
SHARE_OF = {"students_senior": "senior_ratio", "majors_coop": "coop_ratio", "graduates_employed": "employment_rate"}
SHARE_LABELS = {"所占比例", "占比", "比例", "其中占比", "占在校生比例", "占比（%）"}


class Named(Protocol):
    """What a label names, as the grid reader reads a table head."""

    @property
    def code(self) -> str | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def other(self) -> bool: ...
    @property
    def shift(self) -> int | None: ...


def split_label(text: str) -> tuple[str, str]:
    """'2. 全日制在校生人数（人）：' → ('全日制在校生人数', '人'): the label and the unit its note gives."""
    label = re.sub(r"\s+", "", fold(text))
    label = _NUMBERING.sub("", label).rstrip("：:")
    unit = ""
    while True:
        match = _UNIT_NOTE.search(label)
        if not match or (match.group(1) not in _UNIT_WORDS and not match.group(1).startswith("单位")):
            break
        unit = unit or match.group(1).removeprefix("单位").lstrip("：:")
        label = label[: match.start()]
    return label.rstrip("：:"), unit


def normalise_label(text: str) -> str:
    return split_label(text)[0]


def label_index(dictionary: dict[str, Indicator]) -> dict[str, str]:
    """Every label form (name and variants) → indicator code; longer, more specific labels win."""
    index: dict[str, str] = {}
    for code, ind in dictionary.items():
        for label in ind.all_labels:
            index.setdefault(normalise_label(label), code)
    return index


def _year_columns(rows: list[list[Block]], report_year: int | None) -> dict[int, int]:
    """Columns headed by years in the header row ("指标 | 2025年 | 2024年", "本年 | 上年"): column number → year.

    Two years at least: one year alone heads no comparison, and a value cell may read "2025年". Without a report
    year, "本年" stands for the latest year.
    """
    out: dict[int, int] = {}
    for cell in rows[0] if rows else []:
        head = re.sub(r"\s+", "", fold(cell.text))
        match = _YEAR_HEAD.match(head)
        if cell.position.col is None:
            continue
        if match:
            out[cell.position.col] = int(match.group(1))
        elif (shift := relative_year(head)) is not None:
            out[cell.position.col] = (report_year if report_year is not None else 9999) + shift
    return out if len(out) >= 2 else {}


def _names_years(rows: list[list[Block]]) -> bool:
    """Whether two heads or more open with a year: a table of years, whichever the columns' other words."""
    return len([c for c in (rows[0] if rows else []) if re.match(r"\s*(?:19|20)\d\d", c.text)]) >= 2


def column_roles(row: list[Block], report_year: int | None) -> dict[int, str]:
    """A header row naming targets and actuals ("年度指标值 | 实际完成值", "2025年实际实现值 | 预期2026年实现值"):
    column → "actual" or "other" (a target, a forecast, a budget, another year); {} for a row that is no such header."""
    roles: dict[int, str] = {}
    for cell in row:
        text = re.sub(r"\s+", "", fold(cell.text))
        if cell.position.col is None or not text:
            continue
        if _PLAIN_VALUE.match(text):
            if re.search(r"\d", text):
                return {}  # a row of figures ("免学费实际受助学生数 | 1 850人 | 1 826人") heads nothing
            continue
        year = re.search(r"(?:19|20)\d\d", text)
        if (_TARGET_HEAD.search(text) and not _ACTUAL_HEAD.search(text)) or (
            year and report_year is not None and int(year.group(0)) != report_year and _ROLE_WORDS.search(text)
        ):
            roles[cell.position.col] = "other"
        elif _ACTUAL_HEAD.search(text):
            roles[cell.position.col] = "actual"
    return roles if "actual" in roles.values() else {}


def cells_by_column(row: list[Block]) -> dict[int, str]:
    return {c.position.col: c.text for c in row if c.position.col is not None}


def identifier_columns(rows: list[list[Block]]) -> set[int]:
    """Columns of codes or row numbers, by their heads in the first row."""
    return {
        c.position.col
        for c in (rows[0] if rows else [])
        if c.position.col is not None and IDENTIFIER_HEAD.match(re.sub(r"\s+", "", fold(c.text)))
    }


def from_tables(
    doc: Document,
    dictionary: dict[str, Indicator],
    index: dict[str, str],
    ctx: Context | None = None,
    off_topic: Callable[[int, str], bool] | None = None,
    named: Callable[[str], Named] | None = None,
    said: dict[int, str] | None = None,
) -> list[Candidate]:
    """``off_topic(table, code)``: whether the table's caption is about something else ("企业新型学徒制培训备案汇总表":
    its 合作企业 are the programme's partners). ``named(label)``: what a label no form uses word for word names
    ("2025年承担社会培训人次", "目前全日制在校学生人数"), read in tables without year or target columns. ``said``: the
    tables' captions, when the caller has them already."""
    ctx = ctx or Context()
    out: list[Candidate] = []
    said = captions(doc) if said is None else said
    for number, rows in doc.tables().items():
        money = caption_money(said.get(number, ""))  # "单位：个、人、千元": a bare money figure's scale
        form = bool(rows) and len(rows[0]) == 2
        years = _year_columns(rows, ctx.year)
        if not years and _names_years(rows):
            continue  # columns of years this reader cannot place ("2024年实绩 | 2025年实绩 | 2026年目标"?): no value
        codes = identifier_columns(rows)
        answers = answer_columns(cells_by_column(rows[0])) if rows else {}
        # labels no form uses word for word, read by what they name, in forms of labels and values
        paired = named is not None and not (years or answers) and _paired(rows, codes, named)
        out += _checklists(doc, rows, dictionary, index)
        # The report year's column; without one (a table of other years) the table gives nothing for the year.
        wanted = ctx.year if ctx.year is not None else (max(years.values()) if years else None)
        roles: dict[int, str] = {}
        for r, row in enumerate(rows):
            previous: str | None = None
            header = column_roles(row, ctx.year)
            if roles and not header:
                continue  # a row under a header of targets and results: scorecards.py reads it
            roles = header or roles
            row = [
                cell
                for cell in row
                if cell.position.col not in codes
                and (cell.position.col is None or roles.get(cell.position.col) != "other")
            ]
            for c, cell in enumerate(row):
                raw_label, inline = _inline_pair(cell.text)
                label, unit = split_label(raw_label)
                code = index.get(label)
                if code is None and label in SHARE_LABELS and previous in SHARE_OF:
                    code = SHARE_OF[previous]
                if code is None and named is not None and paired and not roles and c % 2 == 0 and c + 1 < len(row):
                    head = named(raw_label)
                    own = not head.other and head.year in (None, ctx.year) and head.shift in (None, 0)
                    code = head.code if own else None
                    higher = HIGHER_LEVEL.get(code or "")
                    if higher and LEVEL_ALONE.match(label) and any(higher.search(b[0].text) for b in rows if b):
                        code = None  # "高级工班 | 1,150" beside "预备技师班 | 296": the senior level alone
                if code is None:
                    continue
                previous = code
                if code not in dictionary or (form and off_topic is not None and off_topic(number, code)):
                    continue  # (a form of label and value under a caption about one programme; a wider table's
                    # caption may name several things: "专任教师、聘请校外教师学历情况")
                if not unit and dictionary[code].type == "money":
                    unit = money
                if inline is not None:
                    parsed = parse_cell(inline, dictionary[code], unit)
                    found = (cell, parsed) if parsed is not None else None
                elif answers and dictionary[code].type == "bool":  # "项目 | 是 | 否": the column of the mark
                    answer = marked_answer(cells_by_column(rows[r]), answers)
                    marked = next((b for b in rows[r] if b.position.col in answers and b.text.strip()), cell)
                    found = (marked, (answer, False)) if answer is not None else None
                elif years:
                    found = _value_in_year_column(row, years, wanted, dictionary[code], unit)
                else:
                    found = _value_beside(rows, r, c, dictionary[code], index, unit, row)
                if found is None:
                    continue
                value_block, parsed = found
                quote = cell.text.strip() if inline is not None else f"{cell.text.strip()}：{value_block.text.strip()}"
                out.append(cell_reading(doc, code, parsed, TABLE_CONFIDENCE, value_block, quote))
    return out


_MEASURE = re.compile(r"人数|人次|数量|金额|总数|合计")


def _paired(rows: list[list[Block]], codes: set[int], named: Callable[[str], Named]) -> bool:
    """Whether a table is a form of labels, each with its value on its right: two columns (code columns left out)
    under no head naming a concept ("培养层次 | 在校生（人）": its rows are categories, the grid's), or pairs
    ("学校性质 | 公办 | 全日制在校生数 | 2,965") whose every other column holds labels in every row."""
    kept = [[b for b in cells if b.position.col not in codes] for cells in rows]
    width = len(kept[0]) if kept else 0
    if width == 2:  # (a value column headed by a measure or a year, "2025届人数": rows of categories)
        head = named(kept[0][-1].text)
        return head.code is None and head.year is None and not _MEASURE.search(kept[0][-1].text)
    return label_pairs(kept)


def label_pairs(rows: list[list[Block]]) -> bool:
    """Whether a table of four or more columns holds pairs of label and value ("学校性质 | 公办 | 全日制在校生数 |
    2,965"): every other column holds labels, no figures, in every row."""
    width = len(rows[0]) if rows else 0
    if width < 4 or width % 2 or any(len(cells) != width for cells in rows):
        return False
    labels = [cells[k].text for cells in rows for k in range(2, width, 2)]
    return all(t.strip() and not _PLAIN_VALUE.match(re.sub(r"\s+", "", fold(t))) for t in labels)


def _checklists(
    doc: Document, rows: list[list[Block]], dictionary: dict[str, Indicator], index: dict[str, str]
) -> list[Candidate]:
    """A cell listing boxes ("☑校企合作实训基地 ☑创业孵化基地 □国际课程班"): each yes/no item, ticked or not."""
    out = []
    for row in rows:
        for cell in row:
            for item, ticked in checklist(cell.text):
                code = index.get(normalise_label(item))
                if code in dictionary and dictionary[code].type == "bool":
                    quote = f"{row[0].text.strip()}：{cell.text.strip()}"
                    confidence = TABLE_CONFIDENCE if ticked else UNTICKED_CONFIDENCE
                    out.append(Candidate(code, ticked, confidence, evidence_for(doc, cell, quote)))
    return out


def _inline_pair(text: str) -> tuple[str, str | None]:
    """'就业率：98.6%' in one cell → ('就业率', '98.6%'); a plain label → (label, None)."""
    text = _NUMBERING.sub("", re.sub(r"\s+", "", text))  # "其中：高级工班在校生" is a label, not a pair
    match = re.match(r"^([^：:]{2,30})[：:]\s*(\S.*)$", text)
    if match:
        return match.group(1), match.group(2)
    return text, None


def _unit_beside(row: list[Block], c: int) -> str:
    """A unit column right of the value ("全日制在校生 | 3,210 | 人")."""
    if c + 2 < len(row):
        note = re.sub(r"\s+", "", row[c + 2].text)
        if note in _UNIT_WORDS:
            return note
    return ""


def _value_in_year_column(
    row: list[Block], years: dict[int, int], wanted: int | None, indicator: Indicator, unit: str
) -> tuple[Block, tuple[object, bool]] | None:
    cell = next((b for b in row if b.position.col is not None and years.get(b.position.col) == wanted), None)
    if cell is None:
        return None
    parsed = parse_cell(cell.text, indicator, unit)
    return None if parsed is None else (cell, parsed)


def _value_beside(
    rows: list[list[Block]],
    r: int,
    c: int,
    indicator: Indicator,
    index: dict[str, str],
    unit: str,
    row: list[Block],
) -> tuple[Block, tuple[object, bool]] | None:
    """The value to the right of the label in its row (code columns left out); failing that, the one below it
    (labels across a header row)."""
    beside = row[c + 1] if c + 1 < len(row) else None
    if beside is not None and normalise_label(beside.text) not in index:
        parsed = parse_cell(beside.text, indicator, unit or _unit_beside(row, c))
        return None if parsed is None else (beside, parsed)
    # Labels across a header row, values in the row below: only when the label has no value cell of its own, and
    # no further row of values follows in that column (a form of label rows and value rows). Several data rows under one
    # header row (one per year, department or category: "2023届 | 1,102 | …", "机电工程系 | 412 | …") are the
    # grid's to read, by their row labels.
    col = row[c].position.col
    after = rows[r + 2] if r + 2 < len(rows) else []
    more_data = not any(normalise_label(b.text) in index for b in after) and any(
        b.position.col == col and parse_cell(b.text, indicator, unit) is not None for b in after
    )
    if r + 1 < len(rows) and not more_data:
        below = next((b for b in rows[r + 1] if b.position.col == col), None)
        if below is not None and normalise_label(below.text) not in index:
            parsed = parse_cell(below.text, indicator, unit)
            if parsed is not None:
                return below, parsed
    return None


_CAPTION_NOTE = re.compile(r"\s*(?:说明|注|备注|填表说明|填报说明)\s*[：:]")


def captions(doc: Document) -> dict[int, str]:
    """Each table's caption: the short heading or paragraph right before its first cell (a note between them,
    "说明：在校生数为统计时点数……", is no caption)."""
    out: dict[int, str] = {}
    last = ""
    for block in doc.blocks:
        if block.kind in ("heading", "paragraph") and not _CAPTION_NOTE.match(block.text):
            last = block.text.strip() if len(block.text.strip()) <= 60 else ""
        elif block.kind == "cell" and block.position.table is not None and block.position.table not in out:
            out[block.position.table] = last
    return out


# A caption's list of units ("单位：个、人、千元") and the money units in it.
_UNIT_LIST = re.compile(r"单位\s*[：:]\s*([^，。；\s]+)")
_MONEY = re.compile(r"(?:百万|千万|万|千|亿)?元")


def caption_money(caption: str) -> str:
    """The list of units a caption states when it holds one money unit ("单位：个、人、千元"): the note a bare money
    figure is scaled by; "" for none or two."""
    units = _UNIT_LIST.search(caption)
    return units.group(1) if units and len(_MONEY.findall(units.group(1))) == 1 else ""
