"""What an extractor proposes for one indicator, and how proposals from several places are merged."""

from __future__ import annotations

from dataclasses import dataclass

from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.model import Block, Document, Evidence, Value

CONFLICT_CONFIDENCE = 0.4
APPROXIMATION_TOLERANCE = 0.1  # 约3,200 agrees with 3,248; 约4,000 does not
# Two disagreeing readings of the same rank (both exact or both approximate, both about the one thing) whose
# certainties are this close are a tie: neither is given, the rules using the code say 待核实 quoting both.
TIE_MARGIN = 0.1
_TIES = {"int", "pct", "money", "bool"}


@dataclass
class Candidate:
    """One reading of one indicator in one place."""

    code: str
    value: object
    confidence: float
    evidence: Evidence
    approximate: bool = False
    excluded: tuple[str, ...] = ()  # sets: members the place says do not exist (yet)
    at_least: bool = False  # 3,000余人: the figure is a floor (3,000–3,999)
    specific: bool = True  # False for a blanket claim ("三科统编教材全面使用"): a statement about one subject beats it
    counted: bool = False  # counted from a list (专业设置一览表), not stated: a stated figure outranks it

    @property
    def certainty(self) -> float:
        """How sure the reading is: never surer than the recognition of the text it was read from."""
        return min(self.confidence, self.evidence.ocr_confidence)


def evidence_for(doc: Document, block: Block, quote: str) -> Evidence:
    """Where a reading came from; the block's own confidence (OCR) travels with it."""
    return Evidence(
        file=doc.path,
        quote=quote,
        page=block.position.page,
        locator=block.position.locator(),
        ocr_confidence=block.confidence,
        position=block.position,
    )


APPROXIMATE_CELL = 0.7  # a cell's figure said roughly ("约3,200", "1.27（万人）"): below the review threshold


def cell_reading(
    doc: Document, code: str, parsed: tuple[object, bool], confidence: float, cell: Block, quote: str
) -> Candidate:
    """A table cell's figure as a candidate: ``parsed`` is (value, approximate) as values.parse_cell gives it."""
    value, approximate = parsed
    return Candidate(
        code=code,
        value=value,
        confidence=confidence * (APPROXIMATE_CELL if approximate else 1),
        evidence=evidence_for(doc, cell, quote),
        approximate=approximate,
    )


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return abs(float(a) - float(b)) < 0.05  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
    return a == b


def _agrees(cand: Candidate, best: Candidate) -> bool:
    """The same value; or an approximation (约3,200人) close to an exact figure (3,248人) stated elsewhere."""
    if _same(cand.value, best.value):
        return True
    if cand.approximate and not best.approximate:
        try:
            exact, rough = float(best.value), float(cand.value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
        if cand.at_least:  # 400余人 agrees with 400–499, 3,000余人 with 3,000–3,999
            return rough <= exact < rough + _last_place(rough)
        return exact > 0 and abs(rough - exact) <= APPROXIMATION_TOLERANCE * exact
    return False


def _last_place(value: float) -> float:
    """The place of the last non-zero digit of a round figure: 400 → 100, 3,000 → 1,000, 1,250 → 10."""
    place = 1.0
    whole = int(value)
    while whole and whole % 10 == 0:
        whole //= 10
        place *= 10
    return place


def merge(candidates: list[Candidate], dictionary: dict[str, Indicator]) -> dict[str, Value]:
    """One Value per code: agreeing readings pool their evidence; disagreeing ones make a conflict."""
    by_code: dict[str, list[Candidate]] = {}
    for cand in candidates:
        by_code.setdefault(cand.code, []).append(cand)
    out: dict[str, Value] = {}
    for code in sorted(by_code, key=list(dictionary).index):
        if dictionary[code].type == "set":
            out[code] = _merge_set(code, by_code[code], dictionary[code])
            continue
        # An exact figure outranks an approximation of it, however sure the approximation's reading; a statement
        # about the one thing outranks a blanket claim, which then does not make a conflict.
        cands = sorted(by_code[code], key=lambda c: (c.approximate, not c.specific, c.counted, -c.certainty))
        best = cands[0]
        evidence = _places([c.evidence for c in cands])
        rivals = [c for c in cands[1:] if (c.specific or not best.specific) and not _agrees(c, best)]
        # figures and yes/no facts only: a name, a year or a category is the batch's identity of the school and
        # keeps its best reading (flagged when another disagrees)
        tied = [c for c in rivals if _ranks_with(c, best)] if dictionary[code].type in _TIES else []
        readings: list[object] = []
        if tied:  # no value: the evidence holds every reading, the readings each value once
            for c in [best, *rivals]:
                if not any(_same(c.value, r) for r in readings):
                    readings.append(c.value)
        out[code] = Value(
            code=code,
            value=None if tied else best.value,
            unit=dictionary[code].unit,
            confidence=CONFLICT_CONFIDENCE if rivals else best.certainty,
            evidence=evidence,
            approximate=best.approximate,
            conflict=bool(rivals),
            readings=readings,
        )
    return out


def _ranks_with(cand: Candidate, best: Candidate) -> bool:
    """Nothing but chance orders the two readings: the same kind of statement, about as sure, in another place.
    (Readings of one sentence or cell are ranked by the reading itself: "其中" parts, asides, subsets.)"""
    same_rank = (cand.approximate, cand.specific, cand.counted) == (best.approximate, best.specific, best.counted)
    return same_rank and best.certainty - cand.certainty <= TIE_MARGIN and _place(cand) != _place(best)


def _place(cand: Candidate) -> tuple[str, int | None, str, str]:
    return _place_of(cand.evidence)


def _place_of(ev: Evidence) -> tuple[str, int | None, str, str]:
    """Where a reading stands: file, page and cell or paragraph (the quote where there is no locator)."""
    return (ev.file, ev.page, ev.locator, "" if ev.locator else ev.quote)


def _merge_set(code: str, cands: list[Candidate], indicator: Indicator) -> Value:
    """A set is what every place together says exists; a member said to exist in one place and not in another is a
    conflict."""
    said = {m for c in cands for m in _members(c.value)}
    denied = {m for c in cands for m in c.excluded}
    evidence = _places([c.evidence for c in sorted(cands, key=lambda c: -c.certainty)])
    conflict = bool(said & denied)
    return Value(
        code=code,
        value=[m for m in indicator.values if m in said],
        unit=indicator.unit,
        confidence=CONFLICT_CONFIDENCE if conflict else max(c.certainty for c in cands),
        evidence=evidence,
        conflict=conflict,
    )


def _places(found: list[Evidence]) -> list[Evidence]:
    """Each place once: two readers of one table cell ("校企合作专业占比：80.0%", "校企合作专业占比 / 数值：80.0%")
    are one citation, the first reader's."""
    out: list[Evidence] = []
    seen: set[tuple[str, int | None, str, str]] = set()
    for ev in found:
        key = _place_of(ev)
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


def _members(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple | set) else []
