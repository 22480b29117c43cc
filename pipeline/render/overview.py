"""The batch at a glance for the summary, the city report, the workbook and the HTML report: plain dicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jigong.checks.catalogue import Catalogue, Rule
from jigong.checks.engine import judged_on
from jigong.pipeline.chinese import figure, percent
from jigong.pipeline.dictionary import load_dictionary
from jigong.pipeline.model import STATUS_LABELS, BatchResult, FileRecord, Finding, SchoolResult
from jigong.pipeline.render.context import change_row, cite, cn_date, file_row, plan_info, review_cell
from jigong.pipeline.render.output import visible

# The school rules shown as columns of the summary (each school's key ratios).
SUMMARY_RULES = ("R01", "R02", "R03")


def _ratio_text(value: float | None) -> str:
    return "未提供" if value is None else percent(value)


def school_rows(batch: BatchResult, catalogue: Catalogue) -> list[dict[str, Any]]:
    """One row per school: key figures, the summary rules' values and statuses, counts and the grade."""
    rows = []
    for n, school in enumerate(batch.schools, start=1):
        ind = school.indicators
        statuses = [f.status for f in school.findings]
        ratios = {}
        for rule_id in SUMMARY_RULES:
            found = school.finding(rule_id)
            value = None if found is None or found.value is None else float(found.value)
            status = "missing" if found is None else found.status
            ratios[rule_id] = {"value": value, "text": _ratio_text(value), "status": status}
        students = ind["students_total"].value if "students_total" in ind else None
        rows.append(
            {
                "n": n,
                "name": visible(school.school_name),
                "type": str(ind["school_type"].value) if "school_type" in ind else "未提供",
                "files_read": sum(f.status == "ok" for f in school.files),
                "files_total": len(school.files),
                "files": f"{sum(f.status == 'ok' for f in school.files)}/{len(school.files)}",
                "students": students,
                "students_text": (
                    "说法不一"
                    if "students_total" in school.undecided
                    else "未提供"
                    if students is None
                    else figure(students, "students_total")
                ),
                "ratios": ratios,
                # kept for templates written against the first version
                "senior": ratios.get("R01", {}).get("text", "—"),
                "coop": ratios.get("R02", {}).get("text", "—"),
                "employment": ratios.get("R03", {}).get("text", "—"),
                "fails": statuses.count("fail"),
                "verify": statuses.count("review") + statuses.count("missing"),
                "grade": school.grade,
                "review": review_cell(school),
                "doc_number": school.doc_number or "—",
            }
        )
    return rows


def summary_columns(catalogue: Catalogue) -> list[dict[str, str]]:
    """The rules behind the summary's ratio columns, as they are named in the catalogue."""
    return [{"rule": r, "title": rule.title} for r in SUMMARY_RULES if (rule := catalogue.get(r)) is not None]


def _figures(school: SchoolResult, params: dict[str, Any]) -> tuple[float, float] | None:
    """A school's part of a city-wide measure: (amount, 1) for a sum; (numerator, denominator) for a ratio."""
    ind = school.indicators
    if params["measure"] == "sum":
        code = params["indicator"]
        return (float(ind[code].value), 1.0) if code in ind else None
    num, den = params["numerator"], params["denominator"]
    if den not in ind:
        return None
    if num in ind:
        return float(ind[num].value), float(ind[den].value)
    rate = params.get("numerator_from_rate")
    if rate and rate in ind:  # the same estimate the city check makes where only the rate is stated
        return float(ind[rate].value) * float(ind[den].value) / 100, float(ind[den].value)
    return None


def _school_rule(catalogue: Catalogue, params: dict[str, Any], on: dt.date) -> str | None:
    """The school rule judging the same ratio as a city target (R03 for C05): its ratio_of names the target's
    numerator and denominator."""
    wanted = [params.get("numerator"), params.get("denominator")]
    for rule in catalogue.rules:
        if list(rule.params(on).get("ratio_of") or []) == wanted:
            return rule.id
    return None


def _own_finding(school: SchoolResult, rule_id: str | None) -> Finding | None:
    return school.finding(rule_id) if rule_id else None


def _contributions(
    rule: Rule, params: dict[str, Any], found: Finding, batch: BatchResult, catalogue: Catalogue
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Each school's part of one city-wide target, and the totals over the schools counted."""
    missing = set(found.schools_missing or [])
    doubtful = set(found.schools_contradicted or [])
    rows: list[dict[str, Any]] = []
    if params["measure"] == "every_school_passes":
        for school in batch.schools:
            own = school.finding(params["rule"])
            status: str = own.status if own is not None else "missing"
            rows.append(
                {
                    "name": visible(school.school_name),
                    "status": status,
                    "status_label": STATUS_LABELS[status],
                    "note": "",
                }
            )
        return rows, {}
    measure = params["measure"]
    rule_for = _school_rule(catalogue, params, judged_on(batch.year)) if measure == "ratio" else None
    total_num = total_den = 0.0
    for school in batch.schools:
        figures = None if school.school_name in missing else _figures(school, params)
        row: dict[str, Any] = {
            "name": visible(school.school_name),
            "num": None,
            "den": None,
            "value": None,
            "share": None,
        }
        if figures is None:
            row.update(status="missing", status_label="未计入", note="材料未载明所需数据")
        else:
            num, den = figures
            total_num += num
            total_den += den
            value = num if measure == "sum" else (100 * num / den if den else None)
            own = _own_finding(school, rule_for)
            if own is not None and own.value is not None:
                # One figure per school everywhere: the ratio its own finding judged (the stated one, else the one
                # computed from its counts), with that finding's conclusion; the city total still sums the counts.
                value = float(own.value)
            if school.school_name in doubtful:
                status, label = "review", "待核实"
            elif measure == "sum":  # one school is not held to a city-wide total
                status, label = "counted", "已计入"
            elif own is not None and own.status in ("pass", "fail", "below_target", "review"):
                status, label = own.status, own.status_label
            else:
                status = _meets(value, params["target"])
                label = STATUS_LABELS[status]
            row.update(num=num, den=den, value=value, status=status, status_label=label)
            row["note"] = "数据不一致或待核实，已计入" if school.school_name in doubtful else ""
        rows.append(row)
    code = params["indicator"] if measure == "sum" else params["numerator"]
    den_code = None if measure == "sum" else params["denominator"]
    for row in rows:
        if row["num"] is not None:
            row["share"] = 100 * row["num"] / total_num if total_num else None
            row["num_text"] = figure(round(row["num"]), code)
            row["den_text"] = figure(round(row["den"]), den_code) if den_code else ""
            row["value_text"] = row["num_text"] if measure == "sum" else _ratio_text(row["value"])
            row["share_text"] = "—" if row["share"] is None else percent(row["share"])
        else:
            row.update(num_text="—", den_text="—", value_text="未提供", share_text="—")
    totals = {"num": total_num, "den": total_den, "num_text": figure(round(total_num), code)}
    totals["den_text"] = figure(round(total_den), den_code) if den_code else ""
    return rows, totals


def _name(code: str | None) -> str:
    return load_dictionary()[code].name if code in load_dictionary() else ""


def _meets(value: float | None, target: float) -> str:
    return "missing" if value is None else ("pass" if value >= target else "below_target")


def city_targets(batch: BatchResult, catalogue: Catalogue) -> list[dict[str, Any]]:
    """C01–C06: the city's figure against each target, with every school's contribution."""
    out = []
    for found in batch.city:
        rule = catalogue.get(found.rule)
        if rule is None:
            continue
        params = rule.params(judged_on(batch.year))
        measure = params["measure"]
        schools, totals = _contributions(rule, params, found, batch, catalogue)
        if measure == "ratio":
            value_text, target_text = _ratio_text(found.value), f"{params['target']}%"
        elif measure == "sum":
            value_text = "—" if found.value is None else figure(round(found.value), params["indicator"])
            target_text = figure(params["target"], params["indicator"])
        else:
            value_text, target_text = f"{found.value or 0}/{len(batch.schools)}所", "全部学校"
        out.append(
            {
                "rule": rule.id,
                "title": rule.title,
                "clause": rule.clause,
                "quote": rule.quote,
                "requirement": rule.requirement,
                "measure": measure,
                "target": params.get("target"),
                "target_text": target_text,
                "value": found.value,
                "value_text": value_text,
                "status": found.status,
                "status_label": found.status_label,
                "message": found.message,
                "counted": found.schools_counted,
                "missing": list(found.schools_missing or []),
                "contradicted": list(found.schools_contradicted or []),
                "schools": schools,
                "totals": totals,
                "num_label": _name(params.get("indicator") or params.get("numerator")),
                "den_label": _name(params.get("denominator")),
                "chart": f"chart-{rule.id}" if measure == "ratio" else "",
            }
        )
    return out


def batch_facts(
    batch: BatchResult, catalogue: Catalogue, settings: dict[str, Any], today: dt.date, unplaced: list[FileRecord]
) -> dict[str, Any]:
    """What every batch-level document starts from."""
    return {
        "settings": settings,
        "year": batch.year,
        "date": cn_date(today),
        "plan": plan_info(catalogue, batch.year),
        "rows": school_rows(batch, catalogue),
        "columns": summary_columns(catalogue),
        "city": city_targets(batch, catalogue),
        "unplaced": [file_row(r) for r in unplaced],
        # The schools that sent nothing: a row each after the schools reviewed (numbered on from them).
        "not_submitted": [
            {"n": n, "name": visible(name)} for n, name in enumerate(batch.not_submitted, start=len(batch.schools) + 1)
        ],
        "total_files": sum(len(s.files) for s in batch.schools) + len(unplaced),
        "city_changes_year": batch.city_changes[0].previous_year if batch.city_changes else None,
        "city_changes": [change_row(c) for c in batch.city_changes],
        "history": batch.history,
    }


def findings_matrix(batch: BatchResult, catalogue: Catalogue) -> dict[str, Any]:
    """Schools × rules: every finding with its message and evidence (the HTML report and the workbook)."""
    rules = [
        {"id": r.id, "title": r.title, "clause": r.clause, "requirement": r.requirement, "severity": r.severity}
        for r in catalogue.rules
    ]
    schools: list[dict[str, Any]] = []
    for n, school in enumerate(batch.schools, start=1):
        cells = []
        for found in _in_catalogue_order(school, catalogue):
            cells.append(
                {
                    "rule": found.rule,
                    "title": found_title(catalogue, found.rule),
                    "status": found.status,
                    "status_label": found.status_label,
                    "message": found.message,
                    "value": found.value,
                    "evidence": [cite(e, school.folder) for e in found.evidence],
                }
            )
        files = [file_row(f, school.folder) for f in school.files]
        schools.append({"n": n, "name": visible(school.school_name), "findings": cells, "files": files})
    counts = {key: 0 for key in STATUS_LABELS}
    for entry in schools:
        for cell in entry["findings"]:
            counts[cell["status"]] += 1
    statuses = [{"key": k, "label": label, "count": counts[k]} for k, label in STATUS_LABELS.items()]
    return {"rules": rules, "schools": schools, "statuses": statuses}


def found_title(catalogue: Catalogue, rule_id: str) -> str:
    rule = catalogue.get(rule_id)
    return rule.title if rule is not None else rule_id


def _in_catalogue_order(school: SchoolResult, catalogue: Catalogue) -> list[Finding]:
    """The school's findings lined up with the matrix's columns (a rule without a finding is 未提供)."""
    out = []
    for rule in catalogue.rules:
        found = school.finding(rule.id)
        out.append(found or Finding(rule=rule.id, clause=rule.clause, status="missing", message="未审查该项。"))
    return out
