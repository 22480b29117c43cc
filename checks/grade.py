"""The overall conclusion of a school's review (合格 / 暂缓通过 / 不合格) from its findings."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.model import FileRecord, Finding

from .catalogue import Catalogue

PASSED, DEFERRED, FAILED = "合格", "暂缓通过", "不合格"


def grade(catalogue: Catalogue, findings: list[Finding], files: Iterable[FileRecord] = ()) -> str:
    """不合格 when a 重点 rule fails; 暂缓通过 when anything fails, is missing or awaits review, or a file
    received could not be read (it must be resent or read by hand); else 合格.

    低于目标 (below_target) is advisory: a city-wide target does not bind one school.
    """
    severity = {r.id: r.severity for r in catalogue.rules}
    if any(f.status == "fail" and severity.get(f.rule) == "重点" for f in findings):
        return FAILED
    if any(f.status in {"fail", "review", "missing"} for f in findings) or any(f.status != "ok" for f in files):
        return DEFERRED
    return PASSED
