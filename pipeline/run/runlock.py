"""One run per output folder: a lock file naming the run that holds it, taken over when that run has died."""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import re
import shutil
import socket
from pathlib import Path
from typing import Any

from jigong.pipeline.errors import JigongError
from jigong.pipeline.render.output import TEMP_PREFIX

LOCK_NAME = ".jigong.lock"
# What a run leaves behind only when it is killed: outputs being written (mkstemp's 8 random characters after
# the prefix), LibreOffice's staging folders, half-copied conversions, decrypted copies.
_LEFTOVER_FILE = re.compile(re.escape(TEMP_PREFIX) + r"[a-z0-9_]{8}$")
_LEFTOVER_IN_CACHE = re.compile(r"^(?:\.work-|\.plain-|jigong-pdf-).+|^\..+\.part$")


class OutputLocked(JigongError):
    """Another run is writing into the same output folder."""


class OutputLock:
    """`with OutputLock(out):` — held for the whole run; the file says who holds it (pid, host, start).

    The lock itself is an flock on the file: the kernel drops it when its process ends, however it ends, so
    a lock left by a run that was killed is simply taken over (and reported in `taken_over`). Where the file
    system cannot lock (some network shares), a holder whose process no longer exists on this host counts as gone.
    """

    def __init__(self, out: Path) -> None:
        self.path = out / LOCK_NAME
        self.fd: int | None = None
        self.taken_over: dict[str, Any] | None = None  # the holder recorded by a run that did not finish

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                os.close(fd)
                raise OutputLocked(_refusal(self.path.parent, holder)) from None
            except OSError as exc:
                if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
                    os.close(fd)
                    raise
                holder = _holder(fd)
                if _alive_here(holder):
                    os.close(fd)
                    raise OutputLocked(_refusal(self.path.parent, holder)) from None
            if not _same_file(fd, self.path):
                os.close(fd)  # the run before us removed the file as we opened it: lock the one there now
                continue
            previous = _holder(fd)
            if previous:
                self.taken_over = previous
            record = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            }
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(record, ensure_ascii=False).encode("utf-8"), 0)
            self.fd = fd
            return
        raise OutputLocked(f"{self.path.parent}：无法取得输出目录的锁，请稍后重试。")

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            if _same_file(self.fd, self.path):
                self.path.unlink()  # a clean end leaves no lock file; a killed run's is taken over next time
        finally:
            os.close(self.fd)  # closing drops the flock
            self.fd = None


def _holder(fd: int) -> dict[str, Any]:
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
    except (ValueError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def _alive_here(holder: dict[str, Any]) -> bool:
    pid = holder.get("pid")
    if not isinstance(pid, int) or holder.get("host") != socket.gethostname() or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _refusal(out: Path, holder: dict[str, Any]) -> str:
    who = f"进程号 {holder.get('pid', '未知')}"
    if holder.get("host"):
        who += f"，主机 {holder['host']}"
    if holder.get("started"):
        who += f"，开始于 {holder['started']}"
    return (
        f"{out}：该输出目录正由另一次审查使用（{who}），本次未运行。请等该次审查结束后再运行，"
        "或用 --out 指定其他输出目录。"
    )


def sweep(out: Path) -> list[Path]:
    """Remove what a killed run left behind (called while holding the lock): half-written outputs under their
    temporary names, LibreOffice work folders, partial conversions and decrypted copies. Returns what went."""
    gone: list[Path] = []
    if not out.is_dir():
        return gone
    for folder in (out, out / "memos"):
        if folder.is_dir() and not folder.is_symlink():
            for path in folder.iterdir():
                if _LEFTOVER_FILE.match(path.name) and path.is_file() and not path.is_symlink():
                    path.unlink(missing_ok=True)
                    gone.append(path)
    cache = out / ".cache"
    if cache.is_dir() and not cache.is_symlink():
        for path in sorted(cache.rglob("*"), reverse=True):
            if not _LEFTOVER_IN_CACHE.match(path.name) or path.is_symlink():
                continue
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            gone.append(path)
    return gone
