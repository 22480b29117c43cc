"""Where a title breaks into lines: at the places the template marks, in a trapezoid (GB/T 9704)."""

from __future__ import annotations

import itertools
import unicodedata


def _width(text: str) -> float:
    """Width in em: a Chinese character takes one, a Latin letter or digit about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def title_lines(text: str, breaks: tuple[int, ...], capacity: float) -> list[str]:
    """Break a title at its marked places: fewest lines that fit, longer lines on top, as even as possible."""
    cuts = [b for b in breaks if 0 < b < len(text)]
    if _width(text) <= capacity or not cuts:
        return [text]
    best: tuple[tuple[float, int, bool, float], list[str]] | None = None
    for count in range(1, len(cuts) + 1):
        for chosen in itertools.combinations(cuts, count):
            bounds = (0, *chosen, len(text))
            lines = [text[a:b] for a, b in itertools.pairwise(bounds)]
            widths = [_width(line) for line in lines]
            overflow = sum(max(0.0, w - capacity) for w in widths)  # what Word would have to wrap
            shaped = all(a >= b for a, b in itertools.pairwise(widths))  # a trapezoid, wide side up
            score = (overflow, count, not shaped, max(widths) - min(widths))
            if best is None or score < best[0]:
                best = (score, lines)
    assert best is not None
    return best[1]
