"""Archives a school sends (.zip, .7z): members copied out under the output folder, within the container limits.

A member is never written under its own name: each goes to `<work>/<archive digest>/<n><suffix>`, so a name
such as ``../../etc/passwd`` or ``C:\\x`` cannot place a file anywhere; the name only labels the member
(``材料.zip/年度报告.docx``). Sizes, ratios and counts are those of Office containers (readers/archive.py).
.rar is not opened: no library reads it without an unrar binary the bureau's machines do not have.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from jigong.pipeline.readers import digest_file
from jigong.pipeline.readers.archive import MAX_ENTRIES, MAX_MEMBER, MAX_RATIO, MAX_TOTAL, MB, RATIO_FROM, shown
from jigong.pipeline.render.output import escape_bytes, inside

ZIP_MAGIC, SEVEN_MAGIC, RAR_MAGIC = b"PK\x03\x04", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07"
EMPTY_ZIP = b"PK\x05\x06"
MAX_NESTING = 1  # an archive inside an archive is opened; one more level is not
_SUFFIXES = {".zip": "zip", ".7z": "7z", ".rar": "rar"}


@dataclass
class Member:
    """A file taken out of an archive: where its copy is, its label, or why it was not taken."""

    label: str  # 材料.zip/年度报告.docx (the archive's own label first)
    path: Path | None = None
    problem: str = ""


@dataclass
class Opened:
    """What an archive gave: its members, the stray files among them, or the reason it could not be opened."""

    members: list[Member] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)
    problem: str = ""


def archive_kind(path: Path) -> str | None:
    """zip, 7z or rar by the first bytes (a .docx is a zip too: only a name ending .zip, .7z, .rar counts)."""
    wanted = _SUFFIXES.get(path.suffix.lower())
    if wanted is None:
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return wanted
    for magic, kind in ((ZIP_MAGIC, "zip"), (EMPTY_ZIP, "zip"), (SEVEN_MAGIC, "7z"), (RAR_MAGIC, "rar")):
        if head.startswith(magic):
            return kind
    return wanted  # named as an archive but not one: opening it says it is damaged


def open_archive(path: Path, label: str, work: Path, is_stray: Callable[[str], bool], depth: int = 0) -> Opened:
    """Copy the members of the archive at `path` into `work` (inside the output folder); never raises for the
    archive's own faults."""
    kind = archive_kind(path) or "zip"
    if kind == "rar":
        return Opened(problem="RAR 格式的压缩包无法读取，未读取其中的材料；请学校改用 ZIP 格式重新报送。")
    target = inside(work, digest_file(path)[1][:16])
    try:
        with path.open("rb") as fh:
            items = _zip_items(fh) if kind == "zip" else _seven_items(path)
            return _copy(items, label, target, is_stray, depth, work)
    except _Refused as exc:
        return Opened(problem=str(exc))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError) as exc:
        return Opened(problem=f"压缩包已损坏，无法解压（{type(exc).__name__}），请学校重新报送。")
    except Exception as exc:  # py7zr raises its own types for damaged or unsupported archives
        if type(exc).__name__ in ("PasswordRequired", "UnsupportedCompressionMethodError"):
            return Opened(problem=_ENCRYPTED)
        return Opened(problem=f"压缩包已损坏或格式不受支持，无法解压（{type(exc).__name__}），请学校重新报送。")


_TOO_DEEP = "压缩包内的压缩包嵌套超过一层，未读取，请学校直接报送其中的文件。"
_ENCRYPTED = "压缩包设置了密码，无法解压，未读取其中的材料；请学校报送未加密的压缩包。"


class _Refused(Exception):
    """The archive breaks a limit or is encrypted: the message is the reason shown."""


@dataclass
class _Item:
    name: str  # as decoded
    size: int
    packed: int
    is_dir: bool
    encrypted: bool
    read: Callable[[], IO[bytes]]


def _member_name(info: zipfile.ZipInfo) -> str:
    """Windows' zip tools write names in GBK without the UTF-8 flag: zipfile then decodes them as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", "replace")
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def _zip_items(fh: IO[bytes]) -> list[_Item]:
    zf = zipfile.ZipFile(fh)
    return [
        _Item(
            _member_name(info),
            info.file_size,
            info.compress_size,
            info.is_dir(),
            bool(info.flag_bits & 0x1),
            lambda info=info: zf.open(info),  # type: ignore[misc]
        )
        for info in zf.infolist()
    ]


def _seven_items(path: Path) -> list[_Item]:
    import py7zr

    with py7zr.SevenZipFile(path) as archive:
        if archive.needs_password():
            raise _Refused(_ENCRYPTED)
        infos = archive.list()
    count = len(infos)
    if count > MAX_ENTRIES:
        raise _Refused(f"压缩包内含 {count} 个文件，超过 {MAX_ENTRIES} 个的上限，疑为恶意构造的文件，未读取。")
    _check_totals([(i.filename, i.uncompressed, i.compressed or 0) for i in infos if not i.is_directory])
    contents: dict[str, bytes] = {}

    def load() -> None:
        # 7z packs members in solid blocks: reading them one at a time would inflate a block again for each.
        # The declared sizes were checked above; the reading itself is bounded by the worker's memory limit.
        from py7zr.io import BytesIOFactory

        factory = BytesIOFactory(MAX_MEMBER)  # in memory: member names never become paths
        with py7zr.SevenZipFile(path) as archive:
            archive.extractall(factory=factory)
        for name, product in factory.products.items():
            product.seek(0)
            contents[name] = product.read()

    def reader(name: str) -> IO[bytes]:
        if not contents:
            load()
        return io.BytesIO(contents.get(name, b""))

    return [
        _Item(i.filename, i.uncompressed, i.compressed or 0, i.is_directory, False,
              lambda name=i.filename: reader(name))  # type: ignore[misc]
        for i in infos
    ]  # fmt: skip


def _check_totals(sizes: list[tuple[str, int, int]]) -> None:
    total = 0
    for name, size, packed in sizes:
        if size > MAX_MEMBER:
            raise _Refused(
                f"压缩包中的“{shown(name)}”解压后约 {size // MB} MB，超过单个文件 {MAX_MEMBER // MB} MB 的上限，"
                "疑为压缩炸弹，未读取。"
            )
        if packed and size > RATIO_FROM and size > MAX_RATIO * packed:
            raise _Refused(
                f"压缩包中的“{shown(name)}”压缩比约 {size // packed}:1，超过 {MAX_RATIO}:1 的上限，"
                "疑为压缩炸弹，未读取。"
            )
        total += size
    if total > MAX_TOTAL:
        raise _Refused(f"压缩包解压后共约 {total // MB} MB，超过 {MAX_TOTAL // MB} MB 的上限，疑为压缩炸弹，未读取。")


def clean_name(name: str) -> str:
    """A member's name as a label: forward slashes, no drive, no empty, `.` or `..` parts, bytes escaped."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if parts and len(parts[0]) == 2 and parts[0][1] == ":":
        parts = parts[1:]
    return escape_bytes("/".join(parts)) or "未命名"


def _copy(
    items: list[_Item], label: str, target: Path, is_stray: Callable[[str], bool], depth: int, work: Path
) -> Opened:
    files = [i for i in items if not i.is_dir]
    if len(files) > MAX_ENTRIES:
        raise _Refused(f"压缩包内含 {len(files)} 个文件，超过 {MAX_ENTRIES} 个的上限，疑为恶意构造的文件，未读取。")
    if any(i.encrypted for i in files):
        raise _Refused(_ENCRYPTED)
    _check_totals([(i.name, i.size, i.packed) for i in files])
    opened = Opened()
    written = 0
    for n, item in enumerate(files, start=1):
        name = clean_name(item.name)
        member = f"{label}/{name}"
        if is_stray(name):
            opened.strays.append(member)
            continue
        suffix = PurePosixPath(name).suffix.lower()
        suffix = suffix if suffix.isascii() and len(suffix) <= 6 and suffix[1:].isalnum() else ""
        path = inside(target, f"{n}{suffix}")
        path.parent.mkdir(parents=True, exist_ok=True)
        written += _bounded_copy(item, path, MAX_TOTAL - written)
        if archive_kind(path) is not None:
            if depth >= MAX_NESTING:
                opened.members.append(Member(member, problem=_TOO_DEEP))
                continue
            inner = open_archive(path, member, work, is_stray, depth + 1)
            opened.strays += inner.strays
            if inner.problem:
                opened.members.append(Member(member, problem=inner.problem))
            opened.members += inner.members
            continue
        opened.members.append(Member(member, path))
    return opened


def _bounded_copy(item: _Item, path: Path, room: int) -> int:
    """Copy a member in steps; its data may not run past the size it declares (nor past the total left)."""
    limit = min(item.size, room)
    copied = 0
    with item.read() as source, path.open("wb") as sink:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            copied += len(chunk)
            if copied > limit:
                raise _Refused(f"压缩包中的“{shown(item.name)}”实际内容超出其声明的大小，疑为恶意构造的文件，未读取。")
            sink.write(chunk)
    return copied
