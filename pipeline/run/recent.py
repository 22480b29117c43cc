"""Which store the latest `jigong run` from each folder used: a small JSON file in the user's state folder.

`jigong decide` and `jigong status` without --out or --store use the store of the most recent run started from
the folder they are typed in. The file is `$XDG_STATE_HOME/jigong/recent-runs.json` (by default
`~/.local/state/jigong/recent-runs.json`): folder → store, output folder and time of that run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from jigong.pipeline.errors import JigongError
from jigong.pipeline.render.output import write_bytes_atomic

KEPT = 100  # folders remembered; the oldest are forgotten first


@dataclass(frozen=True)
class Recent:
    store: Path
    out: Path
    at: str  # when that run finished, ISO 8601


def state_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "jigong" / "recent-runs.json"


def _load() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: as if no run had been made
    return data if isinstance(data, dict) else {}


def remember(folder: Path, store: Path, out: Path, now: dt.datetime | None = None) -> None:
    """Note that a run from folder used store; never stops a run that has already written its outputs."""
    data = _load()
    data.pop(str(folder), None)
    at = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    data[str(folder)] = {"store": str(store.resolve()), "out": str(out.resolve()), "at": at}
    kept = dict(list(data.items())[-KEPT:])
    # A read-only home is no reason to fail: decide and status then need --out or --store.
    with contextlib.suppress(OSError, JigongError):
        write_bytes_atomic(state_file(), json.dumps(kept, ensure_ascii=False, indent=1).encode("utf-8"))


def recall(folder: Path) -> Recent | None:
    """The store of the latest run from folder, if it is still there."""
    entry = _load().get(str(folder))
    if not isinstance(entry, dict) or not isinstance(entry.get("store"), str):
        return None
    store = Path(entry["store"])
    if not store.is_file():
        return None
    return Recent(store, Path(str(entry.get("out", store.parent))), str(entry.get("at", "")))
