"""A batch: find each school's files, read them, extract, check, and gather the results."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from checks.catalogue import Catalogue, load_catalogue
from checks.engine import evaluate_city, evaluate_school

from .errors import JigongError
from .extract import Extractor, school_names
from .model import BatchResult, Document, FileRecord, SchoolResult, Value
from .readers import ReadOptions, preconvert, read_record


@dataclass
class Submission:
    """One school's files as received: a sub-folder of the batch, plus loose files assigned to it."""

    folder: str
    records: list[FileRecord] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def add(self, record: FileRecord, document: Document | None) -> None:
        self.records.append(record)
        if document is not None:
            self.documents.append(document)


@dataclass
class Loose:
    record: FileRecord
    document: Document | None


def _files(folder: Path) -> list[Path]:
    """Every entry below a folder, sorted; links are listed but never followed."""
    out = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or path.is_file():
            out.append(path)
    return out


def _read(path: Path, root: Path, options: ReadOptions | None = None) -> tuple[FileRecord, Document | None]:
    rel = path.relative_to(root).as_posix()
    if path.is_symlink():
        return FileRecord(path=rel, status="skipped", error="符号链接，出于安全考虑未读取，请报送文件本身。"), None
    return read_record(path, rel, options)


def collect(batch: Path, options: ReadOptions | None = None) -> tuple[list[Submission], list[Loose]]:
    """Read every file of a batch folder: one submission per sub-folder, and the loose top-level files."""
    if not batch.is_dir():
        raise JigongError(f"{batch}：报送材料目录不存在或不是文件夹，请检查路径。")
    entries = sorted(batch.iterdir())
    if options is not None:
        # Every legacy file of the batch goes through LibreOffice in one call before any file is read.
        everything = [p for e in entries for p in (_files(e) if e.is_dir() and not e.is_symlink() else [e])]
        preconvert(everything, options)
    submissions: list[Submission] = []
    loose: list[Loose] = []
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            sub = Submission(folder=entry.name)
            for path in _files(entry):
                sub.add(*_read(path, batch, options))
            submissions.append(sub)
        else:
            loose.append(Loose(*_read(entry, batch, options)))
    return submissions, loose


def _name_of(sub: Submission, indicators: dict[str, Value]) -> str:
    if "school_name" in indicators:
        return str(indicators["school_name"].value)
    named = school_names(sub.folder)
    if named:
        return named[0]
    if sub.folder:
        return sub.folder
    return Path(sub.records[0].path).stem if sub.records else "未命名学校"


def assign_loose(
    submissions: list[Submission], names: list[str], loose: list[Loose], extractor: Extractor
) -> tuple[list[FileRecord], set[int]]:
    """Give each loose file to the school it names (file name first, then content).

    Returns the files no school could be found for, and the indexes of the submissions that grew.
    """
    by_name: dict[str, int] = {}
    for i, (sub, name) in enumerate(zip(submissions, names, strict=True)):
        by_name.setdefault(name, i)
        by_name.setdefault(sub.folder, i)
    unplaced: list[FileRecord] = []
    grown: set[int] = set()
    for item in loose:
        stem = Path(item.record.path).stem
        found = [n for n in by_name if n and n in stem] or school_names(stem)
        if not found and item.document is not None:
            stated = extractor.extract([item.document]).get("school_name")
            found = [str(stated.value)] if stated is not None else []
        if not found:
            item.record.error = item.record.error or "未能从文件名或内容确定所属学校，请人工归档。"
            unplaced.append(item.record)
            continue
        name = max(found, key=len)
        if name not in by_name:
            by_name[name] = len(submissions)
            submissions.append(Submission(folder=""))
        submissions[by_name[name]].add(item.record, item.document)
        grown.add(by_name[name])
    return unplaced, grown


@dataclass
class BatchRun:
    """The outcome of a batch run: the results and the files that belong to no school."""

    result: BatchResult
    unplaced: list[FileRecord]


def run_batch(
    batch: Path,
    year: int | None = None,
    catalogue: Catalogue | None = None,
    now: dt.datetime | None = None,
    options: ReadOptions | None = None,
) -> BatchRun:
    """Read → extract → check a whole batch folder; never raises for a school's bad file."""
    catalogue = catalogue or load_catalogue()
    extractor = Extractor()
    submissions, loose = collect(batch, options)
    extracted = [extractor.extract(sub.documents, year) for sub in submissions]
    names = [_name_of(sub, ind) for sub, ind in zip(submissions, extracted, strict=True)]
    unplaced, grown = assign_loose(submissions, names, loose, extractor)
    for i in sorted(grown):  # only the schools that received loose files are extracted again
        if i < len(extracted):
            extracted[i] = extractor.extract(submissions[i].documents, year)
        else:
            extracted.append(extractor.extract(submissions[i].documents, year))
    if year is None:
        stated = Counter(int(ind["report_year"].value) for ind in extracted if "report_year" in ind)
        year = stated.most_common(1)[0][0] if stated else (now or dt.datetime.now()).year - 1
    schools: list[SchoolResult] = []
    for sub, indicators in zip(submissions, extracted, strict=True):
        school = SchoolResult(
            school_name=_name_of(sub, indicators), folder=sub.folder, files=sub.records, indicators=indicators
        )
        school.findings = evaluate_school(catalogue, indicators, year)
        schools.append(school)
    stamp = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    result = BatchResult(year=year, generated_at=stamp, plan=catalogue.plan, schools=schools)
    result.city = evaluate_city(catalogue, schools, year)
    return BatchRun(result=result, unplaced=unplaced)
