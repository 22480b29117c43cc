"""Sentences and clauses of a document's prose, with sentences that a PDF page break cut in two joined again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Block, Document

_END = "。！？!?"
_OPEN, _CLOSE = "（(“‘「《", "）)”’」》"
_CLAUSE_END = "，,；;"
# A paragraph that stops on one of these has ended; one that stops on anything else runs on (a page break).
_PARAGRAPH_END = "。！？!?；;：:）)”」"
_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff\d０-９]")
# A line shorter than this that ends without punctuation is a line of its own (a list item, a title).
_WRAPPED_LINE = 12
# A comma between digits groups thousands (1,150 / １，１５０); it does not end a clause.
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
        )
        out = prev + nxt if runs_on else prev + "\n" + nxt
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a text; end marks inside brackets or quotes do not end a sentence."""
    text = _join_lines(text)
    out: list[str] = []
    start, depth = 0, 0
    for i, ch in enumerate(text):
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
    for i, ch in enumerate(sentence):
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
    """A paragraph cut by a page break: no end mark, and the next page goes on with a paragraph."""
    text = block.text.rstrip()
    page, next_page = block.position.page, nxt.position.page
    return (
        bool(text)
        and text[-1] not in _PARAGRAPH_END
        and block.kind == "paragraph"
        and nxt.kind == "paragraph"
        and page is not None
        and next_page == page + 1
    )


def document_sentences(doc: Document) -> Iterator[Sentence]:
    """Every sentence of the body text in reading order; a sentence split over two pages comes back whole."""
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
