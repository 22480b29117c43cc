"""A sentence's slots: where it says whose figures follow (the school, another subject) and of when (the report
year, another year, the past, a plan); the last marker of each kind before a figure decides."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context
from .values import SCHOOL_NAME

# A year, cohort or school year ("2024—2025学年" is the year that ends it); a span of years is cumulative (lexicon).
_YEAR = re.compile(r"((?:19|20)\d\d)\s*(?:[-—–~～至]\s*((?:19|20)\d\d)\s*)?(?:年|届|学年|级)")
_COMPARED = re.compile(r"(?:较|比|与|同|由|从|相比)\s*$")
_ASIDE = re.compile(r"（[^（）]*）")
_SUBJECT_SLOTS = ("other", "own")
_SLOT_WORDS = (
    ("other", "other_subject"), ("own", "own_subject"), ("past", "past"), ("future", "future"),
    ("present", "present"),
)  # fmt: skip


@dataclass(frozen=True)
class Marker:
    """A word or a year that sets a slot, from where it ends."""

    start: int
    slot: str  # other / own / past / future / present
    local: bool = False  # a comparison's reference ("较上年", "由2024年的…"): only its own clause


def markers(masked: str, ctx: Context, words: dict[str, re.Pattern[str]]) -> list[Marker]:
    """Where the sentence says whose figures follow and of when, in order."""
    out: list[Marker] = []
    if ctx.year is not None:
        for m in _YEAR.finditer(masked):
            year = int(m.group(2) or m.group(1))
            slot = "present" if year == ctx.year else "past" if year < ctx.year else "future"
            out.append(Marker(m.end() - 1, slot, _COMPARED.search(masked, 0, m.start()) is not None))
    for m in SCHOOL_NAME.finditer(masked):
        own = m.group(0) in ctx.own_names  # a school named when the school's own name is unknown: not known ours
        out.append(Marker(m.end() - 1, "own" if own else "other"))
    # Slot words come last so that, ending where a year ends ("2021年至2025年"), they win (stable sort).
    aside = _ASIDE.sub(lambda m: "（" + "□" * (len(m.group(0)) - 2) + "）", masked)
    aside = SCHOOL_NAME.sub(lambda m: "□" * len(m.group(0)), aside)  # "学校" in a name is the name's
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(masked)]
    for slot, name in _SLOT_WORDS:
        # A subject named in an aside ("（学籍在合作高职院校）") is not the sentence's subject; a time said in one
        # ("（上年为318,800元）") is the aside's only.
        where = aside if slot in _SUBJECT_SLOTS else masked
        out += [
            Marker(
                m.end() - 1,
                slot,
                (slot == "past" and _COMPARED.search(masked, 0, m.start()) is not None)
                or any(a <= m.start() < b for a, b in asides),
            )
            for m in words[name].finditer(where)
        ]
    return sorted(out, key=lambda m: m.start)


def state(found: list[Marker], before: int, clause_start: int = 0) -> tuple[str, str]:
    """(subject, time) in force at a place: the last marker of each kind before it (a comparison's reference
    only inside its own clause)."""
    subject, time = "own", "present"
    for marker in found:
        if marker.start >= before:
            break
        if marker.local and marker.start < clause_start:
            continue
        if marker.slot in _SUBJECT_SLOTS:
            subject = marker.slot
        else:
            time = marker.slot
    return subject, time
