"""The review memo (审查意见书): every part official-format.md asks for, its layout read back, hostile text, funding."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from helpers.render import (
    HOSTILE,
    docx_lines,
    funding_findings,
    synthetic_batch,
    synthetic_school,
    with_funding,
)
from lxml import etree

from jigong.checks.catalogue import load_catalogue
from jigong.pipeline.errors import TemplateError
from jigong.pipeline.render.context import memo_context
from jigong.pipeline.render.documents import TEMPLATES_DIR, Renderer

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TWIPS_PER_MM = 1440 / 25.4
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def memos(demo_run) -> Path:
    return demo_run[2] / "memos"


def memo_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def paragraph(root: etree._Element, text: str) -> etree._Element:
    for p in root.iter(qn("w:p")):
        if "".join(p.itertext()) == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def attr(elem: etree._Element, path: str, name: str) -> str | None:
    found = elem.xpath(path, namespaces=NS)
    assert found, path
    return found[0].get(qn(f"w:{name}"))


def test_memo_holds_every_part_in_order(memos: Path) -> None:
    lines = docx_lines(memos / "东莞市松湖高级技工学校.docx")
    text = "\n".join(lines)
    assert lines[0] == "东莞市人力资源和社会保障局"
    assert re.fullmatch(r"东人社审〔2026〕[1-9]\d*号", lines[1])
    assert lines[2] == "关于东莞市松湖高级技工学校2025年度报送材料的审查意见"
    assert lines[3] == "东莞市松湖高级技工学校："
    # Basis: the plan by name, issuer and date; the files received.
    assert (
        "根据《东莞市深化产教融合推动技工教育高质量发展实施方案》（东莞市人力资源和社会保障局办公室2022年5月5日印发"
        in text
    )
    assert "共收到材料2份，已读取2份" in text
    # one attachment is headed 附件, several 附件1, 附件2 (松湖 has the check table and a funding table)
    first = next(line for line in lines if re.fullmatch(r"附件\d?", line))
    order = ["一、基本情况", "二、主要成效", "三、存在问题", "四、需补充或核实的事项", "五、整改要求", first]
    positions = [lines.index(h) for h in order]
    assert positions == sorted(positions)
    assert "| 指标 | 报送值 | 要求 | 结论 | 依据条款 |" in lines
    assert "| 毕业生就业率 | 96.2% | 毕业生就业率保持在98%以上 | 不符合 | 二 |" in lines
    # A failed rule: its clause, the clause's words, the school's words with file and place.
    problem = next(line for line in lines if line.startswith("《实施方案》“二”明确：“毕业生就业率保持在98%以上”"))
    assert (
        "你校材料《技工院校年度报送统计表（松湖高级技工学校）.docx》 表1 第12行第2列载明：“就业率：96.2%”。" in problem
    )
    assert problem.endswith("低于98%的要求。")
    assert "（一）校企合作专业占比" in lines and "（三）三科统编教材使用" in lines
    assert "于2026年4月1日前向我局报送书面整改报告" in text  # the deadline: 30 days, no leading zeros
    assert "审查结论：不合格。" in lines
    assert "附件：1.东莞市松湖高级技工学校2025年度审查要点核查表" in lines
    assert "2.东莞市松湖高级技工学校2025年度经费核算表" in lines  # its international-class claim is over the cap
    signature = lines.index("东莞市人力资源和社会保障局", 1)
    assert lines[signature + 1] == "2026年3月2日"
    # The attachment: every rule of the catalogue with its outcome.
    rules = [r.id for r in load_catalogue().rules]
    start = lines.index(first)
    end = lines.index("附件2") if "附件2" in lines else len(lines)
    table = [line for line in lines[start:end] if re.match(r"\| [RKMV]\d\d \|", line)]
    assert [line.split(" | ")[0][2:] for line in table] == rules
    assert lines[-1].startswith("| 抄送：东莞市教育局，各镇街（园区）人力资源和社会保障分局。")
    assert lines[-1].endswith("东莞市人力资源和社会保障局办公室2026年3月2日印发 |")


def test_unreadable_files_are_named_with_why(memos: Path) -> None:
    lines = docx_lines(memos / "东莞市长安技工学校.docx")
    assert "共收到材料4份，已读取2份，未能读取2份" in lines[4]
    assert any(line.startswith("1.《2025年度工作总结.docx》：无法读取。文件已损坏") for line in lines)
    assert any(line.startswith("4.《附件2-专业设置一览表.doc》：无法读取。旧版 Office 文件已损坏") for line in lines)
    verify = lines[lines.index("四、需补充或核实的事项") + 1 : lines.index("五、整改要求")]
    assert verify[0].startswith("1.材料《2025年度工作总结.docx》无法读取：文件已损坏")
    assert verify[1].startswith("2.材料《附件2-专业设置一览表.doc》无法读取：旧版 Office 文件已损坏")
    assert "审查结论：暂缓通过。" in lines


def test_layout_figures_read_back_from_the_memo_xml(memos: Path) -> None:
    root = memo_xml(memos / "东莞市松湖高级技工学校.docx")
    sect = root.find(f"{qn('w:body')}/{qn('w:sectPr')}")
    size = sect.find(qn("w:pgSz"))
    assert int(size.get(qn("w:w"))) / TWIPS_PER_MM == pytest.approx(210, abs=0.1)
    assert int(size.get(qn("w:h"))) / TWIPS_PER_MM == pytest.approx(297, abs=0.1)
    margins = sect.find(qn("w:pgMar"))
    mm = {side: int(margins.get(qn(f"w:{side}"))) / TWIPS_PER_MM for side in ("top", "bottom", "left", "right")}
    assert mm == pytest.approx({"top": 37, "bottom": 35, "left": 28, "right": 26}, abs=0.1)
    # Body: 仿宋_GB2312 16 pt, exact spacing: 22 lines fill the 225 mm type area, 28 characters the 156 mm.
    body = paragraph(root, next(p for p in docx_lines(memos / "东莞市松湖高级技工学校.docx") if p.startswith("根据")))
    assert attr(body, "w:r/w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert attr(body, "w:r/w:rPr/w:sz", "val") == "32"
    assert attr(body, "w:pPr/w:spacing", "lineRule") == "exact"
    pitch = int(attr(body, "w:pPr/w:spacing", "line"))
    assert 22 * pitch / TWIPS_PER_MM == pytest.approx(225, abs=1.5)
    assert pitch / 20 == pytest.approx(28.9, abs=0.1)
    advance = 16 * 20 + int(attr(body, "w:r/w:rPr/w:spacing", "val"))  # character width plus condensing
    assert 28 * advance <= 156 * TWIPS_PER_MM < 29 * advance
    assert attr(body, "w:pPr/w:ind", "firstLineChars") == "200"
    title = paragraph(root, "关于东莞市松湖高级技工学校2025年度报送材料的审查意见")
    assert attr(title, "w:r/w:rPr/w:rFonts", "eastAsia") == "方正小标宋简体"
    assert attr(title, "w:r/w:rPr/w:sz", "val") == "44"
    assert attr(paragraph(root, "一、基本情况"), "w:r/w:rPr/w:rFonts", "eastAsia") == "黑体"
    assert attr(paragraph(root, "（一）校企合作专业占比"), "w:r/w:rPr/w:rFonts", "eastAsia") == "楷体_GB2312"
    heading = next(p for p in docx_lines(memos / "东莞市松湖高级技工学校.docx") if re.fullmatch(r"附件\d?", p))
    assert attr(paragraph(root, heading), "w:r/w:rPr/w:rFonts", "eastAsia") == "黑体"
    mark = paragraph(root, "东莞市人力资源和社会保障局")
    assert attr(mark, "w:r/w:rPr/w:color", "val") == "FF0000"


def test_page_numbers_read_back(memos: Path) -> None:
    with zipfile.ZipFile(memos / "东莞市松湖高级技工学校.docx") as package:
        footers = {n: etree.fromstring(package.read(n)) for n in package.namelist() if n.startswith("word/footer")}
        settings = etree.fromstring(package.read("word/settings.xml"))
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    sides = set()
    # The body's two footers carry the number; the 版记's section has two empty ones (GB/T 9704 §7.5).
    numbered = {n: f for n, f in footers.items() if "".join(f.xpath(".//w:t/text()", namespaces=NS))}
    assert len(numbered) == 2 and len(footers) == 4
    for footer in numbered.values():
        p = footer.find(qn("w:p"))
        assert "".join(p.xpath(".//w:t/text()", namespaces=NS)) == "— 1 —"
        assert "PAGE" in "".join(p.xpath(".//w:instrText/text()", namespaces=NS))
        assert attr(p, "w:r/w:rPr/w:rFonts", "eastAsia") == "宋体"
        assert attr(p, "w:r/w:rPr/w:sz", "val") == "28"
        sides.add(attr(p, "w:pPr/w:jc", "val"))
    assert sides == {"left", "right"}


def test_dates_have_arabic_numerals_without_leading_zeros(memos: Path) -> None:
    for path in memos.glob("*.docx"):
        text = "\n".join(docx_lines(path))
        dates = re.findall(r"\d+年\d+月\d+日", text)
        assert dates
        assert all(re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", d) for d in dates), path.name


def test_submission_text_is_inserted_as_text(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    school = synthetic_school("东莞市<b>示例</b>技工学校", quote=HOSTILE)
    batch = synthetic_batch(catalogue, [school])
    renderer = Renderer()
    data = renderer.docx("memo.xml.j2", memo_context(school, 1, batch, catalogue, renderer.settings, TODAY), TODAY)
    path = tmp_path / "memo.docx"
    path.write_bytes(data)
    lines = docx_lines(path)
    text = "\n".join(lines)
    assert "关于东莞市<b>示例</b>技工学校2025年度报送材料的审查意见" in lines
    assert f"载明：“{HOSTILE}”" in text  # the quote, character for character, in 存在问题
    assert "49" not in text  # {{ 7*7 }} was never evaluated
    assert f"《附件{HOSTILE}.doc》" in text
    # </p><p> did not open a paragraph of its own: the quote sits inside one paragraph.
    assert not any(line.strip() in ("</p><p>", "<p>") for line in lines)


def test_funding_attachment_lists_computed_and_cap_rules(tmp_path: Path) -> None:
    catalogue = with_funding(load_catalogue())
    school = synthetic_school("东莞市示例技工学校", quote="申请国际课程班补贴600,000元")
    batch = synthetic_batch(load_catalogue(), [school])
    funding = funding_findings(r16_applies=False)
    ids = {f.rule for f in funding}
    school.findings = [f for f in school.findings if f.rule not in ids] + funding
    renderer = Renderer()
    context = memo_context(school, 1, batch, catalogue, renderer.settings, TODAY)
    assert [row["rule"] for row in context["funding"]] == ["R13", "R15"]  # R16 is not applicable here
    path = tmp_path / "memo.docx"
    path.write_bytes(renderer.docx("memo.xml.j2", context, TODAY))
    lines = docx_lines(path)
    assert "附件：1.东莞市示例技工学校2025年度审查要点核查表" in lines
    assert "2.东莞市示例技工学校2025年度经费核算表" in lines
    assert "附件2" in lines
    funding = lines[lines.index("附件2") :]
    assert "| R13 | 示范性专业建设经费 | 三（三）1 | 65,200元 | 200元 × 326人 = 65,200元 |" in funding
    assert any(
        line.startswith("| R15 | 国际课程班生均经费补贴上限 | 三（四）1 | 不符合 | 申请补贴600,000元")
        for line in funding
    )
    assert "|  | 核算金额合计 |  | 65,200元 |  |" in funding
    assert not any("R16" in line for line in funding)
    # A claim over its cap is also a problem in the memo's body.
    body = lines[: lines.index("附件2")]
    assert any(re.fullmatch(r"（[一二三四五]）国际课程班生均经费补贴上限", line) for line in body)


def test_a_missing_name_stops_before_rendering_with_template_and_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    memo = templates / "memo.xml.j2"
    lines = memo.read_text(encoding="utf-8").splitlines()
    lines.insert(8, "<p>{{ inspector_name }}</p>")  # becomes line 9
    memo.write_text("\n".join(lines), encoding="utf-8")
    catalogue = load_catalogue()
    school = synthetic_school("东莞市示例技工学校", quote="就业率：96.0%")
    batch = synthetic_batch(catalogue, [school])
    renderer = Renderer(templates)
    with pytest.raises(TemplateError, match=r"memo\.xml\.j2 第9行：模板使用了不存在的数据“inspector_name”"):
        renderer.build_all(batch, catalogue, TODAY, [])


def test_a_wrong_attribute_names_template_and_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    memo = templates / "memo.xml.j2"
    memo.write_text(memo.read_text(encoding="utf-8").replace("{{ school.name }}", "{{ school.nmae }}", 1), "utf-8")
    line = 1 + next(i for i, t in enumerate(memo.read_text(encoding="utf-8").splitlines()) if "school.nmae" in t)
    catalogue = load_catalogue()
    school = synthetic_school("东莞市示例技工学校", quote="就业率：96.0%")
    renderer = Renderer(templates)
    context = memo_context(school, 1, synthetic_batch(catalogue, [school]), catalogue, renderer.settings, TODAY)
    with pytest.raises(TemplateError, match=rf"memo\.xml\.j2 第{line}行：模板使用了不存在的数据（.*nmae"):
        renderer.docx("memo.xml.j2", context, TODAY)


@pytest.mark.parametrize(
    "expression",
    ["{{ settings.__class__.__mro__ }}", "{{ ''.__class__.__subclasses__() }}", "{{ cycler.__init__.__globals__ }}"],
)
def test_templates_cannot_reach_python(tmp_path: Path, expression: str) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    (templates / "memo.xml.j2").write_text(f"<doc><p>{expression}</p></doc>", encoding="utf-8")
    catalogue = load_catalogue()
    school = synthetic_school("东莞市示例技工学校")
    renderer = Renderer(templates)
    context = memo_context(school, 1, synthetic_batch(catalogue, [school]), catalogue, renderer.settings, TODAY)
    with pytest.raises(TemplateError, match=r"memo\.xml\.j2：模板执行了不允许的操作"):
        renderer.docx("memo.xml.j2", context, TODAY)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("deadline_days: 30", "deadline_days: 0", "deadline_days"),
        ("deadline_days: 30", "deadline_days: 三十", "deadline_days"),
        ("doc_number: 东人社审〔{year}〕{n}号", "doc_number: 东人社审〔{年}〕{n}号", "doc_number"),
        ("cc: 东莞市教育局", "copy_to: 东莞市教育局", "缺少：['cc']"),
    ],
)
def test_settings_are_checked(tmp_path: Path, old: str, new: str, message: str) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    settings = templates / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    assert old in text
    settings.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(TemplateError, match=re.escape(message)):
        Renderer(templates)


def test_settings_reach_the_memo(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    settings = templates / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("doc_number: 东人社审〔{year}〕{n}号", "doc_number: 东人社职〔{year}〕{n}号")
    text = text.replace("deadline_days: 30", "deadline_days: 15").replace("cc: 东莞市教育局，", "cc: 东莞市财政局，")
    settings.write_text(text, encoding="utf-8")
    catalogue = load_catalogue()
    school = synthetic_school("东莞市示例技工学校", quote="就业率：96.0%")
    renderer = Renderer(templates)
    context = memo_context(school, 7, synthetic_batch(catalogue, [school]), catalogue, renderer.settings, TODAY)
    path = tmp_path / "memo.docx"
    path.write_bytes(renderer.docx("memo.xml.j2", context, TODAY))
    text = "\n".join(docx_lines(path))
    assert "东人社职〔2026〕7号" in text
    assert "于2026年3月17日前" in text
    assert "抄送：东莞市财政局，" in text


def test_control_characters_from_a_file_do_not_break_the_memo(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    school = synthetic_school("东莞市示例技工学校", quote="就业率\x0b：96.0%\x00\x1f")
    batch = synthetic_batch(catalogue, [school])
    renderer = Renderer()
    path = tmp_path / "memo.docx"
    path.write_bytes(
        renderer.docx("memo.xml.j2", memo_context(school, 1, batch, catalogue, renderer.settings, TODAY), TODAY)
    )
    assert "载明：“就业率：96.0%”" in "\n".join(docx_lines(path))
