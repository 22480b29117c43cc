"""Hostile submissions made by code: zip and XML bombs, PDFs and images built to exhaust a reader, odd names.

Everything here is built in milliseconds and stays small on disk: a run of gigabytes is written as repeated
deflate blocks (after a full flush the compressor's output for the same input repeats byte for byte), so a
file of a few megabytes can honestly expand to gigabytes.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl

from fixturegen.docxutil import add_body, add_title, docx_bytes, new_document

MB = 1024 * 1024
GB = 1024 * MB
_CHUNK = MB
_ADLER = 65521


def _save(path: Path | str, data: bytes) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


# ---------------------------------------------------------------------------------------------- deflate runs


def deflated_run(size: int, byte: int = 0, *, raw: bool = False, prefix: bytes = b"", suffix: bytes = b"") -> bytes:
    """A deflate stream that inflates to `prefix`, then `size` copies of `byte`, then `suffix`.

    raw=True gives the bare deflate data a zip member holds; otherwise a zlib stream (header and Adler-32),
    as a PDF's FlateDecode and a PNG's IDAT hold.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    chunk = bytes([byte]) * _CHUNK
    out = [comp.compress(prefix) + comp.flush(zlib.Z_FULL_FLUSH)]
    whole, rest = divmod(size, _CHUNK)
    if whole:
        out.append(comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH))
    if whole > 1:
        # After a full flush the compressor starts afresh: the same input gives the same bytes again.
        out.append((comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)) * (whole - 1))
    tail = comp.compress(bytes([byte]) * rest + suffix) + comp.flush(zlib.Z_FINISH)
    if raw:
        return b"".join(out) + tail
    # The compressor saw only a few chunks: write the checksum of everything the stream really holds.
    a, b = 1, 0
    for value in prefix:
        a = (a + value) % _ADLER
        b = (b + a) % _ADLER
    # `size` bytes of value `byte`: step k adds byte to a, and the new a to b.
    b = (b + size * a + byte * size * (size + 1) // 2) % _ADLER
    a = (a + size * byte) % _ADLER
    for value in suffix:
        a = (a + value) % _ADLER
        b = (b + a) % _ADLER
    return b"".join(out) + tail[:-4] + ((b << 16) | a).to_bytes(4, "big")


def run_crc(size: int, byte: int, crc: int = 0) -> int:
    """CRC-32 of `size` copies of `byte`, continuing from `crc`."""
    chunk = bytes([byte]) * _CHUNK
    whole, rest = divmod(size, _CHUNK)
    for _ in range(whole):
        crc = zlib.crc32(chunk, crc)
    return zlib.crc32(bytes([byte]) * rest, crc)


# ---------------------------------------------------------------------------------------------- zip containers


def plain_docx(text: str = "学校名称：东莞市测试技工学校") -> bytes:
    """A small, valid .docx with a title and one paragraph."""
    doc = new_document()
    add_title(doc, "2025年度工作总结")
    add_body(doc, text)
    return docx_bytes(doc)


def plain_xlsx(cells: dict[str, str] | None = None) -> bytes:
    """A small, valid .xlsx with inline strings in its first sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "基本情况"
    for ref, value in (cells or {"A1": "学校名称", "B1": "东莞市测试技工学校"}).items():
        sheet[ref] = value
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def members(source: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(source)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    """A well-formed zip (sizes and checksums true) of the given members."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written field by field: (name, raw deflate data, declared size, crc32, method) per member.

    The declared size and checksum are written as given: they may lie about what the data inflates to.
    """
    out = bytearray()
    central = bytearray()
    for name, data, declared, crc, method in entries:
        encoded = name.encode("utf-8")
        offset = len(out)
        flags = 0x800  # names in UTF-8
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, crc, len(data), declared,
                           len(encoded), 0)  # fmt: skip
        out += encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0x21, crc, len(data),
                               declared, len(encoded), 0, 0, 0, 0, 0, offset)  # fmt: skip
        central += encoded
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def _stored_entries(parts: dict[str, bytes]) -> list[tuple[str, bytes, int, int, int]]:
    entries = []
    for name, data in parts.items():
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = comp.compress(data) + comp.flush()
        entries.append((name, packed, len(data), zlib.crc32(data), 8))
    return entries


def docx_bomb(path: Path | str, gigabytes: int = 2) -> Path:
    """A valid .docx carrying one more member that truly inflates to gigabytes (a few MB on disk)."""
    entries = _stored_entries(members(plain_docx()))
    entries.append(("word/media/image1.bin", deflated_run(gigabytes * GB, raw=True), gigabytes * GB, 0, 8))
    return _save(path, raw_zip(entries))


def ratio_bomb(path: Path | str, kind: str = "docx", megabytes: int = 100) -> Path:
    """The main part padded with whitespace: well-formed XML of `megabytes`, compressed about 1000 : 1."""
    parts = members(plain_docx() if kind == "docx" else plain_xlsx())
    name = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    head, cut, tail = parts[name].partition(b"<w:body>" if kind == "docx" else b"<sheetData>")
    prefix = head + cut
    size = megabytes * MB
    entries = [e for e in _stored_entries(parts) if e[0] != name]
    data = deflated_run(size, 0x20, raw=True, prefix=prefix, suffix=tail)
    crc = zlib.crc32(tail, run_crc(size, 0x20, zlib.crc32(prefix)))
    entries.append((name, data, len(prefix) + size + len(tail), crc, 8))
    return _save(path, raw_zip(entries))


def xlsx_bomb(path: Path | str, gigabytes: int = 1) -> Path:
    """An .xlsx whose sheet declares (and truly inflates to) gigabytes of whitespace."""
    parts = members(plain_xlsx())
    name = "xl/worksheets/sheet1.xml"
    entries = [e for e in _stored_entries(parts) if e[0] != name]
    entries.append((name, deflated_run(gigabytes * GB, 0x20, raw=True), gigabytes * GB, 0, 8))
    return _save(path, raw_zip(entries))


def lying_member(path: Path | str, kind: str = "docx", honest_crc: bool = False) -> Path:
    """The main part declares its true small size, but its data inflates on to 2 GB of whitespace.

    honest_crc: the checksum is that of the declared bytes (a reader that stops at the declared size finds the
    document intact); otherwise it is wrong, as in a plain bomb.
    """
    parts = members(plain_docx() if kind == "docx" else plain_xlsx())
    name = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    xml = parts[name]
    entries = [e for e in _stored_entries(parts) if e[0] != name]
    data = deflated_run(2 * GB, 0x20, raw=True, prefix=xml)
    entries.append((name, data, len(xml), zlib.crc32(xml) if honest_crc else 0x12345678, 8))
    return _save(path, raw_zip(entries))


def many_members(path: Path | str, count: int = 60_000) -> Path:
    """A .docx with tens of thousands of tiny members: its central directory alone is megabytes."""
    entries = _stored_entries(members(plain_docx()))
    empty = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = empty.compress(b"") + empty.flush()
    entries += [(f"customXml/item{i}.xml", packed, 0, 0, 8) for i in range(count)]
    return _save(path, raw_zip(entries))


# ---------------------------------------------------------------------------------------------- XML attacks

_LAUGHS = "".join(
    f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' if i else '<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">'
    for i in range(10)
)


def with_doctype(xml: bytes, root: str, internal: str) -> bytes:
    """The part with a DOCTYPE (holding `internal`) inserted before its root element."""
    decl, sep, rest = xml.partition(b"?>")
    if not sep:
        decl, sep, rest = b"", b"", xml
    doctype = f"\n<!DOCTYPE {root} [{internal}]>".encode()
    return decl + sep + doctype + rest


def billion_laughs(path: Path | str, kind: str = "docx", part: str | None = None) -> Path:
    """Ten levels of entities, each ten of the one below: 10^10 laughs if ever expanded."""
    return _entity_file(path, kind, _LAUGHS, "&l9;", part)


def external_entity(path: Path | str, secret: Path, kind: str = "docx", part: str | None = None) -> Path:
    """An entity naming a local file (XXE): reading it must never bring the file's text in."""
    return _entity_file(path, kind, f'<!ENTITY xxe SYSTEM "{secret.resolve().as_uri()}">', "&xxe;", part)


def _entity_file(path: Path | str, kind: str, internal: str, reference: str, part: str | None) -> Path:
    if kind == "docx":
        parts = members(plain_docx("学校名称：东莞市测试技工学校。引用：XXX"))
        name = part or "word/document.xml"
    else:
        parts = members(plain_xlsx({"A1": "学校名称", "B1": "XXX"}))
        name = part or "xl/worksheets/sheet1.xml"
    # The entity is referred to where the text XXX stands (openpyxl may write it as character references).
    xml = parts[name].replace(b"XXX", reference.encode()).replace(b"&#88;&#88;&#88;", reference.encode())
    root = re.search(rb"<([A-Za-z_][\w:.-]*)", xml.split(b"?>", 1)[-1])
    parts[name] = with_doctype(xml, root.group(1).decode() if root else "x", internal)
    return _save(path, rezip(parts))


def deep_nesting(path: Path | str, kind: str = "docx", depth: int = 50_000) -> Path:
    """The main part nested `depth` elements deep (content controls in Word, stray elements in a sheet); the
    defaults stay under the size at which the compression ratio is checked, so that nesting alone is met."""
    if kind == "docx":
        parts = members(plain_docx())
        name, anchor = "word/document.xml", b"<w:body>"
        deep = b"<w:sdt><w:sdtContent>" * depth + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * depth
    else:
        parts = members(plain_xlsx())
        name, anchor = "xl/worksheets/sheet1.xml", b"<sheetData>"
        deep = b"<x>" * depth + b"</x>" * depth
    parts[name] = parts[name].replace(anchor, anchor + deep, 1)
    return _save(path, rezip(parts))


# ---------------------------------------------------------------------------------------------- PDFs


def _stream(entries: bytes, data: bytes) -> bytes:
    return b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def build_pdf(objects: dict[int, bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF of numbered objects with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer, xref)
    return bytes(out)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = (
    b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
)


def many_pages(path: Path | str, pages: int = 5000) -> Path:
    """A PDF of thousands of pages sharing one small content stream."""
    content = _stream(b"", b"BT /F1 24 Tf 72 720 Td (Annual report page) Tj ET")
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: _FONT, 4: content}
    kids = []
    for i in range(pages):
        objects[5 + i] = _PAGE % (2, 3, 4)
        kids.append(b"%d 0 R" % (5 + i))
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    return _save(path, build_pdf(objects))


def page_tree_cycle(path: Path | str) -> Path:
    """A page tree whose inner node lists its own parent among its kids (and claims a million pages)."""
    content = _stream(b"", b"BT /F1 24 Tf 72 720 Td (Loop) Tj ET")
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 1000000 >>",
        3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 999999 >>",
        4: _FONT,
        5: content,
        6: _PAGE % (2, 4, 5),
    }
    return _save(path, build_pdf(objects))


def xref_loop(path: Path | str) -> Path:
    """A cross-reference table whose /Prev points back at itself."""
    data = build_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"})
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    data = data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % start)
    return _save(path, data)


def self_drawing_form(path: Path | str) -> Path:
    """A form XObject whose content draws itself: an endless recursion for a naive interpreter."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        4: _stream(b"", b"/Fm1 Do"),
        5: _stream(
            b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Fm1 5 0 R >> >>", b"/Fm1 Do"
        ),
    }
    return _save(path, build_pdf(objects))


def _double_flate(size: int, byte: int) -> bytes:
    """[/FlateDecode /FlateDecode] data inflating to `size` bytes: the inner run compressed once more."""
    inner = deflated_run(size, byte)
    return zlib.compress(inner, 9)


def stream_bomb(path: Path | str, gigabytes: int = 3) -> Path:
    """A page whose content stream inflates, through two Flate filters, to gigabytes of spaces (KB on disk)."""
    data = _double_flate(gigabytes * GB, 0x20)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _PAGE % (2, 4, 5),
        4: _FONT,
        5: _stream(b"/Filter [/FlateDecode /FlateDecode]", data),
    }
    return _save(path, build_pdf(objects))


def object_stream_bomb(path: Path | str, gigabytes: int = 3) -> Path:
    """The document catalogue lives in an object stream that inflates to gigabytes (cross-reference stream)."""
    catalog = b"1 0 << /Type /Catalog /Pages 2 0 R >> "
    inner = deflated_run(gigabytes * GB, 0x20, prefix=catalog)
    data = zlib.compress(inner, 9)
    header = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    body = bytearray(header)
    offsets = {}
    offsets[2] = len(body)
    body += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    offsets[3] = len(body)
    objstm = _stream(b"/Type /ObjStm /N 1 /First %d /Filter [/FlateDecode /FlateDecode]" % len(b"1 0 "), data)
    body += b"3 0 obj\n" + objstm + b"\nendobj\n"
    xref_at = len(body)
    rows = [
        struct.pack(">BIH", 0, 0, 0xFFFF),
        struct.pack(">BIH", 2, 3, 0),  # object 1: in object stream 3, index 0
        struct.pack(">BIH", 1, offsets[2], 0),
        struct.pack(">BIH", 1, offsets[3], 0),
        struct.pack(">BIH", 1, xref_at, 0),
    ]
    xref = _stream(b"/Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R", b"".join(rows))
    body += b"4 0 obj\n" + xref + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return _save(path, bytes(body))


def huge_scan_pdf(path: Path | str, width: int = 30_000, height: int = 30_000) -> Path:
    """A one-page 'scan': an image of width × height grey pixels filling an A4 page, no text layer."""
    data = _double_flate(width * height, 0xFF)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        4: _stream(b"", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        5: _stream(
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
            b" /Filter [/FlateDecode /FlateDecode]" % (width, height),
            data,
        ),
    }
    return _save(path, build_pdf(objects))


def operator_flood(path: Path | str, megabytes: int = 40) -> Path:
    """A page whose (small, compressed) content is tens of MB of drawing operators: slow to interpret."""
    ops = b"0 0 m 1 1 l S\n"
    raw = ops * (megabytes * MB // len(ops))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _PAGE % (2, 4, 5),
        4: _FONT,
        5: _stream(b"/Filter /FlateDecode", zlib.compress(raw, 9)),
    }
    return _save(path, build_pdf(objects))


# ---------------------------------------------------------------------------------------------- images


def huge_png(path: Path | str, width: int = 30_000, height: int = 30_000) -> Path:
    """A black greyscale PNG of width × height pixels (about a megabyte on disk)."""
    # Each row: filter byte 0, then black pixels (0): the whole image is one run of zero bytes.
    idat = deflated_run(height * (width + 1), 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return _save(path, b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


# ---------------------------------------------------------------------------------------------- names and text

# Text a school's file might hold that must stay inert in every output.
JINJA = "{{ 7*7 }}{% for x in range(3) %}循环{% endfor %}{{ config }}"
MARKUP = '</w:t></w:r></w:p><w:p><w:r><w:t>注入</w:t></w:r></w:p><script>alert("x")</script><b>粗体</b>'
FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", '=HYPERLINK("http://evil","点击")', "=cmd|' /C calc'!A0"]


def injection_report(path: Path | str, school: str) -> Path:
    """A work report whose sentences (quoted as evidence) and table cells carry template code, markup and
    formulas next to real figures, and whose school name cell is a formula."""
    from fixturegen.docxutil import set_cell

    doc = new_document()
    add_title(doc, f"{school}2025年度工作总结")
    # Below the 98 % the plan asks: the memo quotes this sentence under 存在问题.
    add_body(doc, f"毕业生就业率为96.2%{JINJA}{MARKUP}。")
    add_body(doc, f"全日制在校生人数为3,210人{MARKUP}。")
    add_body(doc, f"学校已建立党组织{FORMULAS[-1]}。")
    rows = [["项目", "内容"], ["学校名称", school], ["兼职教师人数", "45人"]]
    rows += [[f"说明{i}", text] for i, text in enumerate([JINJA, MARKUP, *FORMULAS], start=1)]
    table = doc.add_table(rows=len(rows), cols=2)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            set_cell(table.cell(r, c), text)
    return _save(path, docx_bytes(doc))
