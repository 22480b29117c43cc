"""Zip containers (.docx, .xlsx) checked before any parser opens them: sizes, ratios, lying members, DTDs, depth.

python-docx and openpyxl trust a zip: `ZipFile.read` inflates a member in one call, however far its data goes
past the size it declares, and both read every part into memory. So everything a parser would do blindly is
measured here first, from the central directory and with bounded reads.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO

from lxml import etree

from jigong.pipeline.errors import ReadError

MB = 1024 * 1024
MAX_ENTRIES = 5_000  # a Word report holds 15–40 parts, a workbook a few per sheet
MAX_DIRECTORY = 4 * MB  # the central directory itself (≈ 80 bytes a part)
MAX_MEMBER = 256 * MB  # one part, unpacked
MAX_TOTAL = 512 * MB  # all parts, unpacked: python-docx and openpyxl hold them all in memory
MAX_RATIO = 200  # unpacked : packed, for parts over RATIO_FROM; Office XML packs 5–30 : 1, a bomb about 1000 : 1
RATIO_FROM = 4 * MB
VERIFY_FROM = 16 * 1024  # a deflated part packed smaller than this cannot inflate past 16.5 MB, even if it lies
MAX_PROLOG = 64 * 1024  # bytes before an XML part's root element (declaration, comments)
MAX_DEPTH = 100  # element nesting in the parts openpyxl reads with the standard library (no depth limit of its own)
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_BINARY = re.compile(r"\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|bin|ttf|odttf|fntdata|wdp|jfif|mp[34]|wav)$", re.I)
_SUSPECT = "疑为恶意构造的文件，未读取，请人工查阅。"


def directory_too_large(path: Path) -> bool:
    """From the end record alone (no parsing): more parts, or a larger central directory, than any Office file has."""
    record = _end_record(path)
    return record is not None and (record[0] > MAX_ENTRIES or record[1] > MAX_DIRECTORY)


def check_archive(source: Path | IO[bytes], rel: str, kind: str, what: str = "") -> None:
    """Raise ReadError (with a Chinese reason) for a container no parser should open; rewinds a stream."""
    if isinstance(source, Path):
        with source.open("rb") as fh:
            _check(fh, rel, kind, what)
    else:
        try:
            _check(source, rel, kind, what)
        finally:
            source.seek(0)


def _check(fh: IO[bytes], rel: str, kind: str, what: str) -> None:
    record = _end_record(fh)
    if record is not None and record[0] > MAX_ENTRIES:
        raise ReadError(rel, f"{what}文件内含 {record[0]} 个部件，超过 {MAX_ENTRIES} 个的上限，{_SUSPECT}")
    if record is not None and record[1] > MAX_DIRECTORY:
        raise ReadError(
            rel, f"{what}文件的压缩目录达 {record[1] // MB} MB，超过 {MAX_DIRECTORY // MB} MB 的上限，{_SUSPECT}"
        )
    fh.seek(0)
    with zipfile.ZipFile(fh) as zf:
        infos = zf.infolist()
        _check_sizes(infos, rel, what)
        for info in infos:
            if info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size > VERIFY_FROM:
                _check_inflated(fh, info, rel, what)
        for info in infos:
            if not info.is_dir() and info.file_size and not _BINARY.search(info.filename):
                _check_prolog(zf, info, rel, what)
        if kind == "xlsx":
            for info in infos:
                if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml":
                    _check_depth(zf, info, rel, what)


def _check_sizes(infos: list[zipfile.ZipInfo], rel: str, what: str) -> None:
    total = 0
    for info in infos:
        name = shown(info.filename)
        if info.compress_type not in _METHODS or info.flag_bits & 0x1:
            raise ReadError(rel, f"{what}文件中的“{name}”使用了 Office 不会使用的压缩或加密方式，{_SUSPECT}")
        if info.file_size > MAX_MEMBER:
            raise ReadError(
                rel,
                f"{what}文件中的“{name}”解压后约 {info.file_size // MB} MB，超过单个部件 {MAX_MEMBER // MB} MB 的上限，"
                f"疑为压缩炸弹，未读取，请人工查阅。",
            )
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise ReadError(
                rel,
                f"{what}文件中的“{name}”压缩比约 {ratio}:1（解压后 {info.file_size // MB} MB），"
                f"超过 {MAX_RATIO}:1 的上限，疑为压缩炸弹，未读取，请人工查阅。",
            )
        total += info.file_size
    if total > MAX_TOTAL:
        raise ReadError(
            rel,
            f"{what}文件解压后共约 {total // MB} MB，超过 {MAX_TOTAL // MB} MB 的上限，"
            "疑为压缩炸弹，未读取，请人工查阅。",
        )


def _check_inflated(fh: IO[bytes], info: zipfile.ZipInfo, rel: str, what: str) -> None:
    """Inflate the member's data in bounded steps: it must end where its declared size says."""
    fh.seek(info.header_offset)
    header = fh.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return  # zipfile itself refuses a member without its local header
    name_len, extra_len = struct.unpack_from("<HH", header, 26)
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    inflater = zlib.decompressobj(-15)
    left = info.compress_size
    produced = 0
    while left > 0 and not inflater.eof:
        data = fh.read(min(left, 1 << 16))
        if not data:
            return
        left -= len(data)
        while data and not inflater.eof:
            try:
                out = inflater.decompress(data, 1 << 20)
            except zlib.error:
                return  # damaged data: the parser's own read fails on it and says so
            produced += len(out)
            if produced > info.file_size:
                raise ReadError(
                    rel,
                    f"{what}文件中的“{shown(info.filename)}”实际内容超出其声明的大小（{info.file_size} 字节），"
                    f"{_SUSPECT}",
                )
            data = inflater.unconsumed_tail


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, rel: str, what: str) -> None:
    """No DTD (entity declarations: billion laughs, external entities) before the root element of an XML part."""
    try:
        with zf.open(info) as member:
            head = member.read(MAX_PROLOG)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        return  # damaged: the parser says so
    text = _decoded(head)
    if text is None:
        return
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        rest = text[position : position + 9]
        if rest.startswith("<?"):
            end = text.find("?>", position)
        elif rest.startswith("<!--"):
            end = text.find("-->", position)
        elif rest.upper().startswith("<!DOCTYPE") or rest.upper().startswith("<!ENTITY"):
            raise ReadError(
                rel,
                f"{what}文件中的“{shown(info.filename)}”含有 DTD（文档类型和实体声明），Word、Excel 和 WPS 都不会写入"
                f"这种内容，疑为 XML 实体攻击，未读取，请人工查阅。",
            )
        else:
            return  # the root element (or something no parser accepts, which it will say)
        if end < 0:
            if len(head) >= MAX_PROLOG:
                raise ReadError(
                    rel,
                    f"{what}文件中的“{shown(info.filename)}”在正文之前有超过 {MAX_PROLOG // 1024} KB 的声明，"
                    + _SUSPECT,
                )
            return
        position = end + 2


def _decoded(head: bytes) -> str | None:
    """The start of an XML part as text (UTF-8 or UTF-16 by its byte order mark)."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "replace")
    if head[:2] in (b"<\x00", b"\x00<"):
        return head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", "replace")
    return head.decode("utf-8", "replace")


class _TooDeep(Exception):
    pass


class _Depth:
    """A parser target that only counts nesting: the document is never built."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.depth = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > self.limit:
            raise _TooDeep()

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> None:
        return None


def _check_depth(zf: zipfile.ZipFile, info: zipfile.ZipInfo, rel: str, what: str) -> None:
    """Element nesting of a part openpyxl reads with the standard library's parser, which sets no limit."""
    parser = etree.XMLParser(target=_Depth(MAX_DEPTH), resolve_entities=False, no_network=True, load_dtd=False)
    try:
        with zf.open(info) as member:
            for chunk in iter(lambda: member.read(1 << 20), b""):
                parser.feed(chunk)
            parser.close()
    except _TooDeep as exc:
        raise ReadError(rel, f"{what}文件中的“{shown(info.filename)}”元素嵌套超过 {MAX_DEPTH} 层，{_SUSPECT}") from exc
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return  # not well-formed or damaged: openpyxl refuses it and says so


def shown(name: str, limit: int = 60) -> str:
    """A part's name as it may be shown: no control characters, not overlong (it comes from the file)."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _end_record(source: Path | IO[bytes]) -> tuple[int, int] | None:
    """(number of parts, size of the central directory) from the end-of-central-directory record."""
    if isinstance(source, Path):
        with source.open("rb") as opened:
            return _end_record(opened)
    fh = source
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    fh.seek(max(0, size - (1 << 16) - 22))
    tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    entries, directory = struct.unpack_from("<HI", tail, at + 10)
    locator = tail.rfind(b"PK\x06\x07", 0, at)
    if locator >= 0 and (entries == 0xFFFF or directory == 0xFFFFFFFF):
        # Zip64: the real counts are in the zip64 end record the locator points to.
        (offset,) = struct.unpack_from("<Q", tail, locator + 8)
        fh.seek(offset)
        record = fh.read(56)
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            entries64, directory64 = struct.unpack_from("<QQ", record, 32)
            return int(entries64), int(directory64)
    return int(entries), int(directory)
