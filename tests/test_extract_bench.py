"""A slice of the labelled set, read back from the files written: precision 100 %, recall and accuracy ≥ 98 %."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.scoring import Report, score
from fixturegen.labelled import combine, plan_set, write_sample
from jigong.pipeline.dictionary import load_dictionary
from jigong.pipeline.extract import Extractor
from jigong.pipeline.readers import read_file

SLICE = 24  # two rounds of the twelve styles; forms, majors lists and PDFs drawn among them


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Report, int]:
    folder = tmp_path_factory.mktemp("labelled")
    extractor = Extractor()
    codes = list(load_dictionary())
    dev, held = Report(), Report()
    files = 0
    for sample in plan_set(SLICE, seed=7):
        paths, expected = write_sample(sample, folder / str(sample.index))
        files += len(paths)
        docs = [read_file(p, p.name) for p in paths]
        (held if sample.held_out else dev).add(str(sample.index), score(expected, extractor.extract(docs), codes))
    return dev, held, files


def _explain(report: Report) -> str:
    return "\n".join(f"#{s} {o.code}: {o.expected!r} → {o.got!r} ({o.note}) {o.quote}" for s, o in report.errors)


def test_no_value_is_ever_wrong_or_unstated(scored: tuple[Report, Report, int]) -> None:
    for report in scored[:2]:
        assert report.total.unstated_returned == 0, _explain(report)
        assert report.total.precision == 1.0, _explain(report)


def test_recall_and_field_accuracy(scored: tuple[Report, Report, int]) -> None:
    dev, held, files = scored
    assert files >= SLICE + 10
    assert dev.total.stated > 500 and held.total.stated > 150
    for report in (dev, held):
        assert report.total.recall >= 0.98, _explain(report)
        assert report.total.accuracy >= 0.98, _explain(report)


def test_every_indicator_of_the_dictionary_is_in_the_set(scored: tuple[Report, Report, int]) -> None:
    dev, held, _ = scored
    stated = {c for r in (dev, held) for c, t in r.per_code.items() if t.stated}
    assert stated == set(load_dictionary())


def test_the_truth_of_two_files_that_disagree_is_a_conflict(tmp_path: Path) -> None:
    sample = next(s for s in plan_set(60) if any(f.changed for f in s.files))
    _, expected = write_sample(sample, tmp_path)
    assert expected.conflicts == {"students_total"}
    assert combine([]).values == {}
