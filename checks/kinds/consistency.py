"""Consistency: figures of one submission that must agree (K01–K07); a failure marks them contradicted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jigong.checks.kinds.base import Kind, SchoolContext, evidence_of, finding, indicator
from jigong.pipeline.chinese import figure, percent
from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.model import Finding

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule

TESTS = {"not_greater": ("a", "b"), "ratio_matches": ("ratio", "a", "b"), "review_year": ("a",)}


class Consistency(Kind):
    name = "consistency"
    required_params = ("test", "a")

    def check_params(self, params: dict[str, Any], codes: dict[str, Indicator]) -> str | None:
        if params["test"] not in TESTS:
            return f"一致性检查“{params['test']}”不存在，可用 {'、'.join(TESTS)}。"
        for key in TESTS[params["test"]]:
            if params.get(key) not in codes:
                return f"参数 {key} 应为数据字典中的指标代码。"
        return None

    def describe(self, params: dict[str, Any]) -> str:
        names = {key: indicator(params[key]).name for key in TESTS[params["test"]]}
        if params["test"] == "review_year":
            return f"{names['a']}与本次审查年度一致为符合，不一致为不符合，未载明为未提供。"
        if params["test"] == "not_greater":
            said = f"{names['a']}不超过{names['b']}"
        else:
            tolerance = params.get("tolerance", 0.5)
            said = f"报送的{names['ratio']}与{names['a']}÷{names['b']}相差不超过{tolerance:g}个百分点"
        return f"{said}为符合，否则为不符合；不符合时，用到这些数字的规则一律为待核实。相关数字未同时报送时不适用。"

    @staticmethod
    def involved(params: dict[str, Any]) -> list[str]:
        """The indicator codes a failure of this rule puts in doubt."""
        return [params[key] for key in TESTS[params["test"]]]

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        test = params["test"]
        codes = self.involved(params)
        values = [ctx.indicators.get(c) for c in codes]
        if test == "review_year":
            year = values[0]
            if year is None:
                return finding(rule, "missing", "材料未载明报告年度，无法核对。")
            ok = year.value == ctx.year
            said = f"材料载明的报告年度为{year.value}年，本次审查年度为{ctx.year}年"
            return finding(
                rule, "pass" if ok else "fail", f"{said}{'，一致' if ok else '，不一致'}。", year.value, year.evidence
            )
        present = [v for v in values if v is not None]
        if len(present) < len(values):
            absent = "、".join(indicator(c).name for c, v in zip(codes, values, strict=True) if v is None)
            return finding(rule, "not_applicable", f"未同时报送相关数据（缺{absent}），无需核对。")
        evidence = evidence_of(present)
        if test == "not_greater":
            a, b = present
            ok = a.value <= b.value
            said = (
                f"{indicator(a.code).name}{figure(a.value, a.code)}{'未超过' if ok else '超过'}"
                f"{indicator(b.code).name}{figure(b.value, b.code)}"
            )
            return finding(rule, "pass" if ok else "fail", said + "。", a.value, evidence)
        ratio, a, b = present
        if not b.value:
            return finding(
                rule, "fail", f"{indicator(b.code).name}为0，无法计算{indicator(ratio.code).name}。", None, evidence
            )
        computed = 100 * a.value / b.value
        gap = abs(ratio.value - computed)
        ok = gap <= params.get("tolerance", 0.5)
        said = (
            f"报送{indicator(ratio.code).name}{figure(ratio.value, ratio.code)}，"
            f"按{indicator(a.code).name}÷{indicator(b.code).name}计算为{percent(computed)}"
            f"，相差{gap:.1f}个百分点，{'一致' if ok else '不一致'}"
        )
        return finding(rule, "pass" if ok else "fail", said + "。", round(computed, 2), evidence)
