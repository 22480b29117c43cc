"""Cap: a claimed amount must not exceed a per-head ceiling, e.g. 国际课程班补贴 ≤ 5000元 × 在校生数 (R15)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jigong.checks.kinds.base import Kind, SchoolContext, doubt, evidence_of, finding, indicator
from jigong.pipeline.chinese import figure, money
from jigong.pipeline.model import Finding

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule


class Cap(Kind):
    name = "cap"
    codes_params = ("claim", "base")
    required_params = ("claim", "base", "rate")

    def check_params(self, params: dict[str, Any], codes: dict[str, Any]) -> str | None:
        if codes[params["claim"]].type != "money":
            return f"claim 应为金额指标，“{params['claim']}”不是。"
        if not isinstance(params["rate"], int | float) or params["rate"] <= 0:
            return "rate（每人上限，元）应为正数。"
        return None

    def describe(self, params: dict[str, Any]) -> str:
        claim, base = indicator(params["claim"]).name, indicator(params["base"]).name
        return (
            f"上限 = {money(params['rate'])}/{indicator(params['base']).unit} × {base}；"
            f"{claim}不超过上限为符合，超过为不符合（列明超出金额）。"
        )

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        claim_code, base_code, rate = params["claim"], params["base"], params["rate"]
        claim, base = ctx.indicators.get(claim_code), ctx.indicators.get(base_code)
        lacking = [indicator(c).name for c, v in ((claim_code, claim), (base_code, base)) if v is None]
        if claim is None or base is None:
            stated = [v for v in (claim, base) if v is not None]
            message = f"材料未载明{'、'.join(lacking)}，无法核对上限。"
            return finding(rule, "missing", message, None, evidence_of(stated))
        cap = rate * base.value
        said = (
            f"上限为{money(rate)} × {figure(base.value, base_code)} = {money(cap)}，"
            f"申请{indicator(claim_code).name.removeprefix('申请的')}{money(claim.value)}"
        )
        over = claim.value - cap
        verdict = f"{said}，超出上限{money(over)}" if over > 0 else f"{said}，未超过上限"
        evidence = evidence_of([claim, base])
        reason = doubt([claim, base])
        if reason:
            return finding(rule, "review", f"{verdict}；但{reason}。", claim.value, evidence)
        return finding(rule, "fail" if over > 0 else "pass", verdict + "。", claim.value, evidence)
