"""Batch documents: summary (.docx and .xlsx), city report with charts, the HTML report, byte-identical output."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from helpers.render import HOSTILE, docx_lines, synthetic_batch, synthetic_school
from lxml import etree

from jigong.checks.catalogue import load_catalogue
from jigong.checks.roster import with_roster_rule
from jigong.pipeline.model import FileRecord
from jigong.pipeline.render.charts import ratio_chart
from jigong.pipeline.render.documents import Renderer
from jigong.pipeline.render.officedoc import SHADE_FILLS
from jigong.pipeline.render.overview import batch_facts, city_targets, findings_matrix
from jigong.pipeline.render.xlsx import summary_workbook
from jigong.pipeline.review.evidence import Viewer
from jigong.pipeline.store import Store

TODAY = dt.date(2026, 3, 2)
SCHOOLS = 7  # the demo batch


@pytest.fixture(scope="module")
def out(demo_run) -> Path:
    return demo_run[2]


@pytest.fixture(scope="module")
def hostile() -> dict[str, bytes]:
    """Every document of a batch whose schools' words are hostile, built in memory."""
    catalogue = load_catalogue()
    schools = [synthetic_school(f"东莞市示例{n}技工学校", employment=95.0 + n) for n in range(1, 4)]
    schools.append(synthetic_school(HOSTILE, quote=HOSTILE))
    batch = synthetic_batch(catalogue, schools)
    unplaced = [FileRecord(path=f"{HOSTILE}.docx", status="error", error=f"无法归属：{HOSTILE}")]
    built = Renderer().build_all(batch, catalogue, TODAY, unplaced)
    return {"/".join(parts): data for parts, data, _ in built}


def test_summary_docx_is_landscape_with_a_row_per_school(out: Path, demo_run) -> None:
    data = demo_run[1]
    document = docx.Document(str(out / "summary.docx"))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.sections[0].page_width.mm == pytest.approx(297, abs=0.5)
    lines = docx_lines(out / "summary.docx")
    assert lines[0] == "2025年度技工院校报送材料审查汇总表"
    rows = [line for line in lines if re.match(r"\| \d+ \| 东莞市", line)]
    assert len(rows) == SCHOOLS
    songhu = next(r for r in rows if "东莞市松湖高级技工学校" in r).split(" | ")
    assert songhu[2:8] == ["公办", "2/2", "8,694人", "42.8%", "80.0%", "96.2%"]
    school = next(s for s in data["schools"] if s["school_name"] == "东莞市松湖高级技工学校")
    statuses = [f["status"] for f in school["findings"]]
    assert int(songhu[8]) == statuses.count("fail")
    assert int(songhu[9]) == statuses.count("review") + statuses.count("missing")
    assert songhu[10] == "—"  # 人工复核: no decision taken
    assert songhu[11] == "不合格"
    assert songhu[12] == "东人社审〔2026〕4号 |"  # its document number, as the store keeps it
    assert sum(line.startswith("| C0") for line in lines) == 6
    fills = {c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill") for c in _shading(out)}
    assert SHADE_FILLS["fail"] in fills and SHADE_FILLS["review"] in fills


def _shading(out: Path) -> list[etree._Element]:
    with zipfile.ZipFile(out / "summary.docx") as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return root.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")


def test_summary_xlsx_holds_the_same_data(out: Path) -> None:
    wb = openpyxl.load_workbook(out / "summary.xlsx")
    assert wb.sheetnames == ["各校审查情况", "全市目标", "审查明细"]
    ws = wb["各校审查情况"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:N{SCHOOLS + 1}"  # 人工复核 as in summary.docx, and 发文字号 last
    header = [c.value for c in ws[1]]
    assert header[:6] == ["序号", "学校名称", "办学性质", "已读取材料（份）", "收到材料（份）", "全日制在校生（人）"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "东莞市松湖高级技工学校")
    assert row[5].value == 8694 and row[5].number_format == "#,##0"
    employment = row[header.index("毕业生就业率")]
    assert employment.value == pytest.approx(0.962) and employment.number_format == "0.0%"
    assert employment.fill.fgColor.rgb.endswith(SHADE_FILLS["fail"])
    assert row[header.index("审查结论")].value == "不合格"
    assert row[header.index("不符合（项）")].fill.fgColor.rgb.endswith(SHADE_FILLS["fail"])
    city = wb["全市目标"]
    assert [r[0].value for r in city.iter_rows(min_row=2)] == ["C01", "C02", "C03", "C04", "C05", "C06"]
    assert city["D2"].value == 28751 and city["D2"].number_format == "#,##0"
    details = wb["审查明细"]
    assert details.max_row == 1 + SCHOOLS * len(with_roster_rule(load_catalogue()).rules)
    assert details.auto_filter.ref.startswith("A1:J")


def test_spreadsheet_text_is_never_a_formula(hostile: dict[str, bytes]) -> None:
    package = zipfile.ZipFile(io.BytesIO(hostile["summary.xlsx"]))
    sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
    for name in sheets:
        assert b"<f>" not in package.read(name) and b"<f " not in package.read(name), name
    wb = openpyxl.load_workbook(io.BytesIO(hostile["summary.xlsx"]))
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    dangerous = [c for c in cells if c.value.startswith(("=", "+", "-", "@"))]
    assert any(c.value == HOSTILE for c in cells)
    assert any(c.value.startswith("=cmd") or "=cmd" in c.value for c in cells)
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in dangerous)


def test_city_report_has_targets_contributions_and_charts(out: Path) -> None:
    lines = docx_lines(out / "city.docx")
    assert lines[0] == "2025年度全市技工院校办学情况报告"
    targets = [line for line in lines if re.match(r"\| C0\d \|", line)]
    assert [t.split(" | ")[0][2:] for t in targets] == ["C01", "C02", "C03", "C04", "C05", "C06"]
    assert "| C01 | 全市在校生规模 | 30,000人 | 28,751人 | 不符合 | 7所 |" in targets
    # A city target not met is 不符合 (低于目标 is one school's advisory): C06 too, with a school lacking its party
    # organisation.
    assert "| C06 | 全市党组织建设全覆盖 | 全部学校 | 6/7所 | 不符合 | 7所 |" in targets
    # Each school's contribution: the total of C01 is the sum of the rows above it.
    c01 = lines.index("（一）全市在校生规模")
    rows = [line for line in lines[c01 : c01 + 12] if re.match(r"\| \d \| 东莞市", line)]
    assert len(rows) == SCHOOLS
    total = sum(int(r.split(" | ")[2].rstrip("人").replace(",", "")) for r in rows)
    assert total == 28751
    assert any(line.startswith("|  | 全市合计 | 28,751人 | 100% |") for line in lines)
    captions = [line for line in lines if re.match(r"图\d　各校", line)]
    assert captions == [
        "图1　各校高级工班及以上在校生比例与40%目标",
        "图2　各校校企合作专业比例与90%目标",
        "图3　各校毕业生就业率与98%目标",
    ]
    with zipfile.ZipFile(out / "city.docx") as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        document = package.read("word/document.xml")
    assert len(media) == 3 and all(n.endswith(".png") for n in media)
    assert document.count(b"<wp:inline") == 3


def test_charts_are_deterministic_pictures(demo_run) -> None:
    report = demo_run[0]
    targets = [t for t in city_targets(report.result, load_catalogue()) if t["chart"]]
    assert [t["rule"] for t in targets] == ["C02", "C03", "C05"]
    first, again = ratio_chart(targets[2]), ratio_chart(targets[2])
    assert first == again
    assert first.startswith(b"\x89PNG") and b"matplotlib" not in first


def test_charts_fit_a_page_for_a_city_and_keep_one_size_for_a_province(demo_run) -> None:
    """A dot per school while they fit the type area (225 mm); more schools: a histogram of fixed size that counts
    them (2,500 schools used to make a chart hundreds of inches tall)."""
    import io

    from PIL import Image

    from jigong.pipeline.render.charts import DPI, MAX_DOTS

    target = [t for t in city_targets(demo_run[0].result, load_catalogue()) if t["chart"]][2]

    def chart(n: int) -> tuple[int, int]:
        rows = [
            {"name": f"某市第{i}技工学校", "value": None if i % 40 == 0 else 90 + i % 10, "status": "below_target"}
            for i in range(n)
        ]
        for row in rows:
            if row["value"] is not None and row["value"] >= 98:
                row["status"] = "pass"
        data = ratio_chart({**target, "schools": rows})
        assert data == ratio_chart({**target, "schools": rows})  # deterministic either way
        with Image.open(io.BytesIO(data)) as image:
            return image.size

    dots, most, counted, many = chart(7), chart(MAX_DOTS), chart(MAX_DOTS + 1), chart(2500)
    assert dots[1] < most[1] <= 8.0 * DPI  # the tallest dot chart, with its caption, stays on one page
    assert counted == many and counted[1] < 4 * DPI


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.tags: list[str] = []
        self.details: list[str] = []
        self.checkboxes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "action", "srcset", "data")]
        if tag == "details":
            self.details.append(values.get("data-status") or "")
        if tag == "input":
            self.checkboxes.append(values.get("data-status") or "")


def test_html_report_is_one_self_contained_file(out: Path) -> None:
    html = (out / "report.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    assert parser.refs and all(ref.startswith(("#", "data:image/png;base64,")) for ref in parser.refs)
    assert "link" not in parser.tags and "iframe" not in parser.tags
    assert "http://" not in html and "https://" not in html
    assert "default-src 'none'" in html
    rules = len(with_roster_rule(load_catalogue()).rules)  # N01: the demo batch carries its roster
    assert len(parser.details) == SCHOOLS * rules  # every finding opens to its evidence
    assert html.count('<tr><td class="name">') == SCHOOLS  # the schools × rules matrix
    assert set(parser.checkboxes) >= {"pass", "fail", "review"}  # the filter by status
    crops = html.count('<img class="crop"')  # the evidence of findings that are not 符合, as it looks in a PDF
    assert crops >= 1 and parser.tags.count("img") == 3 + crops  # and the three charts
    # The failing R03 of 松湖 opens to the quote from its statistics form.
    anchor = html.index('id="f-4-R03"')
    finding = html[anchor : html.index("</details>", anchor)]
    assert 'data-status="fail"' in finding and "就业率：96.2%" in finding and "表1 第12行第2列" in finding


def test_html_report_escapes_every_value(hostile: dict[str, bytes]) -> None:
    html = hostile["report.html"].decode("utf-8")
    assert HOSTILE not in html
    assert "{{ 7*7 }} &lt;/p&gt;&lt;p&gt; &amp;lt; =cmd|&#39; /C calc&#39;!A0" in html
    assert "49" not in re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
    parser = _Links()
    parser.feed(html)
    assert all(ref.startswith(("#", "data:")) for ref in parser.refs)


def test_same_inputs_give_byte_identical_documents(demo_run, demo_batch) -> None:
    report, _, out = demo_run
    catalogue = with_roster_rule(load_catalogue())  # the demo batch carries its roster
    # A second rendering of the demo batch, compared with what the run wrote to disk.
    digests = {f.path: f.sha256 for s in report.result.schools for f in s.files}
    with Store(out / "jigong.sqlite") as db:
        show = Viewer(db, demo_batch[0], digests.get)
        again = Renderer().build_all(report.result, catalogue, TODAY, report.unplaced, show=show)
    assert len(again) == SCHOOLS + 4
    for parts, data, _ in again:
        assert data == out.joinpath(*parts).read_bytes(), parts
    for name in ("summary.xlsx", "city.docx"):
        with zipfile.ZipFile(out / name) as package:
            assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    facts = batch_facts(report.result, catalogue, Renderer().settings, TODAY + dt.timedelta(days=1), report.unplaced)
    later = summary_workbook(facts, findings_matrix(report.result, catalogue), TODAY + dt.timedelta(days=1))
    assert later != (out / "summary.xlsx").read_bytes()  # the date is the only clock
