"""Documents built by worker processes are the same bytes as documents built in the run's own process."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.render import synthetic_batch, synthetic_school

from jigong.checks.catalogue import load_catalogue
from jigong.pipeline.errors import TemplateError
from jigong.pipeline.render import parallel
from jigong.pipeline.render.documents import TEMPLATES_DIR, Renderer
from jigong.pipeline.run import executors

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def batch():
    catalogue = load_catalogue()
    schools = [
        synthetic_school(f"东莞市示例{n}技工学校", quote="学校就业率98.5%", employment=95.0 + n) for n in range(5)
    ]
    return catalogue, synthetic_batch(catalogue, schools)


def test_workers_build_the_same_documents(batch, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, result = batch
    alone = Renderer().build_all(result, catalogue, TODAY, [])
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)  # workers even for a handful of documents
    renderer = Renderer()
    started = []

    class Spy(executors.LocalPool):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(executors, "LocalPool", Spy)
    together = renderer.build_all(result, catalogue, TODAY, [], workers=2)
    assert started, "the documents were not built by workers"
    assert [parts for parts, _, _ in together] == [parts for parts, _, _ in alone]
    assert len(together) == 5 + 4  # five memos, the summary (.docx, .xlsx), the city and the web report
    for (parts, data, _), (_, expected, _) in zip(together, alone, strict=True):
        assert data == expected, parts


def test_a_template_error_in_a_worker_stops_the_run(batch, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, result = batch
    templates = tmp_path / "templates"
    templates.mkdir()
    for path in TEMPLATES_DIR.iterdir():
        if path.is_file():
            (templates / path.name).write_bytes(path.read_bytes())
    memo = templates / "memo.xml.j2"
    memo.write_text(memo.read_text(encoding="utf-8").replace("{{", "{{ no_such_name }}{{", 1), encoding="utf-8")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    renderer = Renderer(templates)
    with pytest.raises(TemplateError, match="no_such_name"):
        renderer.build_all(result, catalogue, TODAY, [], workers=2)
