"""The season at a glance (`jigong status`): schools received, unreadable files, open items, decisions taken."""

from __future__ import annotations

from collections import Counter
from typing import Any

from jigong.pipeline.chinese import moment
from jigong.pipeline.errors import JigongError
from jigong.pipeline.model import STATUS_LABELS
from jigong.pipeline.review.decisions import load_decisions
from jigong.pipeline.store import Store
from jigong.pipeline.store import decisions as decisions_db
from jigong.pipeline.store import runs as runs_db

OPEN = ("fail", "review", "missing")


def season_status(store: Store, year: int | None = None) -> dict[str, Any]:
    """The latest run of the year (default: the latest year) summarised, with the year's decisions."""
    run = runs_db.latest_run(store, year)
    if run is None:
        which = "" if year is None else f"{year}年度的"
        raise JigongError(f"{store.path}：审查数据库中还没有{which}审查记录，请先运行 jigong run。")
    schools = runs_db.schools_of(store, run.id)
    files = runs_db.files_of(store, run.id)
    findings = runs_db.findings_of(store, run.id)
    rows = [(r[0], *r[2:8], r[9], r[10]) for r in decisions_db.every(store, run.year)]
    in_force = {d.id for d in load_decisions(store, run.year)}
    notes = runs_db.review_notes(store, run.id)
    open_items = [
        {"school": s, "rule": r, "status": st, "status_label": STATUS_LABELS[st], "message": m}
        for s, r, st, m in findings
        if st in OPEN
    ]
    counts = Counter(item["status"] for item in open_items)
    return {
        "year": run.year,
        "run": {
            "id": run.id,
            "number": runs_db.run_count(store, run.year),
            "started_at": run.started_at,
            "batch": run.batch,
            "files_read": run.files_read,
            "files_from_store": run.files_cached,
            "seconds": run.seconds,
        },
        "years": runs_db.years(store),
        # A file that could not be read defers the conclusion (pipeline/review/grade.py) just as an open finding does:
        # it is a pending item too, or a school would show 暂缓通过 with nothing left to do.
        "schools": [
            {
                "name": name,
                "grade": grade,
                "files": sum(1 for f in files if f[0] == name),
                "unreadable": sum(1 for f in files if f[0] == name and f[2] != "ok"),
                "open": sum(1 for i in open_items if i["school"] == name)
                + sum(1 for f in files if f[0] == name and f[2] != "ok"),
            }
            for name, _, grade in schools
        ],
        "not_submitted": runs_db.not_submitted_of(store, run.id),
        "files": {"received": len(files), "unreadable": sum(1 for f in files if f[2] != "ok")},
        "unreadable": [{"school": s, "path": p, "status": st, "error": e} for s, p, st, e in files if st != "ok"],
        "open": {"fail": counts["fail"], "review": counts["review"], "missing": counts["missing"]},
        "open_items": open_items,
        "to_revisit": [
            f"{school} {target}" for id_, school, _, target, *_ in rows if id_ in notes and not notes[id_][0]
        ],
        "decisions": [
            {
                "id": id_,
                "school": school,
                "kind": kind,
                "target": target,
                "status": status,
                "value": runs_db.load(value),
                "reason": reason,
                "taken_at": taken_at,
                "in_force": id_ in in_force,
                # in the latest run: applied, waiting for a new look, or not met (school absent, taken after it)
                "state": "applied" if notes.get(id_, (False,))[0] else "revisit" if id_ in notes else "not_in_run",
                "note": notes[id_][1] if id_ in notes else "",
            }
            for id_, school, kind, target, status, value, reason, taken_at, _ in rows
        ],
    }


def status_lines(data: dict[str, Any]) -> list[str]:
    """The status in the bureau's words, for the terminal."""
    run = data["run"]
    lines = [
        f"审查年度：{data['year']}年（本年度第{run['number']}次审查，{moment(run['started_at'])}，"
        f"报送材料目录：{run['batch']}）",
        f"数据库中的年度：{'、'.join(f'{y}年' for y in data['years'])}",
        f"收到材料的学校：{len(data['schools'])}所；材料{data['files']['received']}份，"
        f"无法读取或未读取{data['files']['unreadable']}份",
    ]
    for school in data["schools"]:
        unread = school.get("unreadable", 0)
        lines.append(
            f"  {school['name']}：材料{school['files']}份，{school['grade']}，待处理事项{school['open']}项"
            + (f"（含无法读取的材料{unread}份）" if unread else "")
        )
    if data["not_submitted"]:
        lines.append(f"未报送材料的学校{len(data['not_submitted'])}所：{'、'.join(data['not_submitted'])}")
    if data["unreadable"]:
        lines.append("无法读取或未读取的材料：")
        lines += [f"  {f['path']}：{f['error']}" for f in data["unreadable"]]
    o = data["open"]
    lines.append(f"待处理的审查事项：不符合{o['fail']}项，待核实{o['review']}项，未提供{o['missing']}项")
    decisions = [d for d in data["decisions"] if d["in_force"]]
    lines.append(
        f"人工复核意见：{len(decisions)}条"
        + (f"（需重新核实{len(data['to_revisit'])}项）" if data["to_revisit"] else "")
    )
    states = {"applied": "已采用", "revisit": "需重新核实", "not_in_run": "尚未用于审查，请重新运行 jigong run"}
    for d in decisions:
        what = STATUS_LABELS.get(d["status"], "") if d["kind"] == "rule" else f"更正为{d['value']}"
        lines.append(
            f"  [{d['id']}] {d['school']} {d['target']}：{what}（{d['reason']}，{d['taken_at'][:10]}）"
            f"——{states[d['state']]}"
        )
    for item in data["to_revisit"]:
        lines.append(f"  需重新核实：{item}（复核意见所依据的数值已变化）")
    return lines
