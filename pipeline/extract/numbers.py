"""Figures as the extractor uses them: a thin adapter over the number grammar in quantity.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jigong.pipeline.extract.quantity import Quantity, chinese_number, find_quantities

# One-to-one replacements, so that offsets in the normalised text are offsets in the original.
_FOLD = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": ".", "\u00a0": " ", "\u3000": " "}
)
# The kinds that can be an indicator's figure; years, dates, cohorts, ratios, ordinals, durations and
# percentage points (a difference, never a rate) cannot.
FIGURE_KINDS = frozenset({"count", "percent", "money", "plain"})


@dataclass(frozen=True)
class Number:
    """A figure found in text: its value, unit as written, and where it stood."""

    value: float
    unit: str
    start: int
    end: int
    approximate: bool = False
    at_least: bool = False  # "98%以上", "3,000余人": a floor, not the figure itself
    weak: bool = False  # a lone 一/两 with a unit ("一个", "两家"): a count only right after its label

    @property
    def is_int(self) -> bool:
        return float(self.value).is_integer()


def fold(text: str) -> str:
    """Full-width digits, signs and spaces to ASCII, length unchanged."""
    return text.translate(_FOLD)


def chinese_to_number(text: str) -> float | None:
    """三千四百五十 → 3450; 九十八点二 → 98.2; 一千零八十 → 1080; 1.29 stays out (Arabic)."""
    return chinese_number(text)


def as_number(q: Quantity) -> Number:
    return Number(
        value=q.value,
        unit=q.unit,
        start=q.start,
        end=q.end,
        approximate=q.approx,
        at_least=q.bound == "at_least",
        weak=q.weak,
    )


def find_numbers(text: str) -> list[Number]:
    """Every figure in a piece of text that can be an indicator's value, in order; full-width forms allowed."""
    return [as_number(q) for q in find_quantities(text) if q.kind in FIGURE_KINDS]


_RANGE = re.compile(
    r"[\d万千亿]\s*(?:至|到|-|—|–|～|~)\s*[\d一二两三四五六七八九十]|[一二两三四五六七八九十]\s*(?:至|到|～)"
)
_VAGUE = re.compile(r"数|几|若干")


def stated(q: Quantity) -> bool:
    """A figure a school states as its value: not a range (0.9万至1.1万人, 120-130人), not vague (数十家, 十几个), not a
    floor or a ceiling (98%以上, 超过, 近百家, 不足) — 余, 多 and 逾 are kept, as inspectors record them (3,100余人 is
    3,100, marked as approximate)."""
    if q.bound == "at_most":
        return False
    if q.bound == "at_least":
        return any(word in q.text for word in "余多逾")
    return not (_RANGE.search(q.text) or _VAGUE.search(q.text))


def as_int(value: float) -> int | None:
    return round(value) if abs(value - round(value)) < 1e-6 else None
