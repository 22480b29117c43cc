"""Writing outputs safely: atomic replace inside the output folder, safe file names, results.json."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from .errors import OutputError

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_name(name: str, limit: int = 80) -> str:
    """A file name that is safe on Windows and Linux; the real name stays inside the document."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned[:limit] or "未命名"


def inside(root: Path, *parts: str) -> Path:
    """A path under root; refuses anything that would land outside it."""
    target = root.joinpath(*parts).resolve()
    base = root.resolve()
    if target != base and base not in target.parents:
        raise OutputError(f"{target}：输出路径超出输出目录 {base}，已拒绝写入。")
    return target


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: no half-written file is ever left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are for the office to share
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}：写入失败（{exc.strerror}），请检查输出目录的权限和磁盘空间。") from exc


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    write_bytes_atomic(path, (text + "\n").encode("utf-8"))
