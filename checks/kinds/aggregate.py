"""Aggregate: a city-wide target over every school of a batch (C01–C06), naming who was left out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jigong.checks.kinds.base import Kind, codes_of, doubt, indicator
from jigong.pipeline.chinese import figure, percent
from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.model import Finding, SchoolResult, Status

if TYPE_CHECKING:
    from jigong.checks.catalogue import Rule

MEASURES = {"sum": ("indicator",), "ratio": ("numerator", "denominator"), "every_school_passes": ("rule",)}


@dataclass
class CityContext:
    schools: list[SchoolResult]
    # school name → indicator code → the consistency rules that found it contradicted
    contradicted: dict[str, dict[str, list[str]]]


class Aggregate(Kind):
    name = "aggregate"
    level = "city"
    required_params = ("measure",)

    def check_params(self, params: dict[str, Any], codes: dict[str, Indicator]) -> str | None:
        if params["measure"] not in MEASURES:
            return f"汇总方式“{params['measure']}”不存在，可用 {'、'.join(MEASURES)}。"
        for key in MEASURES[params["measure"]]:
            if key not in params:
                return f"缺少参数 {key}。"
            if key != "rule" and params[key] not in codes:
                return f"参数 {key} 中的指标代码“{params[key]}”不在数据字典中。"
        if params["measure"] != "every_school_passes" and "target" not in params:
            return "缺少参数 target。"
        return None

    def describe(self, params: dict[str, Any]) -> str:
        measure = params["measure"]
        if measure == "every_school_passes":
            return (
                f"批次内每所学校的{params['rule']}均为符合，全市为符合；"
                "有学校不符合为不符合（全市目标未达到），有学校未提供或待核实为待核实。"
            )
        if measure == "sum":
            summed = indicator(params["indicator"])
            said = f"各校{summed.name}之和不低于{figure(params['target'], params['indicator'])}"
        else:
            num, den = indicator(params["numerator"]).name, indicator(params["denominator"]).name
            said = f"各校{num}之和 ÷ 各校{den}之和不低于{params['target']}%"
            if params.get("numerator_from_rate"):
                said += f"（只报送{indicator(params['numerator_from_rate']).name}的学校，按比率 × {den}折算）"
        return (
            f"{said}为符合，否则为不符合（全市目标未达到；低于目标是单校的提示性结论）；注明计入学校数和缺数据的学校。"
            "某校数字未通过本校一致性核对时点名该校，计入与否会改变结论时为待核实。"
        )

    def evaluate(self, rule: Rule, params: dict[str, Any], ctx: CityContext) -> Finding:
        if params["measure"] == "every_school_passes":
            return _every_school(rule, params, ctx)
        rows: list[tuple[str, float, float, bool]] = []  # school, numerator, denominator, doubtful
        missing: list[str] = []
        tied: list[str] = []  # schools whose figure is undecided (readings tie): not counted, and the total unsure
        needed = codes_of(params)
        for school in ctx.schools:
            parts = _school_figures(school, params)
            if parts is None:
                missing.append(school.school_name)
                if any(code in school.undecided for code in needed):
                    tied.append(school.school_name)
                continue
            num, den, used = parts
            flagged = set(ctx.contradicted.get(school.school_name, {})) & set(used)
            in_doubt = (
                bool(flagged) or doubt([school.indicators[c] for c in used if c in school.indicators]) is not None
            )
            rows.append((school.school_name, num, den, in_doubt))
        base = _finding(rule, "missing", "", counted=len(rows), missing=missing)
        if not rows:
            base.message = "各校材料均未载明所需数据，无法汇总。"
            return base
        ratio = params["measure"] == "ratio"
        value, met = _measure(rows, params["target"], ratio)
        doubtful = [r[0] for r in rows if r[3]]
        clean = [r for r in rows if not r[3]]
        clean_met = _measure(clean, params["target"], ratio)[1] if clean else None
        shown = percent(value) if ratio else figure(round(value), params["indicator"])
        target = f"{params['target']}%" if ratio else figure(params["target"], params["indicator"])
        message = f"{len(rows)}所学校合计{shown}，{'达到' if met else '低于'}{target}的目标"
        absent = [m for m in missing if m not in tied]
        if absent:
            message += f"；{len(absent)}所学校未载明所需数据，未计入（{'、'.join(absent)}）"
        if tied:
            names = "、".join(tied)
            message += f"；{len(tied)}所学校的相关数据在不同材料中说法不一，未计入（{names}），须核实后再作结论"
        # A city-wide target not met is 不符合: the target binds the city as a whole (below_target is the
        # advisory a single school gets against it).
        status: Status = "pass" if met else "fail"
        if doubtful:
            message += f"；{'、'.join(doubtful)}的数据存在不一致或待核实，已计入"
            if clean_met is not None and clean_met != met:
                status = "review"
                message += "，剔除后结论相反，须核实后再作结论"
            elif clean_met is None:
                status = "review"
        if tied:
            status = "review"
        base.status, base.value, base.message = status, round(value, 2), message + "。"
        base.schools_contradicted = doubtful
        return base


def _school_figures(school: SchoolResult, params: dict[str, Any]) -> tuple[float, float, list[str]] | None:
    ind = school.indicators
    if params["measure"] == "sum":
        code = params["indicator"]
        return (ind[code].value, 1.0, [code]) if code in ind else None
    num, den = params["numerator"], params["denominator"]
    if den not in ind:
        return None
    if num in ind:
        return ind[num].value, ind[den].value, [num, den]
    rate = params.get("numerator_from_rate")
    if rate and rate in ind:  # employed = rate × graduates where only the rate is stated
        return ind[rate].value * ind[den].value / 100, ind[den].value, [rate, den]
    return None


def _measure(rows: list[tuple[str, float, float, bool]], target: float, ratio: bool) -> tuple[float, bool]:
    num = sum(r[1] for r in rows)
    if ratio:
        den = sum(r[2] for r in rows)
        value = 100 * num / den if den else 0.0
    else:
        value = num
    return value, value >= target


def _every_school(rule: Rule, params: dict[str, Any], ctx: CityContext) -> Finding:
    failing, unsure = [], []
    for school in ctx.schools:
        found = school.finding(params["rule"])
        if found is None or found.status in {"missing", "review"}:
            unsure.append(school.school_name)
        elif found.status != "pass":
            failing.append(school.school_name)
    counted = len(ctx.schools) - len(unsure)
    out = _finding(rule, "pass", "", counted=counted, missing=unsure)
    out.value = len(ctx.schools) - len(failing) - len(unsure)
    if failing:
        out.status = "fail"
        out.message = f"{len(failing)}所学校未达到要求：{'、'.join(failing)}"
    elif unsure:
        out.status = "review"
        out.message = "已确认的学校均达到要求"
    else:
        out.message = f"全部{len(ctx.schools)}所学校均达到要求"
    if unsure:
        out.message += f"；{len(unsure)}所学校未载明或待核实：{'、'.join(unsure)}"
    out.message += "。"
    return out


def _finding(rule: Rule, status: Status, message: str, counted: int, missing: list[str]) -> Finding:
    return Finding(
        rule=rule.id,
        clause=rule.clause,
        status=status,
        message=message,
        schools_counted=counted,
        schools_missing=missing,
        schools_contradicted=[],
    )
