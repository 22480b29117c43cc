"""Tell a file's real kind from its content, not from its name."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import olefile

from jigong.pipeline.readers.archive import directory_too_large

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
IMAGE_MAGIC = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpg", b"II*\x00": "tif", b"MM\x00*": "tif", b"GIF8": "gif"}
# Kingsoft WPS writes its .wps/.et in the same binary formats as Word 97 / Excel 97: the name tells them apart.
_WORD_BY_SUFFIX = {".wps": "wps"}
_SHEET_BY_SUFFIX = {".et": "et"}
_ODF = {"application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods"}


def sniff(path: Path) -> str:
    """The kind: docx, xlsx, pdf; doc/wps/xls/et/rtf/odt/ods/html (converted); png/jpg/tif/gif; encrypted_office,
    encrypted_doc, encrypted_xls, broken_ole, broken_zip, oversized_zip; pptx, ppt, ofd, zip; empty or unknown."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        return "empty"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    for magic, kind in IMAGE_MAGIC.items():
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK"):
        return _zip_kind(path)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _is_html(path):
        return "html"
    return "unknown"


def _is_html(path: Path) -> bool:
    """A web page, often what an online system's "导出Word" button saves under a .doc name."""
    with path.open("rb") as fh:
        start = fh.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<?xml") and b"<html" in start)


def _ole_kind(path: Path) -> str:
    """Word/Excel 97 binaries, and the OLE wrapper Office puts around an encrypted .docx/.xlsx."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
            if "EncryptionInfo" in streams and "EncryptedPackage" in streams:
                return "encrypted_office"
            if "WordDocument" in streams:
                fib = ole.openstream("WordDocument").read(12)
                # FIB base: wIdent 0xA5EC; bit 8 of the flags word at offset 10 is fEncrypted.
                if len(fib) >= 12 and struct.unpack_from("<H", fib, 10)[0] & 0x0100:
                    return "encrypted_doc"
                return _WORD_BY_SUFFIX.get(path.suffix.lower(), "doc")
            for name in ("Workbook", "Book"):
                if name in streams:
                    if _xls_has_filepass(ole.openstream(name).read(4096)):
                        return "encrypted_xls"
                    return _SHEET_BY_SUFFIX.get(path.suffix.lower(), "xls")
            if "PowerPoint Document" in streams:
                return "ppt"
    except (OSError, ValueError, struct.error, IndexError):  # olefile's NotOleFileError is an OSError
        return "broken_ole"
    return "broken_ole"


def _xls_has_filepass(data: bytes) -> bool:
    """A FILEPASS record (0x002F) among the first records of the workbook stream marks an encrypted .xls."""
    offset = 0
    for _ in range(16):
        if offset + 4 > len(data):
            return False
        record, size = struct.unpack_from("<HH", data, offset)
        if record == 0x002F:
            return True
        offset += 4 + size
    return False


def _zip_kind(path: Path) -> str:
    try:
        # A central directory of a million parts is refused before zipfile parses it (sizes: readers/archive.py).
        if directory_too_large(path):
            return "oversized_zip"
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = ""
            if "mimetype" in names:
                with zf.open("mimetype") as member:  # a bounded read: a part's data may run past its declared size
                    mimetype = member.read(256).decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        return "broken_zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    if mimetype in _ODF:
        return _ODF[mimetype]
    return "zip"
