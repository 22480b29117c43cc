"""Tables of targets and results (绩效自评表, 达标自查表): a header row names the column of what was achieved
("实际完成值", "全年实际值（B）", "学校实际", "学校现状"); each row below it says what it measures in its label cells
(often not the first: "产出指标 | 数量指标 | 职业技能培训（人次）") and its figure sits in that column. Targets,
standards, scores (分值, 得分) and remarks beside it are never read as the figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.extract.candidates import Candidate, cell_reading
from jigong.pipeline.extract.context import Context
from jigong.pipeline.extract.numbers import fold
from jigong.pipeline.extract.tables import TABLE_CONFIDENCE, column_roles, split_label
from jigong.pipeline.extract.values import parse_cell
from jigong.pipeline.model import Block, Document

# A figure cell that names its figure before it: "全日制在校生612人", "常设专业5个".
_OWN = re.compile(r"^([\u4e00-\u9fff（）()]{2,20})(\d[\d,.]*\s*\S{0,3})$")
_HAS_WORDS = re.compile(r"[\u4e00-\u9fff]{2}")
# The head of a column of measure words ("度量单位 | 人次").
_UNIT_HEAD = re.compile(r"^(?:度量|计量|计算)?单位$")
# A label cell that is no figure's name: a category of the indicator system or a clause number.
_CATEGORY = re.compile(
    r"^(?:[一二三]级指标|产出指标|效益指标|满意度指标|成本指标|数量指标|质量指标|时效指标|第.{1,4}条)$"
)


def actual_column(roles: dict[int, str]) -> int | None:
    """The one column of what was achieved a header row's roles name; None when they name two."""
    actual = [c for c, role in roles.items() if role == "actual"]
    return actual[0] if len(actual) == 1 else None


def from_scorecards(
    doc: Document,
    ctx: Context,
    dictionary: dict[str, Indicator],
    index: dict[str, str],
    concept: Callable[[str, str], str | None],
) -> list[Candidate]:
    """Each row under a header of targets and results: its concept (an exact label, else the lexicon's reading of
    the label, ``concept(label, caption)``) and the figure in the column of what was achieved."""
    out: list[Candidate] = []
    for rows in doc.tables().values():
        actual: int | None = None
        others: set[int] = set()
        unit_col: int | None = None
        for row in rows:
            roles = column_roles(row, ctx.year)
            if roles:
                actual = actual_column(roles)
                others = {c for c, role in roles.items() if role == "other"}
                unit_col = next((b.position.col for b in row if _UNIT_HEAD.match(re.sub(r"\s+", "", b.text))), None)
                continue
            if actual is None:
                continue
            value_cell = next((b for b in row if b.position.col == actual), None)
            if value_cell is None:
                continue
            skipped = others | ({unit_col} if unit_col is not None else set())
            found = _own_label(value_cell, index, concept) or _row_concept(row, actual, skipped, index, concept)
            if found is None or found[0] not in dictionary:
                continue
            code, label_cell, unit = found
            if not unit and unit_col is not None:  # the unit column's word ("度量单位 | 人次")
                unit = next((b.text.strip() for b in row if b.position.col == unit_col), "")
            text = value_cell.text if label_cell is not value_cell else _OWN.sub(r"\2", fold(value_cell.text).strip())
            parsed = parse_cell(text, dictionary[code], unit)
            if parsed is None:
                continue
            quote = value_cell.text.strip()
            if label_cell is not value_cell:
                quote = f"{label_cell.text.strip()}：{quote}"
            out.append(cell_reading(doc, code, parsed, TABLE_CONFIDENCE, value_cell, quote))
    return out


def _own_label(
    cell: Block, index: dict[str, str], concept: Callable[[str, str], str | None]
) -> tuple[str, Block, str] | None:
    """A figure cell that names its own figure ("学校现状 | 全日制在校生612人"): its concept."""
    match = _OWN.match(fold(cell.text).strip())
    if not match:
        return None
    label, unit = split_label(match.group(1))
    code = index.get(label) or concept(label, "")
    return (code, cell, unit) if code is not None else None


def _row_concept(
    row: list[Block],
    actual: int,
    others: set[int],
    index: dict[str, str],
    concept: Callable[[str, str], str | None],
) -> tuple[str, Block, str] | None:
    """The concept of the row's most specific label: the last cell with words left of the figure's column, outside
    the columns of targets and standards, that is no category of the indicator system. Its unit note comes along
    ("（人次）", "（万元）")."""
    labels = [
        b
        for b in row
        if b.position.col is not None
        and b.position.col < actual
        and b.position.col not in others
        and _HAS_WORDS.search(b.text)
    ]
    for cell in reversed(labels):
        label, unit = split_label(cell.text)
        if _CATEGORY.match(label):
            return None
        code = index.get(label) or concept(label, "")
        return (code, cell, unit) if code is not None else None
    return None
