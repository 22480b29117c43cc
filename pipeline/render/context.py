"""The data each template receives: plain dicts and strings, formatted the way the bureau writes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from checks.catalogue import Catalogue, Rule
from checks.grade import grade
from checks.kinds.base import fmt

from ..indicators import load_dictionary
from ..model import BatchResult, Change, Evidence, FileRecord, Finding, SchoolResult

# The school's key counts shown first in 基本情况, before the rules' own rows.
KEY_FIGURES = ("students_total", "students_senior", "majors_total", "majors_coop", "graduates", "graduates_employed")
PROBLEM = {"fail", "below_target"}
TO_VERIFY = {"missing", "review"}
FILE_STATUS = {"ok": "已读取", "error": "无法读取", "skipped": "未读取"}


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (heading numbers up to 99)."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


def cn_date(day: dt.date) -> str:
    """2026年1月5日 — Arabic numerals, no leading zeros (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _cite(ev: Evidence, folder: str) -> dict[str, str]:
    """In a school's own memo its folder goes without saying: 《统计表.docx》 表1 第2行第2列."""
    prefix = f"{folder}/" if folder else ""
    shown = replace(ev, file=ev.file.removeprefix(prefix)) if prefix else ev
    return {"cite": shown.cite(), "quote": ev.quote}


def _file(rec: FileRecord) -> dict[str, str]:
    return {"path": rec.path, "status": rec.status, "status_label": FILE_STATUS[rec.status], "reason": rec.error}


def _value_text(rule: Rule, found: Finding, school: SchoolResult) -> str:
    if found.status == "missing" and found.value in (None, [], ""):
        return "未提供"
    params = rule.params(dt.date.max)
    if rule.kind == "threshold" and found.value is not None:
        stated = params["indicator"] in school.indicators
        return f"{float(found.value):.1f}%" + ("" if stated else "（按人数计算）")
    if rule.kind == "yesno":
        return "是" if found.value else "否"
    if rule.kind == "complete_set":
        parts = []
        for code, label in params["members"].items():
            value = school.indicators.get(code)
            parts.append(f"{label}：{'未提供' if value is None else ('是' if value.value else '否')}")
        return "；".join(parts)
    return "—" if found.value is None else str(found.value)


def _change(c: Change) -> dict[str, Any]:
    """A figure against an earlier year: 全日制在校生人数+320人（由3,210人增至3,530人）."""
    return {
        "label": c.label,
        "previous_year": c.previous_year,
        "previous": fmt(c.previous, c.code),
        "current": fmt(c.current, c.code),
        "text": c.text,
        "rising": c.delta > 0,
    }


def _review(school: SchoolResult) -> list[dict[str, Any]]:
    """The inspectors' decisions (人工复核意见) as they stand in this run."""
    return [
        {"target": n.target, "label": n.label, "decided": n.decided, "reason": n.reason, "applied": n.applied,
         "note": n.note}
        for n in school.review
    ]  # fmt: skip


def _plan(catalogue: Catalogue, year: int) -> dict[str, Any]:
    plan = catalogue.plan
    return {
        "title": plan.title,
        "issuer": plan.issuer,
        "issued": cn_date(dt.date.fromisoformat(plan.issued)),
        "start": cn_date(catalogue.start),
        "end": cn_date(catalogue.end),
        "in_force": catalogue.in_force(year),
    }


def memo_context(
    school: SchoolResult,
    number: int,
    batch: BatchResult,
    catalogue: Catalogue,
    settings: dict[str, Any],
    today: dt.date,
) -> dict[str, Any]:
    """Everything memo.xml.j2 uses for one school."""
    dictionary = load_dictionary()
    rules = {r.id: r for r in catalogue.rules}
    basic = []
    for code in KEY_FIGURES:
        value = school.indicators.get(code)
        basic.append(
            {
                "label": dictionary[code].name,
                "value": "未提供" if value is None else fmt(value.value, code),
                "requirement": "—",
                "status_label": "—",
                "clause": "二",
            }
        )
    checks, successes, problems, verify, funding = [], [], [], [], []
    for found in school.findings:
        rule = rules[found.rule]
        row = {
            "rule": rule.id,
            "title": rule.title,
            "clause": rule.clause,
            "quote": rule.quote,
            "requirement": rule.requirement,
            "severity": rule.severity,
            "status": found.status,
            "status_label": found.status_label,
            "message": found.message,
            "evidence": [_cite(e, school.folder) for e in found.evidence],
        }
        checks.append(row)
        if rule.kind in {"threshold", "yesno", "complete_set"}:
            basic.append(
                {
                    "label": rule.title,
                    "value": _value_text(rule, found, school),
                    "requirement": rule.requirement,
                    "status_label": found.status_label,
                    "clause": rule.clause,
                }
            )
        if found.status == "pass" and rule.kind in {"threshold", "yesno", "complete_set"}:
            successes.append(row)
        elif found.status in PROBLEM:
            problems.append(row)
        elif found.status in TO_VERIFY:
            verify.append(row)
        elif found.status == "computed":
            funding.append(row)
    files = [_file(f) for f in school.files]
    deadline = today + dt.timedelta(days=int(settings["deadline_days"]))
    return {
        "settings": settings,
        "doc_number": settings["doc_number"].format(year=today.year, n=number),
        "date": cn_date(today),
        "deadline": cn_date(deadline),
        "year": batch.year,
        "plan": _plan(catalogue, batch.year),
        "school": {"name": school.school_name, "folder": school.folder},
        "files": files,
        "files_read": [f for f in files if f["status"] == "ok"],
        "files_unread": [f for f in files if f["status"] != "ok"],
        "basic": basic,
        "successes": successes,
        "problems": problems,
        "verify": verify,
        "funding": funding,
        "checks": checks,
        "grade": grade(catalogue, school.findings, school.files),
        "review": _review(school),
        # Year over year: the figures that moved since the latest earlier year in the store (none: no earlier year).
        "changes_year": school.changes[0].previous_year if school.changes else None,
        "changes": [_change(c) for c in school.changes if c.text != "持平"],
    }


def summary_context(
    batch: BatchResult, catalogue: Catalogue, settings: dict[str, Any], today: dt.date, unplaced: list[FileRecord]
) -> dict[str, Any]:
    """Everything summary.xml.j2 uses: one row per school, then the city-wide targets."""
    rows = []
    for n, school in enumerate(batch.schools, start=1):
        ind = school.indicators
        statuses = [f.status for f in school.findings]

        def shown(code: str, ind: dict = ind) -> str:
            return fmt(ind[code].value, code) if code in ind else "未提供"

        rows.append(
            {
                "n": n,
                "name": school.school_name,
                "type": str(ind["school_type"].value) if "school_type" in ind else "未提供",
                "files": f"{sum(f.status == 'ok' for f in school.files)}/{len(school.files)}",
                "students": shown("students_total"),
                "senior": _rule_value(school, "R01"),
                "coop": _rule_value(school, "R02"),
                "employment": _rule_value(school, "R03"),
                "fails": statuses.count("fail"),
                "verify": statuses.count("review") + statuses.count("missing"),
                "grade": grade(catalogue, school.findings, school.files),
                "review": _review_cell(school),
            }
        )
    rules = {r.id: r for r in catalogue.city}
    city = [
        {
            "rule": f.rule,
            "title": rules[f.rule].title,
            "requirement": rules[f.rule].requirement,
            "status": f.status,
            "status_label": f.status_label,
            "message": f.message,
            "counted": f.schools_counted,
        }
        for f in batch.city
    ]
    return {
        "settings": settings,
        "year": batch.year,
        "date": cn_date(today),
        "plan": _plan(catalogue, batch.year),
        "rows": rows,
        "city": city,
        "unplaced": [_file(r) for r in unplaced],
        "total_files": sum(len(s.files) for s in batch.schools) + len(unplaced),
        "city_changes_year": batch.city_changes[0].previous_year if batch.city_changes else None,
        "city_changes": [_change(c) for c in batch.city_changes],
    }


def _review_cell(school: SchoolResult) -> str:
    """The summary's 人工复核 cell: how many decisions apply, how many wait for a new look."""
    if not school.review:
        return "—"
    stale = sum(not n.applied for n in school.review)
    return f"{len(school.review)}条" + (f"（{stale}条待重核）" if stale else "")


def _rule_value(school: SchoolResult, rule_id: str) -> str:
    found = school.finding(rule_id)
    if found is None or found.value is None:
        return "未提供"
    return f"{float(found.value):.1f}%"
