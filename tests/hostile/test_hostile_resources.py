"""Files built to exhaust a reader: page, pixel, memory and time limits, enforced in the worker; the batch goes on."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import docx
import pytest
from helpers.season import write_school
from PIL import Image

from fixturegen import hostile
from jigong.pipeline.errors import ReadError
from jigong.pipeline.job import run
from jigong.pipeline.readers import ReadOptions, read_file
from jigong.pipeline.settings import MEMORY_MB, Limits, Settings
from jigong.pipeline.store.cache import options_key

GOOD = "东莞市东城技工学校"
BAD = "东莞市异常技工学校"
ATTACKS = {
    "5000页.pdf": lambda p: hostile.many_pages(p, 5000),
    "页面树循环.pdf": hostile.page_tree_cycle,
    "交叉引用循环.pdf": hostile.xref_loop,
    "自我引用的表单.pdf": hostile.self_drawing_form,
    "内容流炸弹.pdf": lambda p: hostile.stream_bomb(p, 3),
    "对象流炸弹.pdf": lambda p: hostile.object_stream_bomb(p, 3),
    "超大扫描页.pdf": lambda p: hostile.huge_scan_pdf(p, 30_000, 30_000),
    "超大扫描图片.png": lambda p: hostile.huge_png(p, 30_000, 30_000),
    "绘图指令洪水.pdf": lambda p: hostile.operator_flood(p, 40),
    "压缩炸弹.docx": lambda p: hostile.docx_bomb(p, 2),
}
LIMITS = Limits(seconds=10.0, grace=2.0, memory_mb=1024)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, object, Path, float]:
    root = tmp_path_factory.mktemp("resources")
    batch = root / "batch"
    write_school(batch, GOOD)
    for name, make in ATTACKS.items():
        make(batch / BAD / name)
    started = time.monotonic()
    report = run(Settings(batch, root / "out", today=dt.date(2026, 3, 2), workers=2, limits=LIMITS))
    seconds = time.monotonic() - started
    data = json.loads((root / "out" / "results.json").read_text(encoding="utf-8"))
    return data, report, root / "out", seconds


def _files(data: dict) -> dict[str, dict]:
    return {f["path"].split("/", 1)[1]: f for s in data["schools"] for f in s["files"]}


@pytest.mark.parametrize(
    ("name", "status", "reason"),
    [
        ("5000页.pdf", "error", "该 PDF 超过 500 页（每份材料的页数上限）"),
        ("页面树循环.pdf", "ok", ""),  # the cycle is walked once: the one real page is read
        ("交叉引用循环.pdf", "error", "PDF 文件已损坏或格式无效"),
        ("自我引用的表单.pdf", "error", "该 PDF 读不出任何文字"),
        ("内容流炸弹.pdf", "error", "处理该文件所需内存超出限制（每个处理进程1024 MB）"),
        ("对象流炸弹.pdf", "error", "处理该文件所需内存超出限制（每个处理进程1024 MB）"),
        ("超大扫描页.pdf", "error", "第1页的扫描图像为 30000×30000 像素（约 9.0 亿），超过每页 1 亿像素的上限"),
        ("超大扫描图片.png", "error", "图片共约 9.0 亿像素，超过每页 1 亿像素的上限"),
        ("绘图指令洪水.pdf", "error", "处理时间超过每份材料10秒的时限"),
        ("压缩炸弹.docx", "error", "解压后约 2048 MB，超过单个部件 256 MB 的上限"),
    ],
)
def test_each_hostile_file_is_reported_with_its_reason(hostile_run, name: str, status: str, reason: str) -> None:
    data, *_ = hostile_run
    record = _files(data)[name]
    assert record["status"] == status, record
    assert reason in record.get("error", ""), record


def test_the_batch_goes_on_and_every_output_is_written(hostile_run) -> None:
    data, report, out, seconds = hostile_run
    assert seconds < 60  # the flood is cut at 10 s, the bombs at 1 GB; nothing waits for the 180-s default
    good = next(s for s in data["schools"] if s["school_name"] == GOOD)
    assert good["indicators"]["students_total"]["value"] > 0
    assert all(f["status"] == "ok" for f in good["files"])
    assert report.exit_code == 1
    memo = docx.Document(str(out / "memos" / f"{BAD}.docx"))
    text = "\n".join(p.text for p in memo.paragraphs) + "\n".join(
        c.text for t in memo.tables for r in t.rows for c in r.cells
    )
    for name in ATTACKS:
        if name != "页面树循环.pdf":
            assert name in text
    assert "内存超出限制" in text and "时限" in text and "像素的上限" in text
    # a file stopped by the time or memory limit is not cached: a later run (with higher limits) tries again
    assert report.stats.failed == 3


def test_page_and_pixel_caps_are_per_run_settings(tmp_path: Path) -> None:
    pdf = hostile.many_pages(tmp_path / "三页.pdf", 3)
    with pytest.raises(ReadError) as caught:
        read_file(pdf, pdf.name, ReadOptions(max_pages=2))
    assert "超过 2 页" in caught.value.reason and "--max-pages" in caught.value.reason
    assert len(read_file(pdf, pdf.name, ReadOptions(max_pages=3)).blocks) >= 1
    image = tmp_path / "照片.png"
    Image.new("L", (2000, 1500), 255).save(image)
    with pytest.raises(ReadError) as caught:
        read_file(image, image.name, ReadOptions(max_pixels=2_000_000))
    assert "2000×1500 像素" in caught.value.reason and "--max-pixels" in caught.value.reason
    # the caps are part of a reading's cache key: raising one reads the refused file again
    assert options_key(ReadOptions(max_pages=500), "a.pdf") != options_key(ReadOptions(max_pages=600), "a.pdf")


def test_the_worker_has_a_memory_limit_by_default() -> None:
    assert Limits().memory_mb == MEMORY_MB >= 4096


def test_the_caps_are_set_from_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from jigong.cli import main

    batch = tmp_path / "batch"
    hostile.many_pages(batch / GOOD / "三页.pdf", 3)
    Image.new("L", (2000, 1500), 255).save(batch / GOOD / "照片.png")
    write_school(batch, GOOD)
    result = CliRunner().invoke(
        main,
        ["run", str(batch), "--out", str(tmp_path / "out"), "--date", "2026-03-02", "--workers", "1",
         "--max-pages", "2", "--max-pixels", "1", "--memory-limit", "2048", "--time-limit", "60"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "三页.pdf：该 PDF 超过 2 页" in result.output
    assert "照片.png：图片为 2000×1500 像素（约 300 万），超过每页 100 万像素的上限" in result.output
    help_text = CliRunner().invoke(main, ["run", "-h"]).output
    assert "--max-pages" in help_text and "--max-pixels" in help_text and "缺省4096" in help_text
