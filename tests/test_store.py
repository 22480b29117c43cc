"""The store: numbered migrations, and the stage dataclasses round-tripping through it and through pickling."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest

from jigong.pipeline.errors import StoreError
from jigong.pipeline.extract.candidates import Candidate
from jigong.pipeline.model import Block, Document, Evidence, Position, Value
from jigong.pipeline.store import Store, codec
from jigong.pipeline.store.migrations import STEPS, migrate, version


def _document() -> Document:
    return Document(
        path="学校/统计表.docx",
        blocks=[
            Block("就业率：96.2%", "cell", Position(table=1, row=12, col=2)),
            Block("一、基本情况", "heading", Position(paragraph=3), level=1),
            Block("扫描页文字", "paragraph", Position(page=2), confidence=0.81),
        ],
    )


def test_documents_and_candidates_round_trip_through_json_and_pickle() -> None:
    doc = _document()
    ev = Evidence(file=doc.path, quote="就业率：96.2%", page=None, locator="表1 第12行第2列", ocr_confidence=0.9)
    cands = [
        Candidate("employment_rate", 96.2, 0.95, ev),
        Candidate("mgmt_rules", ["教学管理", "学生管理"], 0.9, ev, approximate=True),
    ]
    value = Value("students_total", 3210, "人", 1.0, [ev], conflict=True)
    for obj in (doc, cands, value):
        back = codec.unpack(codec.pack(obj))
        assert back == obj
        assert pickle.loads(pickle.dumps(obj)) == obj
    positions = {b.position for b in codec.loads(codec.dumps(doc)).blocks}  # frozen dataclasses stay hashable
    assert Position(table=1, row=12, col=2) in positions


def test_a_new_store_is_at_the_newest_step_and_an_old_one_is_migrated(tmp_path: Path) -> None:
    store = Store(tmp_path / "jigong.sqlite")
    assert store.version == len(STEPS) == version(store.conn)
    store.close()
    conn = sqlite3.connect(str(tmp_path / "jigong.sqlite"), isolation_level=None)
    extra = (*STEPS, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);")
    assert migrate(conn, extra) == len(STEPS) + 1  # only the new step runs
    assert conn.execute("SELECT COUNT(*) FROM notes").fetchone() == (0,)
    assert migrate(conn, extra) == len(STEPS) + 1  # and never twice
    conn.close()


def test_a_store_newer_than_the_program_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(str(tmp_path / "jigong.sqlite"), isolation_level=None)
    migrate(conn, (*STEPS, "SELECT 1;"))
    conn.close()
    with pytest.raises(StoreError, match="请升级 jigong"):
        Store(tmp_path / "jigong.sqlite")


def test_a_damaged_store_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "jigong.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="无法打开审查数据库"):
        Store(tmp_path / "jigong.sqlite")


def test_readings_are_cached_per_ocr_runtime(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenVINO and onnxruntime may read a scan a little differently: a reading made by one is not reused by the
    other (the reading key names the runtime and its version)."""
    from jigong.pipeline.store import cache

    cache.reader_key.cache_clear()
    try:
        default = cache.reader_key()
        monkeypatch.setenv("JIGONG_OCR_RUNTIME", "onnxruntime")
        cache.reader_key.cache_clear()
        assert cache.reader_key() != default
        monkeypatch.delenv("JIGONG_OCR_RUNTIME")
        cache.reader_key.cache_clear()
        assert cache.reader_key() == default
    finally:
        cache.reader_key.cache_clear()
