"""Writing outputs safely: atomic replace inside the output folder, safe file names, results.json."""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from jigong.pipeline.errors import OutputError

# Characters no file name may hold on Windows or Linux, control characters, and those that change how a name
# reads (direction overrides: "报告\u202excod.exe" shows as "报告exe.docx"), surrogates (undecodable bytes).
_UNSAFE = re.compile('[\x00-\x1f\x7f-\x9f<>:"/\\\\|?*\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]')
_DIGITS = "0123456789\u00b9\u00b2\u00b3"  # Windows reserves COM¹ … as it does COM1
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"{p}{d}" for p in ("COM", "LPT") for d in _DIGITS)}
MAX_NAME_BYTES = 200  # a name component may hold 255 bytes: room is left for "_12" and ".docx" / ".pdf"
_SURROGATE = re.compile("[\ud800-\udfff]")
TEMP_PREFIX = ".tmp-"  # what an output is written as before its rename; a run killed midway may leave one
# What shows a character that cannot be shown: control pictures (␛ ␇), else its code point.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def safe_name(name: str, limit: int = 80) -> str:
    """A file name that is safe on Windows and Linux; the real name stays inside the document.

    Unsafe characters become "_"; Windows' reserved device names (CON, NUL.docx, COM1, "Aux .txt") get a
    leading "_"; the name is cut to `limit` characters and MAX_NAME_BYTES bytes of UTF-8.
    """
    cleaned = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    if cleaned.split(".")[0].strip(" ").upper() in _RESERVED:
        cleaned = "_" + cleaned
    cleaned = cleaned[:limit]
    while len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        cleaned = cleaned[:-1]
    return cleaned.strip(" .") or "未命名"


def name_key(name: str) -> str:
    """Names that one file system keeps apart but another takes for the same file (Windows, macOS: case;
    macOS: composed and decomposed accents) have the same key."""
    return unicodedata.normalize("NFC", name).casefold()


def visible(text: str) -> str:
    """Text as it may be shown (a document, the terminal): control and direction characters become symbols
    (ESC → ␛, BEL → ␇, U+202E → 〈U+202E〉), an undecodable byte of a file name becomes 〈FF〉; nothing is lost."""
    return _INVISIBLE.sub(_symbol, text)


def escape_bytes(name: str) -> str:
    """Only the undecodable bytes of a file name (surrogates) as 〈FF〉: the rest stays as it is."""
    return _SURROGATE.sub(_symbol, name)


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that was not UTF-8 (Python's surrogateescape)
        return f"〈{code - 0xDC00:02X}〉"
    return f"〈U+{code:04X}〉"


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
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # the data is on disk before the name points at it (a power cut too)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are for the office to share
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}：写入失败（{exc.strerror}），请检查输出目录的权限和磁盘空间。") from exc


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    write_bytes_atomic(path, (text + "\n").encode("utf-8"))
