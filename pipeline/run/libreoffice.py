"""LibreOffice, headless, for the whole tool: found once, run with a throw-away profile in a work folder of the
caller's (inside the output folder), under a time limit, and with every process it forked killed at the end.

The readers convert old office formats with it (pipeline/readers/convert.py); the renderer makes PDFs with it
(pipeline/render/pdf.py)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from jigong.pipeline.run import metrics

_FLAGS = ("--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck")


@dataclass(frozen=True)
class Outcome:
    """How one LibreOffice call ended: ok, failed (its exit code and last line of output) or timeout."""

    status: str
    returncode: int | None = None
    last_line: str = ""


def find_soffice() -> str | None:
    """The soffice command, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(
    soffice: str,
    files: list[Path],
    export: str,
    out_dir: Path,
    work: Path,
    limit: float,
    env: dict[str, str] | None = None,
) -> Outcome:
    """One soffice call converting `files` with the export filter `export` into `out_dir`.

    Its profile, HOME and temporary files are in `work` (nothing lands in the user's own LibreOffice settings).
    It runs in its own process group: on overrunning `limit` seconds, and in any case when it is over, the whole
    group is killed, so that no helper process is left behind holding the profile."""
    command = [
        soffice,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        *_FLAGS,
        "--convert-to",
        export,
        "--outdir",
        str(out_dir),
        *map(str, files),
    ]
    environment = dict(env if env is not None else os.environ, HOME=str(work), TMPDIR=str(work))
    metrics.count("soffice")
    log = work / "soffice.log"
    with log.open("wb") as sink:  # a file, not a pipe: a forked helper keeping it open cannot stall the wait
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT, env=environment,
            start_new_session=True,
        )  # fmt: skip
        try:
            process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            return Outcome("timeout")
        finally:
            _kill_group(process)  # on overrunning, and after: a helper left behind would keep the profile busy
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:] or [""]
        return Outcome("failed", process.returncode, tail[0])
    return Outcome("ok", 0)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return
    deadline = time.monotonic() + 5
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
