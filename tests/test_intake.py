"""A batch as received, through the real command: the roster, archives, stray files, empty folders, doc numbers."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.render import docx_lines
from helpers.results import validate_results

from fixturegen import intake as fx
from jigong.cli import main
from jigong.pipeline.run.intake import is_stray
from jigong.pipeline.run.roster import HEADERS, load_roster
from jigong.pipeline.run.unpack import clean_name

# What only an inspector may read: option names, tasks for the inspector, the tool, paths on disk.
INSPECTOR_WORDS = re.compile(
    r"--[a-z]|请人工|人工查阅|技术支持|jigong|bootstrap|(?:^|[\s（“])/(?:tmp|work|home)|[A-Z]:\\|\.cache"
)


def _run(batch: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    args = ["run", str(batch), "--out", str(out), "--date", "2026-03-02", "--workers", "2", *extra]
    return CliRunner().invoke(main, args)


@pytest.fixture(scope="module")
def received(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, dict]:
    batch = fx.build_intake_batch(tmp_path_factory.mktemp("intake") / "batch")
    fx.add_hostile_school(batch)
    out = tmp_path_factory.mktemp("out")
    result = _run(batch, out)
    assert result.exit_code == 1, result.output  # unreadable files; every output written
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate_results(data)
    return batch, out, result.output, data


def _school(data: dict, name: str) -> dict:
    return next(s for s in data["schools"] if s["school_name"] == name)


def test_a_lock_file_and_thumbs_db_are_ignored_and_the_school_passes(received) -> None:
    _, out, output, data = received
    school = _school(data, fx.LOCKED)
    assert sorted(Path(f["path"]).name for f in school["files"]) == sorted(
        [f"{fx.LOCKED}2025年度报送统计表.docx", "2025年度工作报告.docx"]
    )
    assert f"{fx.LOCKED}/~$2025年度工作报告.docx" in data["ignored_files"]
    assert f"{fx.LOCKED}/Thumbs.db" in data["ignored_files"]
    assert output.count("~$2025年度工作报告.docx") == 1  # listed once on the console
    memo = "\n".join(docx_lines(out / "memos" / f"{fx.LOCKED}.docx"))
    assert "~$" not in memo and "Thumbs" not in memo and "重新报送" not in memo
    assert "暂缓通过" not in memo and "不合格" not in memo


def test_a_zip_with_gbk_names_and_a_nested_zip_is_read_as_the_schools_files(received) -> None:
    _, out, output, data = received
    school = _school(data, fx.ZIPPED)
    paths = [f["path"] for f in school["files"]]
    archive = f"{fx.ZIPPED_FOLDER}/{fx.ZIPPED}报送材料.zip"
    assert paths == [
        f"{archive}/{fx.ZIPPED}/年度报送统计表.docx",
        f"{archive}/{fx.ZIPPED}/附件.zip/附件/工作报告.docx",
    ]
    assert all(f["status"] == "ok" for f in school["files"])
    assert f"{archive}/__MACOSX/._年度报送统计表.docx" in data["ignored_files"]
    missing = [f for f in school["findings"] if f["status"] == "missing"]
    assert len(missing) <= 2  # the old behaviour: 15 items 未提供
    assert any(e["file"].startswith(archive + "/") for f in school["findings"] for e in f["evidence"])
    # Matched tolerantly (it states 厚街技工学校): reported.
    assert f"“厚街技工学校”忽略全角半角、空格和“东莞市”后对应名册中的“{fx.ZIPPED}”" in output
    assert not (out / ".cache" / "archives").exists()  # the copies are gone after the run


def test_an_encrypted_zip_gets_a_clear_reason(received) -> None:
    _, out, output, data = received
    (record,) = _school(data, fx.SECRET)["files"]
    assert record["status"] == "error" and "密码" in record["error"]
    assert "压缩包设置了密码" in output
    memo = "\n".join(docx_lines(out / "memos" / f"{fx.SECRET}.docx"))
    assert "压缩包设置了打开密码，无法读取，请重新报送未加密的版本。" in memo


def test_the_roster_names_the_schools_that_sent_nothing_everywhere(received) -> None:
    _, out, output, data = received
    assert data["not_submitted"] == [fx.EMPTY, fx.ABSENT]  # an empty folder (desktop.ini only), and no folder
    assert f"未报送材料的学校2所：{fx.EMPTY}、{fx.ABSENT}" in output
    assert all({fx.EMPTY, fx.ABSENT} <= set(f["schools_missing"]) for f in data["city"]["findings"])
    summary = "\n".join(docx_lines(out / "summary.docx"))
    assert re.search(rf"\| \d+ \| {fx.ABSENT} \|.*\| 未报送 \|", summary)
    city = "\n".join(docx_lines(out / "city.docx"))
    assert f"另有2所学校未报送材料（{fx.EMPTY}、{fx.ABSENT}）" in city
    from openpyxl import load_workbook

    sheet = load_workbook(out / "summary.xlsx").worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(r[1] == fx.ABSENT and "未报送" in r for r in rows)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f"另有2所学校未报送材料（{fx.EMPTY}、{fx.ABSENT}）" in html
    assert re.search(rf"<td>{fx.ABSENT}</td>.*<td class=\"st-review\">未报送</td>", html)
    status = CliRunner().invoke(main, ["status", "--out", str(out)])
    assert f"未报送材料的学校2所：{fx.EMPTY}、{fx.ABSENT}" in status.output


def test_a_school_known_by_its_short_name_takes_the_rosters_name_and_type(received) -> None:
    _, out, output, data = received
    school = _school(data, fx.SHORT)
    assert f"“{fx.SHORT_NAME}”按名册中的曾用名或简称对应名册中的“{fx.SHORT}”" in output
    assert school["indicators"]["school_type"]["value"] == "公办"
    (n01,) = [f for f in school["findings"] if f["rule"] == "N01"]
    assert n01["status"] == "review"
    assert "材料载明办学性质为“民办”，学校名册为“公办”" in n01["message"]
    memo = "\n".join(docx_lines(out / "memos" / f"{fx.SHORT}.docx"))
    assert "学校名册为“公办”" in memo


def test_a_folder_outside_the_roster_is_named_and_still_reviewed(received) -> None:
    _, _, output, data = received
    assert "名册外学校：东莞市测试技工学校" in output
    assert _school(data, "东莞市测试技工学校")["files"]


def test_no_memo_speaks_the_inspectors_words(received, demo_run) -> None:
    _, out, _, _ = received
    memos = [*sorted((out / "memos").glob("*.docx")), *sorted((demo_run[2] / "memos").glob("*.docx"))]
    assert len(memos) >= 12
    for memo in memos:
        text = "\n".join(docx_lines(memo))
        assert not INSPECTOR_WORDS.search(text), (memo.name, INSPECTOR_WORDS.search(text))
    hostile = "\n".join(docx_lines(out / "memos" / "东莞市测试技工学校.docx"))
    assert "请重新报送未加密的版本" in hostile
    assert "改用 ZIP 格式重新报送" in hostile


def test_archive_members_never_leave_the_output_folder(received) -> None:
    batch, _, _, data = received
    assert not Path("/tmp/越界.docx").exists()
    assert not any(p.name == "越界.docx" for p in batch.parent.rglob("*") if p.is_file())
    paths = [f["path"] for f in _school(data, "东莞市测试技工学校")["files"]]
    assert "东莞市测试技工学校/越界.zip/tmp/越界.docx" in paths
    nested = [f for f in _school(data, "东莞市测试技工学校")["files"] if "深层.zip" in f["path"]]
    assert nested and "嵌套超过一层" in nested[0]["error"]


def test_document_numbers_hold_when_a_late_school_arrives(received, tmp_path: Path) -> None:
    batch, out, _, data = received
    before = {s["school_name"]: s["doc_number"] for s in data["schools"]}
    assert len(set(before.values())) == len(before)
    late = tmp_path / "batch"
    shutil.copytree(batch, late)
    # A school sorting first by name arrives late: the batch order shifts, the numbers do not.
    fx.write_form_docx(fx.make_profile(110, "东莞市东城技工学校"), late / "东莞市东城技工学校" / "统计表.docx", 0)
    store = out / "jigong.sqlite"
    result = _run(late, tmp_path / "out", "--store", str(store))
    assert result.exit_code == 1, result.output
    again = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    after = {s["school_name"]: s["doc_number"] for s in again["schools"]}
    assert {k: after[k] for k in before} == before
    top = max(int(re.search(r"(\d+)号", n).group(1)) for n in before.values())  # type: ignore[union-attr]
    assert after["东莞市东城技工学校"] == f"东人社审〔2026〕{top + 1}号"
    memo = "\n".join(docx_lines(tmp_path / "out" / "memos" / f"{fx.LOCKED}.docx"))
    assert before[fx.LOCKED] in memo
    summary = "\n".join(docx_lines(tmp_path / "out" / "summary.docx"))
    assert all(number in summary for number in after.values())


def test_an_empty_folder_counts_as_not_submitted_without_a_roster(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    fx.write_form_docx(fx.make_profile(101, fx.LOCKED), batch / fx.LOCKED / "统计表.docx", 0)
    (batch / "东莞市虎门技工学校").mkdir()
    (batch / "东莞市虎门技工学校" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = _run(batch, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert data["not_submitted"] == ["东莞市虎门技工学校"], result.output
    assert data["ignored_files"] == ["东莞市虎门技工学校/.DS_Store"]
    assert all(f["schools_missing"][-1] == "东莞市虎门技工学校" for f in data["city"]["findings"])


def test_form_writes_a_blank_roster_that_loads(tmp_path: Path) -> None:
    target = tmp_path / "名册.xlsx"
    result = CliRunner().invoke(main, ["form", "--roster", "-o", str(target)])
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    rows = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert rows == [HEADERS]
    assert load_roster(target).schools == []


def test_a_roster_without_its_required_columns_is_a_clear_error(tmp_path: Path) -> None:
    roster = tmp_path / "名册.csv"
    roster.write_text("学校名称,所在镇街\n东莞市虎门技工学校,虎门镇\n", encoding="utf-8")
    (tmp_path / "batch").mkdir()
    result = _run(tmp_path / "batch", tmp_path / "out", "--roster", str(roster))
    assert result.exit_code == 3
    assert "学校名册首行缺少表头“办学性质、学校类别”" in result.output
    assert "Traceback" not in result.output


def test_a_gbk_csv_roster_with_aliases_loads(tmp_path: Path) -> None:
    roster = tmp_path / "名册.csv"
    text = "学校名称,办学性质,学校类别,曾用名/简称\n东莞市虎门技工学校,民办,技工学校,虎门技校、虎门技工\n"
    roster.write_bytes(text.encode("gbk"))
    (school,) = load_roster(roster).schools
    assert school.aliases == ("虎门技校", "虎门技工") and school.nature == "民办"


@pytest.mark.parametrize(
    "rel, stray",
    [
        ("某校/~$年度报告.docx", True),
        ("某校/~$统计表.xlsx", True),
        ("某校/.~lock.年度报告.docx#", True),
        ("某校/Thumbs.db", True),
        ("某校/子目录/.DS_Store", True),
        ("某校/desktop.ini", True),
        ("材料.zip/__MACOSX/某校/年度报告.docx", True),
        ("某校/._年度报告.docx", True),
        ("某校/年度报告.docx", False),
        ("某校/$年度报告.docx", False),
    ],
)
def test_stray_files_are_told_by_name(rel: str, stray: bool) -> None:
    assert is_stray(rel) is stray


@pytest.mark.parametrize(
    "name, shown",
    [("../../etc/passwd", "etc/passwd"), ("C:\\Windows\\x.docx", "Windows/x.docx"), ("./a/./b.docx", "a/b.docx")],
)
def test_member_names_are_labels_without_climbing_parts(name: str, shown: str) -> None:
    assert clean_name(name) == shown


def test_the_gbk_fixture_has_no_utf8_flag(tmp_path: Path) -> None:
    data = fx.gbk_zip({"年度报告.docx": b"x"})
    (info,) = zipfile.ZipFile(__import__("io").BytesIO(data)).infolist()
    assert not info.flag_bits & 0x800
    assert info.filename.encode("cp437").decode("gbk") == "年度报告.docx"


def test_a_7z_archive_is_read_and_an_encrypted_one_is_named(tmp_path: Path) -> None:
    import py7zr

    batch = tmp_path / "batch"
    form = tmp_path / "年度报送统计表.docx"
    fx.write_form_docx(fx.make_profile(101, fx.LOCKED), form, 0)
    (batch / fx.LOCKED).mkdir(parents=True)
    with py7zr.SevenZipFile(batch / fx.LOCKED / "报送材料.7z", "w") as archive:
        archive.write(form, "年度报送统计表.docx")
    (batch / fx.SECRET).mkdir()
    with py7zr.SevenZipFile(batch / fx.SECRET / "报送材料.7z", "w", password="123456") as archive:
        archive.write(form, "年度报送统计表.docx")
    result = _run(batch, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    (read,) = _school(data, fx.LOCKED)["files"]
    assert read == {"path": f"{fx.LOCKED}/报送材料.7z/年度报送统计表.docx", "status": "ok"}, result.output
    (secret,) = [f for s in data["schools"] if s["folder"] == fx.SECRET for f in s["files"]]
    assert secret["status"] == "error" and "密码" in secret["error"]
