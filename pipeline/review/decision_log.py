"""The decisions of a store as a history (`jigong decide --list`), and taking one back (`--withdraw N`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jigong.pipeline.chinese import moment, plain
from jigong.pipeline.errors import ArgumentError
from jigong.pipeline.model import STATUS_LABELS
from jigong.pipeline.store import Store
from jigong.pipeline.store import decisions as decisions_db
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
        return f"更正为{plain(self.value)}"

    @property
    def state(self) -> str:
        if self.withdrawn_at is not None:
            return f"已撤回（{moment(self.withdrawn_at)}）"
        if self.superseded_by is not None:
            return f"已被第{self.superseded_by}条取代"
        return "有效"

    def line(self) -> str:
        taken = moment(self.taken_at)
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


def _entry(row: decisions_db.Row, withdrawn_at: str | None = None) -> Entry:
    id_, year, school, kind, target, status, value, reason, _, taken_at, superseded_by, withdrawn = row
    return Entry(id_, year, school, kind, target, status, load(value), reason, taken_at, superseded_by,
                 withdrawn_at or withdrawn)  # fmt: skip


def history(store: Store, year: int | None = None) -> list[Entry]:
    """Every decision of the store (of one year when given), oldest first, withdrawn and superseded ones included."""
    return [_entry(row) for row in decisions_db.every(store, year)]


def withdraw(store: Store, decision_id: int, now: dt.datetime | None = None) -> Entry:
    """Take a decision back: it stays in the history, marked withdrawn, and the next run no longer applies it.

    The finding it changed goes back to what the checks give; an earlier decision it had superseded stays
    superseded (to apply that one again, take it anew)."""
    at = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    row = decisions_db.withdraw(store, decision_id, at)
    if row is None:
        known = [str(i) for i in decisions_db.ids(store)]
        raise ArgumentError(
            f"审查数据库中没有第{decision_id}条复核意见"
            + (f"（已有：{'、'.join(known)}，见 jigong decide --list）。" if known else "（尚无复核意见）。")
        )
    if row[11] is not None:
        raise ArgumentError(f"第{decision_id}条复核意见已于{moment(row[11])}撤回。")
    return _entry(row, at)
