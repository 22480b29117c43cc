"""A sentence's slots: where it says whose figures follow (the school, another subject) and of when (the report
year, another year, the past, a plan); the last marker of each kind before a figure decides."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jigong.pipeline.extract.context import Context
from jigong.pipeline.extract.values import SCHOOL_NAME

# A year, cohort or school year ("2024—2025学年" is the year that ends it); a span of years is cumulative (lexicon).
_YEAR = re.compile(r"((?:19|20)\d\d)\s*(?:[-—–~～至]\s*((?:19|20)\d\d)\s*)?(?:年|届|学年|级)")
_COMPARED = re.compile(r"(?:较|比|与|同|由|从|相比)\s*$")
_ASIDE = re.compile(r"（[^（）]*）")
_OBJECT_OF = re.compile(
    r"(?:高于|低于|超过|超出|优于|好于|不及|获评|被评为|评为|入选|荣获|获得|列入|纳入|位居|位列|居|承办|协办|参加|参与|服务|"
    r"(?<![存现实])在)"  # "在全市校企合作洽谈会等活动中": a place named, not the subject
    r"[^，；。]{0,3}$"
)
# "将由现有的12个增至13个", "由2024年的126家增加至140家": a time said after 由/从 is the starting figure's only;
# it ends at the verb of the change.
_FROM = re.compile(r"(?:由|从)[^，；。\d]{0,2}$")
_CHANGE = re.compile(r"(?:增|提|升|降|扩|减|缩|达|变)[^，；。\d]{0,2}(?:至|到|为)")
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
    until: int | None = None  # the starting point of a change ("由现有的12个增至…"): up to the change's verb
    year: bool = False  # set by a year rather than a word

    def until_or(self, default: int) -> int:
        return default if self.until is None else self.until


def markers(masked: str, ctx: Context, words: dict[str, re.Pattern[str]]) -> list[Marker]:
    """Where the sentence says whose figures follow and of when, in order."""
    out = year_markers(masked, ctx)
    for m in SCHOOL_NAME.finditer(masked):
        own = m.group(0) in ctx.own_names  # a school named when the school's own name is unknown: not known ours
        out.append(Marker(m.end() - 1, "own" if own else "other"))
    # Slot words come last so that, ending where a year ends ("2021年至2025年"), they win (stable sort).
    aside = _ASIDE.sub(lambda m: "（" + "□" * (len(m.group(0)) - 2) + "）", masked)
    aside = SCHOOL_NAME.sub(lambda m: "□" * len(m.group(0)), aside)  # "学校" in a name is the name's
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(masked)]
    for slot, name in _SLOT_WORDS:
        # A subject named in an aside ("（学籍在合作高职院校）") is not the sentence's subject; a time said in one
        # ("（上年为318,800元）") is the aside's only. Another subject named as the object of a comparison or an
        # award ("高于全省技工院校平均水平", "获评全省…优秀单位") is its clause's only: the school stays the subject.
        where = aside if slot in _SUBJECT_SLOTS else masked
        out += [
            Marker(
                m.end() - 1,
                slot,
                (slot == "past" and _COMPARED.search(masked, 0, m.start()) is not None)
                or any(a <= m.start() < b for a, b in asides)
                or (slot == "other" and _object_of(masked, m.start())),
            )
            for m in words[name].finditer(where)
            # a period right after a plan's word is the plan's ("计划全年培训5,500人次", "预计今年")
            if not (slot == "present" and _after_plan(masked, m.start(), words["future"]))
        ]
    return sorted((_to_semicolon(masked, _scoped(masked, m)) for m in out), key=lambda m: m.start)


def _after_plan(masked: str, at: int, future: re.Pattern[str]) -> bool:
    """Whether a plan's word ends right before `at` (a space or 在 between)."""
    window = masked[max(0, at - 8) : at]
    return any(m.end() == len(window.rstrip(" 在于")) for m in future.finditer(window))


def year_markers(masked: str, ctx: Context) -> list[Marker]:
    """The years a text names, each the report year, one before it or one after it (a plan)."""
    out: list[Marker] = []
    if ctx.year is not None:
        asides = [(a.start(), a.end()) for a in _ASIDE.finditer(masked)]
        for m in _YEAR.finditer(masked):
            year = int(m.group(2) or m.group(1))
            slot = "present" if year == ctx.year else "past" if year < ctx.year else "future"
            # a year said in an aside ("在校生3,612人（2024年为2,940人）") is the aside's only
            until = next((b for a, b in asides if a <= m.start() < b), None)
            compared = _COMPARED.search(masked, 0, m.start()) is not None
            out.append(Marker(m.end() - 1, slot, compared, until=until, year=True))
    return out


def _object_of(masked: str, at: int) -> bool:
    return _OBJECT_OF.search(masked, clause_start(masked, at), at) is not None


def clause_start(masked: str, at: int) -> int:
    """Where the clause holding `at` begins: after the last comma, semicolon, full stop or colon before it."""
    return max(masked.rfind(p, 0, at) for p in "，；。：") + 1


def clause_end(masked: str, at: int) -> int:
    """Where the clause holding `at` ends: at the next comma, semicolon, full stop or colon after it."""
    return min((i for i in (masked.find(p, at) for p in "，；。：") if i >= 0), default=len(masked))


def reaches(masked: str, at: int, before: int) -> bool:
    """Whether a word of time or occasion ending at `at` still speaks at `before`: up to the next semicolon, or over
    the whole sentence when it frames it (an opening clause with no figure: "近三年来，…；…")."""
    return before <= _to_semicolon(masked, Marker(at, "past")).until_or(len(masked))


def _to_semicolon(masked: str, marker: Marker) -> Marker:
    """A word of plan or past in a clause of its own ("…规划办学规模将达到8,000人；合并后…在校生5,436人") speaks up to
    the next semicolon; one framing the sentence ("近三年来，…；…其中2025年…": an opening clause with no figure),
    a year and a subject go on."""
    if marker.slot not in ("past", "future") or marker.until is not None or marker.year:
        return marker
    opening_end = min((i for i in (masked.find(p) for p in "，；：,;:") if i >= 0), default=len(masked))
    if marker.start < opening_end and not re.search(r"\d", masked[:opening_end]):
        return marker
    end = masked.find("；", marker.start)
    return marker if end < 0 else Marker(marker.start, marker.slot, marker.local, until=end)


def _scoped(masked: str, marker: Marker) -> Marker:
    if marker.slot in _SUBJECT_SLOTS:
        return marker
    # 由/从 up to two characters before the word, which ends at the marker and is at most six characters long
    window = masked[max(0, marker.start - 9) : marker.start]
    if not any(_FROM.search(window, 0, len(window) - back) for back in range(min(6, len(window)) + 1)):
        return marker
    if marker.until is not None:
        return marker
    change = _CHANGE.search(masked, marker.start)
    clause_end = min((i for i in (masked.find(p, marker.start) for p in "，；。") if i >= 0), default=len(masked))
    if change is None or change.start() > clause_end:
        return marker
    return Marker(marker.start, marker.slot, marker.local, until=change.start(), year=marker.year)


def state(found: list[Marker], before: int, clause_start: int = 0) -> tuple[str, str]:
    """(subject, time) in force at a place: the last marker of each kind before it (a comparison's reference
    only inside its own clause)."""
    subject, time = "own", "present"
    for marker in found:
        if marker.start >= before:
            break
        if marker.local and marker.start < clause_start:
            continue
        if marker.until is not None and before > marker.until:
            continue
        if marker.slot in _SUBJECT_SLOTS:
            subject = marker.slot
        else:
            time = marker.slot
    return subject, time
