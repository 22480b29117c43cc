"""Fuzzing: the number and text normalisers always give a value or None; the readers, fed mutated .docx, .xlsx and
.pdf files, always give a Document or a ReadError with a Chinese reason (never another exception, never a hang).

Bounded for CI (a fixed set of examples, no database). A longer, random run:
    JIGONG_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/hostile/test_hostile_fuzz.py
"""

from __future__ import annotations

import io
import math
import os
import re
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixturegen.hostile import members, rezip
from fixturegen.profiles import make_profile
from fixturegen.scans import write_notice_pdf
from fixturegen.writers_docx import write_form_docx
from fixturegen.xlsx import write_stats_xlsx
from jigong.pipeline.dictionary import load_dictionary
from jigong.pipeline.errors import ReadError
from jigong.pipeline.extract.numbers import chinese_to_number, find_numbers, fold
from jigong.pipeline.extract.sentences import clauses, split_sentences
from jigong.pipeline.extract.tables import split_label
from jigong.pipeline.extract.values import parse_cell, parse_mark
from jigong.pipeline.model import Document
from jigong.pipeline.readers import ReadOptions, read_file
from jigong.pipeline.readers.layout import clean
from jigong.pipeline.readers.xlsx import cell_text
from jigong.pipeline.render.output import MAX_NAME_BYTES, safe_name, visible
from jigong.pipeline.run.work import TimeLimitExceeded, time_limit

LONG = int(os.environ.get("JIGONG_FUZZ_EXAMPLES", "0"))


def fuzz(examples: int) -> settings:
    """CI: a fixed, repeatable set of `examples`; with JIGONG_FUZZ_EXAMPLES, that many random ones."""
    return settings(
        max_examples=LONG or examples,
        deadline=None,
        derandomize=not LONG,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


NUMERALS = "0123456789０１２３４５６７８９,，.．%％ 　约近逾余多以上左右万千百十零〇一二两三四五六七八九点百分之"
NUMERALS += "人次元万元个名家所"
text = st.one_of(st.text(alphabet=NUMERALS, max_size=40), st.text(max_size=60))
CJK = re.compile(r"[\u4e00-\u9fff]")


@fuzz(300)
@given(text)
def test_number_normalisers_never_fail(value: str) -> None:
    folded = fold(value)
    assert len(folded) == len(value)
    number = chinese_to_number(value)
    assert number is None or (isinstance(number, float | int) and math.isfinite(number))
    for found in find_numbers(value):
        assert math.isfinite(found.value) and 0 <= found.start <= found.end <= len(value)


@fuzz(200)
@given(text, st.sampled_from(sorted(load_dictionary())))
def test_cell_parsing_gives_a_value_or_none(value: str, code: str) -> None:
    indicator = load_dictionary()[code]
    parsed = parse_cell(value, indicator, "（万元）" if indicator.type == "money" else "")
    assert parsed is None or (isinstance(parsed, tuple) and isinstance(parsed[1], bool))
    assert parse_mark(value) in (True, False, None)


@fuzz(200)
@given(text)
def test_text_normalisers_never_fail(value: str) -> None:
    assert isinstance(clean(value), str)
    label, unit = split_label(value)
    assert isinstance(label, str) and isinstance(unit, str)
    for sentence in split_sentences(value):
        for offset, clause in clauses(sentence):
            assert sentence[offset : offset + len(clause)] == clause
    name = safe_name(value)
    assert name and len(name.encode("utf-8")) <= MAX_NAME_BYTES and name == name.strip(" .")
    assert not re.search(r'[\x00-\x1f<>:"/\\|?*]', name)
    shown = visible(value)  # no control, direction-override or surrogate character is left to a display
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", shown)


@fuzz(100)
@given(
    st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.text(max_size=30)),
    st.sampled_from(["General", "0.0%", '"增长"0%', '0"%"', "#,##0", "yyyy-mm-dd", "", "0.00E+00"]),
)
def test_spreadsheet_cells_always_read_as_text(value: object, number_format: str) -> None:
    assert isinstance(cell_text(value, number_format), str)


# ---------------------------------------------------------------------------------------------- readers


_scratch = Path(tempfile.mkdtemp(prefix="jigong-fuzz-"))


@cache
def seed(kind: str) -> bytes:
    """A real file of each kind to mutate (not a test argument: hypothesis would print it with every failure)."""
    path = _scratch / f"seed.{kind}"
    if kind == "docx":
        write_form_docx(make_profile(7, "东莞市松湖高级技工学校"), path, 0)
    elif kind == "xlsx":
        write_stats_xlsx(path)
    else:
        write_notice_pdf(path, "东莞市松湖高级技工学校")
    return path.read_bytes()


mutation = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(0, 7)),
    st.tuples(st.just("cut"), st.floats(0, 1, exclude_max=True), st.just(0)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=64)),
)


def mutate(data: bytes, steps: list[tuple]) -> bytes:
    out = bytearray(data)
    for kind, where, what in steps:
        at = int(where * len(out)) if out else 0
        if kind == "flip" and out:
            out[min(at, len(out) - 1)] ^= 1 << what
        elif kind == "cut":
            del out[at:]
        elif kind == "insert":
            out[at:at] = what
    return bytes(out)


def mutate_inside(data: bytes, steps: list[tuple], part: int) -> bytes:
    """A well-formed zip whose one part (an XML part, chosen by index) has its bytes mutated."""
    parts = members(data)
    names = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    name = names[part % len(names)]
    parts[name] = mutate(parts[name], steps)
    return rezip(parts)


def read_mutated(kind: str, data: bytes) -> None:
    """The contract: a Document, or a ReadError whose reason is Chinese; within a time limit."""
    path = _scratch / f"mutated.{kind}"
    path.write_bytes(data)
    try:
        with time_limit(30):
            document = read_file(path, path.name, ReadOptions(ocr=False))
    except ReadError as exc:
        assert CJK.search(exc.reason), exc.reason
        return
    except TimeLimitExceeded:
        pytest.fail(f"reading a mutated {kind} did not end within 30 s")
    assert isinstance(document, Document)


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pdf"])
@fuzz(40)
@given(steps=st.lists(mutation, min_size=1, max_size=4))
def test_readers_on_mutated_files(kind: str, steps: list[tuple]) -> None:
    read_mutated(kind, mutate(seed(kind), steps))


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
@fuzz(40)
@given(steps=st.lists(mutation, min_size=1, max_size=3), part=st.integers(0, 50))
def test_readers_on_mutated_parts_of_a_well_formed_container(kind: str, steps: list[tuple], part: int) -> None:
    read_mutated(kind, mutate_inside(seed(kind), steps, part))


def test_the_mutations_reach_the_parsers() -> None:
    """Not every mutation is caught at the zip layer: a part mutated inside a valid zip reaches python-docx."""
    data = mutate_inside(seed("docx"), [("insert", 0.5, b"<w:p><w:r>")], 0)
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    read_mutated("docx", data)
