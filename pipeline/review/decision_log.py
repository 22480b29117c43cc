"""The decisions of a store as a history (`jigong decide --list`), and taking one back (`--withdraw N`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jigong.pipeline.errors import JigongError
from jigong.pipeline.model import STATUS_LABELS
from jigong.pipeline.store import Store
from jigong.pipeline.store.runs import load


@dataclass
class Entry:
    """One decision as the history shows it: what it decided and whether it is still in force."""

    id: int
    year: int
    school: str
    kind: str
    target: str
    status: str | None
    value: Any
    reason: str
    taken_at: str
    superseded_by: int | None
    withdrawn_at: str | None

    @property
    def in_force(self) -> bool:
        return self.superseded_by is None and self.withdrawn_at is None

    @property
    def decided(self) -> str:
        if self.kind == "rule":
            return STATUS_LABELS.get(self.status or "", str(self.status))
        return f"更正为{_shown(self.value)}"

    @property
    def state(self) -> str:
        if self.withdrawn_at is not None:
            return f"已撤回（{self.withdrawn_at[:16].replace('T', ' ')}）"
        if self.superseded_by is not None:
            return f"已被第{self.superseded_by}条取代"
        return "有效"

    def line(self) -> str:
        taken = self.taken_at[:16].replace("T", " ")
        return (
            f"[{self.id}] {self.year}年度 {self.school} {self.target}：{self.decided}"
            f"（理由：{self.reason}；记录于{taken}）——{self.state}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "year": self.year, "school": self.school, "kind": self.kind, "target": self.target,
            "status": self.status, "value": self.value, "reason": self.reason, "taken_at": self.taken_at,
            "superseded_by": self.superseded_by, "withdrawn_at": self.withdrawn_at, "in_force": self.in_force,
        }  # fmt: skip


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(map(str, value))
    return str(value)


_COLUMNS = "id, year, school, target_kind, target, status, value, reason, taken_at, superseded_by, withdrawn_at"


def history(store: Store, year: int | None = None) -> list[Entry]:
    """Every decision of the store (of one year when given), oldest first, withdrawn and superseded ones included."""
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM decisions WHERE (? IS NULL OR year = ?) ORDER BY id", (year, year)
    ).fetchall()
    return [Entry(r[0], r[1], r[2], r[3], r[4], r[5], load(r[6]), r[7], r[8], r[9], r[10]) for r in rows]


def withdraw(store: Store, decision_id: int, now: dt.datetime | None = None) -> Entry:
    """Take a decision back: it stays in the history, marked withdrawn, and the next run no longer applies it.

    The finding it changed goes back to what the checks give; an earlier decision it had superseded stays
    superseded (to apply that one again, take it anew)."""
    with store.transaction() as conn:
        row = conn.execute(f"SELECT {_COLUMNS} FROM decisions WHERE id = ?", (decision_id,)).fetchone()
        if row is None:
            known = [str(r[0]) for r in conn.execute("SELECT id FROM decisions ORDER BY id")]
            raise JigongError(
                f"审查数据库中没有第{decision_id}条复核意见"
                + (f"（已有：{'、'.join(known)}，见 jigong decide --list）。" if known else "（尚无复核意见）。")
            )
        if row[10] is not None:
            raise JigongError(f"第{decision_id}条复核意见已于{row[10][:16].replace('T', ' ')}撤回。")
        at = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
        conn.execute("UPDATE decisions SET withdrawn_at = ? WHERE id = ?", (at, decision_id))
    entry = Entry(row[0], row[1], row[2], row[3], row[4], row[5], load(row[6]), row[7], row[8], row[9], at)
    return entry
