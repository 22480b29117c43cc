"""Ground-truth record attached to every generated file."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from jigong.pipeline.dictionary import load_dictionary

# Indicator codes the generator knows about: the whole data dictionary, in its order.
_DICTIONARY = load_dictionary()
CODES: tuple[str, ...] = tuple(_DICTIONARY)
PCT_CODES: frozenset[str] = frozenset(c for c, i in _DICTIONARY.items() if i.type == "pct")
BOOL_CODES: frozenset[str] = frozenset(c for c, i in _DICTIONARY.items() if i.type == "bool")
MONEY_CODES: frozenset[str] = frozenset(c for c, i in _DICTIONARY.items() if i.type == "money")
SET_CODES: frozenset[str] = frozenset(c for c, i in _DICTIONARY.items() if i.type == "set")


@dataclass
class Truth:
    """What one file states.

    ``values`` maps indicator code -> value for exactly the indicators the file states.
    ``evidence`` maps code -> the text span (a paragraph sentence, or a table row's
    distinct cell texts joined by " | ") the value comes from.
    ``readable`` is False for deliberately broken files (their ``values`` are empty).
    """

    file: str
    values: dict[str, object]
    school: str
    evidence: dict[str, str] = field(default_factory=dict)
    readable: bool = True
    approximate: list[str] = field(default_factory=list)  # codes stated as approximations (约, 余, 多, 以上)

    def sorted_values(self) -> dict[str, object]:
        """Values ordered as in CODES."""
        return {c: self.values[c] for c in CODES if c in self.values}


def truths_to_json(truths: dict[str, list[Truth]]) -> str:
    """Serialise a school -> truths mapping as UTF-8 friendly JSON."""
    data = {school: [asdict(t) | {"values": t.sorted_values()} for t in items] for school, items in truths.items()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_truth_json(truths: dict[str, list[Truth]], path: Path) -> None:
    """Write the truth mapping to ``path`` as JSON (UTF-8, ensure_ascii=False)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(truths_to_json(truths), encoding="utf-8")
