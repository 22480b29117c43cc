"""Yes/no: a stated fact that must hold, e.g. 学校已建立党组织."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jigong.checks.kinds.base import Kind, SchoolContext, doubt, finding, indicator, outcome, shortfall
from jigong.pipeline.model import Finding

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule


class YesNo(Kind):
    name = "yesno"
    codes_params = ("indicator",)
    required_params = ("indicator",)

    def describe(self, params: dict[str, Any]) -> str:
        name = indicator(params["indicator"]).name
        return (
            f"材料反映{name}为{outcome('pass')}，反映未落实为{outcome(shortfall(params))}；"
            "说法不一或识别把握不足时为待核实，未载明为未提供。"
        )

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        code = params["indicator"]
        value = ctx.indicators.get(code)
        if value is None:
            return finding(rule, "missing", f"材料未载明{rule.title}情况。")
        said = params.get("yes", indicator(code).name) if value.value else params.get("no", f"未{indicator(code).name}")
        reason = doubt([value])
        if reason:
            return finding(rule, "review", f"材料反映{said}，但{reason}。", value.value, value.evidence)
        status = "pass" if value.value else shortfall(params)
        return finding(rule, status, f"材料反映{said}。", value.value, value.evidence)
