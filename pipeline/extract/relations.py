"""Rules between indicators (relations.yaml): readings that contradict the others are dropped before the merge,
and values a stated one implies are filled after it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jigong.pipeline.dictionary import check_keys, load_yaml
from jigong.pipeline.errors import CatalogueError
from jigong.pipeline.extract.candidates import Candidate
from jigong.pipeline.model import Value

RELATIONS_PATH = Path(__file__).with_name("relations.yaml")
RATIO_TOLERANCE = 0.5  # percentage points, as the consistency rules K02, K04 and K06
IMPLIED_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Implication:
    when: str
    value: object
    then: str
    gives: object


@dataclass(frozen=True)
class Relations:
    implies: tuple[Implication, ...]
    at_most: tuple[tuple[str, str], ...]
    ratios: tuple[tuple[str, str, str], ...]  # (ratio, part, whole)
    suffix_code: str
    suffix_from: str
    endings: tuple[str, ...]


@cache
def load_relations(path: Path = RELATIONS_PATH) -> Relations:
    data = load_yaml(path)
    check_keys(data, {"implies", "at_most", "ratios", "name_suffix"}, {"implies", "at_most", "ratios"}, path, "关系")
    implies = []
    for entry in data["implies"]:
        check_keys(entry, {"if", "is", "then", "value"}, {"if", "is", "then", "value"}, path, "implies")
        implies.append(Implication(entry["if"], entry["is"], entry["then"], entry["value"]))
    pairs = []
    for pair in data["at_most"]:
        if not isinstance(pair, list) or len(pair) != 2:
            raise CatalogueError(f"{path}：at_most 的每一项须为 [部分, 整体]。")
        pairs.append((str(pair[0]), str(pair[1])))
    ratios = []
    for entry in data["ratios"]:
        check_keys(entry, {"ratio", "part", "whole"}, {"ratio", "part", "whole"}, path, "ratios")
        ratios.append((entry["ratio"], entry["part"], entry["whole"]))
    suffix = data.get("name_suffix") or {}
    return Relations(
        implies=tuple(implies),
        at_most=tuple(pairs),
        ratios=tuple(ratios),
        suffix_code=str(suffix.get("code", "")),
        suffix_from=str(suffix.get("from", "")),
        endings=tuple(suffix.get("endings", ())),
    )


def reject(candidates: list[Candidate], relations: Relations | None = None) -> list[Candidate]:
    """Drop the readings that contradict the other indicators' readings, where another reading of the same
    indicator agrees with them; a contradiction no reading resolves is left for the consistency rules."""
    relations = relations or load_relations()
    by_code: dict[str, list[Candidate]] = {}
    for cand in candidates:
        by_code.setdefault(cand.code, []).append(cand)
    dropped: set[int] = set()

    def numbers(code: str) -> list[float]:
        return [float(c.value) for c in by_code.get(code, []) if isinstance(c.value, int | float)]

    for part, whole in relations.at_most:
        wholes = numbers(whole)
        if not wholes or len(by_code.get(part, [])) < 2:
            continue
        ceiling = max(wholes)
        fits = [c for c in by_code[part] if isinstance(c.value, int | float) and c.value <= ceiling]
        if fits:
            dropped |= {id(c) for c in by_code[part] if c not in fits}
    for ratio, part, whole in relations.ratios:
        parts, wholes = numbers(part), numbers(whole)
        if len(by_code.get(ratio, [])) < 2 or len(parts) != 1 or len(wholes) != 1 or not wholes[0]:
            continue
        expected = 100 * parts[0] / wholes[0]
        fits = [c for c in by_code[ratio] if abs(float(c.value) - expected) <= RATIO_TOLERANCE]  # type: ignore[arg-type]
        if fits:
            dropped |= {id(c) for c in by_code[ratio] if c not in fits}
    return [c for c in candidates if id(c) not in dropped]


def fill(values: dict[str, Value], dictionary: dict, relations: Relations | None = None) -> None:  # type: ignore[type-arg]
    """Add the values that stated ones imply, each marked with what it was inferred from."""
    relations = relations or load_relations()
    for rule in relations.implies:
        stated = values.get(rule.when)
        if stated is None or stated.value != rule.value or rule.then in values or rule.then not in dictionary:
            continue
        values[rule.then] = Value(
            code=rule.then,
            value=rule.gives,
            unit=dictionary[rule.then].unit,
            confidence=min(stated.confidence, IMPLIED_CONFIDENCE),
            evidence=list(stated.evidence),
            inferred=rule.when,
        )
    name = values.get(relations.suffix_from)
    if name is not None and relations.suffix_code in dictionary and relations.suffix_code not in values:
        ending = next((e for e in relations.endings if str(name.value).endswith(e)), None)
        if ending is not None:
            values[relations.suffix_code] = Value(
                code=relations.suffix_code,
                value=ending,
                confidence=min(name.confidence, IMPLIED_CONFIDENCE),
                evidence=list(name.evidence),
                inferred=relations.suffix_from,
            )
