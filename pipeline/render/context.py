"""The data a memo template receives: plain dicts and strings, formatted the way the bureau writes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from jigong.checks.catalogue import Catalogue, Rule
from jigong.checks.engine import judged_on
from jigong.pipeline.chinese import cn_date, figure, money, plain
from jigong.pipeline.dictionary import load_dictionary
from jigong.pipeline.model import BatchResult, Change, Evidence, FileRecord, Finding, SchoolResult
from jigong.pipeline.render.output import visible
from jigong.pipeline.render.school_reasons import for_school

# The school's key counts shown first in 基本情况, before the rules' own rows.
KEY_FIGURES = ("students_total", "students_senior", "majors_total", "majors_coop", "graduates", "graduates_employed")
# Rules about the data rather than about the school (consistency, completeness, the plan's term):
# they appear in the check table, not among the school's figures or its achievements.
META_KINDS = frozenset({"consistency", "completeness", "validity", "roster"})
# Rules that compute money (核算) or cap a claim: the funding attachment.
FUNDING_KINDS = frozenset({"computed", "cap"})
PROBLEM = frozenset({"fail", "below_target"})
TO_VERIFY = frozenset({"missing", "review"})
FILE_STATUS = {"ok": "已读取", "error": "无法读取", "skipped": "未读取"}
EVIDENCE_SHOWN = 2  # quotes per finding in the memo; results.json keeps every one


def without_folder(path: str, folder: str) -> str:
    """In a school's own memo its folder goes without saying."""
    return path.removeprefix(f"{folder}/") if folder else path


def cite(ev: Evidence, folder: str) -> dict[str, str]:
    """《统计表.docx》 表1 第2行第2列 and the words quoted there."""
    shown = replace(ev, file=visible(without_folder(ev.file, folder)))
    # “…就业率９６．２％。”: a quote that ends its own sentence takes no second full stop after it.
    stop = "" if ev.quote.rstrip().endswith(("。", "！", "？", ".", "!", "?")) else "。"
    return {"file": shown.file, "where": ev.locator, "cite": shown.cite(), "quote": ev.quote, "stop": stop}


def file_row(rec: FileRecord, folder: str = "") -> dict[str, str]:
    return {
        "path": visible(without_folder(rec.path, folder)),  # the real name: control characters as ␛, ␇
        "status": rec.status,
        "status_label": FILE_STATUS[rec.status],
        "reason": rec.error,
    }


def plan_info(catalogue: Catalogue, year: int) -> dict[str, Any]:
    plan = catalogue.plan
    return {
        "title": plan.title,
        "issuer": plan.issuer,
        "issued": cn_date(dt.date.fromisoformat(plan.issued)),
        "start": cn_date(catalogue.start),
        "end": cn_date(catalogue.end),
        "in_force": catalogue.in_force(year),
    }


def value_text(rule: Rule, found: Finding, school: SchoolResult, year: int) -> str:
    """What the school reported for a rule, as the 基本情况 table shows it."""
    if found.status == "missing" and found.value in (None, [], ""):
        return "未提供"
    if found.status == "not_applicable":
        return "—"
    params = rule.params(judged_on(year))
    if rule.kind == "complete_set" and "indicator" in params:  # items of one set: 五项管理制度
        have = school.indicators[params["indicator"]].value if params["indicator"] in school.indicators else []
        return "；".join(f"{item}：{'已建立' if item in have else '未建立'}" for item in params["members"])
    if rule.kind == "complete_set":  # yes/no or count members: 三科统编教材, 新型学徒制
        parts = []
        for code, label in params["members"].items():
            value = school.indicators.get(code)
            shown = "未提供" if value is None else figure(value.value, code)
            parts.append(f"{label}：{'说法不一' if code in school.undecided else shown}")
        return "；".join(parts)
    code = params.get("indicator")
    if code in school.undecided:
        return "说法不一"  # the readings are quoted in the finding; a narrow cell shows the word alone
    if found.value is None:
        return "—"
    if code in load_dictionary():
        text = figure(found.value, code)
        if params.get("ratio_of") and code not in school.indicators:
            text += "（由报送数字计算）"
        return text
    return plain(found.value)


def funding_row(rule: Rule, found: Finding) -> dict[str, Any]:
    """One row of the funding attachment: an amount computed (核算) or a claim against its cap."""
    amount = found.value if rule.kind == "computed" and isinstance(found.value, int | float) else None
    return {
        "rule": rule.id,
        "title": rule.title,
        "clause": rule.clause,
        "requirement": rule.requirement,
        "kind": rule.kind,
        "status": found.status,
        "status_label": found.status_label,
        "amount": amount,
        "result": money(amount) if amount is not None else found.status_label,
        "message": found.message,
    }


def change_row(c: Change) -> dict[str, Any]:
    """A figure against an earlier year: 全日制在校生人数+320人（由3,210人增至3,530人）."""
    return {
        "label": c.label,
        "previous_year": c.previous_year,
        "previous": figure(c.previous, c.code),
        "current": figure(c.current, c.code),
        "text": c.text,
        "rising": c.delta > 0,
    }


def review_rows(school: SchoolResult) -> list[dict[str, Any]]:
    """The inspectors' decisions (人工复核意见) as they stand in this run."""
    return [
        {"target": n.target, "label": n.label, "decided": n.decided, "reason": n.reason, "applied": n.applied,
         "note": n.note}
        for n in school.review
    ]  # fmt: skip


def review_cell(school: SchoolResult) -> str:
    """The summary's 人工复核 cell: how many decisions apply, how many wait for a new look."""
    if not school.review:
        return "—"
    stale = sum(not n.applied for n in school.review)
    return f"{len(school.review)}条" + (f"（{stale}条待重核）" if stale else "")


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
        shown = "未提供" if value is None else figure(value.value, code)
        if code in school.undecided:
            shown = "说法不一"
        basic.append(
            {
                "label": dictionary[code].name,
                "value": shown,
                "requirement": "—",
                "status": "",
                "status_label": "—",
                "clause": "—",
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
            "severity": found.severity,
            "status": found.status,
            "status_label": found.status_label,
            "message": found.message,
            "evidence": [cite(e, school.folder) for e in found.evidence[:EVIDENCE_SHOWN]],
            "more_evidence": max(0, len(found.evidence) - EVIDENCE_SHOWN),
            "sources": list(dict.fromkeys(cite(e, school.folder)["cite"] for e in found.evidence)),
        }
        checks.append(row)
        substantive = rule.kind not in META_KINDS | FUNDING_KINDS
        if substantive and found.status != "not_applicable":
            basic.append(
                {
                    "label": rule.title,
                    "value": value_text(rule, found, school, batch.year),
                    "requirement": rule.requirement,
                    "status": found.status,
                    "status_label": found.status_label,
                    "clause": rule.clause,
                }
            )
        if rule.kind in FUNDING_KINDS and found.status != "not_applicable":
            funding.append(funding_row(rule, found))
        if found.status == "pass" and substantive:
            successes.append(row)
        elif found.status in PROBLEM:
            problems.append(row)
        elif found.status in TO_VERIFY:
            verify.append(row)
    # The memo speaks to the school: its reasons carry no option names, no tasks for the inspector, no paths.
    files = [file_row(f, school.folder) | {"reason": for_school(f.error)} for f in school.files]
    deadline = today + dt.timedelta(days=int(settings["deadline_days"]))
    amounts = [r["amount"] for r in funding if r["amount"] is not None]
    return {
        "settings": settings,
        "doc_number": school.doc_number or settings["doc_number"].format(year=today.year, n=number),
        "date": cn_date(today),
        "deadline": cn_date(deadline),
        "year": batch.year,
        "plan": plan_info(catalogue, batch.year),
        "school": {"name": visible(school.school_name), "folder": visible(school.folder)},
        "files": files,
        "files_read": [f for f in files if f["status"] == "ok"],
        "files_unread": [f for f in files if f["status"] != "ok"],
        "basic": basic,
        "successes": successes,
        "problems": problems,
        "verify": verify,
        "funding": funding,
        "funding_total": money(sum(amounts)) if amounts else "",
        "checks": checks,
        "grade": school.grade,
        "review": review_rows(school),
        # Year over year: the figures that moved since the latest earlier year in the store (none: no earlier year).
        "changes_year": school.changes[0].previous_year if school.changes else None,
        "changes": [change_row(c) for c in school.changes if c.text != "持平"],
    }
