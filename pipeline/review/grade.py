"""The overall conclusion of a school's review (合格 / 暂缓通过 / 不合格) from its findings."""

from __future__ import annotations

from collections.abc import Iterable

from jigong.checks.catalogue import Catalogue
from jigong.pipeline.model import BatchResult, FileRecord, Finding

PASSED, DEFERRED, FAILED = "合格", "暂缓通过", "不合格"
# 提示 rules are advice and 核算 rules compute funding: the memo shows them, the conclusion does not rest on them.
ADVISORY = {"提示", "核算"}


def grade(catalogue: Catalogue, findings: list[Finding], files: Iterable[FileRecord] = ()) -> str:
    """不合格 when a 重点 rule fails; 暂缓通过 when anything fails, is missing or awaits review, or a file
    received could not be read (it must be resent or read by hand); else 合格.

    低于目标 (below_target) is advisory: a city-wide target does not bind one school; so are the 提示 and 核算
    rules (a missing 招聘会 count or an uncomputable subsidy is shown, but does not defer the conclusion).
    """
    severity = {r.id: r.severity for r in catalogue.rules}
    if any(f.status == "fail" and severity.get(f.rule) == "重点" for f in findings):
        return FAILED
    binding = [f for f in findings if severity.get(f.rule) not in ADVISORY]
    if any(f.status in {"fail", "review", "missing"} for f in binding) or any(f.status != "ok" for f in files):
        return DEFERRED
    return PASSED


def rate(findings: Iterable[Finding], catalogue: Catalogue) -> None:
    """Each finding's severity, from its rule (a school's or the city's) in the catalogue."""
    severity = {r.id: r.severity for r in (*catalogue.rules, *catalogue.city)}
    for found in findings:
        found.severity = severity.get(found.rule, "")


def grade_batch(result: BatchResult, catalogue: Catalogue) -> None:
    """The last step of the review: each finding's severity and each school's grade, given once (after the
    decisions); results.json carries them and every output reads them from there."""
    rate([*result.city, *(f for s in result.schools for f in s.findings)], catalogue)
    for school in result.schools:
        school.grade = grade(catalogue, school.findings, school.files)
