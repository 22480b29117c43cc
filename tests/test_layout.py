"""The house as a newcomer finds it: the stages as folders of pipeline/, the rule catalogue apart from them, and
a plain `pip install .` that works from any folder without putting generic names into site-packages."""

from __future__ import annotations

import ast
import configparser
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = ROOT / "pipeline"
STAGES = {"readers", "extract", "review", "render", "store", "run"}
# The modules every stage may use, and the only ones of pipeline/ the rule catalogue may import.
FOUNDATION = {"model", "errors", "dictionary", "chinese"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_pipeline_shows_the_stages_and_few_modules() -> None:
    folders = {p.name for p in PIPELINE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == STAGES
    modules = {p.stem for p in PIPELINE.glob("*.py")} - {"__init__"}
    assert len(modules) <= 6, modules
    assert modules >= FOUNDATION


def test_the_rule_catalogue_imports_only_the_foundation_of_pipeline() -> None:
    for path in (ROOT / "checks").rglob("*.py"):
        for module in _imports(path):
            if module.startswith("jigong.pipeline"):
                assert module.split(".")[2] in FOUNDATION, f"{path.relative_to(ROOT)} imports {module}"


def test_no_sql_and_no_libreoffice_outside_their_modules() -> None:
    for path in [*PIPELINE.rglob("*.py"), ROOT / "cli.py", *(ROOT / "checks").rglob("*.py")]:
        rel = path.relative_to(ROOT).as_posix()
        imported = _imports(path)
        if not rel.startswith("pipeline/store/"):
            assert "sqlite3" not in imported, f"{rel} uses sqlite3: SQL lives under pipeline/store/"
        if rel != "pipeline/run/libreoffice.py":
            assert "subprocess" not in imported or "soffice" not in path.read_text(encoding="utf-8"), rel


def test_every_package_is_installed_with_its_data() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    listed = set(config["options"]["packages"].split())
    found = {"jigong"} | {
        "jigong." + ".".join(p.parent.relative_to(ROOT).parts)
        for folder in ("pipeline", "checks")
        for p in (ROOT / folder).rglob("__init__.py")
    }
    assert listed == found


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip install .` (not editable) into a folder of its own."""
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "--target", str(site), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return site


def test_a_plain_install_has_one_top_level_name(installed: Path) -> None:
    names = {p.name for p in installed.iterdir() if p.name not in {"bin", "__pycache__"}}
    assert {n for n in names if not n.endswith(".dist-info")} == {"jigong"}


def test_a_plain_install_runs_the_demo_from_another_folder(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(installed))
    script = "import jigong.cli, sys; print(jigong.cli.__file__, file=sys.stderr); jigong.cli.main()"
    done = subprocess.run(
        [sys.executable, "-c", script, "run", str(ROOT / "inputs"), "--out", str(out), "--date", "2026-03-02"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.stderr.splitlines()[0].startswith(str(installed)), done.stderr  # the installed copy ran
    assert done.returncode == 1, done.stderr  # the demo holds two damaged files on purpose
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(results["schools"]) == 7
    assert len(list((out / "memos").glob("*.docx"))) == 7
    assert list(elsewhere.iterdir()) == []  # nothing written where it was started
