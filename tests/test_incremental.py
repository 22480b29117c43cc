"""Incremental runs: only files whose content changed are read again; unchanged memos are not rendered again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from helpers.results import validate_results
from helpers.season import form_name, small_batch, write_school

from jigong.pipeline.job import run
from jigong.pipeline.settings import Settings
from jigong.pipeline.store import Store

DAY = dt.date(2026, 3, 2)


def _results(out: Path) -> dict:
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate_results(data)
    data.pop("generated_at")
    return data


def test_a_rerun_reads_only_the_files_that_changed(tmp_path: Path) -> None:
    batch, out = small_batch(tmp_path / "batch"), tmp_path / "out"
    first = run(Settings(batch, out, today=DAY, workers=2))
    assert (first.stats.read, first.stats.from_store) == (3, 0)
    # three memos, the summary (.docx, .xlsx), the city report and the HTML report
    assert first.rendered == 7 and first.reused == 0
    before = _results(out)

    same = run(Settings(batch, out, today=DAY, workers=2))
    assert (same.stats.read, same.stats.extracted, same.stats.from_store) == (0, 0, 3)
    assert same.rendered == 0 and same.reused == 7
    assert _results(out) == before

    # One school resends its form with another employment rate: that file alone is read again.
    write_school(batch, "东莞市虎门技工学校", employment_rate=91.5)
    changed = run(Settings(batch, out, today=DAY, workers=2))
    assert changed.stats.read == 1 and changed.stats.from_store == 2
    assert changed.stats.read_paths == [f"东莞市虎门技工学校/{form_name('东莞市虎门技工学校', 2025)}"]
    assert changed.rendered == 5 and changed.reused == 2  # its memo and the four batch documents
    data = _results(out)
    school = next(s for s in data["schools"] if s["school_name"] == "东莞市虎门技工学校")
    assert school["indicators"]["employment_rate"]["value"] == 91.5

    # A memo deleted (or edited) by hand is written again even though nothing feeding it changed.
    (out / "memos" / "东莞市东城技工学校.docx").unlink()
    again = run(Settings(batch, out, today=DAY, workers=2))
    assert again.rendered == 1 and (out / "memos" / "东莞市东城技工学校.docx").is_file()

    with Store(out / "jigong.sqlite") as store:
        runs = store.conn.execute("SELECT files_read, files_cached FROM runs ORDER BY id").fetchall()
        assert runs == [(3, 0), (0, 3), (1, 2), (0, 3)]
        cached = dict(store.conn.execute("SELECT school, cached FROM files WHERE run_id = 3").fetchall())
        assert cached == {"东莞市东城技工学校": 1, "东莞市虎门技工学校": 0, "东莞市石龙技师学院": 1}


def test_a_new_extractor_extracts_again_from_the_stored_reading(tmp_path: Path, monkeypatch) -> None:
    batch, out = small_batch(tmp_path / "batch"), tmp_path / "out"
    run(Settings(batch, out, today=DAY, workers=1))
    before = _results(out)
    monkeypatch.setattr("jigong.pipeline.store.cache.extractor_key", lambda: "another-version")
    rerun = run(Settings(batch, out, today=DAY, workers=1))
    assert (rerun.stats.read, rerun.stats.extracted, rerun.stats.from_store) == (0, 3, 0)
    assert _results(out) == before


def test_without_the_store_cache_the_same_results_come_out(tmp_path: Path) -> None:
    batch = small_batch(tmp_path / "batch")
    run(Settings(batch, tmp_path / "out", today=DAY, workers=2))
    cached = run(Settings(batch, tmp_path / "out", today=DAY, workers=2))
    assert cached.stats.from_store == cached.stats.total > 0
    fresh = run(Settings(batch, tmp_path / "fresh", today=DAY, workers=1))  # a store of its own: all read again
    assert fresh.stats.read == fresh.stats.total
    assert _results(tmp_path / "fresh") == _results(tmp_path / "out")
