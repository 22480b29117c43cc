"""Turn the text of a form cell into a typed value: counts, percentages, years, yes/no marks, names."""

from __future__ import annotations

import re

from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.extract.numbers import FIGURE_KINDS, as_int, find_numbers, fold, stated
from jigong.pipeline.extract.quantity import find_quantities

_CHECKED = "☑√✓✔■☒"
_UNCHECKED = "☐□"
_YES = {"是", "有", "已", "已建立", "已落实", "已实现", "已使用", "使用"}
_NO = {"否", "无", "未", "未建立", "未落实", "未实现", "未使用", "没有"}
# A full name starts with its place (东莞市…, 广东省…); "本校是一所技工学校" is no name.
# (A sentence is no name: "学院是市人社部门主管的公办技师学院" holds 的 and 是, which names do not.)
SCHOOL_NAME = re.compile(
    r"(?:[\u4e00-\u9fff]{2}市|[\u4e00-\u9fff]{2,3}省)[^\W\d_的是在和与及为由等]{1,12}?(?:技师学院|高级技工学校|技工学校)"
)
# A level counts the level "and above" only when no higher level is counted beside it ("高级工班 | 1,203" beside a row
# of 预备技师班; "其中高级工班628人，预备技师班54人").
LEVEL_ALONE = re.compile(r"^(?:其中|#)?高级工班?(?:全日制)?(?:在校生|在校学生|学生|人数)?(?:人数)?$")
_HIGHER = re.compile(r"预备技师|技师班")
HIGHER_LEVEL = {"students_senior": _HIGHER, "senior_ratio": _HIGHER}
_INT_UNITS = {"", "人", "名", "个", "家", "项", "次", "场", "本", "张", "所", "人次", "位", "门", "期"}
# After a figure in a cell: an approximation word, a unit note, or a remark ("0（暂未聘请）") — but not a note of what
# the figure includes ("3,000（含非全日制学员）"): that is another figure.
_TRAILING = re.compile(
    r"^\s*(?:左右|以上|余|多)?\s*(?:[（(](?:%|人|个|家|场|次|本|元|万元|人次)[)）])?\s*(?:[（(](?![^）)]*(?:含|包括))[^）)]{1,20}[)）])?\s*$"
)
# The money unit a label, a unit column or a caption notes ("（万元）", "单位：个、人、千元"): a bare figure's scale.
_MONEY_UNIT = re.compile(r"(百万|千万|万|千|亿)?元")
_SCALES = {None: 1, "千": 1_000, "万": 10_000, "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000}


def money_scale(note: str) -> int | None:
    """1 with no money unit noted, the scale of the one noted, None when the note names two."""
    scales = {_SCALES[m.group(1)] for m in _MONEY_UNIT.finditer(note)}
    if len(scales) > 1:
        return None
    return scales.pop() if scales else 1


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
        ticked = [name for name, mark in boxed(text) if mark]
        if ticked:  # "☑公办 □民办": the value ticked
            text = "".join(ticked)
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
        scale = money_scale(unit_note) if num.unit == "" else 1
        if scale is None:
            return None  # a note naming two money units: which one is this?
        value = num.value * scale
        whole = as_int(value)
        return None if whole is None else (whole, approximate)
    if kind == "int":
        if num.unit not in _INT_UNITS:
            return None
        if num.unit == "" and unit_note.startswith("万"):  # "在校生数（万人） | 1.27": 12,700, to the ten thousandth
            whole = as_int(round(num.value * 10_000, 6))
            return None if whole is None else (whole, approximate or whole % 10_000 != 0 or num.value >= 1)
        whole = as_int(num.value)
        return None if whole is None else (whole, approximate)
    return None


_ITEM = re.compile(rf"([{_CHECKED}{_UNCHECKED}])\s*([^{_CHECKED}{_UNCHECKED}]+)")
_ITEM_AFTER = re.compile(rf"([^{_CHECKED}{_UNCHECKED}]+?)\s*([{_CHECKED}{_UNCHECKED}])")
_ANSWER_HEADS = {"是": True, "否": False, "有": True, "无": False}


def boxed(text: str) -> list[tuple[str, bool]]:
    """Each item of a list of boxes and whether it is ticked: the box before its item when the text opens with one
    ("☑教学管理 □学生管理"), else after it ("教职工管理☑ 教学管理□")."""
    compact = text.strip()
    if compact[:1] in _CHECKED + _UNCHECKED:
        found = [(m.group(2), m.group(1)) for m in _ITEM.finditer(compact)]
    else:
        found = [(m.group(1), m.group(2)) for m in _ITEM_AFTER.finditer(compact)]
    return [(name.strip(" 　，,、；;"), mark in _CHECKED) for name, mark in found if name.strip(" 　，,、；;")]


def checklist(text: str) -> list[tuple[str, bool]]:
    """'☑校企合作实训基地 ☑创业孵化基地 □国际课程班' → each item and whether it is ticked; [] for no list of two."""
    compact = text.strip()
    if compact[:1] not in _CHECKED + _UNCHECKED and compact[-1:] not in _CHECKED + _UNCHECKED:
        return []
    items = boxed(compact)
    if len(items) < 2 or any(name in _ANSWER_HEADS for name, _ in items):
        return []  # ☑是 □否 is an answer, not a list
    return items


def answer_columns(header: dict[int, str]) -> dict[int, bool]:
    """A header row with a 是 and a 否 column ("项目 | 是 | 否"): column → the answer a mark there gives."""
    found = {
        c: _ANSWER_HEADS[t] for c, t in ((c, re.sub(r"\s+", "", t)) for c, t in header.items()) if t in _ANSWER_HEADS
    }
    return found if set(found.values()) == {True, False} else {}


def marked_answer(cells: dict[int, str], columns: dict[int, bool]) -> bool | None:
    """The answer of a row under 是/否 columns: the one column holding a mark; None when none or both do."""
    ticked = {columns[c] for c, t in cells.items() if c in columns and parse_mark(t) is True}
    return ticked.pop() if len(ticked) == 1 else None


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
        # "☑已建立 □未建立": the option ticked says yes or no in words, and the others say the opposite
        items = boxed(compact)
        options = [(name, _said(name)) for name, mark in items if mark]
        others = {_said(name) for name, mark in items if not mark}
        if len(options) == 1 and options[0][1] is not None and others == {not options[0][1]}:
            return options[0][1]
        return None  # boxes but none ticked, or options that are not yes and no
    if compact in _YES or compact in {"√", "✓", "✔"}:
        return True
    if compact in _NO or compact in {"×", "✗"}:
        return False
    return _said(compact)


def _said(compact: str) -> bool | None:
    """A short answer in words: 已建立, 均已落实, 已于2025年4月经市人社局备案 → yes; 未备案, 尚未开放, 正在筹建 → no."""
    if len(compact) <= 20:
        if _NO_WORDS.match(compact):
            return False
        if _YES_WORDS.match(compact) and not re.search("未|不|没有|尚|暂", compact):
            return True
    return None
