"""Turn the text of a form cell into a typed value: counts, percentages, years, yes/no marks, names."""

from __future__ import annotations

import re

from ..indicators import Indicator
from .numbers import as_int, find_numbers

_CHECKED = "☑√✓✔■☒"
_UNCHECKED = "☐□"
_YES = {"是", "有", "已", "已建立", "已落实", "已实现", "已使用", "使用"}
_NO = {"否", "无", "未", "未建立", "未落实", "未实现", "未使用", "没有"}
# A full name starts with its place (东莞市…, 广东省…); "本校是一所技工学校" is no name.
SCHOOL_NAME = re.compile(
    r"(?:[\u4e00-\u9fff]{2}市|[\u4e00-\u9fff]{2,3}省)[\u4e00-\u9fff]{1,12}?(?:技师学院|高级技工学校|技工学校)"
)
_INT_UNITS = {"", "人", "名", "个", "家", "项", "次", "场", "本", "所", "人次"}


def parse_cell(text: str, indicator: Indicator) -> tuple[object, bool] | None:
    """(value, approximate) for a value cell, or None when the cell does not hold one."""
    text = text.strip()
    if not text or text in {"—", "-", "/", "——", "无数据"}:
        return None
    kind = indicator.type
    if kind == "bool":
        mark = parse_mark(text)
        return None if mark is None else (mark, False)
    if kind == "text":
        return (text, False)
    if kind == "enum":
        hits = [v for v in indicator.values if v in text]
        return (hits[0], False) if len(hits) == 1 else None
    if kind == "year":
        match = re.search(r"(20\d\d)", text)
        return (int(match.group(1)), False) if match else None
    numbers = find_numbers(text)
    if len(numbers) != 1:
        return None
    num = numbers[0]
    if kind == "pct":
        if num.unit not in {"%", ""}:
            return None
        return (round(num.value, 2), num.approximate)
    if kind in {"int", "money"}:
        if kind == "int" and num.unit not in _INT_UNITS:
            return None
        whole = as_int(num.value)
        return None if whole is None else (whole, num.approximate)
    return None


def parse_mark(text: str) -> bool | None:
    """☑是 ☐否 → True; ☐是 ☑否 → False; a bare 是/否/√ too; anything unclear → None."""
    compact = re.sub(r"\s+", "", text)
    # Forms put the box either before its option (☑是 ☐否) or after it (是√ 否□); the first character tells.
    if compact[:1] in _CHECKED + _UNCHECKED:
        pattern = rf"([{_CHECKED}])(是|否|有|无)"
    else:
        pattern = rf"(是|否|有|无)[（(]?([{_CHECKED}])"
    chosen = set()
    for match in re.finditer(pattern, compact):
        chosen.add(match.group(2) if pattern.startswith("([") else match.group(1))
    if chosen:
        if chosen <= {"是", "有"}:
            return True
        if chosen <= {"否", "无"}:
            return False
        return None
    if any(ch in compact for ch in _UNCHECKED):
        return None  # boxes but none ticked
    if compact in _YES or compact in {"√", "✓", "✔"}:
        return True
    if compact in _NO or compact in {"×", "✗"}:
        return False
    return None
