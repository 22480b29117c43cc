"""Fault drills in the main process: a documented hook called at each point where a run's progress is kept.

`JIGONG_STEP_HOOK=module:function` names a function called with (step, detail) after each file's reading is
stored ("file", its path), each school is committed to the store ("school", its name), each output is written
("output", its path) and the run is recorded as finished ("run", its id). The crash-safety tests use it to kill
the real command at those points; nothing else in the production path knows about tests. Leave it unset.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable

HOOK_VARIABLE = "JIGONG_STEP_HOOK"
_loaded: tuple[str, Callable[[str, str], None] | None] | None = None


def reached(step: str, detail: str) -> None:
    """Tell the drill hook (if one is set) that `step` is done for `detail`."""
    global _loaded
    spec = os.environ.get(HOOK_VARIABLE, "")
    if not spec:
        return
    if _loaded is None or _loaded[0] != spec:
        module, _, name = spec.partition(":")
        _loaded = (spec, getattr(importlib.import_module(module), name))
    hook = _loaded[1]
    if hook is not None:
        hook(step, detail)
