"""Files that need preparing (legacy files through LibreOffice) wait for it; the others are read meanwhile."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fixturegen.profiles import make_profile
from fixturegen.writers_docx import write_form_docx
from jigong.pipeline.run.gather import gather, list_entries

SCHOOL = "东莞市松湖高级技工学校"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    for name in ("a.docx", "b.docx", "c.docx"):
        write_form_docx(make_profile(3, SCHOOL), tmp_path / "batch" / SCHOOL / name, 0)
    return tmp_path / "batch"


class Order:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.others_done = threading.Event()

    def begin(self, total: int) -> None:
        pass

    def __call__(self, item) -> None:  # type: ignore[no-untyped-def]
        self.names.append(Path(item.record.path).name)
        if {"a.docx", "c.docx"} <= set(self.names):
            self.others_done.set()


def test_the_others_are_read_while_preparing(batch: Path) -> None:
    order = Order()
    prepared: list[list[str]] = []

    def prepare(paths: list[Path]) -> None:
        assert order.others_done.wait(60), "the other files were not read during the preparation"
        prepared.append([p.name for p in paths])

    with ThreadPoolExecutor(2) as executor:
        received, stats = gather(
            list_entries(batch), 2025, executor=executor, report=order,
            prepare=prepare, waits=lambda path: path.name == "b.docx",
        )  # fmt: skip
    assert prepared == [["b.docx"]]
    assert order.names[-1] == "b.docx" and sorted(order.names) == ["a.docx", "b.docx", "c.docx"]
    assert [Path(r.record.path).name for r in received] == ["a.docx", "b.docx", "c.docx"]  # the batch's order
    assert all(r.record.status == "ok" and r.candidates for r in received) and stats.read == 3


def test_a_failing_preparation_stops_the_batch(batch: Path) -> None:
    def prepare(paths: list[Path]) -> None:
        raise RuntimeError("LibreOffice broke")

    with ThreadPoolExecutor(2) as executor, pytest.raises(RuntimeError, match="LibreOffice broke"):
        gather(list_entries(batch), 2025, executor=executor, prepare=prepare, waits=lambda p: p.name == "b.docx")


def test_without_waits_everything_waits_for_the_preparation(batch: Path) -> None:
    order = Order()
    seen: list[int] = []

    def prepare(paths: list[Path]) -> None:
        seen.append(len(order.names))  # nothing read yet
        assert len(paths) == 3

    with ThreadPoolExecutor(2) as executor:
        gather(list_entries(batch), 2025, executor=executor, report=order, prepare=prepare)
    assert seen == [0] and len(order.names) == 3
