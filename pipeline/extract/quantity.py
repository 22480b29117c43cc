"""One number grammar: every figure, date, year, ratio and ordinal in report prose, with offsets and an interval."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

INF = math.inf

# One-to-one replacements (length unchanged), so offsets in the folded text are offsets in the original.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "％": "%",
        "．": ".",
        "∶": ":",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\t": " ",
        # 大写 numerals to everyday ones; a run of them is only trusted when it is all 大写 (see _daxie_ok).
        "壹": "一",
        "贰": "二",
        "貳": "二",
        "叁": "三",
        "參": "三",
        "叄": "三",
        "肆": "四",
        "伍": "五",
        "陆": "六",
        "陸": "六",
        "柒": "七",
        "捌": "八",
        "玖": "九",
        "拾": "十",
        "佰": "百",
        "仟": "千",
        "萬": "万",
        "億": "亿",
        "兩": "两",
    }
)
_DAXIE = set("壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟萬億兩")

_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_MULT = {"万": 10_000, "亿": 100_000_000, "千": 1000, "百万": 1_000_000, "千万": 10_000_000, "万亿": 10**12}


@dataclass(frozen=True)
class Quantity:
    """A quantity as written: its value, the interval the words allow, its unit and kind, and where it stands."""

    value: float
    start: int
    end: int
    unit: str
    kind: str  # count percent money year date cohort school_year ratio points ordinal duration plain
    low: float
    high: float
    approx: bool
    bound: str  # "" | "at_least" | "at_most"
    text: str
    weak: bool = False  # a lone 一/两/几 before a measure word: often an article ("一所学校")

    @property
    def exact(self) -> bool:
        return not self.approx and self.low == self.high


# --- the grammar -------------------------------------------------------------------------------------------------

_D = "0-9"
_CN = "零〇一二两三四五六七八九十百千万亿"
_CND = "零〇一二三四五六七八九"
# 12,860 / 12，860 / 2 946 / 12860 / 98.6 (space-grouped only in exact groups of three)
_AR = (
    rf"(?<![A-Za-z0-9_.])"
    rf"(?:[{_D}]{{1,3}}(?:,[{_D}]{{3}})+|[{_D}]{{1,3}}(?:，[{_D}]{{3}})+|[{_D}]{{1,3}}(?:[ ][{_D}]{{3}})+|[{_D}]+)"
    rf"(?![{_D}])(?:\.[{_D}]+)?"
)
_AR_PLAIN = rf"(?<![A-Za-z0-9_.])[{_D}]+(?:\.[{_D}]+)?"
_CNNUM = rf"[{_CN}]+(?:点[{_CND}]+)?"
_VAGUE = (
    r"(?:数|几)(?:十|百(?!分之)|千|万)+|(?:[二三四五六七八九]?十)几|上(?:百|千|万)(?!分之)|几"
    r"|数(?=[个名家项次位所种批场])"
)
_YEAR = rf"(?<![A-Za-z0-9_.])(?:19|20)[{_D}]{{2}}(?![{_D}])|[{_CND}]{{4}}"
_MONTH = rf"(?<![{_D}])(?:1[0-2]|0?[1-9])(?![{_D}])|十[一二]?|[一二三四五六七八九]"
_DAY = rf"(?<![{_D}])(?:3[01]|[12][0-9]|0?[1-9])(?![{_D}])|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_DAY_AR = rf"(?<![A-Za-z0-9_.])(?:3[01]|[12][0-9]|0?[1-9])(?![{_D}])"
_SEP = r"[-–—~～〜至到]"
_X = r"百万|千万|万亿|万|亿|千(?![米克瓦伏赫])"
_PRE = r"大约|大概|约莫|约|将近|接近|近(?![期日])|逾|超过|突破|超|多于|高于|不足|不到|低于|少于"
_UNITS = (
    r"个百分点|百分点|个月|人次|平方米|学时|课时|学年|学期|年级|周年|小时|"
    r"个|人|名|位|家|项|次|场|本|张|所|门|期(?![间末中初望待限刊])|册|元(?![旦素件宵老])|%|‰|"
    r"成(?![立员为果本绩效就功长熟交型都品才了人])|年(?!级)|天|周(?!年)|日|亩|㎡|台|套|种|批|届|岁|篇|部|件|辆|条|栋|座|倍|"
    r"分(?=[）)\s，,；;、。]|$)"  # a score: "招生与就业（50分）"
)

GRAMMAR = re.compile(
    rf"""
    (?P<SY>(?P<sy1>{_YEAR})\s?{_SEP}\s?(?P<sy2>{_YEAR})\s?(?P<syu>学年度|学年|年度|年)?)
  | (?P<DATE>
        (?P<dy>{_YEAR})\s?年\s?(?P<dm>{_MONTH})\s?月(?:份)?(?:\s?(?P<dd>{_DAY})\s?[日号])?
      | (?<![A-Za-z0-9_.])(?P<sy>(?:19|20)[{_D}]{{2}})(?P<ss>[-/.])(?P<sm>1[0-2]|0?[1-9])(?![{_D}])
            (?:(?P=ss)(?P<sd>3[01]|[12][0-9]|0?[1-9])(?![{_D}]))?(?![.0-9万亿千%元])
      | (?P<mm1>{_MONTH})\s?{_SEP}\s?(?P<mm2>{_MONTH})\s?月(?:份)?
      | (?P<mm>{_MONTH})\s?月(?:份)?(?:\s?(?P<md>{_DAY})\s?[日号])?
      | (?P<od>{_DAY_AR})\s?日(?![A-Za-z0-9])
    )
  | (?P<YR>(?P<yy>{_YEAR})\s?(?P<yu>年度|年级|年(?!级)|届|级|(?=[春夏秋冬]季)))
  | (?P<SC>(?<![0-9.])(?P<sc>[12][0-9])级(?=[^\s0-9人名个位]))
  | (?P<RATIO>(?P<ra>{_AR_PLAIN})\s?(?:[:：/]|比)\s?(?P<rb>{_AR_PLAIN})(?![0-9]))
  | (?P<SECTION>(?<![0-9.])[0-9]+(?:\.[0-9]+){{2,}})
  | (?P<Q>
        (?P<ord>第\s?)?
        (?:(?P<pct>百分之)|(?P<frac>[{_CN}]+)分之)?
        (?P<n1>{_AR}|{_VAGUE}|{_CNNUM})
        (?P<x1>{_X})?
        (?:\s?(?P<sep>{_SEP})\s?(?P<n2>{_AR}|{_CNNUM})(?P<x2>{_X})?)?
        (?P<more>余|多)?
        (?P<x3>{_X})?
        (?:\s?(?P<unit>{_UNITS}))?
        (?P<post>左右|上下|及?以上|及?以下|以内)?
    )
    """,
    re.VERBOSE,
)

# Every match opens with one of these characters. A plain class gets the regular expression engine's fast scan, so
# the grammar is tried only where one stands (trying it at each of 35,000 places took 60 ms).
_START = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿数几上第]")
# The words before a figure (约, 近, 超过 …) open with common characters of prose (大, 不, 多, 高): rather than
# try the grammar at each of them, they are looked for just before a figure found.
_PRE_TAIL = re.compile(rf"(?P<pre>{_PRE})(?:为|有|达)?\s?$")
_FOLDABLE = re.compile("[" + "".join(sorted(chr(c) for c in _FOLD)) + "]")


# --- numerals ----------------------------------------------------------------------------------------------------


def _small(section: str) -> int | None:
    """A section below 万: 三千四百五十 → 3450, 一千二 → 1200, 一百零三 → 103, 十二 → 12."""
    value = 0
    digit: int | None = None
    last_unit = 0
    zero = False
    for ch in section:
        if ch in _CN_DIGIT:
            d = _CN_DIGIT[ch]
            if d == 0:
                if digit is not None:
                    return None  # 零零, 五零
                zero = True
                digit = 0
                continue
            if digit not in (None, 0):
                return None  # two digits in a row (三四) is no numeral
            digit = d
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if last_unit and unit >= last_unit:
                return None
            if not digit and value and not zero:
                return None  # 百十: a unit without its digit only opens a numeral (十二) or follows 零 (一千零十)
            value += (digit or 1) * unit
            last_unit, digit, zero = unit, None, False
        else:
            return None
    if digit:
        # 一千二 = 1200: a last digit right after a unit, with no 零 between, counts a tenth of that unit
        value += digit * (last_unit // 10 if last_unit and not zero else 1)
    return value


def chinese_integer(text: str) -> int | None:
    """三万五 → 35000; 一亿二千万 → 120000000; 一万零五百 → 10500; None when it is no numeral."""
    if not text:
        return None
    total = 0
    rest = text
    for big_char in ("亿", "万"):
        big = _CN_BIG[big_char]
        if big_char in rest:
            head, _, rest = rest.partition(big_char)
            if big_char in rest:
                return None
            # the part before 亿 may hold 万 (一万亿); the part before 万 may not
            head_value = (chinese_integer(head) if big_char == "亿" else _small(head)) if head else 1
            if head_value is None or head_value == 0:
                return None
            total += head_value * big
            # 三万五 = 35000, 一亿二 = 120000000: a lone digit after the big unit is a tenth of it
            if len(rest) == 1 and rest in _CN_DIGIT and _CN_DIGIT[rest]:
                return total + _CN_DIGIT[rest] * big // 10
            if rest.startswith(("零", "〇")):
                rest = rest.lstrip("零〇")
                if not rest:
                    return None
                small = _small(rest)
                return None if small is None else total + small
    if not rest:
        return total
    small = _small(rest)
    return None if small is None else total + small


def chinese_number(text: str) -> float | None:
    """三千四百五十 → 3450; 九十八点二 → 98.2; 二〇二五 → 2025 only as a string of digits (years)."""
    integer, _, decimals = text.partition("点")
    value = chinese_integer(integer)
    if value is None:
        return None
    if decimals:
        if any(ch not in _CN_DIGIT for ch in decimals):
            return None
        return float(Decimal(value) + Decimal("0." + "".join(str(_CN_DIGIT[ch]) for ch in decimals)))
    return float(value)


def _digit_string(text: str) -> int | None:
    """二〇二五 → 2025 (a year written digit by digit)."""
    if all(ch in _CN_DIGIT for ch in text):
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    return None


def _arabic(raw: str) -> Decimal:
    return Decimal(raw.replace(",", "").replace("，", "").replace(" ", ""))


def _place(raw: str, is_arabic: bool, value: Decimal) -> Decimal:
    """The place of the last written (non-zero) digit: 3000 → 1000, 3.1 → 0.1, 十二 → 1."""
    if is_arabic:
        digits = raw.replace(",", "").replace("，", "").replace(" ", "")
        if "." in digits:
            return Decimal(1).scaleb(-len(digits.partition(".")[2]))
    if value == 0:
        return Decimal(1)
    n = int(value)
    if n != value:
        return Decimal(1).scaleb(value.as_tuple().exponent)  # type: ignore[arg-type]
    place = 1
    while n and n % 10 == 0:
        n //= 10
        place *= 10
    return Decimal(place)


_VAGUE_FIXED = {"几": (2, 9), "数": (2, 9)}


def _vague(raw: str) -> tuple[Decimal, Decimal] | None:
    """数十 → 20..99, 十几 → 11..19, 数百 → 200..999, 上千 → 1000..9999, 几 → 2..9."""
    if raw in _VAGUE_FIXED:
        low, high = _VAGUE_FIXED[raw]
        return Decimal(low), Decimal(high)
    if raw.endswith("几"):
        tens = chinese_integer(raw[:-1])
        return None if tens is None else (Decimal(tens + 1), Decimal(tens + 9))
    head, body = raw[0], raw[1:]
    scale = 1
    for ch in body:
        scale *= _CN_SMALL.get(ch) or _CN_BIG.get(ch) or 1
    if head == "上":
        return Decimal(scale), Decimal(scale * 10 - 1)
    return Decimal(2 * scale), Decimal(scale * 10 - 1)


# --- kinds -------------------------------------------------------------------------------------------------------

_UNIT_NAME = {"百分点": "个百分点", "㎡": "平方米"}
_DURATION_UNITS = {"个月", "年", "天", "周", "小时", "学期", "学年"}
_ORDINAL_UNITS = {"年级", "周年"}
_AT_MOST_NEAR = {"将近", "接近", "近"}
_AT_MOST_ZERO = {"不足", "不到", "低于", "少于"}
_AT_LEAST = {"逾", "超过", "突破", "超", "多于", "高于"}
_ABOUT = {"约", "大约", "大概", "约莫"}
_PRE_LAST = set("约概莫近逾过破超于足到为有达 ")
_NO_UNIT_OK = {"百", "千", "万"}


def _daxie_ok(original: str) -> bool:
    """大写 numerals (壹拾贰万) are trusted only as a run of two or more of them: 队伍, 陆家 are words."""
    if not any(ch in _DAXIE for ch in original):
        return True
    return len(original) >= 2 and all(ch in _DAXIE or ch in "零〇万亿" for ch in original)


def _f(value: Decimal) -> float:
    return float(value)


class _Reject(Exception):
    """The match is no quantity; scanning resumes at the given place."""

    def __init__(self, resume: int) -> None:
        self.resume = resume


def _make(text: str, start: int, end: int, value: float, unit: str, kind: str, **kw: object) -> Quantity:
    low = kw.pop("low", value)
    high = kw.pop("high", value)
    return Quantity(
        value=value,
        start=start,
        end=end,
        unit=unit,
        kind=kind,
        low=low,  # type: ignore[arg-type]
        high=high,  # type: ignore[arg-type]
        approx=bool(kw.pop("approx", False)),
        bound=str(kw.pop("bound", "")),
        text=text[start:end],
        weak=bool(kw.pop("weak", False)),
    )


def _num(raw: str) -> float:
    """An Arabic figure, a Chinese numeral, or a digit-by-digit year; ValueError when none."""
    value = _value_of(raw)
    if value is None:
        raise ValueError(raw)
    return float(value)


def _school_year(text: str, m: re.Match[str]) -> Quantity:
    a, b = _num(m.group("sy1")), _num(m.group("sy2"))
    suffix = m.group("syu") or ""
    if not 0 < b - a <= 10:
        raise _Reject(m.end("sy1"))
    if suffix.startswith("学年") or (b - a == 1 and suffix in {"", "年度"}):
        return _make(text, m.start(), m.end(), a, "学年", "school_year", low=a, high=b)
    return _make(text, m.start(), m.end(), a, "年", "year", low=a, high=b)


def _date(text: str, m: re.Match[str]) -> Quantity:
    g = m.group
    if g("dy"):
        unit = "日" if g("dd") else "月"
        return _make(text, m.start(), m.end(), _num(g("dy")), unit, "date")
    if g("sy"):
        return _make(text, m.start(), m.end(), _num(g("sy")), "日" if g("sd") else "月", "date")
    if g("mm1"):
        a, b = _num(g("mm1")), _num(g("mm2"))
        return _make(text, m.start(), m.end(), a, "月", "date", low=a, high=b)
    if g("mm"):
        return _make(text, m.start(), m.end(), _num(g("mm")), "日" if g("md") else "月", "date")
    return _make(text, m.start(), m.end(), _num(g("od")), "日", "date")


def _year(text: str, m: re.Match[str]) -> Quantity:
    raw, suffix = m.group("yy"), m.group("yu")
    if raw[0] not in "0123456789" and _digit_string(raw) is None:
        raise _Reject(m.start() + 1)
    value = _num(raw)
    if not 1900 <= value <= 2099:
        raise _Reject(m.end("yy"))
    if suffix in {"届", "级", "年级"}:
        return _make(text, m.start(), m.end(), value, suffix[0], "cohort")
    return _make(text, m.start(), m.end(), value, "年", "year")


def _ratio(text: str, m: re.Match[str]) -> Quantity:
    a, b = _arabic(m.group("ra")), _arabic(m.group("rb"))
    if b == 0:
        raise _Reject(m.end())
    value = round(float(a / b), 6)
    return _make(text, m.start(), m.end(), value, "", "ratio")


def _value_of(raw: str) -> Decimal | None:
    """An Arabic figure or a Chinese numeral as a Decimal; None when it is none."""
    if raw[0] in "0123456789":
        return _arabic(raw)
    if len(raw) == 4 and _digit_string(raw) is not None and not any(ch in _CN_SMALL or ch in _CN_BIG for ch in raw):
        return Decimal(_digit_string(raw) or 0)
    value = chinese_number(raw)
    return None if value is None else Decimal(str(value))


_KIND_OF_UNIT = {
    "": "plain",
    "%": "percent",
    "‰": "percent",
    "元": "money",
    "个百分点": "points",
    "百分点": "points",
    "倍": "ratio",
    **{u: "duration" for u in _DURATION_UNITS},
    **{u: "ordinal" for u in _ORDINAL_UNITS},
}


def _plain_figure(text: str, raw: str, unit: str, start: int, end: int) -> Quantity:
    """An Arabic figure with at most a unit: 3,210人, 98.6%, 2946."""
    value = float(raw.replace(",", "").replace("，", "").replace(" ", ""))
    if unit == "成":
        return Quantity(
            value * 10, start, end, "%", "percent", value * 10 - 5, value * 10 + 5, True, "", text[start:end]
        )
    kind = _KIND_OF_UNIT.get(unit, "count")
    if unit == "日":
        kind = "duration" if value > 31 else "date"
    return Quantity(value, start, end, _UNIT_NAME.get(unit, unit), kind, value, value, False, "", text[start:end])


def _quantity(text: str, folded: str, m: re.Match[str], pre: str, first: int) -> Quantity:
    """The figure matched at m; pre is the approximation word before it (约, 超过 …), starting at first."""
    g = m.group
    n1 = g("n1")
    resume = m.end("n1")
    is_ar = n1[0] in "0123456789"
    is_vague = not is_ar and (n1[0] in "数几上" or n1.endswith("几"))
    a, b = m.span("n1")
    if not is_ar and not is_vague and text[a:b] != folded[a:b] and not _daxie_ok(text[a:b]):
        raise _Reject(resume)
    if is_ar and m.end("n1") < len(folded) and folded[m.end("n1")].isascii() and folded[m.end("n1")].isalpha():
        raise _Reject(resume)  # 5G, 3D: part of a name
    ord_, pct_, frac, x1, x2, x3, n2, more, unit, post = m.group(
        "ord", "pct", "frac", "x1", "x2", "x3", "n2", "more", "unit", "post"
    )
    if is_ar and not (ord_ or pct_ or x1 or x3 or n2 or more or post or pre):
        return _plain_figure(text, n1, unit or "", first, m.end())  # the common case, kept cheap
    unit, more, post = unit or "", more or "", post or ""
    ordinal, pct = ord_ is not None, pct_ is not None
    x1, x2 = x1 or "", x2 or ""
    x = x1 or x3 or ""
    end = m.end()

    vague = _vague(n1) if is_vague else None
    if vague is not None:
        value = vague[0]
    elif is_vague:
        raise _Reject(resume)
    else:
        parsed = _value_of(n1)
        if parsed is None:
            raise _Reject(resume)
        value = parsed

    # a range whose ends do not go together ("0769-22223333") is two figures: keep the first alone
    v2: Decimal | None = None
    if n2 is not None:
        v2 = None if is_vague else _value_of(n2)
        m1 = Decimal(_MULT[x1 or x2] if (x1 or x2) else 1)
        m2 = Decimal(_MULT[x2 or x1] if (x1 or x2) else 1)
        if v2 is None or not value * m1 < v2 * m2 <= value * m1 * 100 + 100:
            end = m.end("x1") if x1 else m.end("n1")
            n2 = v2 = None
            unit = more = post = ""
            x = x1
        else:
            v2 = v2 * m2
            x = x1 or x2

    # Chinese numerals stand as figures only with a unit (or as a share); 千方百计, 万众一心 are words
    bare = not is_ar and not unit and not (pct or frac is not None or ordinal)
    if bare and not (n1 in _NO_UNIT_OK and (pre or more)):
        raise _Reject(resume)
    if not is_ar and not is_vague and n1[0] in "百千万亿" and not (pre or more or pct):
        raise _Reject(resume)
    if unit == "成" and folded.startswith("成不变", m.start("unit")):
        raise _Reject(end)

    mult = Decimal(_MULT[x]) if x else Decimal(1)
    if is_ar and "." in n1:
        written = Decimal(1).scaleb(-len(n1.partition(".")[2]))
    elif is_ar:
        written = Decimal(1)
    else:
        written = _place(n1, False, value) if value != int(value) else Decimal(1)
    last_place = _place(n1, is_ar, value) * mult if more else mult
    value = value * mult

    approx = False
    bound = ""
    low = high = value
    if vague is not None:
        low, high = vague[0] * mult, vague[1] * mult
        approx = True
    elif x:
        # 3.1万人: rounded to its last written place. Money in 万元/亿元 is the unit reports keep accounts in, so
        # 79.53万元 is stated, not rounded: not approximate, but the interval still says what the text allows.
        approx = unit != "元"
        half = written * mult / 2
        low, high = value - half, value + half
    if v2 is not None:
        low, high = value, v2
        approx = True
    if more:
        approx, bound = True, "at_least"
        low = value
        high = value + last_place - 1 if last_place >= 10 else value + last_place
    if pre in _ABOUT or post in {"左右", "上下"}:
        approx = True
        low, high = min(low, value * Decimal("0.9")), max(high, value * Decimal("1.1"))
    if pre in _AT_LEAST or post.endswith("以上"):
        approx, bound = True, "at_least"
        low, high = min(low, value), Decimal("Infinity")
    if pre in _AT_MOST_NEAR:
        approx, bound = True, "at_most"
        low, high = value * Decimal("0.9"), value
    if pre in _AT_MOST_ZERO or post.endswith("以下") or post == "以内":
        approx, bound = True, "at_most"
        low, high = Decimal(0), value

    unit = _UNIT_NAME.get(unit, unit)
    if pct:
        kind, unit = "percent", "%"
    elif frac is not None:
        den = chinese_number(frac)
        if not den:
            raise _Reject(resume)
        value = Decimal(str(round(float(value) / den * 100, 2)))
        low = value if bound != "at_most" else Decimal(0)
        high = value if bound != "at_least" else Decimal("Infinity")
        kind, unit = "percent", "%"
    elif unit == "成":
        kind, unit = "percent", "%"
        value, low, high = value * 10, low * 10, high * 10
        if not bound and v2 is None:
            approx = True  # 九成: to the nearest ten per cent
            low, high = min(low, value - 5), max(high, value + 5)
        elif bound == "at_least":
            low = value
    elif ordinal:
        kind = "ordinal"
    elif unit in {"%", "‰"}:
        kind = "percent"
    elif unit == "个百分点":
        kind = "points"
    elif unit == "元":
        kind = "money"
    elif unit in _ORDINAL_UNITS:
        kind = "ordinal"
    elif unit in _DURATION_UNITS:
        kind = "duration"
    elif unit == "日":
        kind = "duration" if value > 31 or v2 is not None else "date"
    elif unit == "倍":
        kind = "ratio"
    elif unit:
        kind = "count"
    else:
        kind = "plain"
    weak = (
        bool(unit)
        and n1 in {"一", "两", "几", "数"}
        and not (pct or frac is not None or ordinal or x or v2 is not None)
        and kind in {"count", "duration"}
    )
    if pre in _AT_MOST_NEAR and kind == "duration" and unit == "年":
        approx, bound, low, high = False, "", value, value  # 近三年: the last three years, not about three
    return _make(
        text, first, end, _f(value), unit, kind, low=_f(low), high=_f(high), approx=approx, bound=bound, weak=weak
    )


_DETERMINER = re.compile(r"(?:这|那|同|每|另|最后|任何?|唯|逐|统|进)$")
_DETERMINED_ONE = re.compile(r"一(?![一二两三四五六七八九十百千万亿〇零点\d])")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in text, in order, non-overlapping; dates, years, 届 and school years recognised FIRST so their
    digits can never become counts."""
    folded = _FOLDABLE.sub(lambda m: m.group().translate(_FOLD), text)
    out: list[Quantity] = []
    pos = last_end = 0
    start = _START.search
    match = GRAMMAR.match
    while True:
        s = start(folded, pos)
        if s is None:
            break
        m = match(folded, s.start())
        if m is None:
            pos = s.start() + 1
            continue
        kind = m.lastgroup
        try:
            if kind == "Q" and _DETERMINED_ONE.match(folded, m.start()) and _DETERMINER.search(folded, 0, m.start()):
                pos = m.start() + 1  # "最后一场", "这一年", "每一位": 一 as a determiner, no count
                continue
            if kind == "Q":
                pre, first = "", m.start()
                if first and folded[first - 1] in _PRE_LAST:
                    tail = _PRE_TAIL.search(folded, max(last_end, first - 5), first)
                    if tail is not None:
                        pre, first = tail.group("pre"), tail.start()
                q = _quantity(text, folded, m, pre, first)
            elif kind == "DATE":
                q = _date(text, m)
            elif kind == "YR":
                q = _year(text, m)
            elif kind == "SC":  # "23级幼儿保育2班": the pupils who entered in 2023, no count
                q = _make(text, m.start(), m.end(), 2000 + int(m.group("sc")), "级", "cohort")
            elif kind == "SY":
                q = _school_year(text, m)
            elif kind == "RATIO":
                q = _ratio(text, m)
            else:  # SECTION: 3.1.2, a heading's number
                pos = m.end()
                continue
        except _Reject as reject:
            pos = max(reject.resume, m.start() + 1)
            continue
        except (ValueError, ArithmeticError):
            pos = m.start() + 1
            continue
        out.append(q)
        pos = last_end = max(q.end, m.start() + 1)
    return out
