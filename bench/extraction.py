"""Precision and recall of extraction: the generated labelled set and the real-pattern sets, side by side.

python -m bench.extraction --n 40            # generated styles (regression) and real-pattern dev and tune sets
python -m bench.extraction --n 12 --errors 30 --keep /tmp/labelled
python -m bench.extraction --heldout         # also the held-out real-pattern set (score it once, at the end)

The generated set is the project's own text and proves little about how schools write: it is a regression test.
The real-pattern sets (bench/realpattern) are the evidence; their per-item detail is `python -m bench.phrasing`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.phrasing import run_set
from bench.scoring import Report, Tally, score
from fixturegen.labelled import plan_set, write_sample
from fixturegen.labelled_styles import DEV_STYLES, FRESH_STYLES, HELD_OUT_STYLES, LAST_STYLES
from jigong.pipeline.dictionary import load_dictionary
from jigong.pipeline.extract import Extractor
from jigong.pipeline.readers import read_file

GROUPS = {
    "development styles 0–8": DEV_STYLES,
    "held-out styles 9–11 (looked at after their first measurement)": tuple(
        s for s in HELD_OUT_STYLES if s not in FRESH_STYLES + LAST_STYLES
    ),
    "held-out styles 12–13 (written after the first measurement; their first run is in the README)": FRESH_STYLES,
    "held-out style 14 (written when the extractor was finished; four labels added after its one run)": LAST_STYLES,
}


def group_of(style: int) -> str:
    return next(name for name, styles in GROUPS.items() if style in styles)


def run(n: int, seed: int, folder: Path) -> tuple[dict[str, Report], dict[str, float]]:
    """Write n samples into folder, extract each, score by group of styles; and the time each step took."""
    codes = list(load_dictionary())
    parts = {name: Report() for name in GROUPS}
    started = time.perf_counter()
    extractor = Extractor()
    timing = {"write": 0.0, "read": 0.0, "extract": 0.0}
    for sample in plan_set(n, seed):
        t0 = time.perf_counter()
        paths, expected = write_sample(sample, folder / f"{sample.index:03d}")
        t1 = time.perf_counter()
        docs = [read_file(p, p.relative_to(folder).as_posix()) for p in paths]
        t2 = time.perf_counter()
        got = extractor.extract(docs)
        t3 = time.perf_counter()
        timing["write"] += t1 - t0
        timing["read"] += t2 - t1
        timing["extract"] += t3 - t2
        label = f"#{sample.index} style {sample.style} [{', '.join(f.kind + '.' + f.fmt for f in sample.files)}]"
        parts[group_of(sample.style)].add(label, score(expected, got, codes))
    timing["total"] = time.perf_counter() - started
    return parts, timing


def _line(name: str, t: Tally) -> str:
    return (
        f"{name:<32}{t.stated:>7}{t.returned:>7}{t.correct:>7}{t.unstated_returned:>9}"
        f"{100 * t.precision:>9.1f}{100 * t.recall:>9.1f}{100 * t.accuracy:>9.1f}"
    )


def print_report(title: str, report: Report, errors: int) -> None:
    print(f"\n== {title} ==")
    print(f"{'indicator':<32}{'stated':>7}{'found':>7}{'right':>7}{'unstated':>9}{'P %':>9}{'R %':>9}{'acc %':>9}")
    for code in load_dictionary():
        if code in report.per_code and (report.per_code[code].stated or report.per_code[code].returned):
            print(_line(code, report.per_code[code]))
    print(_line("ALL", report.total))
    for sample, o in report.errors[:errors]:
        print(f"  {sample} {o.code}: expected {o.expected!r}, got {o.got!r} ({o.note}) {o.quote[:70]}")
    if len(report.errors) > errors:
        print(f"  … {len(report.errors) - errors} more")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="samples (schools) in the set")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--errors", type=int, default=15, help="errors to list per part")
    parser.add_argument("--keep", type=Path, help="write the set here and keep it")
    parser.add_argument("--heldout", action="store_true", help="score the held-out real-pattern set too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        parts, timing = run(args.n, args.seed, folder)
        real = {}
        extractor = Extractor()
        for name in ["dev", "tune"] + (["heldout"] if args.heldout else []):
            real[name] = run_set(name, extractor, Path(tmp) / "real")
    print(f"labelled set: {args.n} samples (schools), seed {args.seed}")
    for name, report in parts.items():
        print_report(name, report, args.errors)
    print("\n== side by side: precision and recall (%) ==")
    print(f"{'set':<58}{'P %':>8}{'R %':>8}{'extract/read':>14}")
    for name, report in parts.items():
        t = report.total
        print(f"{'generated: ' + name[:45]:<58}{100 * t.precision:>8.1f}{100 * t.recall:>8.1f}{'':>14}")
    ratio = timing["extract"] / max(timing["read"], 1e-9)
    print(f"{'generated: all (time)':<58}{'':>8}{'':>8}{ratio:>14.2f}")
    for name, (measured, seconds) in real.items():
        share = seconds["extract"] / max(seconds["read"], 1e-9)
        p, r = 100 * measured.precision, 100 * measured.recall
        print(f"{'real pattern: ' + name:<58}{p:>8.1f}{r:>8.1f}{share:>14.2f}")
    print(
        f"\ntime: write {timing['write']:.1f} s, read {timing['read']:.1f} s, extract {timing['extract']:.1f} s, "
        f"total {timing['total']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
