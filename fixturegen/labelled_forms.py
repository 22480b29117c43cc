"""More submission forms for the labelled set: labels across header rows, 'label：value' lines, a majors list."""

from __future__ import annotations

from pathlib import Path

from fixturegen.docxutil import add_body, add_title, new_document, save_docx, set_cell
from fixturegen.form_rows import Item, extra_items
from fixturegen.numfmt import fmt_int, fmt_pct
from fixturegen.profiles import SchoolProfile
from fixturegen.truth import Truth

_WORDS = {
    True: ("已建立", "已实行", "已开齐开足", "是", "是", "是"),
    False: ("未建立", "未实行", "未开足", "否", "否", "否"),
}


def _core(p: SchoolProfile, variant: int) -> list[Item]:
    """Sections A–C and the textbooks with label words neither the bureau's form nor the demo uses."""
    pc = (lambda v: fmt_pct(v)) if variant == 3 else (lambda v: fmt_pct(v, "fw"))
    n = (lambda v: fmt_int(v, "comma")) if variant == 3 else (lambda v: fmt_int(v, "fwcomma"))
    bools = (
        "party_org_established",
        "principal_responsibility",
        "ideology_course_full",
        "textbook_politics",
        "textbook_chinese",
        "textbook_history",
    )
    labels = (
        ("是否建立党组织", "是否实行党组织领导的校长负责制", "思想政治理论课是否开齐开足")
        if variant == 3
        else ("党组织设置情况", "党组织领导的校长负责制", "思政课程开齐开足")
    )
    labels += (
        ("思想政治课教材", "语文课教材", "历史课教材")
        if variant == 3
        else ("思想政治统编教材", "语文统编教材", "历史统编教材")
    )
    items = [
        Item("报送单位" if variant == 3 else "单位名称", p.name, "school_name", p.name),
        Item("办学体制" if variant == 3 else "举办性质", p.school_type, "school_type", p.school_type),
        Item("院校类别" if variant == 3 else "学校层次", p.category, "school_category", p.category),
        Item("报送年度" if variant == 3 else "统计年度", f"{p.year}年", "report_year", p.year),
        Item(
            "在校生总数" if variant == 3 else "全日制学籍在校生",
            n(p.students_total),
            "students_total",
            p.students_total,
        ),
        Item(
            "高级工班以上在校生" if variant == 3 else "高级工及以上层次在校生",
            n(p.students_senior),
            "students_senior",
            p.students_senior,
        ),
        Item("高级工班及以上比例", pc(p.senior_ratio), "senior_ratio", p.senior_ratio),
        Item("开设专业总数" if variant == 3 else "现有专业", str(p.majors_total), "majors_total", p.majors_total),
        Item(
            "校企合作培养专业数" if variant == 3 else "实行校企合作培养的专业",
            str(p.majors_coop),
            "majors_coop",
            p.majors_coop,
        ),
        Item(
            "校企合作专业覆盖率" if variant == 3 else "校企合作专业比例", pc(p.coop_ratio), "coop_ratio", p.coop_ratio
        ),
        Item("毕业生总数" if variant == 3 else "应届毕业生", n(p.graduates), "graduates", p.graduates),
        Item(
            "就业毕业生" if variant == 3 else "已就业人数",
            n(p.graduates_employed),
            "graduates_employed",
            p.graduates_employed,
        ),
        Item(
            "毕业生年终就业率" if variant == 3 else "初次就业率",
            pc(p.employment_rate),
            "employment_rate",
            p.employment_rate,
        ),
        Item("当年招生数", n(p.new_enrolment)),
        Item("专业对口率", pc(p.matched_employment_rate)),
    ]
    for i, (code, label) in enumerate(zip(bools, labels, strict=True)):
        flag = bool(getattr(p, code))
        text = _WORDS[flag][i] if variant == 3 else ("√" if flag else "×")
        items.append(Item(label, text, code, flag))
    return items


def write_form_across(profile: SchoolProfile, path: Path | str) -> Truth:
    """Variant 3: labels across a row, values in the row below, four to a row; yes/no in words (已建立/否)."""
    p, path = profile, Path(path)
    truth = Truth(file=str(path), values={}, school=p.name)
    items = _core(p, 3) + extra_items(p, 2)
    doc = new_document()
    add_title(doc, f"{p.year}年度技工院校基本情况统计表")
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for start in range(0, len(items), 4):
        group = items[start : start + 4]
        heads, values = table.add_row().cells, table.add_row().cells
        for i, item in enumerate(group):
            set_cell(heads[i], item.label, bold=True, center=True)
            text = item.text + (item.unit if item.unit in {"万元"} else "")
            set_cell(values[i], text, center=True)
            if item.code:
                truth.values[item.code] = item.value
                truth.evidence[item.code] = f"{item.label} | {text}"
    add_body(doc, "注：本表由学校如实填写，数据截至当年12月31日。", indent=False)
    save_docx(doc, path)
    return truth


def write_form_lines(profile: SchoolProfile, path: Path | str) -> Truth:
    """Variant 4: the form as 'label：value' paragraphs, no table at all (as some schools retype it)."""
    p, path = profile, Path(path)
    truth = Truth(file=str(path), values={}, school=p.name)
    doc = new_document()
    add_title(doc, "技工院校年度报送信息表")
    for item in _core(p, 4) + extra_items(p, 1):
        if not item.label:
            continue
        text = item.text
        if item.code == "mgmt_rules" or isinstance(item.value, bool):
            line = f"{item.label}：{text}"
        else:
            unit = item.unit if item.unit not in {"—", "%"} and not text.endswith(("%", "％", "元")) else ""
            line = f"{item.label}：{text}{unit}"
        add_body(doc, line, indent=False)
        if item.code:
            truth.values[item.code] = item.value
            truth.evidence[item.code] = line
    save_docx(doc, path)
    return truth


def write_majors_list(profile: SchoolProfile, path: Path | str, dash: str = "—") -> Truth:
    """附件：专业设置一览表 — one row per major; the 合作企业 column empty or a dash where there is none."""
    p, path = profile, Path(path)
    doc = new_document()
    add_title(doc, f"{p.name}专业设置一览表")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "专业名称", "学制", "在校生数", "合作企业"), strict=True):
        set_cell(cell, text, bold=True, center=True)
    for i, (major, partner) in enumerate(p.majors, 1):
        cells = table.add_row().cells
        texts = (
            str(i),
            major,
            "三年" if i % 3 else "五年",
            str(40 + (i * 37) % 300),
            partner if partner != "—" else dash,
        )
        for cell, text in zip(cells, texts, strict=True):
            set_cell(cell, text)
    cells = table.add_row().cells
    set_cell(cells[0], "合计")
    set_cell(cells[1], f"{len(p.majors)}个专业")
    save_docx(doc, path)
    coop = sum(1 for _, partner in p.majors if partner != "—")
    evidence = f"专业设置一览表（{len(p.majors)}行，合作企业栏填写{coop}行）"
    return Truth(
        file=str(path),
        values={"majors_total": len(p.majors), "majors_coop": coop},
        school=p.name,
        evidence={"majors_total": evidence, "majors_coop": evidence},
    )
