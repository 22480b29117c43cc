"""Runs in the store: what each run read, extracted and found, saved school by school; and the queries on them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jigong.pipeline.model import Finding, SchoolResult, Value
from jigong.pipeline.store import Store


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


@dataclass
class RunInfo:
    id: int
    year: int
    started_at: str
    finished_at: str | None
    batch: str
    files_total: int
    files_read: int
    files_cached: int
    files_failed: int
    seconds: float | None
    plan_id: str | None = None  # the plan the run checked against


_RUN_COLUMNS = (
    "id, year, started_at, finished_at, batch, files_total, files_read, files_cached, files_failed, seconds, plan_id"
)


def begin_run(store: Store, year: int, started_at: str, batch: str, plan_id: str, tool_key: str, executor: str) -> int:
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO runs (year, started_at, batch, plan_id, tool_key, executor) VALUES (?, ?, ?, ?, ?, ?)",
            (year, started_at, batch, plan_id, tool_key, executor),
        )
        return int(cur.lastrowid or 0)


def _indicator_row(run_id: int, school: str, code: str, value: Value, raw: Value | None, corrected: bool) -> tuple:
    extracted = dump(raw.value) if corrected and raw is not None else None
    evidence = dump([e.to_json() for e in value.evidence])
    return (
        run_id,
        school,
        code,
        dump(value.value),
        value.unit,
        value.confidence,
        int(value.approximate),
        int(value.conflict),
        int(value.derived),
        evidence,
        extracted,
        int(corrected),
    )


def _finding_row(run_id: int, school: str, f: Finding) -> tuple:
    detail = None
    if f.schools_counted is not None:
        detail = dump(
            {"counted": f.schools_counted, "missing": f.schools_missing, "contradicted": f.schools_contradicted}
        )
    evidence = dump([e.to_json() for e in f.evidence])
    return (run_id, school, f.rule, f.status, dump(f.value), f.message, evidence, detail)


def save_school(
    store: Store, run_id: int, school: SchoolResult, grade: str, raw: dict[str, Value | None], seconds: dict[str, float]
) -> None:
    """One school's files, indicators and findings, in one transaction (a run stopped midway keeps whole schools).

    `raw` holds the extracted values of the indicators an inspector corrected (None: the files did not state it).
    """
    name = school.school_name
    with store.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO schools VALUES (?, ?, ?, ?)", (run_id, name, school.folder, grade))
        conn.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    run_id,
                    name,
                    f.path,
                    f.sha256,
                    f.size,
                    f.kind,
                    f.status,
                    f.error,
                    int(f.path not in seconds),
                    seconds.get(f.path),
                )
                for f in school.files
            ],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                _indicator_row(run_id, name, code, value, raw.get(code), code in raw)
                for code, value in school.indicators.items()
            ],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [_finding_row(run_id, name, f) for f in school.findings],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO review_notes VALUES (?, ?, ?, ?, ?)",
            [(run_id, name, n.decision_id, int(n.applied), n.note) for n in school.review],
        )


def finish_run(store: Store, run_id: int, city: list[Finding], unplaced: list, counts: dict[str, Any]) -> None:
    with store.transaction() as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [_finding_row(run_id, "", f) for f in city],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(run_id, None, f.path, f.sha256, f.size, f.kind, f.status, f.error, 0, None) for f in unplaced],
        )
        conn.execute(
            "UPDATE runs SET finished_at = ?, files_total = ?, files_read = ?, files_cached = ?, files_failed = ?,"
            " seconds = ?, workers = ? WHERE id = ?",
            (
                counts["finished_at"],
                counts["total"],
                counts["read"],
                counts["cached"],
                counts["failed"],
                counts["seconds"],
                counts.get("workers"),
                run_id,
            ),
        )


def save_not_submitted(store: Store, run_id: int, names: list[str]) -> None:
    """The schools that sent nothing in this run (roster entries without material, empty folders)."""
    with store.transaction() as conn:
        conn.execute("UPDATE runs SET not_submitted = ? WHERE id = ?", (dump(names), run_id))


def not_submitted_of(store: Store, run_id: int) -> list[str]:
    row = store.conn.execute("SELECT not_submitted FROM runs WHERE id = ?", (run_id,)).fetchone()
    return list(load(row[0]) or []) if row and row[0] else []


def latest_run(store: Store, year: int | None = None) -> RunInfo | None:
    """The newest finished run of a year (of any year when None)."""
    where = "finished_at IS NOT NULL" + ("" if year is None else " AND year = ?")
    row = store.conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM runs WHERE {where} ORDER BY id DESC LIMIT 1", () if year is None else (year,)
    ).fetchone()
    return None if row is None else RunInfo(*row)


def years(store: Store) -> list[int]:
    rows = store.conn.execute("SELECT DISTINCT year FROM runs WHERE finished_at IS NOT NULL ORDER BY year")
    return [int(r[0]) for r in rows]


def run_count(store: Store, year: int) -> int:
    return int(store.conn.execute("SELECT COUNT(*) FROM runs WHERE year = ?", (year,)).fetchone()[0])


def schools_of(store: Store, run_id: int) -> list[tuple[str, str, str | None]]:
    """(name, folder, grade) of every school of a run."""
    rows = store.conn.execute("SELECT name, folder, grade FROM schools WHERE run_id = ? ORDER BY rowid", (run_id,))
    return [(r[0], r[1], r[2]) for r in rows]


def finding_of(store: Store, run_id: int, school: str, rule: str) -> tuple[str, Any] | None:
    """(status, value) of one finding in a run."""
    row = store.conn.execute(
        "SELECT status, value FROM findings WHERE run_id = ? AND school = ? AND rule = ?", (run_id, school, rule)
    ).fetchone()
    return None if row is None else (row[0], load(row[1]))


def extracted_value(store: Store, run_id: int, school: str, code: str) -> tuple[bool, Any]:
    """(stated, value) of an indicator as the files stated it in a run, before any correction."""
    row = store.conn.execute(
        "SELECT value, extracted, corrected FROM indicators WHERE run_id = ? AND school = ? AND code = ?",
        (run_id, school, code),
    ).fetchone()
    if row is None:
        return False, None
    value, extracted, corrected = row
    if corrected:
        return extracted is not None, load(extracted)
    return True, load(value)


def files_of(store: Store, run_id: int) -> list[tuple[str | None, str, str, str]]:
    """(school, path, status, error) of every file of a run."""
    rows = store.conn.execute(
        "SELECT school, path, status, error FROM files WHERE run_id = ? ORDER BY school, path", (run_id,)
    )
    return [(r[0], r[1], r[2], r[3] or "") for r in rows]


def findings_of(store: Store, run_id: int) -> list[tuple[str, str, str, str]]:
    """(school, rule, status, message) of every school finding of a run."""
    rows = store.conn.execute(
        "SELECT school, rule, status, message FROM findings WHERE run_id = ? AND school != '' ORDER BY rowid",
        (run_id,),
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def indicator_values(store: Store, run_id: int) -> dict[str, dict[str, Any]]:
    """school → code → value (as used, corrections included) for a run."""
    out: dict[str, dict[str, Any]] = {}
    for school, code, value in store.conn.execute(
        "SELECT school, code, value FROM indicators WHERE run_id = ?", (run_id,)
    ):
        out.setdefault(school, {})[code] = load(value)
    return out


def city_values(store: Store, run_id: int) -> dict[str, Any]:
    """rule → value of the city-wide findings of a run."""
    rows = store.conn.execute("SELECT rule, value FROM findings WHERE run_id = ? AND school = ''", (run_id,))
    return {r[0]: load(r[1]) for r in rows}


def review_notes(store: Store, run_id: int) -> dict[int, tuple[bool, str]]:
    """decision id → (applied, note) as the decisions stood in a run."""
    rows = store.conn.execute("SELECT decision_id, applied, note FROM review_notes WHERE run_id = ?", (run_id,))
    return {int(r[0]): (bool(r[1]), r[2]) for r in rows}


def school_findings(store: Store, run_id: int, school: str) -> list[dict[str, Any]]:
    """A school's findings in a run, in the catalogue's order: rule, status, value, message and evidence."""
    rows = store.conn.execute(
        "SELECT rule, status, value, message, evidence FROM findings WHERE run_id = ? AND school = ? ORDER BY rowid",
        (run_id, school),
    )
    return [{"rule": r[0], "status": r[1], "value": load(r[2]), "message": r[3], "evidence": load(r[4])} for r in rows]


def school_indicators(store: Store, run_id: int, school: str) -> list[dict[str, Any]]:
    """A school's values in a run: code, value, unit, confidence, evidence, and whether an inspector corrected it."""
    rows = store.conn.execute(
        "SELECT code, value, unit, confidence, evidence, corrected FROM indicators"
        " WHERE run_id = ? AND school = ? AND derived = 0 ORDER BY rowid",
        (run_id, school),
    )
    return [
        {"code": r[0], "value": load(r[1]), "unit": r[2], "confidence": r[3], "evidence": load(r[4]),
         "corrected": bool(r[5])}
        for r in rows
    ]  # fmt: skip


def file_digest(store: Store, run_id: int, path: str) -> str | None:
    """The SHA-256 of a file as a run received it (the key of its reading in the cache)."""
    row = store.conn.execute("SELECT sha256 FROM files WHERE run_id = ? AND path = ?", (run_id, path)).fetchone()
    return None if row is None else row[0]
