"""Fault drill for the worker hook (JIGONG_WORKER_HOOK=helpers.faults:inject): files named to crash or hang
their worker."""

from __future__ import annotations

import os
import signal
import time


def inject(rel: str, path: str) -> None:
    """崩溃 in the name: the worker process dies; 卡死: it sleeps (the soft alarm stops it);
    僵死: it blocks the alarm and sleeps (only the pool's hard kill stops it); 内存: it asks for 8 GB."""
    if "崩溃" in rel:
        os._exit(70)
    if "卡死" in rel:
        time.sleep(60)
    if "僵死" in rel:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if "内存" in rel:
        hoard = bytearray(8 * 1024**3)
        del hoard
