"""Extraction: every indicator a school's documents state, each with its evidence and a confidence."""

from __future__ import annotations

from collections import Counter

from jigong.pipeline.dictionary import Indicator, load_dictionary
from jigong.pipeline.extract import segment, sets
from jigong.pipeline.extract.basics import school_names, title_facts
from jigong.pipeline.extract.booleans import form_lines, form_rows, party_org, statements, textbooks
from jigong.pipeline.extract.candidates import Candidate
from jigong.pipeline.extract.context import Context
from jigong.pipeline.extract.figures import FigureReader
from jigong.pipeline.extract.grid import GridReader
from jigong.pipeline.extract.majors import from_majors_tables
from jigong.pipeline.extract.school import extract_school
from jigong.pipeline.extract.scorecards import from_scorecards
from jigong.pipeline.extract.tables import from_tables, label_index, normalise_label
from jigong.pipeline.model import REVIEW_THRESHOLD, Document, Value

__all__ = ["REVIEW_THRESHOLD", "SCOPE", "Context", "Extractor", "school_names"]

# Every code of the data dictionary is extracted.
SCOPE: tuple[str, ...] = tuple(load_dictionary())
_BASICS = ("school_name", "school_type", "school_category", "report_year")


class Extractor:
    """Built once per run (labels compiled, jieba loaded on first use), then applied to each school's documents."""

    def __init__(self, dictionary: dict[str, Indicator] | None = None, codes: tuple[str, ...] | None = None) -> None:
        full = dictionary or load_dictionary()
        self.full = full
        self.dictionary = dict(full) if codes is None else {code: full[code] for code in codes}
        # Every label is known to the tables, so that a label of another indicator is never read as a value.
        self.index = label_index(full)
        self.prose = FigureReader(full)
        self.grid = GridReader()
        # jieba (word boundaries of weak heads) is loaded here, when a worker starts, not inside a file's time limit.
        segment.tokenizer()
        self.set_labels = {normalise_label(label) for label in full[sets.CODE].all_labels}

    def context(self, docs: list[Document], year: int | None = None) -> Context:
        """The submission's year (as given, else as its files state it) and the names it gives itself."""
        basics = {code: self.full[code] for code in _BASICS}
        found: list[Candidate] = []
        for doc in docs:
            found += title_facts(doc, basics)
            found += from_tables(doc, basics, self.index)
        if year is None:
            years = Counter(int(str(c.value)) for c in found if c.code == "report_year")
            year = years.most_common(1)[0][0] if years else None
        names = tuple(dict.fromkeys(str(c.value) for c in found if c.code == "school_name"))
        # The school's folder or the file's name names it too ("东莞市松湖高级技工学校/2025年度工作总结.docx").
        names += tuple(n for doc in docs for n in school_names(doc.path) if n not in names)
        return Context(year=year, own_names=names)

    def candidates(self, doc: Document, ctx: Context | None = None) -> list[Candidate]:
        """Every reading of every indicator in one document."""
        ctx = ctx or self.context([doc])
        grid = self.grid  # (its captions of this document are found once, for both table readers)
        found = from_tables(doc, self.full, self.index, ctx, grid.off_topic_in(doc), grid.header, grid.captions(doc))
        found += self.grid.read(doc, ctx, self.full)
        found += from_scorecards(doc, ctx, self.full, self.index, self.grid.concept)
        found += from_majors_tables(doc)
        found += sets.from_tables(doc, self.set_labels)
        found += title_facts(doc, self.full, self.index)
        found += self.prose.read(doc, ctx)
        found += party_org(doc)
        found += textbooks(doc, ctx)
        found += statements(doc, ctx)
        found += form_rows(doc, self.index)
        found += form_lines(doc, self.index)
        found += sets.from_prose(doc)
        return [c for c in found if c.code in self.dictionary]

    def extract(self, docs: list[Document], year: int | None = None) -> dict[str, Value]:
        """One value per indicator over all of a school's documents: the batch's own path (school.py)."""
        return extract_school(self, docs, year)
