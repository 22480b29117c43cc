"""The inspectors' decisions in the store: added, listed, in force for a year, withdrawn. Rows, not meanings:
pipeline/review/decisions.py and decision_log.py say what they are."""

from __future__ import annotations

from typing import Any

from jigong.pipeline.store import Store

# A decision's row, as every query here returns it.
COLUMNS = "id, year, school, target_kind, target, status, value, reason, basis, taken_at, superseded_by, withdrawn_at"
Row = tuple[Any, ...]


def add(store: Store, year: int, school: str, kind: str, target: str, status: Any, value: str, reason: str,
        basis: str, taken_at: str) -> int:  # fmt: skip
    """A new decision (value and basis as stored JSON); the one it replaces for the same target is superseded."""
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO decisions (year, school, target_kind, target, status, value, reason, basis, taken_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (year, school, kind, target, status, value, reason, basis, taken_at),
        )
        new_id = int(cur.lastrowid or 0)
        conn.execute(
            "UPDATE decisions SET superseded_by = ? WHERE year = ? AND school = ? AND target_kind = ? AND target = ?"
            " AND superseded_by IS NULL AND withdrawn_at IS NULL AND id != ?",
            (new_id, year, school, kind, target, new_id),
        )
    return new_id


def in_force(store: Store, year: int, only: int | None = None) -> list[Row]:
    """The year's decisions neither superseded nor withdrawn (only one of them, when `only` is given)."""
    return store.conn.execute(
        f"SELECT {COLUMNS} FROM decisions WHERE year = ? AND superseded_by IS NULL AND withdrawn_at IS NULL"
        " AND (? IS NULL OR id = ?) ORDER BY id",
        (year, only, only),
    ).fetchall()


def every(store: Store, year: int | None = None) -> list[Row]:
    """Every decision (of one year when given), oldest first, superseded and withdrawn ones included."""
    return store.conn.execute(
        f"SELECT {COLUMNS} FROM decisions WHERE (? IS NULL OR year = ?) ORDER BY id", (year, year)
    ).fetchall()


def withdraw(store: Store, decision_id: int, at: str) -> Row | None:
    """Mark a decision withdrawn at `at`; returns its row as it was (None: no such decision). A decision already
    withdrawn is left as it was: its row says when."""
    with store.transaction() as conn:
        row = conn.execute(f"SELECT {COLUMNS} FROM decisions WHERE id = ?", (decision_id,)).fetchone()
        if row is not None and row[11] is None:
            conn.execute("UPDATE decisions SET withdrawn_at = ? WHERE id = ?", (at, decision_id))
    return row


def ids(store: Store) -> list[int]:
    return [int(r[0]) for r in store.conn.execute("SELECT id FROM decisions ORDER BY id")]
