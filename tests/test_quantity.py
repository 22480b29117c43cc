"""The number grammar (pipeline/extract/quantity.py) against the table in tests/data/quantities.yaml."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jigong.pipeline.extract.quantity import Quantity, chinese_integer, find_quantities

TABLE = [
    {"t": str(row["t"]), "q": row["q"]}  # a bare 2025 or 0.5 in YAML is a number: the text is its string
    for row in yaml.safe_load((Path(__file__).parent / "data" / "quantities.yaml").read_text(encoding="utf-8"))
]
FIGURES = {"count", "percent", "money"}
CALENDAR = {"date", "year", "cohort", "school_year"}
KINDS = FIGURES | CALENDAR | {"ratio", "points", "ordinal", "duration", "plain"}


def _expected(item: Any) -> dict[str, Any]:
    out = dict(zip(("s", "v", "u", "k"), item, strict=True)) if isinstance(item, list) else dict(item)
    out["s"] = str(out["s"])
    return out


def _close(got: float, want: float) -> bool:
    if math.isinf(want):
        return math.isinf(got)
    return got == pytest.approx(want, rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("row", TABLE, ids=[f"{i:03d}-{row['t'][:16]}" for i, row in enumerate(TABLE)])
def test_table(row: dict[str, Any]) -> None:
    text = row["t"]
    want = [_expected(item) for item in row["q"]]
    got = find_quantities(text)
    assert [q.text for q in got] == [w["s"] for w in want], [(q.text, q.kind) for q in got]
    cursor = 0
    for q, w in zip(got, want, strict=True):
        place = text.index(w["s"], cursor)
        assert (q.start, q.end) == (place, place + len(w["s"]))
        cursor = q.end
        assert _close(q.value, w["v"]), q
        for key, field in (("u", "unit"), ("k", "kind"), ("approx", "approx"), ("bound", "bound"), ("weak", "weak")):
            if key in w:
                assert getattr(q, field) == w[key], (field, q)
        for key in ("low", "high"):
            if key in w:
                assert _close(getattr(q, key), w[key]), (key, q)


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 220


def _invariants(text: str, found: list[Quantity]) -> None:
    end = 0
    for q in found:
        assert 0 <= end <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in KINDS
        assert q.low <= q.value <= q.high or q.kind in {"ratio"}, q
        assert q.bound in {"", "at_least", "at_most"}
        assert q.exact == (not q.approx and q.low == q.high)
        end = q.end
    calendar = [q for q in found if q.kind in CALENDAR]
    for q in found:
        if q.kind in FIGURES:
            assert not any(c.start < q.end and q.start < c.end for c in calendar)


@pytest.mark.parametrize("row", TABLE[:: max(1, len(TABLE) // 40)], ids=lambda row: row["t"][:16])
def test_offsets_and_no_figure_overlaps_a_date(row: dict[str, Any]) -> None:
    _invariants(row["t"], find_quantities(row["t"]))


def test_dates_years_and_cohorts_never_give_counts() -> None:
    text = "2025届毕业生于2025年9月1日返校，12月26日、2025.9、2025-09-01、2023-2024学年、二〇二五年度均非人数"
    found = find_quantities(text)
    assert {q.kind for q in found} <= CALENDAR
    assert not any(q.kind == "count" and q.value in {2025, 12, 26, 9, 1} for q in found)


def test_exact_is_not_approximate_and_a_point() -> None:
    (q,) = find_quantities("在校生3,214人")
    assert q.exact and q.low == q.high == 3214
    (q,) = find_quantities("在校生3.1万人")
    assert not q.exact and q.low == 30500 and q.high == 31500
    (q,) = find_quantities("收入79.53万元")
    assert not q.approx and not q.exact  # stated in 万元, known to 100元


@pytest.mark.parametrize(
    ("text", "value"),
    [("十二", 12), ("二十", 20), ("一千二", 1200), ("三万五", 35000), ("一万零五", 10005), ("一亿二", 120000000)],
)
def test_chinese_integers(text: str, value: int) -> None:
    assert chinese_integer(text) == value


@pytest.mark.parametrize("text", ["", "十百", "三四", "万万", "亿万亿", "零零", "百十"])
def test_chinese_non_numerals(text: str) -> None:
    assert chinese_integer(text) is None


_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９,，.．%％‰ \u00a0\u2009\u3000-—～~至到:∶：/")
    + list("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬几数上近约余多第分之成点")
    + list("年月日号届级度学人名个家元项次场所期次百分点以上下左右不足超过逾校生教师AaG")
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(_ALPHABET, max_size=40))
def test_never_raises_and_offsets_hold_on_number_like_text(text: str) -> None:
    _invariants(text, find_quantities(text))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_never_raises_on_any_text(text: str) -> None:
    _invariants(text, find_quantities(text))
