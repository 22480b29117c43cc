"""Validity: is the year under review inside the plan's period of force (V01)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jigong.checks.kinds.base import Kind, SchoolContext, finding
from jigong.pipeline.model import Finding

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule


class Validity(Kind):
    name = "validity"

    def describe(self, params: dict[str, Any]) -> str:
        return "审查年度在方案有效期内为符合；不在有效期内时仍按该方案审查，列为待核实并在审查意见书中说明。"

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        period = f"{ctx.plan_start}年至{ctx.plan_end}年"
        if ctx.plan_start <= ctx.year <= ctx.plan_end:
            return finding(rule, "pass", f"审查年度{ctx.year}年在《{ctx.plan_title}》有效期（{period}）内。", ctx.year)
        return finding(
            rule,
            "review",
            f"审查年度{ctx.year}年不在《{ctx.plan_title}》有效期（{period}）内，"
            "本次仍按该方案审查，结论仅供参考，须结合现行政策复核。",
            ctx.year,
        )
