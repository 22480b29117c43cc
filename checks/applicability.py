"""Whom a rule applies to: every school, 公办 or 民办 schools, or schools meeting a stated condition."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

from jigong.checks.kinds.base import indicator
from jigong.pipeline.chinese import figure
from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.model import Finding, Value

COMPARE = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq}
OP_WORDS = {">": "大于", ">=": "不低于", "<": "小于", "<=": "不超过", "==": "等于"}
SCHOOL_TYPES = ("公办", "民办")
CONDITION_KEYS = {"label", "indicator", "op", "value", "or_stated"}


@dataclass(frozen=True)
class Condition:
    """Applies where `indicator op value` holds, or where any of `or_stated` is stated at all.

    A school that states none of the condition's indicators is outside the rule (不适用): a school without an
    international course class does not mention one.
    """

    label: str  # who the rule is for, in the catalogue's words: 开设国际课程班的院校
    indicator: str
    op: str
    value: float
    or_stated: tuple[str, ...] = ()

    def codes(self) -> tuple[str, ...]:
        return (self.indicator, *self.or_stated)

    def describe(self) -> str:
        said = f"{indicator(self.indicator).name}{OP_WORDS[self.op]}{self.value:g}"
        return f"{self.label}（{said}）"


AppliesTo = str | Condition


def parse_applies_to(raw: Any, codes: dict[str, Indicator]) -> AppliesTo | str:
    """The rule's scope, or a Chinese problem description (a string starting with '!')."""
    if raw is None or raw == "all":
        return "all"
    if isinstance(raw, str):
        return raw if raw in SCHOOL_TYPES else f"!适用范围“{raw}”无效，可用 all、公办、民办或条件。"
    if not isinstance(raw, dict):
        return "!适用范围应为 all、公办、民办或条件（label、indicator、op、value）。"
    unknown = sorted(set(raw) - CONDITION_KEYS)
    if unknown:
        return f"!适用条件含未知的键 {', '.join(unknown)}。"
    lacking = sorted({"label", "indicator", "op", "value"} - set(raw))
    if lacking:
        return f"!适用条件缺少键 {', '.join(lacking)}。"
    for code in (raw["indicator"], *raw.get("or_stated", [])):
        if code not in codes:
            return f"!适用条件中的指标代码“{code}”不在数据字典中。"
    if raw["op"] not in COMPARE:
        return f"!适用条件的比较符“{raw['op']}”无效，可用 {' '.join(COMPARE)}。"
    if not isinstance(raw["value"], int | float):
        return "!适用条件的 value 应为数字。"
    return Condition(
        label=str(raw["label"]),
        indicator=raw["indicator"],
        op=raw["op"],
        value=float(raw["value"]),
        or_stated=tuple(raw.get("or_stated", [])),
    )


def describe(applies: AppliesTo) -> str:
    if applies == "all":
        return "所有院校"
    if isinstance(applies, Condition):
        return applies.describe()
    return f"{applies}院校"


def outside(rule_id: str, clause: str, applies: AppliesTo, indicators: dict[str, Value]) -> Finding | None:
    """The finding of a rule that does not apply (or cannot be known to apply); None when it applies."""
    if applies == "all":
        return None
    if isinstance(applies, Condition):
        return _condition(rule_id, clause, applies, indicators)
    kind = indicators.get("school_type")
    if kind is None:
        return Finding(
            rule=rule_id,
            clause=clause,
            status="review",
            message=f"本项仅适用于{applies}院校，材料未载明办学性质，无法确定是否适用。",
        )
    if kind.value != applies:
        return Finding(
            rule=rule_id,
            clause=clause,
            status="not_applicable",
            message=f"本项仅适用于{applies}院校，该校为{kind.value}院校。",
            evidence=list(kind.evidence),
        )
    return None


def _condition(rule_id: str, clause: str, cond: Condition, indicators: dict[str, Value]) -> Finding | None:
    if any(code in indicators for code in cond.or_stated):
        return None
    value = indicators.get(cond.indicator)
    if value is not None and COMPARE[cond.op](value.value, cond.value):
        return None
    if value is None:
        said = "材料未载明相关情况"
    else:
        said = f"材料载明{indicator(cond.indicator).name}为{figure(value.value, cond.indicator)}"
    return Finding(
        rule=rule_id,
        clause=clause,
        status="not_applicable",
        message=f"本项仅适用于{cond.describe()}，{said}，不适用。",
        evidence=[] if value is None else list(value.evidence),
    )
