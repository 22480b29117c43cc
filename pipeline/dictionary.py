"""The project's data files: strict YAML loading (duplicate keys are errors, every mapping remembers its line),
and the data dictionary loaded with it from indicators.yaml: codes, names, types, units and label variants."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from jigong.pipeline.errors import CatalogueError


class LineDict(dict):
    """A mapping loaded from YAML that knows the line it started on (1-based)."""

    line: int = 0


class _StrictLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise CatalogueError(
                f"{node.start_mark.name} 第{key_node.start_mark.line + 1}行：键“{key}”重复，请删去其中一个。"
            )
        out[key] = loader.construct_object(value_node, deep=True)
    return out


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: the catalogue parses them itself so that a bad date names its line. Booleans are only
# true/false, as in YAML 1.2: a key `no:` (the wording of a "no" answer) must not turn into False.
_BOOL = "tag:yaml.org,2002:bool"
_StrictLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", _BOOL)]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_yaml(path: Path) -> Any:
    """Load one YAML file strictly; errors name the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError(f"{path}：无法读取（{exc.strerror}）。") from exc
    try:
        return yaml.load(_named(text, path), Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" 第{mark.line + 1}行" if mark else ""
        raise CatalogueError(f"{path}{where}：YAML 格式错误（{getattr(exc, 'problem', exc)}）。") from exc


def check_keys(entry: dict, allowed: set[str], required: set[str], path: Path, what: str) -> None:
    """Unknown and missing keys are errors naming the file and the entry's line."""
    line = getattr(entry, "line", 0)
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise CatalogueError(f"{path} 第{line}行：{what}含未知的键 {', '.join(unknown)}。")
    lacking = sorted(required - set(entry))
    if lacking:
        raise CatalogueError(f"{path} 第{line}行：{what}缺少键 {', '.join(lacking)}。")


def _named(text: str, path: Path) -> io.StringIO:
    # PyYAML takes the stream's `name` attribute for its error marks.
    stream = io.StringIO(text)
    stream.name = str(path)  # type: ignore[misc]
    return stream


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
