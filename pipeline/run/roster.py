"""The roster (学校名册): the schools that must submit, their 办学性质 and 学校类别, and how a submission is matched."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from jigong.pipeline.errors import RosterError
from jigong.pipeline.model import Match, Roster, School

REQUIRED = ("学校名称", "办学性质", "学校类别")
OPTIONAL = ("统一社会信用代码", "所在镇街", "曾用名/简称")
HEADERS = (*REQUIRED, *OPTIONAL)
NATURES = ("公办", "民办")
CATEGORIES = ("技师学院", "高级技工学校", "技工学校")
DEFAULT_NAMES = ("学校名册.xlsx", "学校名册.csv")  # found at the top of a batch folder when --roster is not given
_ALIAS_SPLIT = re.compile(r"[、,，;；]")
_SPACE = re.compile(r"\s+")
CITY = "东莞市"


def normal(name: str) -> str:
    """Full and half width alike, no spaces, no leading 东莞市: the tolerant form of a name."""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    return text.removeprefix(CITY)


def find(roster: Roster, names: list[str]) -> Match | None:
    """The roster's school a submission known by `names` (stated name, folder name) belongs to."""
    names = [n for n in names if n]
    for name in names:
        for school in roster.schools:
            if name == school.name:
                return Match(school, "exact", name)
    for how, forms in (("alias", lambda s: s.aliases), ("tolerant", lambda s: (s.name, *s.aliases))):
        for name in names:
            for school in roster.schools:
                if how == "alias" and name in forms(school):
                    return Match(school, how, name)
                if how == "tolerant" and any(normal(name) == normal(f) for f in forms(school)):
                    return Match(school, how, name)
    return None


def roster_in(batch: Path) -> Path | None:
    """The roster lying at the top of a batch folder (学校名册.xlsx or .csv), used when none is named."""
    for name in DEFAULT_NAMES:
        if (batch / name).is_file():
            return batch / name
    return None


def load_roster(path: Path) -> Roster:
    """Read a roster (.xlsx or .csv, header row first); RosterError names the file, the row and what to fix."""
    if not path.is_file():
        raise RosterError(f"{path}：学校名册不存在，请检查路径。")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    else:
        raise RosterError(f"{path}：学校名册须为 .xlsx 或 .csv 文件（可用 jigong form --roster 生成空白名册）。")
    table = [[_cell(c) for c in row] for row in rows]
    while table and not any(rows[0]):
        table.pop(0)
    if not table:
        raise RosterError(f"{path}：学校名册是空的，请在首行填写表头（{'、'.join(REQUIRED)}），其下每行一所学校。")
    header = table[0]
    lacking = [h for h in REQUIRED if h not in header]
    if lacking:
        raise RosterError(f"{path}：学校名册首行缺少表头“{'、'.join(lacking)}”（首行应为：{'、'.join(HEADERS)}）。")
    at = {h: header.index(h) for h in HEADERS if h in header}
    roster = Roster(source=path.name, path=path)
    seen: set[str] = set()
    for number, row in enumerate(table[1:], start=2):
        cells: dict[str, str] = {h: (row[i] if i < len(row) else "") for h, i in at.items()}
        if not any(cells.values()):
            continue
        name, nature, category = cells["学校名称"], cells["办学性质"], cells["学校类别"]
        where = f"{path} 第{number}行"
        if not name:
            raise RosterError(f"{where}：未填学校名称。")
        if nature not in NATURES:
            raise RosterError(f"{where}：办学性质“{nature}”无效，应为{'或'.join(NATURES)}。")
        if category not in CATEGORIES:
            raise RosterError(f"{where}：学校类别“{category}”无效，应为{'、'.join(CATEGORIES)}之一。")
        if name in seen:
            raise RosterError(f"{where}：学校“{name}”在名册中出现了两次，请删去重复的一行。")
        seen.add(name)
        aliases = tuple(a.strip() for a in _ALIAS_SPLIT.split(cells.get("曾用名/简称", "")) if a.strip())
        code, town = cells.get("统一社会信用代码", ""), cells.get("所在镇街", "")
        roster.schools.append(School(name, nature, category, code, town, aliases, number))
    return roster


def _cell(value: object) -> str:
    return "" if value is None else _SPACE.sub(" ", str(value)).strip()


def _xlsx_rows(path: Path) -> list[list[object]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RosterError(
            f"{path}：学校名册无法打开（{type(exc).__name__}），请用 Excel 或 WPS 另存为 .xlsx 后再试。"
        ) from exc
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_rows(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    for codec in ("utf-8-sig", "gb18030"):  # Excel saves CSV in the system code page (GBK) unless told otherwise
        try:
            text = data.decode(codec)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError(f"{path}：学校名册的文字编码无法识别，请另存为 UTF-8 编码的 CSV 或 .xlsx。")
    return [list(row) for row in csv.reader(text.splitlines())]


def write_blank(target: Path) -> Path:
    """A blank roster: the header row in bold, columns wide enough, nothing else (every row below is a school)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "学校名册"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEF", (34, 10, 14, 24, 12, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target
