"""Per-file caches in the store: a file's reading and its candidate readings, keyed by content and tool version."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from jigong.pipeline.extract.candidates import Candidate
from jigong.pipeline.model import Document, FileRecord
from jigong.pipeline.store import Store, codec

PIPELINE = Path(__file__).resolve().parents[1]
# Options that do not change what a reader makes of a file (where to cache, how long to wait, what was done ahead).
_NEUTRAL_OPTIONS = {"converted", "cache_dir", "convert_timeout", "passwords", "ocr_locks", "ocr_slots"}


def _tree_digest(paths: list[Path], libraries: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(PIPELINE).as_posix().encode())
        digest.update(path.read_bytes())
    for name in libraries:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()[:16]


def _sources(folder: str) -> list[Path]:
    root = PIPELINE / folder
    return [p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".txt", ".yaml", ".json"}]


@cache
def reader_key() -> str:
    """Changes whenever the readers' code, the document model, a reading library or the OCR runtime changes."""
    libraries = ["pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "openpyxl", "rapidocr", "onnxruntime"]
    if os.environ.get("JIGONG_OCR_RUNTIME") != "onnxruntime":  # see readers/ocr.py: OpenVINO unless told otherwise
        libraries.append("openvino")
    return _tree_digest([*_sources("readers"), PIPELINE / "model.py"], tuple(libraries))


@cache
def extractor_key() -> str:
    """Changes whenever the extraction code, the data dictionary or the document model changes."""
    return _tree_digest(
        [*_sources("extract"), PIPELINE / "indicators.yaml", PIPELINE / "dictionary.py", PIPELINE / "model.py"],
        ("jieba",),
    )


def options_key(options: Any, rel: str) -> str:
    """The read options that matter for this file (OCR settings, its password), as a short digest."""
    if options is None:
        return "-"
    fields: dict[str, Any] = {}
    if dataclasses.is_dataclass(options):
        fields = {f.name: getattr(options, f.name) for f in dataclasses.fields(options)}
    fields = {k: v for k, v in fields.items() if k not in _NEUTRAL_OPTIONS}
    password_for = getattr(options, "password_for", None)
    password = password_for(rel) if callable(password_for) else None
    fields["password"] = hashlib.sha256(password.encode()).hexdigest() if password else None
    text = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclasses.dataclass(frozen=True)
class Keys:
    """The cache keys of one file: its reading, and its candidates (which also depend on name and year)."""

    sha256: str
    read: str
    extract: str

    @classmethod
    def of(cls, sha256: str, rel: str, options: Any, year: int | None) -> Keys:
        read = f"{reader_key()}:{options_key(options, rel)}"
        extract = hashlib.sha256(json.dumps([extractor_key(), read, year, rel], ensure_ascii=False).encode())
        return cls(sha256=sha256, read=read, extract=extract.hexdigest()[:24])


class FileCache:
    """Readings and candidate readings already made, looked up by a file's content hash."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def reading(self, keys: Keys, rel: str, size: int) -> tuple[FileRecord, Document | None] | None:
        row = self.store.conn.execute(
            "SELECT status, error, kind, document FROM read_cache WHERE sha256 = ? AND reader_key = ?",
            (keys.sha256, keys.read),
        ).fetchone()
        if row is None:
            return None
        status, error, kind, blob = row
        record = FileRecord(path=rel, status=status, error=error or "", kind=kind or "", size=size, sha256=keys.sha256)
        document = codec.unpack(blob) if blob is not None else None
        if document is not None:
            document.path = rel
        return record, document

    def has_reading(self, keys: Keys) -> bool:
        row = self.store.conn.execute(
            "SELECT 1 FROM read_cache WHERE sha256 = ? AND reader_key = ?", (keys.sha256, keys.read)
        ).fetchone()
        return row is not None

    def record(self, keys: Keys, rel: str, size: int) -> FileRecord | None:
        row = self.store.conn.execute(
            "SELECT status, error, kind FROM read_cache WHERE sha256 = ? AND reader_key = ?", (keys.sha256, keys.read)
        ).fetchone()
        if row is None:
            return None
        return FileRecord(path=rel, status=row[0], error=row[1] or "", kind=row[2] or "", size=size, sha256=keys.sha256)

    def candidates(self, keys: Keys) -> list[Candidate] | None:
        row = self.store.conn.execute(
            "SELECT candidates FROM candidate_cache WHERE sha256 = ? AND key = ?", (keys.sha256, keys.extract)
        ).fetchone()
        return None if row is None else list(codec.unpack(row[0]))

    def save_reading(
        self, keys: Keys, record: FileRecord, document: Document | None, seconds: float, packed: bytes | None = None
    ) -> None:
        """`packed`: the document already packed (by the worker that read it)."""
        blob = packed if packed is not None else codec.pack(document) if document is not None else None
        self.store.conn.execute(
            "INSERT OR REPLACE INTO read_cache VALUES (?, ?, ?, ?, ?, ?, ?)",
            (keys.sha256, keys.read, record.status, record.error, record.kind, blob, seconds),
        )

    def save_candidates(
        self, keys: Keys, candidates: list[Candidate], seconds: float, packed: bytes | None = None
    ) -> None:
        blob = packed if packed is not None else codec.pack(candidates)
        self.store.conn.execute(
            "INSERT OR REPLACE INTO candidate_cache VALUES (?, ?, ?, ?)", (keys.sha256, keys.extract, blob, seconds)
        )


def cached_document(store: Store, sha256: str) -> Document | None:
    """The reading of a file kept in the store, by its content (this version's reading first, else the latest)."""
    rows = store.conn.execute(
        "SELECT reader_key, document FROM read_cache WHERE sha256 = ? AND document IS NOT NULL ORDER BY rowid DESC",
        (sha256,),
    ).fetchall()
    rows.sort(key=lambda r: r[0] != reader_key())
    return codec.unpack(rows[0][1]) if rows else None
