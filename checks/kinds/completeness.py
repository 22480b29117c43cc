"""Completeness: the indicators a submission must state (M01); each missing one is named."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jigong.checks.kinds.base import Kind, SchoolContext, finding, indicator
from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.model import Finding

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule


class Completeness(Kind):
    name = "completeness"
    required_params = ("required",)

    def check_params(self, params: dict[str, Any], codes: dict[str, Indicator]) -> str | None:
        for entry in params["required"]:
            for code in entry if isinstance(entry, list) else [entry]:
                if code not in codes:
                    return f"required 中的指标代码“{code}”不在数据字典中。"
        return None

    def describe(self, params: dict[str, Any]) -> str:
        names = ["或".join(indicator(c).name for c in (e if isinstance(e, list) else [e])) for e in params["required"]]
        return f"以下必报指标均已载明为符合，缺项为未提供并逐项列明：{'；'.join(names)}。"

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        lacking = []
        for entry in params["required"]:
            options = entry if isinstance(entry, list) else [entry]
            if not any(code in ctx.indicators or code in ctx.undecided for code in options):
                lacking.append("或".join(indicator(code).name for code in options))
        if lacking:
            return finding(rule, "missing", f"材料未载明以下必报指标：{'；'.join(lacking)}。", lacking)
        return finding(rule, "pass", f"{len(params['required'])}项必报指标均已载明。", [])
