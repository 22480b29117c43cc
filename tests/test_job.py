"""The main job end to end on the generated demo batch: results.json, memos and the summary."""

from __future__ import annotations

from pathlib import Path

import docx
from helpers.results import validate_results

from fixturegen.truth import Truth
from jigong.checks.catalogue import load_catalogue

CATALOGUE = load_catalogue()


def _school(data: dict, name: str) -> dict:
    return next(s for s in data["schools"] if s["school_name"] == name)


def test_results_json_follows_the_schema(demo_run) -> None:
    _, data, _ = demo_run
    validate_results(data)
    assert data["year"] == 2025
    assert data["plan"]["in_force"] == ["2022-05-05", "2025-12-31"]


def test_every_school_gets_every_rule(demo_run, demo_batch) -> None:
    _, data, _ = demo_run
    _, truths = demo_batch
    assert sorted(s["school_name"] for s in data["schools"]) == sorted(truths)
    rules = [f["rule"] for f in data["schools"][0]["findings"]]
    assert rules == [r.id for r in CATALOGUE.rules] + ["N01"]  # N01: the demo batch carries its roster
    assert len(rules) == 28  # R01–R18, K01–K07, M01, V01, N01
    for school in data["schools"]:
        assert [f["rule"] for f in school["findings"]] == rules
    assert [f["rule"] for f in data["city"]["findings"]] == ["C01", "C02", "C03", "C04", "C05", "C06"]


def test_extracted_values_match_what_each_school_stated(demo_run, demo_batch) -> None:
    _, data, _ = demo_run
    _, truths = demo_batch
    for name, files in truths.items():
        school = _school(data, name)
        stated: dict[str, object] = {}
        for truth in files:
            assert isinstance(truth, Truth)
            stated.update(truth.values)
        got = {code: ind["value"] for code, ind in school["indicators"].items()}
        assert got == stated, name
        for ind in school["indicators"].values():
            assert all(ev["quote"] and ev["file"] for ev in ind["evidence"])


def test_unreadable_files_are_listed_with_a_reason_and_the_batch_goes_on(demo_run) -> None:
    _, data, _ = demo_run
    bad = [(s["school_name"], f) for s in data["schools"] for f in s["files"] if f["status"] != "ok"]
    assert bad, "the demo batch holds unreadable files"
    for _, record in bad:
        assert record["status"] in {"error", "skipped"}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in record["error"])
    # the school with the bad file still has its readable files' figures
    name = bad[0][0]
    assert _school(data, name)["indicators"]


def test_loose_files_join_the_school_they_name(demo_run, demo_batch) -> None:
    _, data, _ = demo_run
    root, _ = demo_batch
    loose = sorted(p.name for p in root.iterdir() if p.is_file() and p.name != "学校名册.xlsx")  # the roster
    assert len(loose) == 2
    placed = {f["path"]: s["school_name"] for s in data["schools"] for f in s["files"]}
    for name in loose:
        assert name in placed, name
    by_name = next(n for n in loose if "学校" in n or "学院" in n)
    assert placed[by_name] in by_name  # its file name states the school
    by_content = next(n for n in loose if n != by_name)
    other = _school(data, placed[by_content])
    assert other["folder"], "the content names a school that has its own folder"


def test_a_failing_school_has_its_problems_in_its_memo(demo_run) -> None:
    _, data, out = demo_run
    failing = next(s for s in data["schools"] if any(f["status"] == "fail" for f in s["findings"]))
    memo = out / "memos" / f"{failing['school_name']}.docx"
    text = "\n".join(p.text for p in docx.Document(str(memo)).paragraphs)
    # The title may be broken into lines (<w:br/>, which python-docx reads as "\n").
    assert f"关于{failing['school_name']}2025年度报送材料的审查意见" in text.replace("\n", "")
    fail = next(f for f in failing["findings"] if f["status"] == "fail" and f["evidence"])
    fail_quote = CATALOGUE.get(fail["rule"]).quote
    assert f"《实施方案》“{fail['clause']}”明确：“{fail_quote}”" in text
    assert fail["evidence"][0]["quote"] in text
    assert "审查结论：" in text
    assert "2026年3月2日" in text  # the issue date, without leading zeros


def test_one_memo_per_school_and_a_summary_row_each(demo_run) -> None:
    _, data, out = demo_run
    memos = sorted(p.stem for p in (out / "memos").glob("*.docx"))
    assert memos == sorted(s["school_name"] for s in data["schools"])
    table = docx.Document(str(out / "summary.docx")).tables[0]
    names = [row.cells[1].text for row in table.rows[1:]]
    assert names == [s["school_name"] for s in data["schools"]]
    assert not list(Path(out).rglob(".tmp-*")), "no temporary file is left behind"


def test_the_embedded_demo_batch_is_what_the_generator_writes(demo_batch) -> None:
    root, _ = demo_batch
    inputs = Path(__file__).resolve().parents[1] / "inputs"
    made = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    kept = {p.relative_to(inputs).as_posix(): p.read_bytes() for p in inputs.rglob("*") if p.is_file()}
    assert made == kept, "regenerate it: python -m fixturegen inputs"


def test_a_school_with_an_unreadable_file_is_not_passed_outright(demo_run) -> None:
    report, _, out = demo_run
    school = next(s for s in report.result.schools if any(f.status != "ok" for f in s.files))
    text = "\n".join(p.text for p in docx.Document(str(out / "memos" / f"{school.school_name}.docx")).paragraphs)
    # the memo asks for the file again, so the conclusion cannot be 合格
    assert "审查结论：暂缓通过" in text or "审查结论：不合格" in text
    assert "整改报告" in text
