"""Turn the text of a form cell into a typed value: counts, percentages, years, yes/no marks, names."""

from __future__ import annotations

import re

from ..indicators import Indicator
from .numbers import FIGURE_KINDS, as_int, find_numbers, fold, stated
from .quantity import find_quantities

_CHECKED = "☑√✓✔■☒"
_UNCHECKED = "☐□"
_YES = {"是", "有", "已", "已建立", "已落实", "已实现", "已使用", "使用"}
_NO = {"否", "无", "未", "未建立", "未落实", "未实现", "未使用", "没有"}
# A full name starts with its place (东莞市…, 广东省…); "本校是一所技工学校" is no name.
# (A sentence is no name: "学院是市人社部门主管的公办技师学院" holds 的 and 是, which names do not.)
SCHOOL_NAME = re.compile(
    r"(?:[\u4e00-\u9fff]{2}市|[\u4e00-\u9fff]{2,3}省)[^\W\d_的是在和与及为由等]{1,12}?(?:技师学院|高级技工学校|技工学校)"
)
_INT_UNITS = {"", "人", "名", "个", "家", "项", "次", "场", "本", "张", "所", "人次", "位", "门", "期"}
# After a figure in a cell: an approximation word, a unit note, or a remark ("0（暂未聘请）") — but not a note of what
# the figure includes ("3,000（含非全日制学员）"): that is another figure.
_TRAILING = re.compile(
    r"^\s*(?:左右|以上|余|多)?\s*(?:[（(](?:%|人|个|家|场|次|本|元|万元|人次)[)）])?\s*(?:[（(](?![^）)]*(?:含|包括))[^）)]{1,20}[)）])?\s*$"
)
_IN_WAN = re.compile(r"万元")
# A cell that says yes or no in words: 已建立, 未备案, 尚未开放, 已全额返还 …
_YES_WORDS = re.compile(r"^(?:均已|已经|已|全额|全部|全面|按规定|实行|执行|建有|设有|开放|使用)")
_NO_WORDS = re.compile(r"^(?:尚未|暂未|未能|未|没有|无|否|不|正在|拟|计划|部分|筹备|筹建)")


def parse_cell(text: str, indicator: Indicator, unit_note: str = "") -> tuple[object, bool] | None:
    """(value, approximate) for a value cell, or None when the cell does not hold one.

    ``unit_note`` is the unit the label or a unit column gives ("（万元）"): a bare 126.5 is then 1,265,000 yuan.
    """
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
        # 高级技工学校 holds 技工学校: a value inside another value found is not a second value.
        hits = [v for v in hits if not any(v != w and v in w for w in hits)]
        return (hits[0], False) if len(hits) == 1 else None
    if kind == "set":
        return None  # sets are read by sets.py (members and marks over several cells)
    if kind == "year":
        match = re.search(r"(20\d\d)", text)
        return (int(match.group(1)), False) if match else None
    numbers = find_numbers(text)
    if len(numbers) != 1:
        return None
    if not all(stated(q) for q in find_quantities(text) if q.kind in FIGURE_KINDS):
        return None  # "120-130人", "96%以上", "近百家": no figure a school states as its value
    num = numbers[0]
    if fold(text[: num.start]).strip(" 约近大概逾") or _TRAILING.sub("", fold(text[num.end :])).strip():
        return None  # words around the figure ("上年3,000", "3,000（含非全日制学员）"): not a plain value
    approximate = num.approximate or num.at_least
    if kind == "pct":
        if num.unit not in {"%", ""} or not 0 <= num.value <= 100:
            return None
        return (round(num.value, 2), approximate)
    if kind == "money":
        if num.unit not in {"元", ""}:
            return None
        in_wan = num.unit == "" and bool(_IN_WAN.search(unit_note))
        value = num.value * 10000 if in_wan else num.value
        whole = as_int(value)
        return None if whole is None else (whole, approximate)
    if kind == "int":
        if num.unit not in _INT_UNITS:
            return None
        whole = as_int(num.value)
        return None if whole is None else (whole, approximate)
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
    if len(compact) <= 12:
        if _NO_WORDS.match(compact):
            return False
        if _YES_WORDS.match(compact) and not re.search("未|不|没有|尚|暂", compact):
            return True
    return None
