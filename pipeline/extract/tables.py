"""Label/value tables (the bureau's statistics form and its look-alikes): a label cell, its value beside or below."""

from __future__ import annotations

import re

from ..indicators import Indicator
from ..model import Block, Document
from .candidates import Candidate, evidence_for
from .values import parse_cell

_NUMBERING = re.compile(r"^(?:\d+[.．、]|[（(]\d+[)）]|[一二三四五六七八九十]+、|其中[：:]?)")
_UNIT_NOTE = re.compile(r"[（(][^（）()]{0,8}[)）]$")
TABLE_CONFIDENCE = 0.95
# A count's share, stated right after it ("高级工班及以上在校生 1,223 | 所占比例 40.3%").
SHARE_OF = {"students_senior": "senior_ratio", "majors_coop": "coop_ratio", "graduates_employed": "employment_rate"}
SHARE_LABELS = {"所占比例", "占比", "比例", "其中占比", "占在校生比例"}


def normalise_label(text: str) -> str:
    """'2. 全日制在校生人数（人）：' → '全日制在校生人数'."""
    label = re.sub(r"\s+", "", text)
    label = _NUMBERING.sub("", label).rstrip("：:")
    while _UNIT_NOTE.search(label):
        label = _UNIT_NOTE.sub("", label)
    return label.rstrip("：:")


def label_index(dictionary: dict[str, Indicator]) -> dict[str, str]:
    """Every label form (name and variants) → indicator code; longer, more specific labels win."""
    index: dict[str, str] = {}
    for code, ind in dictionary.items():
        for label in ind.all_labels:
            index.setdefault(normalise_label(label), code)
    return index


def from_tables(doc: Document, dictionary: dict[str, Indicator], index: dict[str, str]) -> list[Candidate]:
    out: list[Candidate] = []
    for rows in doc.tables().values():
        for r, row in enumerate(rows):
            previous: str | None = None
            for c, cell in enumerate(row):
                label = normalise_label(cell.text)
                code = index.get(label)
                if code is None and label in SHARE_LABELS and previous in SHARE_OF:
                    code = SHARE_OF[previous]
                if code is None:
                    continue
                previous = code
                if code not in dictionary:
                    continue
                found = _value_beside(rows, r, c, dictionary[code], index)
                if found is None:
                    continue
                value_block, (value, approximate) = found
                quote = f"{cell.text.strip()}：{value_block.text.strip()}"
                out.append(
                    Candidate(
                        code=code,
                        value=value,
                        confidence=TABLE_CONFIDENCE * (0.7 if approximate else 1),
                        evidence=evidence_for(doc, value_block, quote),
                        approximate=approximate,
                    )
                )
    return out


def _value_beside(
    rows: list[list[Block]], r: int, c: int, indicator: Indicator, index: dict[str, str]
) -> tuple[Block, tuple[object, bool]] | None:
    """The value to the right of the label; failing that, the one below it (labels across a header row)."""
    row = rows[r]
    if c + 1 < len(row) and normalise_label(row[c + 1].text) not in index:
        parsed = parse_cell(row[c + 1].text, indicator)
        if parsed is not None:
            return row[c + 1], parsed
        if row[c + 1].text.strip():
            return None  # something stands beside the label but it is not a value of this kind
    if r + 1 < len(rows):
        col = row[c].position.col
        below = next((b for b in rows[r + 1] if b.position.col == col), None)
        if below is not None and normalise_label(below.text) not in index:
            parsed = parse_cell(below.text, indicator)
            if parsed is not None:
                return below, parsed
    return None
