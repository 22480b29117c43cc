"""Extraction on text patterned on real published school reports (bench/realpattern): floors that CI holds.

The held-out set is not scored here: it is scored once, by hand, with `python -m bench.phrasing --set heldout`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.phrasing import run_set
from pipeline.extract import Extractor

EXTRACTOR = Extractor()


@pytest.mark.parametrize(
    ("name", "recall", "precision"),
    [("dev", 0.95, 0.995), ("tune", 0.90, 0.99)],
)
def test_real_phrasing_is_read_right_or_not_at_all(name: str, recall: float, precision: float, tmp_path: Path) -> None:
    score, _ = run_set(name, EXTRACTOR, tmp_path)
    assert score.recall >= recall, score.line() + "\n" + "\n".join(score.lines)
    assert score.precision >= precision, score.line() + "\n" + "\n".join(score.lines)
    sure = score.bands.get("≥ 0.90")
    assert sure is not None and sure["right"] / sum(sure.values()) >= 0.99  # confidence ≥ 0.9 means right


@pytest.mark.parametrize(
    "sentence",
    [
        "2025届毕业生就业洽谈会于12月26日举行。",
        "学校2025年9月开设新专业，2026届毕业生将于明年毕业。",
        "二〇二五年度，学校于2025年3月12日召开教代会。",
        "2023-2024学年，学校在校生规模稳定。",
        "学校始建于1986年，2025级新生已全部报到。",
        "第3届技能节于2025.9.1开幕，毕业生第1批离校。",
    ],
)
def test_no_value_ever_comes_from_a_date_a_year_or_a_cohort(sentence: str) -> None:
    from conftest import prose

    found = EXTRACTOR.extract([prose(sentence)], 2025)
    numeric = {c: v.value for c, v in found.items() if type(v.value) in (int, float)}
    assert numeric == {}
