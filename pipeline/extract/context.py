"""What extraction knows about a submission before it reads the figures: its year and its own name."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Context:
    """The report year (figures of other years are refused) and the school's own full names."""

    year: int | None = None
    own_names: tuple[str, ...] = ()
