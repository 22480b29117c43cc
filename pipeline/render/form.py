"""The blank submission form (报送模板) made from the data dictionary: one row per indicator, boxes to tick."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jigong.pipeline.dictionary import Indicator, load_dictionary
from jigong.pipeline.render.documents import TEMPLATES_DIR, Renderer
from jigong.pipeline.render.output import write_bytes_atomic

BOX, TICKED = "☐", "☑"
# Section letters of indicators.yaml and the plan's parts they come from.
SECTIONS = {
    "A": "基本信息",
    "B": "规模与结构",
    "C": "党建与思想政治教育",
    "D": "投入机制（公办院校填写）",
    "E": "校企合作与师资",
    "F": "规范管理",
    "G": "专业建设",
    "H": "企业新型学徒制",
    "I": "国际交流与合作",
    "J": "服务功能",
}
HINTS = {
    "int": "整数",
    "pct": "百分数的数值，保留一位小数",
    "money": "金额，单位为元",
    "bool": "在选项前打“☑”",
    "set": "在已建立的制度前打“☑”",
    "text": "全称",
    "year": "",
}


def label(ind: Indicator) -> str:
    """The official name with its unit (全日制在校生人数（人）); units of years go without saying."""
    return f"{ind.name}（{ind.unit}）" if ind.unit and ind.type != "year" else ind.name


def blank(ind: Indicator, year: int) -> str:
    """What the value cell holds before the school fills it in."""
    if ind.type == "bool":
        return f"{BOX}是　{BOX}否"
    if ind.type == "set":
        return "　".join(f"{BOX}{member}" for member in ind.values)
    if ind.type == "year" and ind.code == "report_year":
        return str(year)  # the bureau knows which year it asks for
    return ""


def hint(ind: Indicator) -> str:
    if ind.type == "enum":
        return "或".join(f"“{v}”" for v in ind.values)
    return HINTS.get(ind.type, "")


def form_context(year: int, settings: dict[str, Any], dictionary: dict[str, Indicator] | None = None) -> dict[str, Any]:
    """Everything form.xml.j2 uses: the dictionary's indicators grouped by section, in dictionary order."""
    dictionary = dictionary or load_dictionary()
    sections: dict[str, list[dict[str, str]]] = {}
    for ind in dictionary.values():
        sections.setdefault(ind.section, []).append(
            {"code": ind.code, "label": label(ind), "value": blank(ind, year), "hint": hint(ind), "type": ind.type}
        )
    return {
        "settings": settings,
        "year": year,
        "sections": [{"letter": k, "title": SECTIONS.get(k, k), "rows": rows} for k, rows in sections.items()],
        "count": len(dictionary),
    }


def form_bytes(year: int, today: dt.date, templates: Path = TEMPLATES_DIR) -> bytes:
    renderer = Renderer(templates)
    return renderer.docx("form.xml.j2", form_context(year, renderer.settings), today)


def write_form(target: Path, year: int, today: dt.date, templates: Path = TEMPLATES_DIR) -> Path:
    """The blank form for a report year, written atomically; the same year and date give the same bytes."""
    write_bytes_atomic(target, form_bytes(year, today, templates))
    return target
