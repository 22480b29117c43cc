"""The data dictionary loaded from indicators.yaml: codes, names, types, units and label variants."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jigong.pipeline.errors import CatalogueError
from jigong.pipeline.yamlload import check_keys, load_yaml

DICTIONARY_PATH = Path(__file__).with_name("indicators.yaml")
TYPES = {"int", "pct", "money", "bool", "enum", "set", "text", "year"}


@dataclass(frozen=True)
class Indicator:
    """One row of the data dictionary."""

    code: str
    section: str
    name: str
    type: str
    unit: str = ""
    labels: tuple[str, ...] = ()
    values: tuple[str, ...] = ()

    @property
    def all_labels(self) -> tuple[str, ...]:
        """The official name first, then the variants, longest first among the variants."""
        return (self.name, *sorted(self.labels, key=len, reverse=True))


@cache
def load_dictionary(path: Path = DICTIONARY_PATH) -> dict[str, Indicator]:
    data = load_yaml(path)
    entries = data.get("indicators") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CatalogueError(f"{path}：缺少 indicators 列表。")
    out: dict[str, Indicator] = {}
    for entry in entries:
        check_keys(
            entry,
            {"code", "section", "name", "type", "unit", "labels", "values"},
            {"code", "section", "name", "type"},
            path,
            "指标",
        )
        line = getattr(entry, "line", 0)
        if entry["type"] not in TYPES:
            raise CatalogueError(f"{path} 第{line}行：未知的指标类型“{entry['type']}”。")
        if entry["code"] in out:
            raise CatalogueError(f"{path} 第{line}行：指标代码“{entry['code']}”重复。")
        out[entry["code"]] = Indicator(
            code=entry["code"],
            section=entry["section"],
            name=entry["name"],
            type=entry["type"],
            unit=str(entry.get("unit", "")),
            labels=tuple(entry.get("labels", ())),
            values=tuple(entry.get("values", ())),
        )
    return out
