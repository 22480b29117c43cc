"""Year over year from the store: each school's and the city's series per indicator, and the change to last year."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jigong.checks.catalogue import Catalogue
from jigong.checks.engine import judged_on
from jigong.pipeline.chinese import change
from jigong.pipeline.dictionary import load_dictionary
from jigong.pipeline.model import Change, SchoolResult
from jigong.pipeline.store import Store
from jigong.pipeline.store import runs as runs_db

# The figures compared year over year, in the order a memo lists them.
TRACKED = (
    "students_total",
    "students_senior",
    "senior_ratio",
    "majors_total",
    "majors_coop",
    "coop_ratio",
    "graduates",
    "graduates_employed",
    "employment_rate",
)
# A rate a school did not state is computed from its counts, as the checks do.
RATIOS = {
    "senior_ratio": ("students_senior", "students_total"),
    "coop_ratio": ("majors_coop", "majors_total"),
    "employment_rate": ("graduates_employed", "graduates"),
}


@dataclass
class Series:
    """Values by year for each school and for the city: {code: {year: value}}; years without a figure are absent."""

    years: list[int] = field(default_factory=list)
    schools: dict[str, dict[str, dict[int, float]]] = field(default_factory=dict)
    city: dict[str, dict[int, float]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        def plain(s: dict[str, dict[int, float]]) -> dict[str, list[list[float]]]:
            return {code: [[y, v] for y, v in sorted(by.items())] for code, by in s.items()}

        return {
            "years": self.years,
            "schools": {name: plain(s) for name, s in self.schools.items()},
            "city": plain(self.city),
        }


def _figures(values: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for code in TRACKED:
        value = values.get(code)
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[code] = float(value)
    for rate, (num, den) in RATIOS.items():
        if rate not in out and out.get(den) and num in out:
            out[rate] = round(out[num] / out[den] * 100, 2)
    return out


def city_codes(catalogue: Catalogue, year: int) -> dict[str, str]:
    """city rule → the indicator its figure is (C01 → students_total, C05 → employment_rate)."""
    out: dict[str, str] = {}
    for rule in catalogue.city:
        params = rule.params(judged_on(year))
        if params.get("measure") == "sum":
            out[rule.id] = str(params["indicator"])
        elif params.get("measure") == "ratio":
            pair = (params["numerator"], params["denominator"])
            rate = next((r for r, p in RATIOS.items() if p == pair), None)
            if rate is not None:
                out[rule.id] = rate
    return out


def series(store: Store, catalogue: Catalogue, codes: tuple[str, ...] = TRACKED) -> Series:
    """Each school's and the city's figures per indicator, from the latest run of every year in the store.

    The city's figures are those of its city-wide findings (sums and pooled ratios over the schools counted).
    """
    out = Series(years=runs_db.years(store))
    for year in out.years:
        run = runs_db.latest_run(store, year)
        if run is None:
            continue
        for school, values in runs_db.indicator_values(store, run.id).items():
            for code, value in _figures(values).items():
                if code in codes:
                    out.schools.setdefault(school, {}).setdefault(code, {})[year] = value
        city = runs_db.city_values(store, run.id)
        for rule, code in city_codes(catalogue, year).items():
            figure = city.get(rule)
            if code in codes and isinstance(figure, int | float):
                out.city.setdefault(code, {})[year] = float(figure)
    return out


def changes(now: dict[str, float], before: dict[str, float], previous_year: int) -> list[Change]:
    dictionary = load_dictionary()
    out = []
    for code in TRACKED:
        if code in now and code in before:
            delta = now[code] - before[code]
            out.append(
                Change(
                    code=code,
                    label=dictionary[code].name,
                    previous_year=previous_year,
                    previous=before[code],
                    current=now[code],
                    delta=round(delta, 2),
                    text=change(delta, code),
                )
            )
    return out


def previous_year(store: Store, year: int) -> int | None:
    earlier = [y for y in runs_db.years(store) if y < year]
    return max(earlier) if earlier else None


def attach_changes(store: Store, schools: list[SchoolResult], year: int) -> None:
    """Fill each school's changes against the latest earlier year in the store."""
    before_year = previous_year(store, year)
    run = None if before_year is None else runs_db.latest_run(store, before_year)
    if run is None or before_year is None:
        return
    earlier = runs_db.indicator_values(store, run.id)
    for school in schools:
        if school.school_name in earlier:
            now = _figures({code: v.value for code, v in school.indicators.items()})
            school.changes = changes(now, _figures(earlier[school.school_name]), before_year)


def city_changes(store: Store, catalogue: Catalogue, city_now: dict[str, Any], year: int) -> list[Change]:
    """The city's figures (by city rule) against the latest earlier year."""
    before_year = previous_year(store, year)
    run = None if before_year is None else runs_db.latest_run(store, before_year)
    if run is None or before_year is None:
        return []
    before_values = runs_db.city_values(store, run.id)
    mapping = city_codes(catalogue, year)
    now = {code: float(city_now[r]) for r, code in mapping.items() if isinstance(city_now.get(r), int | float)}
    before = {
        code: float(before_values[r]) for r, code in mapping.items() if isinstance(before_values.get(r), int | float)
    }
    return changes(now, before, before_year)
