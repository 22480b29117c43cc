"""Plain-JSON round trip of the stage dataclasses, for the store: Document, Evidence, Value, Candidate, records."""

from __future__ import annotations

import dataclasses
import json
import zlib
from typing import Any

from jigong.pipeline.extract.candidates import Candidate
from jigong.pipeline.model import Block, Document, Evidence, FileRecord, Finding, Position, Value

# Tagged by class name: a field added to one of these classes later travels without a change here.
TYPES: dict[str, type] = {
    cls.__name__: cls for cls in (Block, Candidate, Document, Evidence, FileRecord, Finding, Position, Value)
}


def to_data(obj: Any) -> Any:
    """A dataclass tree as JSON-ready data; tuples are tagged so that frozen dataclasses come back hashable."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        name = type(obj).__name__
        if name not in TYPES:
            raise TypeError(f"no codec for {name}")
        out: dict[str, Any] = {"@": name}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if value != f.default:  # defaults are left out: smaller rows, and old rows read as new defaults
                out[f.name] = to_data(value)
        return out
    if isinstance(obj, tuple):
        return {"@t": [to_data(v) for v in obj]}
    if isinstance(obj, list):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, set | frozenset):
        return {"@t": sorted(to_data(v) for v in obj)}
    return obj


def from_data(data: Any) -> Any:
    """The inverse of to_data; fields this version does not know are dropped rather than fatal."""
    if isinstance(data, list):
        return [from_data(v) for v in data]
    if isinstance(data, dict):
        if "@t" in data:
            return tuple(from_data(v) for v in data["@t"])
        if "@" in data:
            cls = TYPES[data["@"]]
            known = {f.name for f in dataclasses.fields(cls)}
            return cls(**{k: from_data(v) for k, v in data.items() if k in known})
        return {k: from_data(v) for k, v in data.items()}
    return data


def dumps(obj: Any) -> str:
    return json.dumps(to_data(obj), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    return from_data(json.loads(text))


def pack(obj: Any) -> bytes:
    """Compressed JSON for the bulky cache rows (a read document is mostly repetitive text)."""
    return zlib.compress(dumps(obj).encode("utf-8"), 6)


def unpack(blob: bytes) -> Any:
    return loads(zlib.decompress(blob).decode("utf-8"))
