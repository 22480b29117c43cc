"""Small batches for the season tests: a few schools with one statistics form each, figures as given."""

from __future__ import annotations

from pathlib import Path

from fixturegen.profiles import make_profile
from fixturegen.writers_docx import write_form_docx

SCHOOLS = {"东莞市东城技工学校": 301, "东莞市虎门技工学校": 302, "东莞市石龙技师学院": 303}


def form_name(name: str, year: int) -> str:
    return f"{name}{year}年度报送统计表.docx"


def write_school(root: Path, name: str, year: int = 2025, **overrides: object) -> Path:
    """One school's folder with its statistics form; returns the form's path."""
    path = root / name / form_name(name, year)
    write_form_docx(make_profile(SCHOOLS.get(name, 399), name, year=year, **overrides), path, 0)
    return path


def small_batch(root: Path, year: int = 2025, overrides: dict[str, dict] | None = None) -> Path:
    for name in SCHOOLS:
        write_school(root, name, year, **(overrides or {}).get(name, {}))
    return root
