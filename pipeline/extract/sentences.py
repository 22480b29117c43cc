"""Sentences and clauses of a document's prose, with sentences that a PDF page break cut in two joined again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jigong.pipeline.model import Block, Document

_END = "。！？!?"
_OPEN, _CLOSE = "（(“‘「《", "）)”’」》"
_CLAUSE_END = "，,；;"
# A paragraph that stops on one of these has ended; one that stops on anything else runs on (a page break).
_PARAGRAPH_END = "。！？!?；;：:）)”」"
_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff\d０-９]")
# A line shorter than this that ends without punctuation is a line of its own (a list item, a title).
_WRAPPED_LINE = 12
_LABEL_LINE = re.compile(r"^[^：:，。；]{2,15}[：:]")  # "办学性质：公办" starts a line of its own
# A line that starts with a figure and its unit goes on with the sentence before it.
_FIGURE_START = re.compile(r"^\s*[\d０-９]+(?:[.．][\d０-９]+)?\s*(?:[%％]|人次|人|个|万|元|家|名|项|次|场|本)")
# A comma between digits groups thousands (1,150 / １，１５０); it does not end a clause.
_SENTENCE_MARKS = re.compile("[" + re.escape(_OPEN + _CLOSE + _END) + "\n]")
_CLAUSE_MARKS = re.compile("[" + re.escape(_OPEN + _CLOSE + _CLAUSE_END) + "]")
_THOUSANDS = re.compile(r"[\d０-９][,，][\d０-９]{3}(?![\d０-９])")


@dataclass(frozen=True)
class Sentence:
    """A sentence and the block it starts in (its evidence points there)."""

    text: str
    block: Block


def _join_lines(text: str) -> str:
    """Rejoin lines a writer or a converter broke inside a sentence ("毕业生就\\n业率98.6%")."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        prev = out.rstrip()
        nxt = line.strip()
        runs_on = (
            prev
            and nxt
            and prev[-1] not in _PARAGRAPH_END
            and len(prev.rsplit("\n", 1)[-1]) >= _WRAPPED_LINE
            and _CJK_OR_DIGIT.match(nxt)
            and not _LABEL_LINE.match(nxt)
        )
        out = prev + nxt if runs_on else prev + "\n" + nxt
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a text; end marks inside brackets or quotes do not end a sentence."""
    text = _join_lines(text)
    out: list[str] = []
    start, depth = 0, 0
    for mark in _SENTENCE_MARKS.finditer(text):
        i, ch = mark.start(), mark.group(0)
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "\n" or (ch in _END and depth == 0):
            piece = text[start : i + 1].strip()
            if piece:
                out.append(piece)
            start, depth = i + 1, 0
    piece = text[start:].strip()
    if piece:
        out.append(piece)
    return out


def clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset, clause) pairs split at commas and semicolons outside brackets; offsets index the sentence."""
    out: list[tuple[int, str]] = []
    start, depth = 0, 0
    for mark in _CLAUSE_MARKS.finditer(sentence):  # (only the brackets and separators: a sentence is read often)
        i, ch = mark.start(), mark.group(0)
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_END and depth == 0 and not _THOUSANDS.match(sentence, i - 1):
            out.append((start, sentence[start:i]))
            start = i + 1
    if start < len(sentence):
        out.append((start, sentence[start:]))
    return [(o, c) for o, c in out if c.strip()]


def _runs_on(block: Block, nxt: Block) -> bool:
    """A PDF paragraph cut by a page break or a line the reader did not join (no end mark, a paragraph follows),
    or by a line it took for a numbered heading ("60.0%。" looks like "60." to it)."""
    text = block.text.rstrip()
    page, next_page = block.position.page, nxt.position.page
    if not text or text[-1] in _PARAGRAPH_END or block.kind != "paragraph" or page is None:
        return False
    if next_page not in (page, page + 1):
        return False
    if nxt.kind == "paragraph":  # a PDF line the reader did not join (a table beside it upset its margins)
        return True
    # A figure, or a "heading" that ends like a sentence ("一、二、三年级在校生552人。"): the line goes on.
    return bool(_FIGURE_START.match(nxt.text)) or nxt.text.rstrip()[-1:] in "。；;"


def _prose_cell(block: Block) -> bool:
    """A table cell that holds sentences ("全日制在校生3,210人，高级工班及以上在校生1,290人。"), not a value."""
    text = block.text.strip()
    return block.kind == "cell" and len(text) >= 12 and any(mark in text for mark in "，。；")


def document_sentences(doc: Document) -> list[Sentence]:
    """Every sentence of the body text in reading order, and of table cells written as sentences; a sentence
    split over two pages comes back whole. Split once per document, however many readers ask."""
    for held, sentences in _SPLIT:
        if held is doc and len(doc.blocks) == sentences[0]:
            return sentences[1]
    found = list(_split_document(doc))
    _SPLIT.insert(0, (doc, (len(doc.blocks), found)))
    del _SPLIT[_SPLIT_KEPT:]
    return found


_SPLIT: list[tuple[Document, tuple[int, list[Sentence]]]] = []  # the last documents split, newest first
_SPLIT_KEPT = 4


# The content cell of a two-column form ("在校学生 | 全日制在校生 968 人（不含短期培训学员）"): a phrase naming its own
# figure, read like a sentence.
_CONTENT = re.compile(r"[\u4e00-\u9fff]{4}[^\d]*\d")
# A cell of a column of statements that says something in words ("已在市人社局备案"), not a bare figure or mark.
_PHRASE = re.compile(r"[\u4e00-\u9fff]{4}")
# A figure that is not a year ("2025年未返还" counts nothing).
_COUNTED = re.compile(r"(?<!\d)(?!(?:19|20)\d\d年)\d")
# A column whose head says its cells state what is so ("核查项目 | 自查情况 | 存在问题", "评估项目 | 学校自评"): its
# content cells are phrases too, however wide the table.
_STATEMENT_HEAD = re.compile(
    r"^(?:学校|本校|具体|基本|实际|完成|执行|落实|工作)?(?:情况|自查情况|自评|自评情况|现状|说明|内容|完成情况)$"
)
# A short row label with no figure or mark of its own ("开设专业", "学徒人数").
_TOPIC_LABEL = re.compile(r"^[\u4e00-\u9fff（）()]{2,14}$")
# A row whose label says it holds a target ("年度绩效目标（文字） | 全年开展社会培训6 500人次"): no statement of fact.
_TARGET_ROW = re.compile(r"目标|计划|预期|预计|规划|拟")


def _split_document(doc: Document) -> Iterator[Sentence]:
    row_labels: dict[tuple[int | None, int | None], Block] = {}  # each table row's first cell
    widths: dict[int | None, int] = {}  # each table's number of columns
    stated: set[tuple[int | None, int | None]] = set()  # (table, column) of the columns of statements
    for b in (b for b in doc.blocks if b.kind == "cell"):
        key = (b.position.table, b.position.row)
        if key not in row_labels or (b.position.col or 0) < (row_labels[key].position.col or 0):
            row_labels[key] = b
        widths[b.position.table] = max(widths.get(b.position.table, 0), b.position.col or 0)
        if b.position.row in (0, 1) and _STATEMENT_HEAD.match(re.sub(r"\s+", "", b.text)):
            stated.add((b.position.table, b.position.col))
    for cell in doc.blocks:
        first = row_labels.get((cell.position.table, cell.position.row))
        label = first.text if first is not None and first is not cell else ""
        column = (cell.position.table, cell.position.col)
        content = first is not cell and (
            (widths.get(cell.position.table) == 2 and _CONTENT.search(cell.text))
            or (column in stated and _PHRASE.search(cell.text))
        )
        if (_prose_cell(cell) or content) and not _TARGET_ROW.search(label):
            # A form's row label says what its content counts ("开设专业 | 汽车维修、…，共5个"); in a wider table, what
            # a statement with no figure of its own is about ("技能等级认定 | … | 已在市人社局备案").
            topical = widths.get(cell.position.table) == 2 or (column in stated and not _COUNTED.search(cell.text))
            for k, sentence in enumerate(split_sentences(cell.text)):
                if not k and topical and _TOPIC_LABEL.match(label.strip()):
                    sentence = f"{label.strip()}，{sentence}"
                yield Sentence(sentence, cell)
    blocks = doc.text_blocks()
    i = 0
    while i < len(blocks):
        first = blocks[i]
        text = first.text
        while i + 1 < len(blocks) and _runs_on(blocks[i], blocks[i + 1]):
            i += 1
            text = text.rstrip() + blocks[i].text.lstrip()
        for sentence in split_sentences(text):
            yield Sentence(sentence, first)
        i += 1


_FORM_LINE = re.compile(r"^[^：:，。；]{2,30}[：:]\s*(?:[☑☐□√×✓✔✗■]|是|否|有|无|已|未|尚未|暂未)")


def is_form_line(text: str) -> bool:
    """'学校已建立党组织：否' is a form's line: its label is no statement, its mark is the answer."""
    return bool(_FORM_LINE.match(text.strip()))
