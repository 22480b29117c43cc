"""Numbers as reports write them: 12,860 / １２，８６０ / 三千四百五十 / 百分之九十八点二 / 1.29万 / 约3200."""

from __future__ import annotations

import re
from dataclasses import dataclass

# One-to-one replacements, so that offsets in the normalised text are offsets in the original.
_FOLD = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": ".", "\u00a0": " ", "\u3000": " "}
)
_DIGITS = "零〇一二两三四五六七八九"
_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}

# 12,860 / 12，860 / 12860 / 98.6; pdftotext puts a space before the unit ("6045 人")
_ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = rf"[{_DIGITS}十百千万]+(?:点[{_DIGITS}]+)?"
_UNITS = "%|个百分点|人次|万元|元|人|名|个|家|项|次|场|本|张|所|年|门|位|期"
NUMBER = re.compile(
    rf"(?P<approx>约|近|大约|将近|接近|逾)?(?P<pct>百分之)?(?:(?P<ar>{_ARABIC})|(?P<cn>{_CHINESE}))"
    rf"\s?(?P<wan>万(?!元))?(?P<more>余|多)?\s?(?P<unit>{_UNITS})?(?P<after>左右|以上|余)?"
)


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
    integer, _, decimals = text.partition("点")
    if not integer:
        return None
    total = 0
    section = 0
    digit: int | None = None
    for ch in integer:
        if ch in _CN_VALUE:
            if digit is not None and digit != 0 and _CN_VALUE[ch] != 0:
                return None  # two digits in a row (一二) is no numeral
            digit = _CN_VALUE[ch]
        elif ch in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
        elif ch == "万":
            if total:
                return None
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    value: float = total + section + (digit or 0)
    if decimals:
        if any(ch not in _CN_VALUE for ch in decimals):
            return None
        value += float("0." + "".join(str(_CN_VALUE[ch]) for ch in decimals))
    return value


def find_numbers(text: str) -> list[Number]:
    """Every figure in a piece of text, in order; the text may hold full-width forms."""
    out: list[Number] = []
    for match in NUMBER.finditer(fold(text)):
        raw_ar, raw_cn = match.group("ar"), match.group("cn")
        unit = match.group("unit") or ""
        if raw_cn is not None:
            # Chinese numerals count only with a unit; 万, 千, 百 alone are words. A lone 一 or 两 with a unit is
            # mostly an article (一所, 一个) and is kept as weak: a count only where its label stands right before it.
            if not match.group("pct") and (not unit or raw_cn in {"万", "千", "百"}):
                continue
            if raw_cn.startswith("万"):
                continue
            value = chinese_to_number(raw_cn)
            if value is None:
                continue
        else:
            value = float(raw_ar.replace(",", "").replace("，", ""))
        if match.group("wan"):
            value *= 10000
        if unit == "万元":
            value *= 10000
            unit = "元"
        if match.group("pct"):
            unit = "%"
        after = match.group("after") or ""
        approximate = bool(match.group("approx") or match.group("more") or after in {"左右", "余"})
        out.append(
            Number(
                value=round(value, 6),
                unit=unit,
                start=match.start(),
                end=match.end(),
                approximate=approximate,
                at_least=after in {"以上", "余"} or bool(match.group("more")),
                weak=raw_cn in {"一", "两"} and not match.group("pct"),
            )
        )
    return out


def as_int(value: float) -> int | None:
    return round(value) if abs(value - round(value)) < 1e-6 else None
