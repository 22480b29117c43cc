"""The benchmark's tiny version (python -m bench --smoke): it still runs end to end and says what it measured.

Speed goals are not tested here (the machine CI runs on is not the one they are set for); only that every part
of the benchmark works: the generated batch, the floor of reading, a measured run and its unchanged re-run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_benchmark_runs_and_reports(tmp_path: Path) -> None:
    figures = tmp_path / "bench.json"
    env = dict(os.environ, JIGONG_BENCH_CACHE=str(tmp_path / "cache"))
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--json", str(figures)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "## N = 2 schools" in done.stdout and "pdfplumber extract_text" in done.stdout
    result = json.loads(figures.read_text(encoding="utf-8"))["results"][0]
    assert result["batch"]["schools"] == 2
    assert result["batch"]["text_pdf_pages"] >= 50  # two reports of about 30 pages
    first, again = result["runs"]["text_w1"], result["runs"]["rerun"]
    assert first["counts"]["read"] == first["counts"]["total"] > 0
    assert first["loads"]["jieba"] == first["counts"]["worker_processes"] == 1
    assert first["loads"]["soffice"] == 1  # the legacy .doc of school 2, converted in one call
    assert again["counts"]["from_store"] == again["counts"]["total"] and again["counts"]["read"] == 0
    assert again["counts"]["documents_rendered"] == 0
    assert result["baselines"]["pdfplumber_s_page"] > 0 and result["baselines"]["ours_pdf_s_page"] > 0
