"""Number formatting in the ways Chinese school reports write figures."""

from __future__ import annotations

_FW_TABLE = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
_CN_DIGITS = "零一二三四五六七八九"


def fmt_int(n: int, mode: str = "plain") -> str:
    """Format an int: plain 12860, comma 12,860, fwcomma 12，860, fwdigits １２８６０."""
    if mode == "plain":
        return str(n)
    if mode == "comma":
        return f"{n:,}"
    if mode == "fwcomma":
        return f"{n:,}".replace(",", "，")
    if mode == "fwdigits":
        return str(n).translate(_FW_TABLE)
    if mode == "cn":
        return cn_int(n)
    raise ValueError(f"unknown int format {mode!r}")


def fmt_pct(x: float, mode: str = "ascii", sign: bool = True) -> str:
    """Format a percentage with one decimal: 98.6%, 98.6％ (fw) or ９８．６％ (fwdigits)."""
    body = f"{x:.1f}"
    if mode == "ascii":
        return body + ("%" if sign else "")
    if mode == "fw":
        return body + ("％" if sign else "")
    if mode == "fwdigits":
        return (body + ("%" if sign else "")).translate(_FW_TABLE)
    raise ValueError(f"unknown pct format {mode!r}")


def _cn_below_10000(n: int) -> str:
    """Chinese numeral for 0 < n < 10000 (no leading 一 before 十 at the top)."""
    units = ["千", "百", "十", ""]
    digits = f"{n:04d}"
    out: list[str] = []
    zero_pending = False
    for d, u in zip(digits, units, strict=True):
        if d == "0":
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_CN_DIGITS[int(d)] + u)
    return "".join(out)


def cn_int(n: int) -> str:
    """Chinese numeral for 0 <= n < 100000000, e.g. 3450 -> 三千四百五十."""
    if n == 0:
        return "零"
    if n < 0 or n >= 100_000_000:
        raise ValueError("cn_int supports 0..99999999")
    high, low = divmod(n, 10000)
    if not high:
        text = _cn_below_10000(low)
        return text[1:] if text.startswith("一十") else text
    text = _cn_below_10000(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _cn_below_10000(low)
    return text


def wan(n: int) -> tuple[str, int]:
    """Express n as 'X.XX万' (two decimals, trailing zeros dropped); return text and stated value."""
    stated = round(n / 100) * 100
    text = f"{stated / 10000:.2f}".rstrip("0").rstrip(".")
    return f"{text}万", stated


def cn_pct(x: float) -> str:
    """Chinese-numeral percentage, e.g. 96.2 -> 百分之九十六点二."""
    whole, tenth = divmod(round(x * 10), 10)
    text = "百分之" + cn_int(whole)
    return text + ("点" + _CN_DIGITS[tenth] if tenth else "")
