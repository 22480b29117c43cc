"""One school's extraction, the same for `jigong run` and `jigong extract`: each file read in its own context,
then every reading merged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.extract.candidates import Candidate, merge
from jigong.pipeline.extract.relations import fill, reject
from jigong.pipeline.model import Document, Value

if TYPE_CHECKING:
    from jigong.pipeline.extract import Extractor


def file_candidates(extractor: Extractor, document: Document, year: int | None) -> list[Candidate]:
    """The one call into extraction for one file: read against the context (year, the school's own names)
    that this file and its path give, with the year of the run when one was given."""
    return extractor.candidates(document, extractor.context([document], year))


def merge_school(candidates: list[Candidate], dictionary: dict[str, Indicator]) -> dict[str, Value]:
    """One value per indicator from every reading of a school's files: readings the other indicators contradict
    are dropped, the readings merged, and what the values imply filled in."""
    values = merge(reject(candidates), dictionary)
    fill(values, dictionary)
    return values


def extract_school(extractor: Extractor, documents: list[Document], year: int | None) -> dict[str, Value]:
    """Every indicator of one school's documents."""
    found: list[Candidate] = []
    for document in documents:
        found += file_candidates(extractor, document, year)
    return merge_school(found, extractor.dictionary)
