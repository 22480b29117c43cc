"""Computed amount: a sum the plan defines, e.g. 示范性专业建设经费 = 200元 × 在校生数 (R13, R16)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jigong.checks.kinds.base import Kind, SchoolContext, doubt, finding, indicator
from jigong.pipeline.chinese import figure, money
from jigong.pipeline.model import Finding

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule


class Computed(Kind):
    name = "computed"
    codes_params = ("indicator",)
    required_params = ("indicator", "rate")

    def check_params(self, params: dict[str, Any], codes: dict[str, Any]) -> str | None:
        if not isinstance(params["rate"], int | float) or params["rate"] <= 0:
            return "rate（每人标准，元）应为正数。"
        return None

    def describe(self, params: dict[str, Any]) -> str:
        count = indicator(params["indicator"])
        return f"核算金额 = {money(params['rate'])}/{count.unit} × {count.name}；不作符合与否的判断。"

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        code, rate = params["indicator"], params["rate"]
        count = ctx.indicators.get(code)
        if count is None:
            return finding(rule, "missing", f"材料未载明{indicator(code).name}，无法核算{rule.title}。")
        amount = rate * count.value
        formula = f"{money(rate)} × {figure(count.value, code)} = {money(amount)}"
        reason = doubt([count])
        if reason:
            return finding(rule, "review", f"按{formula}核算{rule.title}；但{reason}。", amount, list(count.evidence))
        return finding(rule, "computed", f"{rule.title}按{formula}核算。", amount, list(count.evidence))
