"""What every check kind shares: the school context, value formatting and the doubt test."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from jigong.pipeline.chinese import figure
from jigong.pipeline.dictionary import Indicator, load_dictionary
from jigong.pipeline.model import REVIEW_THRESHOLD, STATUS_LABELS, Evidence, Finding, Status, Value

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule


@dataclass
class SchoolContext:
    """What a school-level check may look at."""

    indicators: dict[str, Value]
    year: int
    plan_start: int
    plan_end: int
    plan_title: str = ""
    # indicator code → the consistency rules (K…) that found it contradicted
    contradicted: dict[str, list[str]] = field(default_factory=dict)
    # codes stated in readings that tie (no value): stated, so not missing, but no rule may use a figure for them
    undecided: dict[str, Value] = field(default_factory=dict)


class Kind(abc.ABC):
    """A check kind: validates its parameters at load time, turns a rule into a finding."""

    name: ClassVar[str]
    level: ClassVar[str] = "school"
    codes_params: ClassVar[tuple[str, ...]] = ()  # parameters naming one indicator code
    required_params: ClassVar[tuple[str, ...]] = ()

    def validate(self, params: dict[str, Any], codes: dict[str, Indicator]) -> str | None:
        for key in self.required_params:
            if key not in params:
                return f"缺少参数 {key}。"
        for key in self.codes_params:
            if key in params and params[key] not in codes:
                return f"参数 {key} 中的指标代码“{params[key]}”不在数据字典中。"
        return self.check_params(params, codes)

    def check_params(self, params: dict[str, Any], codes: dict[str, Indicator]) -> str | None:
        """What the kind asks of its parameters beyond the required ones and their codes (None: all is well)."""
        return None

    @abc.abstractmethod
    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: Any) -> Finding:
        """The finding of one rule for the context (a school's or the city's)."""

    @abc.abstractmethod
    def describe(self, params: dict[str, Any]) -> str:
        """The logic of a rule with these parameters, in Chinese, for `jigong rules R03`."""


def codes_of(params: dict[str, Any]) -> list[str]:
    """The indicator codes a rule's parameters name (as a value, in a list, or as the keys of a mapping)."""
    known = load_dictionary()
    out: list[str] = []
    for value in params.values():
        items = list(value) if isinstance(value, list | dict | tuple) else [value]
        out += [v for v in items if isinstance(v, str) and v in known and v not in out]
    return out


def shortfall(params: dict[str, Any]) -> Status:
    """The status a rule gives when its requirement is not met (fail unless the catalogue says otherwise)."""
    value = params.get("shortfall", "fail")
    return "below_target" if value == "below_target" else "review" if value == "review" else "fail"


def indicator(code: str) -> Indicator:
    return load_dictionary()[code]


def outcome(status: str) -> str:
    """The Chinese word of a status, for descriptions of the logic."""
    return STATUS_LABELS[status]


def doubt(values: list[Value]) -> str | None:
    """Why a value cannot carry a pass: sources disagree, approximate, or read with low confidence."""
    for v in values:
        name = indicator(v.code).name
        if v.conflict:
            sources = "；".join(f"{e.cite()}“{e.quote}”" for e in v.evidence[:3])
            return f"{name}在不同材料中不一致（{sources}），须核实"
        if v.approximate:
            return f"{name}为约数（{figure(v.value, v.code)}），须核实准确数字"
        if v.confidence < REVIEW_THRESHOLD:
            return f"{name}识别置信度较低（{v.confidence:.2f}），须人工核实"
    return None


def evidence_of(values: list[Value]) -> list[Evidence]:
    out: list[Evidence] = []
    for v in values:
        out.extend(e for e in v.evidence if e not in out)
    return out


def finding(
    rule: Rule, status: Status, message: str, value: Any = None, evidence: list[Evidence] | None = None
) -> Finding:
    return Finding(
        rule=rule.id, clause=rule.clause, status=status, message=message, value=value, evidence=list(evidence or [])
    )


def contradiction(ctx: SchoolContext, codes: list[str]) -> str | None:
    rules = sorted({r for c in codes for r in ctx.contradicted.get(c, [])})
    if not rules:
        return None
    return f"相关数据未通过一致性核对（{'、'.join(rules)}），须核实后再作结论"
