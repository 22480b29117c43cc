"""Counts from a majors list (专业设置一览表): every major listed, and those whose 合作企业 column is filled."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jigong.pipeline.extract.candidates import Candidate, evidence_for
from jigong.pipeline.model import Block, Document

MAJORS_CONFIDENCE = 0.9
_NAME_HEAD = re.compile(r"^(?:专业名称|专业|开设专业|专业（工种）名称|专业\(工种\)名称|专业（工种）)$")
_PARTNER_HEAD = re.compile(r"合作企业|合作单位|校企合作企业|合作企业名称|合作企业（单位）")
_EMPTY = {"", "—", "-", "——", "/", "无", "暂无", "－", "―", "－－", "／", "未合作", "尚无"}
_TOTAL_ROW = re.compile(r"^(?:合计|小计|总计|共计)")


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _columns(header: list[Block]) -> tuple[int, int] | None:
    name = next((b.position.col for b in header if _NAME_HEAD.match(_clean(b.text))), None)
    partner = next((b.position.col for b in header if _PARTNER_HEAD.search(_clean(b.text))), None)
    if name is None or partner is None:
        return None
    return name, partner


def _cell(row: list[Block], col: int) -> Block | None:
    return next((b for b in row if b.position.col == col), None)


def from_majors_tables(doc: Document) -> Iterator[Candidate]:
    tables = doc.tables()
    numbers = sorted(tables)
    i = 0
    while i < len(numbers):
        rows = tables[numbers[i]]
        columns = _columns(rows[0]) if rows else None
        if columns is None:
            i += 1
            continue
        body = list(rows[1:])
        width = len(rows[0])
        first = rows[0][0]
        # A list split across pages comes back as fragments: the next table goes on with the same columns.
        while i + 1 < len(numbers):
            nxt = tables[numbers[i + 1]]
            if not nxt or len(nxt[0]) != width:
                break
            if _columns(nxt[0]) is not None:
                body += nxt[1:]
            elif _clean(nxt[0][0].text).isdigit():
                body += nxt
            else:
                break
            i += 1
        yield from _counts(doc, first, body, *columns)
        i += 1


def _counts(
    doc: Document, first: Block, body: list[list[Block]], name_col: int, partner_col: int
) -> Iterator[Candidate]:
    total = 0
    coop = 0
    for row in body:
        name = _cell(row, name_col)
        if name is None:
            continue
        text = _clean(name.text)
        if not text or text.isdigit() or any(_TOTAL_ROW.match(_clean(b.text)) for b in row):
            continue
        total += 1
        partner = _cell(row, partner_col)
        if partner is not None and _clean(partner.text) not in _EMPTY:
            coop += 1
    if not total:
        return
    where = first.position
    quote = f"专业设置一览表列出专业{total}个，其中“合作企业”栏已填写的{coop}个"
    recognised = min((b.confidence for row in body for b in row), default=1.0)
    block = Block(
        text=quote,
        kind="cell",
        position=type(where)(page=where.page, table=where.table, sheet=where.sheet),
        confidence=min(recognised, first.confidence),
    )
    evidence = evidence_for(doc, block, quote)
    yield Candidate("majors_total", total, MAJORS_CONFIDENCE, evidence, counted=True)
    yield Candidate("majors_coop", coop, MAJORS_CONFIDENCE, evidence, counted=True)
