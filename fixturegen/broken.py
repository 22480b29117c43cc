"""Deliberately unreadable submissions: truncated, empty, fake, legacy and encrypted files."""

from __future__ import annotations

import random
import struct
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from fixturegen.docxutil import add_body, add_title, docx_bytes, new_document
from fixturegen.writers_pdf import FONT, register_font

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _prepare(path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_truncated_docx(path: Path | str, source: bytes | None = None) -> None:
    """A valid .docx cut in half (no zip central directory, so not a readable zip)."""
    if source is None:
        doc = new_document()
        add_title(doc, "年度工作总结")
        for i in range(12):
            add_body(doc, f"第{i + 1}部分：学校认真贯彻落实上级部署，各项工作有序推进，" * 3)
        source = docx_bytes(doc)
    _prepare(path).write_bytes(source[: len(source) // 2])


def write_zero_bytes(path: Path | str) -> None:
    """An empty file."""
    _prepare(path).write_bytes(b"")


def write_not_a_document(path: Path | str, size: int = 4096, seed: int = 7) -> None:
    """Deterministic random bytes under a document-like name (e.g. .pdf)."""
    rng = random.Random(seed)
    _prepare(path).write_bytes(bytes(rng.randrange(256) for _ in range(size)))


def write_legacy_doc(path: Path | str, text: str = "专业设置一览表") -> None:
    """Bytes shaped like an old Word 97-2003 .doc: an OLE2 compound-file header and sectors."""
    header = bytearray(512)
    header[0:8] = OLE2_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 0x1000)  # FAT sectors, dir start, txn, cutoff
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)  # no mini FAT, no DIFAT
    struct.pack_into("<I", header, 76, 0)  # first FAT sector
    header[80:512] = b"\xff" * 432
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<III", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE)
    directory = bytearray(512)
    name = "Root Entry".encode("utf-16-le") + b"\0\0"
    directory[0 : len(name)] = name
    struct.pack_into("<HBB", directory, 64, len(name), 5, 1)
    body = bytearray(512)
    payload = ("WordDocument " + text).encode("utf-16-le")
    body[0 : len(payload)] = payload[:512]
    _prepare(path).write_bytes(bytes(header + fat + directory + body))


def write_encrypted_pdf(path: Path | str, password: str = "123456", title: str = "年度工作报告") -> None:
    """A password-protected PDF (reportlab standard encryption), byte-deterministic."""
    register_font()
    canvas = Canvas(str(_prepare(path)), pagesize=A4, encrypt=password, invariant=1)
    canvas.setFont(FONT, 16)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 3 * cm, title)
    canvas.setFont(FONT, 10.5)
    canvas.drawString(2.5 * cm, A4[1] - 4.5 * cm, "本文件已加密，请使用密码打开。")
    canvas.showPage()
    canvas.save()


def write_encrypted_office(path: Path | str, source: Path, password: str = "123456") -> None:
    """A .docx/.xlsx protected with an open password: Office wraps it in an OLE container (agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as plain, _prepare(path).open("wb") as out:
        OOXMLFile(plain).encrypt(password, out)


def write_truncated_pdf(path: Path | str, source: bytes) -> None:
    """A PDF cut off part way (its cross-reference table and trailer lost)."""
    _prepare(path).write_bytes(source[: len(source) // 3])


def write_fake_image(path: Path | str) -> None:
    """A PNG signature followed by garbage: looks like a picture, is none."""
    _prepare(path).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
