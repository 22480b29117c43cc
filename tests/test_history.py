"""Year over year: with an earlier year in the store, memos show the changes and the series come from the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from helpers.season import small_batch

from jigong.checks.plans import resolve
from jigong.pipeline.chinese import change
from jigong.pipeline.job import run
from jigong.pipeline.review.history import series
from jigong.pipeline.settings import Settings
from jigong.pipeline.store import Store

HUMEN = "东莞市虎门技工学校"


def test_change_words() -> None:
    assert change(320, "students_total") == "+320人"
    assert change(-0.4, "employment_rate") == "−0.4个百分点"
    assert change(0, "majors_total") == "持平"


def test_two_years_in_one_store_give_changes_in_the_memo_and_series(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "季度" / "jigong.sqlite"
    last = small_batch(tmp_path / "2024", 2024, {HUMEN: {"students_total": 5000, "employment_rate": 98.6}})
    run(Settings(last, out / "2024", today=dt.date(2025, 3, 3), store=store, workers=2))
    now = small_batch(tmp_path / "2025", 2025, {HUMEN: {"students_total": 5320, "employment_rate": 98.2}})
    report = run(Settings(now, out / "2025", today=dt.date(2026, 3, 2), store=store, workers=2))

    humen = next(s for s in report.result.schools if s.school_name == HUMEN)
    texts = {c.code: c.text for c in humen.changes}
    assert texts["students_total"] == "+320人"
    assert texts["employment_rate"] == "−0.4个百分点"
    memo = "\n".join(p.text for p in docx.Document(str(out / "2025" / "memos" / f"{HUMEN}.docx")).paragraphs)
    assert "与2024年度相比：" in memo
    assert "全日制在校生人数+320人（由5,000人增至5,320人）" in memo
    assert "毕业生就业率−0.4个百分点（由98.6%降至98.2%）" in memo
    city = {c.code: c for c in report.result.city_changes}
    assert city["students_total"].delta == 320  # the other schools did not change

    assert report.result.history["city"]["students_total"][-1][0] == 2025  # for the reports' trend charts
    # The city report and the HTML report show the change and the trend chart.
    city_doc = docx.Document(str(out / "2025" / "city.docx"))
    city_text = "\n".join(p.text for p in city_doc.paragraphs)
    assert "与2024年度相比" in city_text and "全日制在校生人数+320人" in city_text
    assert "2024—2025年度全市及各校主要比例" in city_text
    assert len(city_doc.inline_shapes) == 4  # three ratio charts and the trend
    html = (out / "2025" / "report.html").read_text(encoding="utf-8")
    assert "与2024年度相比" in html and "2024—2025年度全市及各校主要比例" in html
    with Store(store) as db:
        got = series(db, resolve(None, 2025))
    assert got.years == [2024, 2025]
    assert got.schools[HUMEN]["students_total"] == {2024: 5000.0, 2025: 5320.0}
    assert got.schools[HUMEN]["employment_rate"] == {2024: 98.6, 2025: 98.2}
    totals = got.city["students_total"]
    assert totals[2025] - totals[2024] == 320
    assert set(got.city) >= {"students_total", "employment_rate", "graduates"}
    data = got.to_json()
    assert data["schools"][HUMEN]["students_total"] == [[2024, 5000.0], [2025, 5320.0]]
