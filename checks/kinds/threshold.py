"""Threshold: a reported (else computed) figure against a target, e.g. 就业率 ≥ 98%."""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any

from jigong.checks.kinds.base import (
    Kind,
    SchoolContext,
    contradiction,
    doubt,
    evidence_of,
    finding,
    indicator,
    outcome,
    shortfall,
)
from jigong.pipeline.chinese import figure, percent
from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.model import Finding

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule

OP_WORDS = {">=": "不低于", ">": "大于", "<=": "不超过", "<": "小于"}
OPS = {
    ">=": (operator.ge, "达到", "低于"),
    ">": (operator.gt, "高于", "未高于"),
    "<=": (operator.le, "未超过", "超过"),
    "<": (operator.lt, "低于", "未低于"),
}


class Threshold(Kind):
    name = "threshold"
    codes_params = ("indicator",)
    required_params = ("indicator", "op", "target")

    def check_params(self, params: dict[str, Any], codes: dict[str, Indicator]) -> str | None:
        if params["op"] not in OPS:
            return f"比较符“{params['op']}”无效，可用 {' '.join(OPS)}。"
        if shortfall(params) not in {"fail", "below_target", "review"}:
            return "shortfall 只能是 fail、below_target 或 review。"
        for code in params.get("ratio_of", []):
            if code not in codes:
                return f"ratio_of 中的指标代码“{code}”不在数据字典中。"
        return None

    def describe(self, params: dict[str, Any]) -> str:
        name = indicator(params["indicator"]).name
        source = f"取报送的{name}"
        if params.get("ratio_of"):
            a, b = (indicator(c).name for c in params["ratio_of"])
            source += f"（未报送时按{a}÷{b}计算）"
        test = f"{OP_WORDS[params['op']]}{params['target']:g}{_unit(params['indicator'])}"
        return (
            f"{source}，{test}为{outcome('pass')}，否则为{outcome(shortfall(params))}；"
            "相关数字未通过一致性核对、为约数、来源不一或识别把握不足时为待核实，未载明为未提供。"
        )

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        code = params["indicator"]
        name = indicator(code).name
        target = params["target"]
        stated = ctx.indicators.get(code)
        parts = [ctx.indicators[c] for c in params.get("ratio_of", []) if c in ctx.indicators]
        if stated is not None:
            used, value, how = [stated], stated.value, f"报送{name}{figure(stated.value, code)}"
        elif len(parts) == 2 and parts[1].value:
            a, b = parts
            used, value = [a, b], round(100 * a.value / b.value, 2)
            how = (
                f"未直接报送{name}，按{indicator(a.code).name}{figure(a.value, a.code)}÷"
                f"{indicator(b.code).name}{figure(b.value, b.code)}计算为{percent(value)}"
            )
        else:
            computable = "，也无法由相关人数计算" if params.get("ratio_of") else ""
            return finding(rule, "missing", f"材料未载明{name}{computable}。")
        test, met_word, short_word = OPS[params["op"]]
        if params["op"] == ">" and target == 0:  # "there must be some": 兼职教师, 招聘会
            verdict = how if test(value, target) else f"{how}，未落实“{rule.requirement}”的要求"
        else:
            verdict = f"{how}，{met_word if test(value, target) else short_word}{target}{_unit(code)}的要求"
        reason = contradiction(ctx, [code, *params.get("ratio_of", [])]) or doubt(used)
        if reason:
            return finding(rule, "review", f"{verdict}；但{reason}。", value, evidence_of(used))
        status = "pass" if test(value, target) else shortfall(params)
        return finding(rule, status, verdict + "。", value, evidence_of(used))


def _unit(code: str) -> str:
    return "%" if indicator(code).type == "pct" else indicator(code).unit
