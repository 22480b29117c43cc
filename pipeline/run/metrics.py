"""Per-process tallies of costly events (model loads, LibreOffice starts) and of time spent in OCR.

Workers report theirs with every file (`pipeline/run/work.py`), so a run can show that jieba, the OCR models and
LibreOffice were started once per worker, not once per file (`jigong run --json`, `python -m bench`).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_COUNTS: Counter[str] = Counter()
_SECONDS: dict[str, float] = {}


def count(event: str, n: int = 1) -> None:
    """One more `event` in this process (e.g. "jieba", "ocr_model", "soffice")."""
    with _LOCK:
        _COUNTS[event] += n


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Add the wall time of the block to this process's total for `stage`."""
    start = time.perf_counter()
    try:
        yield
    finally:
        with _LOCK:
            _SECONDS[stage] = _SECONDS.get(stage, 0.0) + time.perf_counter() - start


def counts() -> dict[str, int]:
    """This process's tallies since it started."""
    with _LOCK:
        return dict(_COUNTS)


def seconds() -> dict[str, float]:
    """This process's time per timed stage since it started."""
    with _LOCK:
        return dict(_SECONDS)
