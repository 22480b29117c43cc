"""Crash safety: the real command killed (SIGKILL) at several points and run again gives the same outputs as a run
never interrupted, with no half-written file; a second run on the same output folder is refused."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers.season import small_batch, write_school

from fixturegen.profiles import make_profile
from fixturegen.writers_docx import write_form_docx
from jigong.pipeline.run.runlock import LOCK_NAME, OutputLock, OutputLocked

TESTS = Path(__file__).resolve().parents[1]  # where the drill (helpers/drill.py) is imported from
SCRIPT = Path(sys.executable).parent / "jigong"
KEPT_APART = {"jigong.sqlite", "jigong.sqlite-wal", "jigong.sqlite-shm"}  # the store differs by its run history


def _run(batch: Path, out: Path, kill_at: str | None = None, kill_after_line: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]))
    env.pop("JIGONG_STEP_HOOK", None)
    if kill_at:
        env |= {"JIGONG_STEP_HOOK": "helpers.drill:kill_at", "JIGONG_KILL_AT": kill_at}
    command = [str(SCRIPT), "run", str(batch), "--out", str(out), "--date", "2026-03-02", "--workers", "2"]
    if not kill_after_line:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    # Killed from outside at whatever moment follows a progress line: between two of the points above.
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    with process.stderr:
        for line in process.stderr:
            if kill_after_line in line:
                process.send_signal(signal.SIGKILL)
                break
        process.wait(timeout=60)
    return subprocess.CompletedProcess(command, process.returncode)


def _outputs(out: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in KEPT_APART and not rel.startswith(".cache/"):
            files[rel] = path.read_bytes()
    return files


def _comparable(files: dict[str, bytes]) -> dict[str, object]:
    shown: dict[str, object] = dict(files)
    results = json.loads(files["results.json"])
    results.pop("generated_at")  # the clock, the one thing two runs never share
    shown["results.json"] = results
    return shown


def _whole(out: Path) -> None:
    """Every output present is a complete file (a .docx or .xlsx opens as a zip), none under a temporary name."""
    for path in out.rglob("*"):
        assert not path.name.startswith(".tmp-"), path
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as zf:
                assert zf.testzip() is None


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five schools, each with its statistics form in two layouts: ten files."""
    root = small_batch(tmp_path_factory.mktemp("crash") / "batch")
    write_school(root, "东莞市常平技工学校")
    write_school(root, "东莞市塘厦技工学校")
    for i, folder in enumerate(sorted(p for p in root.iterdir())):
        write_form_docx(make_profile(500 + i, folder.name), folder / "附件-统计表（续）.docx", 1)
    return root


def test_a_run_killed_at_any_point_ends_as_an_uninterrupted_one(batch: Path, tmp_path: Path) -> None:
    reference = _run(batch, tmp_path / "reference")
    assert reference.returncode == 0, reference.stderr
    expected = _comparable(_outputs(tmp_path / "reference"))
    assert not (tmp_path / "reference" / LOCK_NAME).exists()  # a clean end leaves no lock

    out = tmp_path / "out"
    killed = _run(batch, out, kill_after_line="[ 1/10]")
    assert killed.returncode == -signal.SIGKILL
    # Killed while reading (after the second file's reading was stored), while committing the schools to the
    # store, and while writing the documents; each time the next run picks up from what was kept.
    for point in ("file:2", "school:2", "output:4"):
        killed = _run(batch, out, kill_at=point)
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        _whole(out)
        holder = json.loads((out / LOCK_NAME).read_text(encoding="utf-8"))
        assert holder["pid"] > 0  # the dead run's lock is still there, to be taken over
    # A write cut off halfway leaves its temporary file; LibreOffice leaves its work folder.
    (out / "memos" / ".tmp-k3x9q2zz").write_bytes(b"PK\x03\x04 half a memo")
    (out / ".cache" / "convert" / ".work-abc123" / "profile").mkdir(parents=True)

    final = _run(batch, out)
    assert final.returncode == 0, final.stderr
    assert "未正常结束，本次已接管" in final.stdout
    _whole(out)
    assert not (out / ".cache" / "convert" / ".work-abc123").exists()
    assert not (out / LOCK_NAME).exists()
    assert _comparable(_outputs(out)) == expected
    # the season's status comes from the finished run: every school, every file read
    status = subprocess.run(
        [str(SCRIPT), "status", "--out", str(out), "--json"], capture_output=True, text=True, check=True
    )
    season = json.loads(status.stdout)
    assert len(season["schools"]) == 5 and season["files"] == {"received": 10, "unreadable": 0}


def test_a_second_run_on_the_same_folder_is_refused(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path;"
         "from jigong.pipeline.run.runlock import OutputLock;"
         "lock = OutputLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True); time.sleep(60)", str(out)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        refused = _run(batch, out)
        assert refused.returncode == 3
        assert f"该输出目录正由另一次审查使用（进程号 {holder.pid}" in refused.stderr
        assert "请等该次审查结束后再运行，或用 --out 指定其他输出目录" in refused.stderr
        assert not (out / "results.json").exists()
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / LOCK_NAME).write_text(json.dumps({"pid": dead.pid, "host": os.uname().nodename}), encoding="utf-8")
    with OutputLock(tmp_path) as lock:
        assert lock.taken_over == {"pid": dead.pid, "host": os.uname().nodename}
        assert json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))["pid"] == os.getpid()
        with pytest.raises(OutputLocked):
            OutputLock(tmp_path).acquire()  # held: even from the same process, a second taker is refused
    assert not (tmp_path / LOCK_NAME).exists()
