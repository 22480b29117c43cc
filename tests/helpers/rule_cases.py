"""A small pytest plugin: rule test cases written in YAML (tests/rules/*.yaml), one test per case.

A case names a rule, the figures a submission states (`given`), and what the rule must conclude (`expect`,
in Chinese or as the status code). A policy officer can add a case by copying one and changing the figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from jigong.checks.catalogue import Catalogue, load_catalogue
from jigong.checks.engine import evaluate_city, evaluate_school
from jigong.pipeline.dictionary import check_keys, load_yaml
from jigong.pipeline.model import STATUS_LABELS, Evidence, Finding, SchoolResult, Value
from jigong.pipeline.review.grade import rate

STATUS_BY_LABEL = {label: code for code, label in STATUS_LABELS.items()}
CASE_KEYS = {"rule", "case", "year", "given", "schools", "expect", "value", "message_has", "counted", "missing",
             "contradicted", "catalogue"}  # fmt: skip
VALUE_KEYS = {"value", "confidence", "approximate", "conflict"}


SCHEMA = Path(__file__).resolve().parents[2] / "pipeline" / "schema" / "results.schema.json"


@cache
def finding_validator(kind: str) -> jsonschema.Draft202012Validator:
    """The results.json schema's own definition of a finding (school) or city_finding."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"})


def status_of(text: str) -> str:
    """符合 → pass; pass stays pass."""
    if text in STATUS_LABELS:
        return text
    if text in STATUS_BY_LABEL:
        return STATUS_BY_LABEL[text]
    raise ValueError(f"未知的结论“{text}”，可用：{'、'.join(STATUS_BY_LABEL)}")


def to_value(code: str, raw: Any, where: str) -> Value:
    """A figure as a case states it: a plain value, or {value, confidence, approximate, conflict}."""
    props: dict[str, Any] = {"value": raw}
    if isinstance(raw, dict):
        unknown = set(raw) - VALUE_KEYS
        if unknown:
            raise ValueError(f"{where}：{code} 含未知的键 {sorted(unknown)}")
        props = dict(raw)
    value = props["value"]
    if isinstance(value, list):
        value = list(value)
    quote = f"{code}：{value}"
    return Value(
        code=code,
        value=value,
        confidence=float(props.get("confidence", 0.95)),
        approximate=bool(props.get("approximate", False)),
        conflict=bool(props.get("conflict", False)),
        evidence=[Evidence(file="统计表.docx", quote=quote, locator="表1 第2行第2列")],
    )


def indicators(given: dict[str, Any], where: str) -> dict[str, Value]:
    # A figure set to null in a case is one the submission does not state.
    return {code: to_value(code, raw, where) for code, raw in given.items() if raw is not None}


class RuleCaseFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        data = load_yaml(self.path)
        defaults = data.get("defaults") or {}
        for entry in data["cases"]:
            check_keys(entry, CASE_KEYS, {"rule", "case", "expect"}, self.path, "用例")
            name = f"{entry['rule']}：{entry['case']}"
            yield RuleCase.from_parent(self, name=name, entry=entry, defaults=defaults)


class RuleCase(pytest.Item):
    def __init__(self, *, entry: dict[str, Any], defaults: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entry = entry
        self.defaults = defaults
        self.line = getattr(entry, "line", 0)

    def catalogue(self) -> Catalogue:
        name = self.entry.get("catalogue") or self.defaults.get("catalogue")
        return load_catalogue(self.path.parent / name) if name else load_catalogue()

    def runtest(self) -> None:
        entry, where = self.entry, f"{self.path.name} 第{self.line}行"
        year = int(entry.get("year", self.defaults.get("year", 2025)))
        catalogue = self.catalogue()
        if entry["rule"].startswith("C"):
            found = self._city(catalogue, year, where)
        else:
            given = {**(self.defaults.get("given") or {}), **(entry.get("given") or {})}
            findings = evaluate_school(catalogue, indicators(given, where), year)
            found = next(f for f in findings if f.rule == entry["rule"])
        rate([found], catalogue)  # every finding's severity, as the review gives it at its end
        self._check(found, where)

    def _city(self, catalogue: Catalogue, year: int, where: str) -> Finding:
        schools = []
        base = self.defaults.get("given") or {}
        for name, given in (self.entry.get("schools") or {}).items():
            ind = indicators({**base, **(given or {})}, where)
            school = SchoolResult(school_name=name, folder=name, indicators=ind)
            school.findings = evaluate_school(catalogue, ind, year)
            schools.append(school)
        return next(f for f in evaluate_city(catalogue, schools, year) if f.rule == self.entry["rule"])

    def _check(self, found: Finding, where: str) -> None:
        entry = self.entry
        # every finding a case produces is one results.json could hold
        finding_validator("city_finding" if found.rule.startswith("C") else "finding").validate(found.to_json())
        expected = status_of(str(entry["expect"]))
        said = f"{where}：{entry['rule']} 结论为“{found.status_label}”（{found.message}）"
        assert found.status == expected, f"{said}，用例要求“{STATUS_LABELS[expected]}”"
        if "value" in entry:
            want = entry["value"]
            got = found.value
            if isinstance(want, float) and isinstance(got, int | float):
                assert abs(got - want) < 0.01, f"{said}，数值 {got}，用例要求 {want}"
            else:
                assert got == want, f"{said}，数值 {got}，用例要求 {want}"
        for words in entry.get("message_has") or []:
            assert str(words) in found.message, f"{said}，说明中没有“{words}”"
        for key, attr in (("counted", "schools_counted"), ("missing", "schools_missing"),
                          ("contradicted", "schools_contradicted")):  # fmt: skip
            if key in entry:
                assert getattr(found, attr) == entry[key], f"{said}，{attr} 为 {getattr(found, attr)}"

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, AssertionError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line, self.name


def collect_rule_cases(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent.name == "rules":
        return RuleCaseFile.from_parent(parent, path=file_path)
    return None
