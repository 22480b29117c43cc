"""How the tool writes figures in Chinese, everywhere: dates (GB/T 9704), times, counts with their units,
percentages, money, and changes between years. Checks, review, renderers and the CLI all write through here."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from jigong.pipeline.dictionary import load_dictionary

MINUS = "−"  # U+2212, as printed in a change (−0.4个百分点)


def cn_date(day: dt.date) -> str:
    """2026年1月5日: Arabic numerals, no leading zeros (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


def moment(iso: str) -> str:
    """An ISO time stamp to the minute, as the terminal shows it: 2026-03-02 09:30."""
    return iso[:16].replace("T", " ")


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (heading numbers up to 99)."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


def percent(value: float) -> str:
    """98.06 → 98.1%."""
    return f"{float(value):.1f}%"


def money(amount: float) -> str:
    """65200 → 65,200元; cents only where there are any: 1234.5 → 1,234.50元."""
    whole = round(float(amount), 2)
    return f"{whole:,.0f}元" if whole == int(whole) else f"{whole:,.2f}元"


def figure(value: Any, code: str) -> str:
    """An indicator's value in its unit: 3210 → 3,210人; 98.1 → 98.1%; True → 是; a set → 机电、信息."""
    ind = load_dictionary()[code]
    if ind.type == "bool":
        return "是" if value else "否"
    if ind.type == "pct":
        return percent(value)
    if ind.type in {"int", "money"}:
        return f"{int(value):,}{ind.unit}"
    if ind.type == "set":
        return "、".join(value)
    return f"{value}{ind.unit if ind.type == 'year' else ''}"


def plain(value: Any) -> str:
    """A value no indicator says how to write: — for nothing, 是/否, 3,210, 2.5, 机电、信息."""
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple | set):
        return "、".join(map(str, value))
    return str(value)


def change(delta: float, code: str) -> str:
    """A change against an earlier year: +320人, −0.4个百分点, 持平."""
    ind = load_dictionary()[code]
    if abs(delta) < 0.05:
        return "持平"
    sign = "+" if delta > 0 else MINUS
    if ind.type == "pct":
        return f"{sign}{abs(delta):.1f}个百分点"
    return f"{sign}{abs(delta):,.0f}{ind.unit}"


def width(text: str) -> int:
    """Columns a text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def columns(rows: list[tuple[str, ...]], aligned: int) -> list[str]:
    """Rows as lines of a plain table for the terminal: the first `aligned` columns padded to one width each
    (by display width), the rest after them as they are."""
    widths = [max(width(row[i]) for row in rows) for i in range(aligned)]
    lines = []
    for row in rows:
        cells = [cell + " " * (w - width(cell)) for cell, w in zip(row[:aligned], widths, strict=True)]
        lines.append("  ".join([*cells, *row[aligned:]]))
    return lines
