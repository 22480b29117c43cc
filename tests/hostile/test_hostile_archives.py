"""Zip and XML attacks in .docx and .xlsx: refused from the central directory and bounded reads, before parsing."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fixturegen import hostile
from jigong.pipeline import readers
from jigong.pipeline.errors import ReadError
from jigong.pipeline.readers import archive, read_file

SECRET = "绝密XXE标记-7f3a"


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local file an external entity points at: its text must never reach a reading."""
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


CASES: dict[str, tuple[Callable[[Path], object], str]] = {
    # name: (how the file is made, what the reason must say)
    "zip-bomb.docx": (lambda p: hostile.docx_bomb(p, 2), "解压后约 2048 MB，超过单个部件 256 MB 的上限，疑为压缩炸弹"),
    "zip-bomb.xlsx": (lambda p: hostile.xlsx_bomb(p, 1), "解压后约 1024 MB，超过单个部件 256 MB 的上限"),
    "ratio-bomb.docx": (
        lambda p: hostile.ratio_bomb(p, "docx", 100),
        "压缩比约 1002:1（解压后 100 MB），超过 200:1 的上限",
    ),
    "ratio-bomb.xlsx": (lambda p: hostile.ratio_bomb(p, "xlsx", 100), "超过 200:1 的上限，疑为压缩炸弹"),
    "lying-part.docx": (lambda p: hostile.lying_member(p, "docx"), "“word/document.xml”实际内容超出其声明的大小"),
    "lying-part-crc.docx": (lambda p: hostile.lying_member(p, "docx", honest_crc=True), "实际内容超出其声明的大小"),
    "lying-part.xlsx": (
        lambda p: hostile.lying_member(p, "xlsx"),
        "“xl/worksheets/sheet1.xml”实际内容超出其声明的大小",
    ),
    "many-parts.docx": (lambda p: hostile.many_members(p, 60_000), "文件内含 60017 个部件，超过 5000 个的上限"),
    "laughs.docx": (lambda p: hostile.billion_laughs(p, "docx"), "“word/document.xml”含有 DTD（文档类型和实体声明）"),
    "laughs.xlsx": (lambda p: hostile.billion_laughs(p, "xlsx"), "疑为 XML 实体攻击"),
    "laughs-styles.docx": (
        lambda p: hostile.billion_laughs(p, "docx", part="word/styles.xml"),
        "“word/styles.xml”含有 DTD",
    ),
    "laughs-workbook.xlsx": (
        lambda p: hostile.billion_laughs(p, "xlsx", part="xl/workbook.xml"),
        "“xl/workbook.xml”含有 DTD",
    ),
    "deep.xlsx": (lambda p: hostile.deep_nesting(p, "xlsx", 500_000), "元素嵌套超过 100 层"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_archive_attack_is_refused_before_parsing_with_its_reason(name: str, tmp_path: Path, monkeypatch) -> None:
    make, reason = CASES[name]
    path = tmp_path / name
    make(path)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a parser was reached")

    # The refusal comes from the container check: python-docx and openpyxl are never called.
    monkeypatch.setattr("docx.Document", never)
    monkeypatch.setattr("openpyxl.load_workbook", never)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read_file(path, name)
    assert time.monotonic() - started < 3
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KB: nothing was inflated
    assert reason in caught.value.reason, caught.value.reason
    assert caught.value.reason.endswith("请人工查阅。")


def test_the_bombs_are_real(tmp_path: Path) -> None:
    """The fixtures are what they claim: a small file whose part truly inflates to its declared size."""
    import zipfile
    import zlib

    path = hostile.ratio_bomb(tmp_path / "r.docx", "docx", 100)
    assert path.stat().st_size < 300_000
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
        assert len(zf.read(info)) == info.file_size > 100 * hostile.MB
    lying = hostile.lying_member(tmp_path / "l.docx", "docx")
    with zipfile.ZipFile(lying) as zf:
        info = zf.getinfo("word/document.xml")
        with lying.open("rb") as fh:
            fh.seek(info.header_offset + 30 + len(info.orig_filename.encode()))
            inflated = zlib.decompressobj(-15).decompress(fh.read(info.compress_size), 64 * hostile.MB)
    assert info.file_size < 4000 and len(inflated) == 64 * hostile.MB  # it runs on far past what it declares


def test_deep_nesting_in_word_stops_at_the_parsers_own_limit(tmp_path: Path) -> None:
    path = hostile.deep_nesting(tmp_path / "deep.docx", "docx", 50_000)
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read_file(path, "deep.docx")
    assert time.monotonic() - started < 3
    assert "Word 文档内容无效" in caught.value.reason  # lxml refuses nesting past 256 levels


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_entities_are_never_resolved_even_past_the_container_check(
    kind: str, secret: Path, tmp_path: Path, monkeypatch
) -> None:
    """Second line of defence: with the DTD check switched off, the parsers themselves neither read the local
    file an entity names nor expand the laughs (python-docx's lxml parser: resolve_entities=False; openpyxl
    with defusedxml: entity declarations forbidden)."""
    monkeypatch.setattr(readers, "check_archive", lambda *args, **kwargs: None)
    for make in (
        lambda p: hostile.external_entity(p, secret, kind),
        lambda p: hostile.billion_laughs(p, kind),
        lambda p: hostile.external_entity(p, secret, kind, part="word/styles.xml" if kind == "docx" else None),
    ):
        path = tmp_path / f"attack.{kind}"
        make(path)
        started = time.monotonic()
        try:
            text = "\n".join(b.text for b in read_file(path, path.name).blocks)
        except ReadError as exc:
            text = exc.reason
        assert time.monotonic() - started < 3
        assert SECRET not in text
        assert "哈哈哈哈哈哈哈哈哈哈哈" not in text


def test_an_external_entity_is_refused_with_its_reason(secret: Path, tmp_path: Path) -> None:
    for kind in ("docx", "xlsx"):
        path = hostile.external_entity(tmp_path / f"xxe.{kind}", secret, kind)
        with pytest.raises(ReadError) as caught:
            read_file(path, path.name)
        assert "含有 DTD" in caught.value.reason and SECRET not in caught.value.reason


def test_ordinary_files_pass_the_checks(demo_batch: tuple[Path, dict], tmp_path: Path) -> None:
    from fixturegen.xlsx import write_stats_xlsx

    root, _ = demo_batch
    docs = sorted(root.rglob("*.docx"))
    write_stats_xlsx(tmp_path / "统计表.xlsx")
    checked = 0
    for path in [*docs, tmp_path / "统计表.xlsx"]:
        if readers.sniff(path) in ("docx", "xlsx"):
            archive.check_archive(path, path.name, readers.sniff(path))
            checked += 1
    assert checked >= 10


def test_a_part_name_is_shown_without_control_characters() -> None:
    assert archive.shown("word/\x1b[2Jdocument.xml") == "word/?[2Jdocument.xml"
    assert len(archive.shown("a" * 500)) == 60
