"""Command line: ``python -m fixturegen DEST [--year 2025] [--truth FILE]`` writes the demo batch."""

from __future__ import annotations

import argparse
from pathlib import Path

from fixturegen.demo import build_demo_batch
from fixturegen.truth import write_truth_json


def main(argv: list[str] | None = None) -> int:
    """Build the demo batch into DEST and optionally dump its ground truth as JSON."""
    parser = argparse.ArgumentParser(prog="python -m fixturegen", description="生成技工院校年度报送演示材料")
    parser.add_argument("dest", type=Path, help="folder to write the submissions into")
    parser.add_argument("--year", type=int, default=2025, help="report year (default 2025)")
    parser.add_argument("--truth", type=Path, help="also write the ground truth as JSON to this file")
    args = parser.parse_args(argv)
    truths = build_demo_batch(args.dest, args.year)
    if args.truth:
        write_truth_json(truths, args.truth)
    count = sum(len(items) for items in truths.values())
    print(f"wrote {count} files for {len(truths)} schools to {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
