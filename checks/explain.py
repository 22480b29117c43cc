"""The catalogue in words, for `jigong rules`: one line a rule, or one rule with its clause and logic."""

from __future__ import annotations

import datetime as dt

from jigong.checks.applicability import describe as describe_scope
from jigong.checks.catalogue import Catalogue, Rule
from jigong.checks.kinds import KINDS
from jigong.pipeline.chinese import cn_date, columns


def plan_line(catalogue: Catalogue) -> str:
    plan = catalogue.plan
    return (
        f"《{plan.title}》（{plan.issuer}{cn_date(dt.date.fromisoformat(plan.issued))}印发，"
        f"有效期{cn_date(catalogue.start)}至{cn_date(catalogue.end)}）"
    )


def in_force(rule: Rule, catalogue: Catalogue) -> str:
    """From the rule's first effective date to the plan's end; later dated values are listed by `explain`."""
    return f"{cn_date(rule.values[0][0])}至{cn_date(catalogue.end)}"


def table(catalogue: Catalogue) -> list[str]:
    """The catalogue as `jigong rules` lists it: the plan, then a line per rule under a header."""
    header = ("编号", "条款", "严重程度", "施行期间", "审查要求")
    return [f"审查依据：{plan_line(catalogue)}", *columns([header, *rows(catalogue)], aligned=4)]


def rows(catalogue: Catalogue) -> list[tuple[str, str, str, str, str]]:
    """(编号, 条款, 严重程度, 施行期间, 审查要求) for every rule, school rules first, then the city targets."""
    return [
        (r.id, r.clause, r.severity, in_force(r, catalogue), r.requirement) for r in (*catalogue.rules, *catalogue.city)
    ]


def explain(catalogue: Catalogue, rule_id: str) -> list[str]:
    """The rule's clause, the plan's words, whom it applies to and its logic for each effective date."""
    rule = catalogue.get(rule_id.upper())
    if rule is None:
        return []
    lines = [
        f"{rule.id} {rule.title}（{rule.severity}）",
        f"依据：{plan_line(catalogue)}“{rule.clause}”",
        f"方案原文：“{rule.quote}”",
        f"审查要求：{rule.requirement}",
        f"适用范围：{'全市（批次内全部学校）' if rule.level == 'city' else describe_scope(rule.applies_to)}",
        "检查方式：",
    ]
    for start, params in rule.values:
        prefix = f"  自{cn_date(start)}起：" if len(rule.values) > 1 else "  "
        lines.append(prefix + KINDS[rule.kind].describe(params))
    return lines
