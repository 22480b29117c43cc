"""Documents as a reader would give them, written in a line of a test."""

from __future__ import annotations

from jigong.pipeline.model import Block, Document, Position


def prose(*paragraphs: str, path: str = "报告.docx") -> Document:
    """A document made of plain paragraphs, as a Word reader would give it."""
    return Document(
        path=path,
        blocks=[Block(text, "paragraph", Position(paragraph=i)) for i, text in enumerate(paragraphs, start=1)],
    )
