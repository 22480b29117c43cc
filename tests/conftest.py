"""Shared fixtures: the demo batch built once per session by the project's own generator."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from jigong.pipeline.model import Block, Document, Position

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "pipeline" / "schema" / "results.schema.json"
ISSUE_DATE = dt.date(2026, 3, 2)


def pytest_configure(config: pytest.Config) -> None:
    """`jigong run` notes its store in the user's state folder (pipeline/recent.py): tests keep theirs apart."""
    import os
    import tempfile

    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="jigong-test-state-")


def validate_results(data: dict) -> None:
    """Every results.json a test produces must match the project's JSON Schema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


def prose(*paragraphs: str, path: str = "报告.docx") -> Document:
    """A document made of plain paragraphs, as a Word reader would give it."""
    return Document(
        path=path,
        blocks=[Block(text, "paragraph", Position(paragraph=i)) for i, text in enumerate(paragraphs, start=1)],
    )


@pytest.fixture(scope="session")
def demo_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    from fixturegen.demo import build_demo_batch

    root = tmp_path_factory.mktemp("demo") / "batch"
    truths = build_demo_batch(root)
    return root, truths


@pytest.fixture(scope="session")
def demo_run(demo_batch: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory):
    from jigong.pipeline.job import run_job

    out = tmp_path_factory.mktemp("out")
    report = run_job(demo_batch[0], out, today=ISSUE_DATE)
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return report, data, out


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Rule cases in YAML (tests/rules/*.yaml) become one test each."""
    from rule_cases import collect_rule_cases

    return collect_rule_cases(file_path, parent)
