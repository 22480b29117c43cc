"""Skipping documents whose inputs did not change: a key over the render context, the output's recorded hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from jigong.pipeline.store import Store

RENDER_CODE = Path(__file__).resolve().parents[1] / "render"


@cache
def _code_key(templates: Path) -> str:
    digest = hashlib.sha256()
    for folder in (RENDER_CODE, templates):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class RenderCache:
    """Remembers, per output file, the key of what it was rendered from and the hash of what was written."""

    def __init__(self, store: Store, templates: Path) -> None:
        self.store = store
        self.code = _code_key(templates.resolve())
        self.skipped: list[Path] = []
        self.rendered: list[Path] = []

    def key(self, template: str, context: dict[str, Any], today: dt.date) -> str:
        text = json.dumps([self.code, template, today.isoformat(), context], sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def fresh(self, target: Path, key: str) -> bool:
        """True when the file on disk is the one last rendered from exactly this key."""
        row = self.store.conn.execute(
            "SELECT context_key, output_sha256 FROM renders WHERE target = ?", (str(target),)
        ).fetchone()
        if row is None or row[0] != key or _file_sha(target) != row[1]:
            return False
        self.skipped.append(target)
        return True

    def record(self, target: Path, key: str) -> None:
        sha = _file_sha(target)
        if sha is not None:
            self.store.conn.execute("INSERT OR REPLACE INTO renders VALUES (?, ?, ?)", (str(target), key, sha))
            self.rendered.append(target)
