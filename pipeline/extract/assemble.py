"""A batch's files put together school by school: each school's values merged from the readings of its files,
a loose file given to the school it names, and the report year when the inspector gave none."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jigong.pipeline.dictionary import Indicator, load_dictionary
from jigong.pipeline.extract import SCOPE, school_names
from jigong.pipeline.extract.candidates import Candidate
from jigong.pipeline.extract.school import merge_school
from jigong.pipeline.model import FileRecord, Value


@dataclass
class SchoolFile:
    """One file as extraction left it: where it came in, what became of it, and its candidate readings."""

    folder: str | None  # the batch's sub-folder it came in; None: loose at the top of the batch
    record: FileRecord
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class Submission:
    """One school's files as received: a sub-folder of the batch, plus loose files given to it; its values."""

    folder: str
    files: list[SchoolFile] = field(default_factory=list)
    values: dict[str, Value] = field(default_factory=dict)
    name: str = ""  # as the submission states it (else its folder's): the roster may still put another

    @property
    def records(self) -> list[FileRecord]:
        return [f.record for f in self.files]

    @property
    def candidates(self) -> list[Candidate]:
        return [c for f in self.files for c in f.candidates]


@dataclass
class Assembled:
    """What extraction makes of a batch: the schools' submissions, the files no school could be found for, and
    the year under review."""

    submissions: list[Submission]
    unplaced: list[FileRecord]
    year: int


def scope() -> dict[str, Indicator]:
    """The indicators extraction covers, in the order results.json lists them."""
    full = load_dictionary()
    return {code: full[code] for code in SCOPE}


def assemble(files: list[SchoolFile], year: int | None, today: dt.date) -> Assembled:
    """Each school's files and merged values; the year is the one given, else the one most submissions state,
    else the year before `today`."""
    dictionary = scope()
    by_folder: dict[str, Submission] = {}
    loose: list[SchoolFile] = []
    for item in files:
        if item.folder is None:
            loose.append(item)
        else:
            by_folder.setdefault(item.folder, Submission(folder=item.folder)).files.append(item)
    submissions = list(by_folder.values())
    for sub in submissions:
        sub.values = merge_school(sub.candidates, dictionary)
        sub.name = _name_of(sub)
    unplaced, grown = assign_loose(submissions, loose, dictionary)
    for sub in grown:  # only the schools that received loose files are merged again
        sub.values = merge_school(sub.candidates, dictionary)
        sub.name = _name_of(sub)
    if year is None:
        years = [sub.values["report_year"] for sub in submissions if "report_year" in sub.values]
        stated = Counter(int(v.value) for v in years if not v.undecided)
        year = stated.most_common(1)[0][0] if stated else today.year - 1
    return Assembled(submissions, unplaced, year)


def _name_of(sub: Submission) -> str:
    stated = sub.values.get("school_name")
    if stated is not None and not stated.undecided:
        return str(stated.value)
    named = school_names(sub.folder)
    if named:
        return named[0]
    if sub.folder:
        return sub.folder
    return Path(sub.files[0].record.path).stem if sub.files else "未命名学校"


def assign_loose(
    submissions: list[Submission], loose: list[SchoolFile], dictionary: dict[str, Indicator]
) -> tuple[list[FileRecord], list[Submission]]:
    """Give each loose file to the school it names (file name first, then content); a school found only this
    way gets a submission of its own.

    Returns the files no school could be found for, and the submissions that grew, in their order.
    """
    by_name: dict[str, Submission] = {}
    for sub in submissions:
        by_name.setdefault(sub.name, sub)
        by_name.setdefault(sub.folder, sub)
    unplaced: list[FileRecord] = []
    grown: list[Submission] = []
    for item in loose:
        # An archive's member keeps the archive's name in front: 东莞市滨海技工学校.zip/年度报告
        stem = str(Path(item.record.path).with_suffix(""))
        found = [n for n in by_name if n and n in stem] or school_names(stem)
        if not found and item.candidates:
            stated = merge_school(item.candidates, dictionary).get("school_name")
            found = [str(stated.value)] if stated is not None and not stated.undecided else []
        if not found:
            item.record.error = item.record.error or "未能从文件名或内容确定所属学校，请人工归档。"
            unplaced.append(item.record)
            continue
        name = max(found, key=len)
        if name not in by_name:
            by_name[name] = Submission(folder="")
            submissions.append(by_name[name])
        by_name[name].files.append(item)
        if by_name[name] not in grown:
            grown.append(by_name[name])
    return unplaced, grown
