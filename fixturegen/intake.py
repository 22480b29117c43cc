"""Batches as the bureau receives them: archives (GBK names, encrypted, nested), lock files, empty folders, a roster."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from fixturegen.docxutil import FIXED_TIME, normalise_zip
from fixturegen.profiles import make_profile
from fixturegen.writers_docx import report_docx_bytes, write_form_docx

YEAR = 2025
ZIPPED = "东莞市厚街技工学校"  # sends one .zip made on Windows: GBK names, no UTF-8 flag, a nested zip
LOCKED = "东莞市鸿图技师学院"  # compliant; a Word lock file and Thumbs.db lie beside its files
SHORT = "东莞市松湖高级技工学校"  # its folder carries the short name the roster lists: 松湖技校
SECRET = "东莞市石龙技工学校"  # sends an encrypted .zip only
EMPTY = "东莞市清溪技工学校"  # an empty folder
ABSENT = "东莞市塘厦技工学校"  # on the roster, sent nothing at all
SHORT_NAME = "松湖技校"
ZIPPED_FOLDER = ZIPPED.removeprefix("东莞市")  # its folder and its form say 厚街技工学校: a tolerant match


def gbk_zip(members: dict[str, bytes]) -> bytes:
    """A zip as Windows' 'Send to compressed folder' writes it in China: names in GBK, the UTF-8 flag unset."""
    placeholders = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, data) in enumerate(members.items()):
            raw = name.encode("gbk")
            stand_in = f"{i:03d}".encode() + b"q" * (len(raw) - 3)  # as many bytes as the GBK name
            placeholders[stand_in] = raw
            zf.writestr(stand_in.decode("ascii"), data)
    out = buffer.getvalue()
    for stand_in, raw in placeholders.items():
        out = out.replace(stand_in, raw)
    return out


def encrypted_zip(members: dict[str, bytes]) -> bytes:
    """A zip whose members carry the encryption flag (what any zip tool's 'set password' writes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    out = bytearray(buffer.getvalue())
    for magic, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(magic)
        while at >= 0:
            out[at + flag_at] |= 0x01
            at = out.find(magic, at + 4)
    return bytes(out)


def traversal_zip(name: str, data: bytes) -> bytes:
    """A zip whose member's name climbs out of any folder it is unpacked into."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(name, data)
    return buffer.getvalue()


def write_roster(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """A roster workbook: 学校名称, 办学性质, 学校类别, 曾用名/简称 (and the optional columns left empty)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.append(["学校名称", "办学性质", "学校类别", "统一社会信用代码", "所在镇街", "曾用名/简称"])
    for name, nature, category, aliases in rows:
        sheet.append([name, nature, category, "", "", aliases])
    book.properties.created = FIXED_TIME  # the same bytes every time: inputs/ is compared with the generator's
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:  # Workbook.save stamps the current time
        ExcelWriter(book, archive).write_data()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(normalise_zip(buffer.getvalue()))
    return path


def build_intake_batch(dest: Path) -> Path:
    """The batch of every intake case; its roster is dest/学校名册.xlsx (at the top, where a run finds it)."""
    dest.mkdir(parents=True, exist_ok=True)
    locked = make_profile(101, LOCKED, senior_ratio=46.3, coop_ratio=95.5, employment_rate=98.7)
    folder = dest / LOCKED
    write_form_docx(locked, folder / f"{LOCKED}{YEAR}年度报送统计表.docx", 0)
    (folder / f"{YEAR}年度工作报告.docx").write_bytes(report_docx_bytes(locked, 0)[0])
    (folder / f"~${YEAR}年度工作报告.docx").write_bytes(b"\x0bzhangsan" + b"\x00" * 153)  # Word's owner file
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)

    zipped = make_profile(108, ZIPPED.removeprefix("东莞市"))  # states its name without 东莞市: a tolerant match
    form = io.BytesIO()
    write_form_docx(zipped, dest / ".form.docx", 1)
    form.write((dest / ".form.docx").read_bytes())
    (dest / ".form.docx").unlink()
    inner = gbk_zip({"附件/工作报告.docx": report_docx_bytes(zipped, 1)[0]})
    outer = gbk_zip(
        {
            f"{ZIPPED}/年度报送统计表.docx": form.getvalue(),
            f"{ZIPPED}/附件.zip": inner,
            "__MACOSX/._年度报送统计表.docx": b"\x00\x05\x16\x07",
        }
    )
    (dest / ZIPPED_FOLDER).mkdir()
    (dest / ZIPPED_FOLDER / f"{ZIPPED}报送材料.zip").write_bytes(outer)

    short = make_profile(102, SHORT_NAME, school_type="民办")  # states its short name, and 民办 (the roster: 公办)
    write_form_docx(short, dest / SHORT_NAME / "年度报送统计表.docx", 2)

    (dest / SECRET).mkdir()
    (dest / SECRET / "报送材料.zip").write_bytes(encrypted_zip({"年度报告.docx": b"x" * 200}))
    (dest / EMPTY).mkdir()
    (dest / EMPTY / "desktop.ini").write_bytes(b"[.ShellClassInfo]\r\n")
    write_roster(
        dest / "学校名册.xlsx",
        [
            (LOCKED, "公办", "技师学院", ""),
            (ZIPPED, "公办", "技工学校", "厚街技校"),
            (SHORT, "公办", "高级技工学校", f"{SHORT_NAME}、松湖高技"),
            (SECRET, "公办", "技工学校", ""),
            (EMPTY, "公办", "技工学校", ""),
            (ABSENT, "民办", "技工学校", "塘厦技校"),
        ],
    )
    return dest


def add_hostile_school(dest: Path, name: str = "东莞市测试技工学校") -> Path:
    """A school outside the roster whose folder holds what the hostile drills send: every reason reaches a memo."""
    from fixturegen import hostile
    from fixturegen.broken import write_encrypted_office, write_truncated_docx

    folder = dest / name
    folder.mkdir(parents=True, exist_ok=True)
    profile = make_profile(109, name)
    write_form_docx(profile, folder / "年度报送统计表.docx", 0)
    hostile.lying_member(folder / "说谎的部件.docx")
    hostile.billion_laughs(folder / "实体攻击.docx")
    write_truncated_docx(folder / "传输中断.docx", report_docx_bytes(profile, 0)[0])
    write_encrypted_office(folder / "加密报告.docx", folder / "年度报送统计表.docx")
    (folder / "空文件.docx").write_bytes(b"")
    (folder / "未知格式.dat").write_bytes(b"\x01\x02 not a document")
    (folder / "材料.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\x00" * 40)
    (folder / "越界.zip").write_bytes(traversal_zip("../../../../tmp/越界.docx", b"x" * 10))
    nested = gbk_zip({"深层.zip": gbk_zip({"内层.zip": gbk_zip({"a.docx": b"x"})})})
    (folder / "多层.zip").write_bytes(nested)
    return folder
