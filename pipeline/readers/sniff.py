"""Tell a file's real kind from its first bytes, not from its name."""

from __future__ import annotations

import zipfile
from pathlib import Path

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
LEGACY_BY_SUFFIX = {".doc": "doc", ".wps": "wps", ".xls": "xls", ".et": "et"}
IMAGE_MAGIC = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpg", b"II*\x00": "tif", b"MM\x00*": "tif"}


def sniff(path: Path) -> str:
    """Return docx, xlsx, pdf, doc/xls/wps/et (OLE), png/jpg/tif, zip, empty or unknown."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        return "empty"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return LEGACY_BY_SUFFIX.get(path.suffix.lower(), "ole")
    for magic, kind in IMAGE_MAGIC.items():
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK"):
        return _zip_kind(path)
    return "unknown"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return "broken_zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"
