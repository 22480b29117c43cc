"""The data dictionary loaded from indicators.yaml: codes, names, types, units and label variants."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import CatalogueError
from .yamlload import check_keys, load_yaml

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
    refuse: tuple[str, ...] = ()
    refuse_sentence: tuple[str, ...] = ()
    frames: tuple[str, ...] = ()

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
            {"code", "section", "name", "type", "unit", "labels", "values", "refuse", "refuse_sentence", "frames"},
            {"code", "section", "name", "type"},
            path,
            "指标",
        )
        line = getattr(entry, "line", 0)
        if entry["type"] not in TYPES:
            raise CatalogueError(f"{path} 第{line}行：未知的指标类型“{entry['type']}”。")
        for frame in entry.get("frames", ()):
            problem = _frame_problem(str(frame))
            if problem:
                raise CatalogueError(f"{path} 第{line}行：指标“{entry['code']}”的 frames “{frame}”{problem}。")
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
            refuse=tuple(entry.get("refuse", ())),
            refuse_sentence=tuple(entry.get("refuse_sentence", ())),
            frames=tuple(entry.get("frames", ())),
        )
    return out


def _frame_problem(frame: str) -> str | None:
    """Why a frame cannot be used: it must hold {n} exactly once and be a valid regular expression."""
    if frame.count("{n}") != 1:
        return "须含且只含一个 {n}"
    try:
        re.compile(frame.replace("{n}", "(?P<n>0)"))
    except re.error as exc:
        return f"不是有效的正则表达式（{exc}）"
    return None
