"""Extraction: every indicator a school's documents state, each with its evidence and a confidence."""

from __future__ import annotations

from ..indicators import Indicator, load_dictionary
from ..model import Document, Value
from .booleans import party_org, statements, textbooks
from .candidates import REVIEW_THRESHOLD, Candidate, merge
from .prose import ProseReader, school_names, title_facts
from .tables import from_tables, label_index

__all__ = ["REVIEW_THRESHOLD", "SCOPE", "Extractor", "school_names"]

# The indicators this version extracts; the rest of the dictionary follows once each is tested.
SCOPE = (
    "school_name",
    "school_type",
    "report_year",
    "students_total",
    "students_senior",
    "senior_ratio",
    "majors_total",
    "majors_coop",
    "coop_ratio",
    "graduates",
    "graduates_employed",
    "employment_rate",
    "party_org_established",
    "principal_responsibility",
    "ideology_course_full",
    "textbook_politics",
    "textbook_chinese",
    "textbook_history",
)


class Extractor:
    """Built once per run (label patterns compiled once), then applied to each school's documents."""

    def __init__(self, dictionary: dict[str, Indicator] | None = None, codes: tuple[str, ...] = SCOPE) -> None:
        full = dictionary or load_dictionary()
        self.dictionary = {code: full[code] for code in codes}
        # Every label is known to the tables, so that an out-of-scope label is never read as a value.
        self.index = label_index(full)
        self.prose = ProseReader(full)

    def candidates(self, doc: Document, year: int | None = None) -> list[Candidate]:
        found = from_tables(doc, self.dictionary, self.index)
        found += title_facts(doc, self.dictionary)
        if year is None:
            # Figures of other years are refused by the year they name, so learn this file's year first.
            years = [int(str(c.value)) for c in found if c.code == "report_year"]
            year = max(set(years), key=years.count) if years else None
        found += self.prose.read(doc, year)
        found += party_org(doc)
        found += textbooks(doc)
        found += statements(doc)
        return [c for c in found if c.code in self.dictionary]

    def extract(self, docs: list[Document], year: int | None = None) -> dict[str, Value]:
        """One value per indicator over all of a school's documents."""
        found: list[Candidate] = []
        for doc in docs:
            found += self.candidates(doc, year)
        return merge(found, self.dictionary)
