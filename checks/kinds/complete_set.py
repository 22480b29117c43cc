"""Complete set: every member must hold, e.g. 思想政治、语文、历史 all on the unified textbooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.indicators import Indicator
from pipeline.model import Finding

from .base import Kind, SchoolContext, doubt, evidence_of, finding, shortfall

if TYPE_CHECKING:
    from ..catalogue import Rule


class CompleteSet(Kind):
    name = "complete_set"
    required_params = ("members",)

    def validate(self, params: dict[str, Any], codes: dict[str, Indicator]) -> str | None:
        problem = super().validate(params, codes)
        if problem:
            return problem
        bad = [c for c in params["members"] if c not in codes or codes[c].type != "bool"]
        if bad:
            return f"members 中的“{'、'.join(bad)}”不是数据字典中的是/否指标。"
        if shortfall(params) not in {"fail", "below_target", "review"}:
            return "shortfall 只能是 fail、below_target 或 review。"
        return None

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        members: dict[str, str] = params["members"]
        stated = {c: ctx.indicators[c] for c in members if c in ctx.indicators}
        lacking = [label for c, label in members.items() if c not in stated]
        falling = [members[c] for c, v in stated.items() if not v.value]
        meeting = [members[c] for c, v in stated.items() if v.value]
        evidence = evidence_of(list(stated.values()))
        required = f"（本年度要求：{params['required']}）" if params.get("required") else ""
        parts = []
        if meeting:
            parts.append(f"{'、'.join(meeting)}已落实")
        if falling:
            parts.append(f"{'、'.join(falling)}未落实")
        if lacking:
            parts.append(f"材料未载明{'、'.join(lacking)}的情况")
        said = "；".join(parts)
        if falling:
            return finding(rule, shortfall(params), f"{said}{required}。", falling, evidence)
        reason = doubt(list(stated.values()))
        if reason:
            return finding(rule, "review", f"{said}；但{reason}{required}。", meeting, evidence)
        if lacking:
            return finding(rule, "missing", f"{said}{required}。", meeting, evidence)
        return finding(rule, "pass", f"{said}{required}。", meeting, evidence)
