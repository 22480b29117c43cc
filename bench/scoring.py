"""Scoring extraction against the labelled set: precision, recall and field accuracy per indicator."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from fixturegen.labelled import Expected
from jigong.pipeline.model import Value


@dataclass
class Outcome:
    """One field of one sample: what was expected, what came back, and whether that is right."""

    code: str
    expected: object  # None: not stated
    got: object  # None: nothing returned
    correct: bool
    stated: bool
    returned: bool
    note: str = ""
    quote: str = ""


@dataclass
class Tally:
    stated: int = 0
    returned: int = 0
    correct: int = 0
    unstated_returned: int = 0  # a value for a field the document does not state: the worst error
    fields: int = 0  # stated or returned

    def add(self, o: Outcome) -> None:
        self.stated += o.stated
        self.returned += o.returned
        self.correct += o.correct
        self.unstated_returned += o.returned and not o.stated
        self.fields += o.stated or o.returned

    @property
    def precision(self) -> float:
        return self.correct / self.returned if self.returned else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.stated if self.stated else 1.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.fields if self.fields else 1.0


@dataclass
class Report:
    per_code: dict[str, Tally] = field(default_factory=dict)
    total: Tally = field(default_factory=Tally)
    errors: list[tuple[str, Outcome]] = field(default_factory=list)

    def add(self, sample: str, outcomes: Iterable[Outcome]) -> None:
        for o in outcomes:
            self.per_code.setdefault(o.code, Tally()).add(o)
            self.total.add(o)
            if (o.stated or o.returned) and not o.correct:
                self.errors.append((sample, o))


def same(a: object, b: object) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and sorted(map(str, a)) == sorted(map(str, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < 0.05
    return a == b


def score(expected: Expected, got: dict[str, Value], codes: Iterable[str]) -> list[Outcome]:
    out: list[Outcome] = []
    for code in codes:
        value = got.get(code)
        quote = value.evidence[0].quote if value is not None and value.evidence else ""
        returned = value is not None
        if code in expected.conflicts:
            ok = returned and value.conflict  # type: ignore[union-attr]
            note = "" if ok else ("conflict not flagged" if returned else "conflict missed")
            out.append(Outcome(code, "conflict", value.value if value else None, ok, True, returned, note, quote))
            continue
        if code in expected.values:
            want = expected.values[code]
            if not returned or value.undecided:  # type: ignore[union-attr]  # a tie gives no value
                out.append(Outcome(code, want, None, False, True, False, "missed" if not returned else "undecided"))
                continue
            approx = code in expected.approximate
            ok = same(value.value, want) and value.approximate == approx and not value.conflict  # type: ignore[union-attr]
            note = ""
            if not same(value.value, want):  # type: ignore[union-attr]
                note = "wrong value"
            elif value.approximate != approx:  # type: ignore[union-attr]
                note = "approximate flag"
            elif value.conflict:  # type: ignore[union-attr]
                note = "false conflict"
            out.append(Outcome(code, want, value.value, ok, True, True, note, quote))  # type: ignore[union-attr]
            continue
        if returned and not value.inferred:  # type: ignore[union-attr]  # inferred (relations.yaml): no statement
            out.append(Outcome(code, None, value.value, False, False, True, "not stated", quote))  # type: ignore[union-attr]
        else:
            out.append(Outcome(code, None, None, False, False, False))  # not a field of this sample
    return out
