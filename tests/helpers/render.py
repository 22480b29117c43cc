"""Helpers shared by the document tests: a .docx read back as lines, and synthetic batches built in code."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import docx
from docx.oxml.ns import qn

from jigong.checks.catalogue import Catalogue, Rule
from jigong.checks.engine import evaluate_city, evaluate_school
from jigong.pipeline.model import BatchResult, Evidence, FileRecord, Finding, SchoolResult, Value
from jigong.pipeline.review.grade import grade_batch

HOSTILE = "{{ 7*7 }} </p><p> &lt; =cmd|' /C calc'!A0"


def docx_lines(path: Path) -> list[str]:
    """The body of a .docx in reading order: one line per paragraph, tables as | cell | cell | rows."""
    body = docx.Document(str(path)).element.body
    lines: list[str] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text.strip():
                lines.append(text)
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                lines.append("| " + " | ".join(cells) + " |")
    return lines


def _value(code: str, value: object, file: str, quote: str, where: str) -> Value:
    return Value(code=code, value=value, evidence=[Evidence(file=file, quote=quote, locator=where)])


def synthetic_school(name: str, quote: str = HOSTILE, employment: float = 96.0) -> SchoolResult:
    """A school whose every quoted word is `quote`; its employment rate fails R03 unless raised."""
    folder = name
    file = f"{folder}/统计表.docx"
    figures = {
        "school_name": name,
        "school_type": "民办",
        "report_year": 2025,
        "students_total": 5000,
        "students_senior": 2100,
        "majors_total": 20,
        "majors_coop": 19,
        "graduates": 1000,
        "employment_rate": employment,
        "party_org_established": True,
        "principal_responsibility": True,
        "ideology_course_full": True,
        "textbook_politics": True,
        "textbook_chinese": True,
        "textbook_history": True,
    }
    indicators = {
        code: _value(code, v, file, quote, f"表1 第{i}行第2列") for i, (code, v) in enumerate(figures.items(), 1)
    }
    files = [
        FileRecord(path=file, status="ok", kind="docx"),
        FileRecord(path=f"{folder}/附件{quote}.doc", status="skipped", error=f"旧版 Word 文档：{quote}"),
    ]
    return SchoolResult(school_name=name, folder=folder, files=files, indicators=indicators)


def synthetic_batch(catalogue: Catalogue, schools: list[SchoolResult], year: int = 2025) -> BatchResult:
    """Run the real rules over synthetic schools (the engine, not hand-made findings)."""
    for school in schools:
        school.findings = evaluate_school(catalogue, school.indicators, year)
    batch = BatchResult(year=year, generated_at=dt.datetime(2026, 3, 2).isoformat(), plan=catalogue.plan)
    batch.schools = schools
    batch.city = evaluate_city(catalogue, schools, year)
    grade_batch(batch, catalogue)
    return batch


def funding_rule(rule_id: str, kind: str, title: str) -> Rule:
    """A funding rule as the catalogue will hold it (R13/R15/R16), for tests until the real ones land."""
    return Rule(
        id=rule_id,
        clause="三（三）1" if rule_id == "R13" else "三（四）1",
        title=title,
        quote=f"{title}（方案原文）",
        requirement=title,
        severity="核算" if kind == "computed" else "一般",
        kind=kind,
        values=((dt.date(2022, 5, 5), {}),),
    )


def with_funding(catalogue: Catalogue) -> Catalogue:
    """The catalogue with the three funding rules above (computed, cap, computed)."""
    rules = (
        funding_rule("R13", "computed", "示范性专业建设经费"),
        funding_rule("R15", "cap", "国际课程班生均经费补贴上限"),
        funding_rule("R16", "computed", "国际职业技能证书考证补贴"),
    )
    ids = {r.id for r in rules}  # stand in for the catalogue's own R13/R15/R16 where it has them
    return replace(catalogue, rules=(*(r for r in catalogue.rules if r.id not in ids), *rules))


def funding_findings(r16_applies: bool = False) -> list[Finding]:
    """What R13 / R15 / R16 will say for a school: an amount, a claim over its cap, one not applicable."""
    return [
        Finding("R13", "三（三）1", "computed", "200元 × 326人 = 65,200元", value=65200),
        Finding(
            "R15", "三（四）1", "fail", "申请补贴600,000元，超过上限500,000元（5,000元 × 100人），超出100,000元。",
            value=600000,
        ),
        Finding(
            "R16", "三（四）1", "computed" if r16_applies else "not_applicable",
            "5,000元 × 12人 = 60,000元" if r16_applies else "该校未开设国际课程班。",
            value=60000 if r16_applies else None,
        ),
    ]  # fmt: skip
