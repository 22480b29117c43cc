"""Workers take turns at recognition through lock files; a worker killed mid-page never blocks the others."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import time
from pathlib import Path

from jigong.pipeline.readers.ocr import slot

HOLD = """
import sys, time
from pathlib import Path
from jigong.pipeline.readers.ocr import slot
with slot(Path(sys.argv[1]), 1):
    print("held", flush=True)
    time.sleep(60)
"""


def _free(lock: Path) -> bool:
    with lock.open("a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        fcntl.flock(fh, fcntl.LOCK_UN)
        return True


def test_a_slot_is_held_by_one_process_and_freed_when_it_is_killed(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert not _free(tmp_path / "ocr-0.lock")
    finally:
        holder.kill()
        holder.communicate(timeout=10)
    deadline = time.monotonic() + 5
    while not _free(tmp_path / "ocr-0.lock"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    with slot(tmp_path, 1):  # taken at once, without waiting for anyone
        assert not _free(tmp_path / "ocr-0.lock")


def test_two_slots_let_two_pages_be_recognised_at_once(tmp_path: Path) -> None:
    with slot(tmp_path, 2), slot(tmp_path, 2):
        assert not _free(tmp_path / "ocr-0.lock") and not _free(tmp_path / "ocr-1.lock")


def test_without_a_folder_nothing_is_held(tmp_path: Path) -> None:
    with slot(None):
        assert list(tmp_path.iterdir()) == []
