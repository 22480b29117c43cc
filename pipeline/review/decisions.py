"""Inspectors' decisions (人工复核意见): taken per year, kept in the store, applied on every run, never lost.

A decision confirms or overrules a rule's finding for one school, or corrects one indicator's value. It records
the figure it was taken on; when a resent file changes that figure, the decision is not applied but shown,
and the finding goes to 待核实 so that the inspector takes a new look.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, cast

from jigong.checks.catalogue import Catalogue
from jigong.checks.engine import judged_on
from jigong.checks.plans import resolve
from jigong.pipeline.chinese import cn_date, figure, plain
from jigong.pipeline.dictionary import load_dictionary
from jigong.pipeline.errors import ArgumentError
from jigong.pipeline.model import STATUS_LABELS, Evidence, Finding, ReviewNote, Status, Value
from jigong.pipeline.store import Store
from jigong.pipeline.store import decisions as decisions_db
from jigong.pipeline.store import runs as runs_db
from jigong.pipeline.store.runs import dump, load

MANUAL_FILE = "人工复核意见"


@dataclass
class Decision:
    """One decision as stored: on a rule (status) or on an indicator (value), with the figure it was taken on."""

    id: int
    year: int
    school: str
    kind: Literal["rule", "indicator"]
    target: str
    status: Status | None
    value: Any
    reason: str
    stated: bool  # whether the figure it was taken on was stated (False: 未提供)
    basis: Any  # that figure: the finding's value (rule) or the extracted value (indicator)
    taken_at: str

    @property
    def taken_on(self) -> dt.date:
        return dt.date.fromisoformat(self.taken_at[:10])


def parse_status(text: str) -> Status:
    """pass / 符合 → "pass"; any status code or its Chinese label."""
    wanted = text.strip()
    for code, label in STATUS_LABELS.items():
        if wanted in (code, label):
            return cast(Status, code)
    choices = "、".join(f"{label}（{code}）" for code, label in STATUS_LABELS.items())
    raise ArgumentError(f"结论“{text}”无法识别，可用：{choices}。")


def parse_value(text: str, code: str) -> Any:
    """A value typed by an inspector, in the indicator's type: 98.2 / 98.2% / 3,210 / 是 / 公办."""
    dictionary = load_dictionary()
    if code not in dictionary:
        raise ArgumentError(f"指标代码“{code}”不在数据字典中（见 pipeline/indicators.yaml）。")
    ind = dictionary[code]
    raw = text.strip().replace(",", "").replace("，", "").removesuffix(ind.unit).removesuffix("%").strip()
    try:
        if ind.type in {"int", "money", "year"}:
            return int(float(raw)) if float(raw).is_integer() else _bad(text, ind.name, "整数")
        if ind.type == "pct":
            number = float(raw)
            return round(number, 2) if 0 <= number <= 100 else _bad(text, ind.name, "0至100之间的百分数")
    except ValueError:
        return _bad(text, ind.name, "数字")
    if ind.type == "bool":
        if raw in {"是", "有", "true", "yes", "1"}:
            return True
        if raw in {"否", "无", "false", "no", "0"}:
            return False
        return _bad(text, ind.name, "“是”或“否”")
    if ind.type == "enum":
        return raw if raw in ind.values else _bad(text, ind.name, "、".join(ind.values))
    if ind.type == "set":
        members = [m.strip() for m in raw.replace("，", "、").replace(",", "、").split("、") if m.strip()]
        unknown = [m for m in members if m not in ind.values]
        return members if not unknown else _bad(text, ind.name, "、".join(ind.values) + "中的若干项，以顿号分隔")
    return raw


def _bad(text: str, name: str, expected: str) -> Any:
    raise ArgumentError(f"“{text}”不是“{name}”的有效值，应为{expected}。")


def find_school(names: list[str], query: str) -> str:
    """The school a name given on the command line means: the exact name, else the one name containing it."""
    if query in names:
        return query
    hits = [n for n in names if query in n]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise ArgumentError(f"“{query}”对应多所学校：{'、'.join(hits)}，请写出完整名称。")
    raise ArgumentError(f"最近一次审查中没有学校“{query}”。已审查的学校：{'、'.join(names) or '无'}。")


def take(
    store: Store,
    school_query: str,
    reason: str,
    *,
    catalogue: Catalogue | None = None,
    year: int | None = None,
    rule: str | None = None,
    status: str | None = None,
    indicator: str | None = None,
    value: str | None = None,
    now: dt.datetime | None = None,
) -> Decision:
    """Record a decision on the latest run of the year (the latest year by default); it supersedes an earlier one
    on the same target. The catalogue is the plan in force in the run's year unless another is given."""
    if not reason.strip():
        raise ArgumentError("请用 --reason 写明复核理由。")
    if (rule is None) == (indicator is None):
        raise ArgumentError(
            "请给出规则编号（如 R03，配合 --status），或用 --indicator 指明要更正的指标（配合 --value）。"
        )
    run = runs_db.latest_run(store, year)
    if run is None:
        raise ArgumentError(
            f"审查数据库中还没有{'' if year is None else f'{year}年度的'}审查记录，请先运行 jigong run。"
        )
    catalogue = catalogue or resolve(run.plan_id or None, run.year)
    names = [n for n, _, _ in runs_db.schools_of(store, run.id)]
    school = find_school(names, school_query)
    if rule is not None:
        if status is None or value is not None:
            raise ArgumentError("对规则的复核请用 --status 给出结论（如 --status pass 或 --status 符合）。")
        rule_id = rule.upper()
        found = runs_db.finding_of(store, run.id, school, rule_id)
        if found is None:
            known = "全市目标不接受单校复核意见" if catalogue.get(rule_id) is not None else "方案中没有该规则"
            raise ArgumentError(f"{school}没有规则“{rule}”的审查结论（{known}）。")
        kind, target, decided, stated, basis = "rule", rule_id, parse_status(status), True, found[1]
        new_value: Any = None
    else:
        if value is None or status is not None:
            raise ArgumentError("更正指标请用 --value 给出数值，如 --indicator employment_rate --value 98.2。")
        target = str(indicator)
        new_value = parse_value(value, target)
        stated, basis = runs_db.extracted_value(store, run.id, school, target)
        kind, decided = "indicator", None
    taken_at = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    basis_json = dump({"stated": stated, "value": basis})
    new_id = decisions_db.add(
        store, run.year, school, kind, target, decided, dump(new_value), reason.strip(), basis_json, taken_at
    )
    return load_decisions(store, run.year, new_id)[0]


def load_decisions(store: Store, year: int, only: int | None = None) -> list[Decision]:
    """The decisions in force for a year (superseded and withdrawn ones are kept in the store but not applied)."""
    out = []
    for row in decisions_db.in_force(store, year, only):
        id_, yr, school, kind, target, status, value, reason, basis, taken_at, *_ = row
        was = load(basis) or {}
        stated, basis_value = was.get("stated", True), was.get("value")
        out.append(Decision(id_, yr, school, kind, target, status, load(value), reason, stated, basis_value, taken_at))
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < 1e-6
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return sorted(map(str, a)) == sorted(map(str, b))
    return bool(a == b)


def _shown(value: Any, stated: bool, code: str | None = None) -> str:
    if not stated or value is None:
        return "未提供"
    if code is not None:
        return figure(value, code)
    return "无" if value == [] else plain(value)


def correct_values(
    indicators: dict[str, Value], decisions: list[Decision]
) -> tuple[dict[str, Value | None], list[ReviewNote]]:
    """Apply a school's value corrections before its checks; returns the values as extracted and the notes.

    A correction applies while the files state what they stated when it was taken (or already the corrected
    value); otherwise it waits for a new look and the extracted value stands.
    """
    dictionary = load_dictionary()
    raw: dict[str, Value | None] = {}
    notes: list[ReviewNote] = []
    for d in decisions:
        if d.kind != "indicator" or d.target not in dictionary:
            continue
        code, name = d.target, dictionary[d.target].name
        current = indicators.get(code)
        stated_now = current is not None
        now_value = current.value if current is not None else None
        decided = f"更正为{figure(d.value, code)}"
        unchanged = stated_now == d.stated and (not stated_now or _same(now_value, d.basis))
        already = stated_now and _same(now_value, d.value)
        when = cn_date(d.taken_on)
        if unchanged or already:
            raw[code] = current
            indicators[code] = Value(
                code=code,
                value=d.value,
                unit=dictionary[code].unit,
                confidence=1.0,
                # The school's own words stay first; the correction is cited after them.
                evidence=[
                    *(current.evidence if current else []),
                    Evidence(file=MANUAL_FILE, quote=f"{decided}：{d.reason}", locator=when),
                ],
            )
            was = _shown(d.basis, d.stated, code)
            note = f"{when}审查人员将“{name}”{decided}（材料原载：{was}），理由：{d.reason}。"
            notes.append(
                ReviewNote(d.id, "indicator", code, name, decided, d.reason, d.taken_on.isoformat(), True, note)
            )
        else:
            note = (
                f"{when}审查人员将“{name}”{decided}（理由：{d.reason}），系针对当时材料所载的"
                f"{_shown(d.basis, d.stated, code)}；现材料载明{_shown(now_value, stated_now, code)}，"
                "该意见暂不适用，相关审查要点列为待核实，请重新核实。"
            )
            notes.append(
                ReviewNote(d.id, "indicator", code, name, decided, d.reason, d.taken_on.isoformat(), False, note)
            )
    return raw, notes


def rules_using(catalogue: Catalogue, code: str, year: int) -> set[str]:
    """The school rules whose parameters name an indicator."""

    def names(params: Any) -> bool:
        if isinstance(params, str):
            return params == code
        if isinstance(params, dict):
            return any(names(k) or names(v) for k, v in params.items())
        if isinstance(params, list | tuple):
            return any(names(v) for v in params)
        return False

    return {rule.id for rule in catalogue.rules if names(rule.params(judged_on(year)))}


def apply_to_findings(
    findings: list[Finding], decisions: list[Decision], value_notes: list[ReviewNote], catalogue: Catalogue, year: int
) -> list[ReviewNote]:
    """Apply a school's rule decisions after its checks; a stale decision (or correction) makes the finding 待核实."""
    by_rule = {f.rule: f for f in findings}
    notes = list(value_notes)
    for vn in value_notes:
        if vn.applied:
            continue
        for rule_id in sorted(rules_using(catalogue, vn.target, year)):
            found = by_rule.get(rule_id)
            if found is not None and found.status not in {"not_applicable", "missing"}:
                found.status = "review"
                found.message += f"（{vn.label}的人工更正所依据的数值已变化，请重新核实。）"
    for d in decisions:
        if d.kind != "rule" or d.target not in by_rule:
            continue
        found = by_rule[d.target]
        rule = catalogue.get(d.target)
        label = rule.title if rule is not None else d.target
        decided = STATUS_LABELS.get(d.status or "", str(d.status))
        when = cn_date(d.taken_on)
        if _same(found.value, d.basis) or (found.value is None and d.basis is None):
            before = found.status_label
            found.status = cast(Status, d.status)
            found.message += f"经人工复核，结论为“{decided}”：{d.reason}。"
            verb = f"确认为“{decided}”" if before == decided else f"由“{before}”改为“{decided}”"
            note = f"{when}审查人员将“{label}”（{d.target}）的结论{verb}，理由：{d.reason}。"
            notes.append(
                ReviewNote(d.id, "rule", d.target, label, decided, d.reason, d.taken_on.isoformat(), True, note)
            )
        else:
            found.status = "review"
            found.message += "（人工复核意见所依据的数值已变化，请重新核实。）"
            note = (
                f"{when}审查人员就“{label}”（{d.target}）作出“{decided}”的复核意见（理由：{d.reason}），"
                f"系针对当时的数值{_shown(d.basis, True)}；现为{_shown(found.value, True)}，该意见暂不适用，"
                "本项列为待核实，请重新核实。"
            )
            notes.append(
                ReviewNote(d.id, "rule", d.target, label, decided, d.reason, d.taken_on.isoformat(), False, note)
            )
    return notes
