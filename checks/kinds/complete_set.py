"""Complete set: every member must hold — 三科统编教材 (yes/no codes), 五项管理制度 (items of a set), or
新型学徒制 and 学籍注册通道 together (a count above zero holds as a yes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jigong.checks.kinds.base import Kind, SchoolContext, doubt, evidence_of, finding, indicator, outcome, shortfall
from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.model import Finding, Value

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule


class CompleteSet(Kind):
    name = "complete_set"
    codes_params = ("indicator",)
    required_params = ("members",)

    def check_params(self, params: dict[str, Any], codes: dict[str, Indicator]) -> str | None:
        if shortfall(params) not in {"fail", "below_target", "review"}:
            return "shortfall 只能是 fail、below_target 或 review。"
        members = params["members"]
        if "indicator" in params:  # the members are items of one set-valued indicator
            allowed = codes[params["indicator"]].values
            if codes[params["indicator"]].type != "set" or not isinstance(members, list):
                return "indicator 应为集合型指标，members 应为其中各项的列表。"
            bad = [m for m in members if m not in allowed]
            return f"members 中的“{'、'.join(bad)}”不是该指标的可选项。" if bad else None
        if not isinstance(members, dict):
            return "members 应为“指标代码: 名称”的映射。"
        bad = [c for c in members if c not in codes or codes[c].type not in {"bool", "int"}]
        if bad:
            return f"members 中的“{'、'.join(bad)}”不是数据字典中的是/否或人数指标。"
        return None

    def describe(self, params: dict[str, Any]) -> str:
        members = params["members"]
        if "indicator" in params:
            names = "、".join(members)
            said = f"{indicator(params['indicator']).name}须包含{names}"
        else:
            parts = [
                f"{label}（{indicator(c).name}{'为“是”' if indicator(c).type == 'bool' else '大于0'}）"
                for c, label in members.items()
            ]
            said = "以下各项均须落实：" + "；".join(parts)
        required = f"；本期要求：{params['required']}" if params.get("required") else ""
        return f"{said}。全部落实为符合，缺项为{outcome(shortfall(params))}并列明缺少的项目{required}。"

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        if "indicator" in params:
            return self._set_members(rule, params, ctx)
        members: dict[str, str] = params["members"]
        stated = {c: ctx.indicators[c] for c in members if c in ctx.indicators}
        lacking = [label for c, label in members.items() if c not in stated]
        falling = [members[c] for c, v in stated.items() if not _holds(v)]
        meeting = [members[c] for c, v in stated.items() if _holds(v)]
        return self._verdict(rule, params, meeting, falling, lacking, list(stated.values()))

    def _set_members(self, rule: Rule, params: dict[str, Any], ctx: SchoolContext) -> Finding:
        value = ctx.indicators.get(params["indicator"])
        if value is None:
            return finding(rule, "missing", f"材料未载明{indicator(params['indicator']).name}。")
        have = set(value.value)
        meeting = [m for m in params["members"] if m in have]
        falling = [m for m in params["members"] if m not in have]
        return self._verdict(rule, params, meeting, falling, [], [value], ("已建立{}制度", "尚未建立{}制度"))

    @staticmethod
    def _verdict(
        rule: Rule,
        params: dict[str, Any],
        meeting: list[str],
        falling: list[str],
        lacking: list[str],
        used: list[Value],
        words: tuple[str, str] = ("{}已落实", "{}未落实"),
    ) -> Finding:
        evidence = evidence_of(used)
        required = f"（本年度要求：{params['required']}）" if params.get("required") else ""
        parts = [words[0].format("、".join(meeting))] if meeting else []
        if falling:
            parts.append(words[1].format("、".join(falling)))
        if lacking:
            parts.append(f"材料未载明{'、'.join(lacking)}的情况")
        said = "；".join(parts)
        if falling:
            return finding(rule, shortfall(params), f"{said}{required}。", falling, evidence)
        reason = doubt(used)
        if reason:
            return finding(rule, "review", f"{said}；但{reason}{required}。", meeting, evidence)
        if lacking:
            return finding(rule, "missing", f"{said}{required}。", meeting, evidence)
        return finding(rule, "pass", f"{said}{required}。", meeting, evidence)


def _holds(value: Value) -> bool:
    """A yes/no member holds when yes; a count member when above zero (培训人数 > 0)."""
    return bool(value.value) and (isinstance(value.value, bool) or value.value > 0)
