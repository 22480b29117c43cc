"""Ground-truth record attached to every generated file."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Indicator codes the generator knows about, in a stable order.
CODES: tuple[str, ...] = (
    "school_name",
    "school_type",
    "report_year",
    "students_total",
    "students_senior",
    "senior_ratio",
    "majors_total",
    "majors_coop",
    "coop_ratio",
    "graduates",
    "graduates_employed",
    "employment_rate",
    "party_org_established",
    "principal_responsibility",
    "ideology_course_full",
    "textbook_politics",
    "textbook_chinese",
    "textbook_history",
)
PCT_CODES: frozenset[str] = frozenset({"senior_ratio", "coop_ratio", "employment_rate"})
BOOL_CODES: frozenset[str] = frozenset(
    {
        "party_org_established",
        "principal_responsibility",
        "ideology_course_full",
        "textbook_politics",
        "textbook_chinese",
        "textbook_history",
    }
)


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
