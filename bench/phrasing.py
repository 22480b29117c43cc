"""Precision and recall of extraction on real-pattern sets (bench/realpattern/*.json): each item as a short .docx.

python -m bench.phrasing                       # dev and tune sets, with the misses of each
python -m bench.phrasing --set heldout         # the held-out part of our corpus (score it once, at the end)
python -m bench.phrasing --set dev --detail    # every miss, wrong and invented value with its quote

Scoring as the shared development set's: a gold code extracted with the gold value is right (±0.5 for counts and
money, ±0.05 for percentages, booleans and sets exactly), with another value wrong, not at all missed; an absent
code extracted is invented. recall = right / stated, precision = right / (right + wrong + invented).
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document as WordDocument

from jigong.pipeline.extract import Extractor
from jigong.pipeline.extract.school import extract_school
from jigong.pipeline.model import Value
from jigong.pipeline.readers import read_file

SETS = Path(__file__).with_name("realpattern")
# The confidence bands reported: a value in the first is given as read; the rules treat the last (below
# REVIEW_THRESHOLD, 0.7) as 待核实.
BANDS = (("≥ 0.90", 0.9), ("0.70–0.89", 0.7), ("< 0.70", 0.0))
SCHOOL = re.compile(r"东莞市[^，。、；（）\s“”]{1,12}?(?:高级技工学校|技工学校|技师学院)")
YEAR = 2025


@dataclass
class Score:
    right: int = 0
    wrong: int = 0
    missed: int = 0
    invented: int = 0
    lines: list[str] = field(default_factory=list)
    # values of codes an item neither states nor lists as absent: not scored, listed for a person to look at
    unjudged: list[str] = field(default_factory=list)
    per_code: Counter[str] = field(default_factory=Counter)  # code → errors
    confident: Counter[str] = field(default_factory=Counter)  # "right"/"wrong" among values with confidence ≥ 0.9
    bands: dict[str, Counter[str]] = field(default_factory=dict)  # confidence band → "right"/"wrong"

    def judged(self, confidence: float, right: bool) -> None:
        band = next(name for name, floor in BANDS if confidence >= floor)
        self.bands.setdefault(band, Counter())["right" if right else "wrong"] += 1
        if confidence >= 0.9:
            self.confident["right" if right else "wrong"] += 1

    @property
    def recall(self) -> float:
        return self.right / max(self.right + self.wrong + self.missed, 1)

    @property
    def precision(self) -> float:
        return self.right / max(self.right + self.wrong + self.invented, 1)

    def line(self) -> str:
        stated = self.right + self.wrong + self.missed
        return (
            f"recall {self.right}/{stated} ({100 * self.recall:.1f}%) precision {100 * self.precision:.1f}% "
            f"(wrong {self.wrong}, invented {self.invented})"
        )


def school_of(item: dict[str, Any]) -> str:
    match = SCHOOL.search(item["text"])
    return match.group(0) if match else item["id"]


def write_item(item: dict[str, Any], folder: Path) -> Path:
    """The item as the shared script makes it: a title, paragraphs, and `a | b` lines as a Word table."""
    name = school_of(item)
    doc = WordDocument()
    doc.add_heading(f"{name}{YEAR}年度办学质量报告", level=0)
    rows: list[list[str]] = []

    def table() -> None:
        if rows:
            t = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            t.style = "Table Grid"
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
            rows.clear()

    for line in item["text"].split("\n"):
        if " | " in line:
            # a writer's Markdown-style "| a | b |": the outer bars are the table's edge, not cells' text
            line = re.sub(r"^\s*\|\s|\s\|\s*$", "", line)
            rows.append([c.strip() for c in line.split(" | ")])
            continue
        table()
        doc.add_paragraph(line)
    table()
    path = folder / name / "报告.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def same(want: Any, got: Any) -> bool:
    if isinstance(want, bool):
        return got is want
    if isinstance(want, str):  # 办学性质 and the like: the same words
        return got == want
    if isinstance(want, list):
        return isinstance(got, list) and set(got) == set(want)
    try:
        return abs(float(got) - float(want)) <= (0.051 if isinstance(want, float) else 0.5)
    except (TypeError, ValueError):
        return False


def score_item(item: dict[str, Any], values: dict[str, Value], out: Score) -> None:
    values = {code: v for code, v in values.items() if not v.undecided}  # a tie gives no value: scored as none
    for code, want in item["gold"].items():
        value = values.get(code)
        if value is None:
            out.missed += 1
            out.per_code[code] += 1
            out.lines.append(f"{item['id']} {code}: missing, want {want!r}")
            continue
        right = same(want, value.value)
        out.judged(value.confidence, right)
        if right:
            out.right += 1
        else:
            out.wrong += 1
            out.per_code[code] += 1
            out.lines.append(f"{item['id']} {code}: got {value.value!r}, want {want!r} ← {_quote(value)}")
    for code in item["absent"]:
        value = values.get(code)
        if value is not None:
            out.invented += 1
            out.per_code[code] += 1
            out.judged(value.confidence, False)
            out.lines.append(f"{item['id']} {code}: extracted {value.value!r}, not stated ← {_quote(value)}")
    for code, value in values.items():
        if code not in item["gold"] and code not in item["absent"] and code not in _BASICS and value.value is not None:
            out.unjudged.append(f"{item['id']} {code}: {value.value!r} ← {_quote(value)}")


_BASICS = {"school_name", "report_year", "school_category", "school_type"}  # named by every item's own title


def _quote(value: Value) -> str:
    return value.evidence[0].quote[:90] if value.evidence else ""


def run_set(name: str, extractor: Extractor, folder: Path) -> tuple[Score, dict[str, float]]:
    items = json.loads((SETS / f"{name}.json").read_text(encoding="utf-8"))
    out = Score()
    timing = {"read": 0.0, "extract": 0.0}
    for item in items:
        path = write_item(item, folder / name)
        t0 = time.perf_counter()
        doc = read_file(path, f"{path.parent.name}/{path.name}")
        t1 = time.perf_counter()
        values = extract_school(extractor, [doc], YEAR)
        timing["read"] += t1 - t0
        timing["extract"] += time.perf_counter() - t1
        score_item(item, values, out)
    return out, timing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.phrasing", description=__doc__.splitlines()[0])
    sets = sorted(path.stem for path in SETS.glob("*.json"))
    parser.add_argument("--set", action="append", choices=sets, help="default: dev and tune")
    parser.add_argument("--detail", action="store_true", help="list every miss, wrong and invented value")
    args = parser.parse_args(argv)
    extractor = Extractor()
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.set or ["dev", "tune"]:
            score, timing = run_set(name, extractor, Path(tmp))
            print(f"{name:<8} {score.line()}")
            calibrated = score.confident["right"] / max(sum(score.confident.values()), 1)
            print(
                f"         confidence ≥ 0.9: {sum(score.confident.values())} values, {100 * calibrated:.1f}% right; "
                f"read {timing['read']:.2f} s, extract {timing['extract']:.2f} s"
            )
            bands = ", ".join(
                f"{name}: {sum(c.values())} values, {100 * c['right'] / max(sum(c.values()), 1):.1f}% right"
                for name, c in ((n, score.bands.get(n, Counter())) for n, _ in BANDS)
            )
            print(f"         by confidence: {bands}")
            if args.detail:
                print("\n".join("   " + line for line in score.lines))
                print(f"         not scored (neither stated nor listed absent): {len(score.unjudged)} values")
                print("\n".join("   · " + line for line in score.unjudged))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
