"""Shared fixtures: the demo batch built once per session by the project's own generator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.results import ISSUE_DATE


def pytest_configure(config: pytest.Config) -> None:
    """`jigong run` notes its store in the user's state folder (pipeline/run/recent.py): tests keep theirs apart."""
    import os
    import tempfile

    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="jigong-test-state-")


@pytest.fixture(scope="session")
def demo_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    from fixturegen.demo import build_demo_batch

    root = tmp_path_factory.mktemp("demo") / "batch"
    truths = build_demo_batch(root)
    return root, truths


@pytest.fixture(scope="session")
def demo_run(demo_batch: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory):
    from jigong.pipeline.job import run
    from jigong.pipeline.settings import Settings

    out = tmp_path_factory.mktemp("out")
    report = run(Settings(demo_batch[0], out, today=ISSUE_DATE))
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return report, data, out


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Rule cases in YAML (tests/rules/*.yaml) become one test each."""
    from helpers.rule_cases import collect_rule_cases

    return collect_rule_cases(file_path, parent)
