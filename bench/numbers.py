"""Speed of the number grammar: ``python -m bench.numbers`` prints ms per 35,000 characters of report prose."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from jigong.pipeline.extract.numbers import find_numbers
from jigong.pipeline.extract.quantity import find_quantities

SIZE = 35_000
FILLER = "学校坚持以服务发展为宗旨，以促进就业为导向，深化产教融合、校企合作，全面提高人才培养质量。"


def report_text(size: int = SIZE) -> str:
    """Clauses of the test table, each followed by a sentence of plain prose (as reports mix them), to size."""
    table = Path(__file__).resolve().parent.parent / "tests" / "data" / "quantities.yaml"
    clauses = [str(row["t"]) for row in yaml.safe_load(table.read_text(encoding="utf-8"))]
    parts: list[str] = []
    length = 0
    i = 0
    while length < size:
        piece = clauses[i % len(clauses)] + "。" + FILLER
        parts.append(piece)
        length += len(piece)
        i += 1
    return "".join(parts)[:size]


def main(repeat: int = 20) -> None:
    text = report_text()
    find_quantities(text)  # warm the compiled pattern
    for name, fn in (("find_quantities", find_quantities), ("find_numbers", find_numbers)):
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            found = fn(text)
            times.append((time.perf_counter() - t0) * 1000)
        print(
            f"{name}: {statistics.median(times):.1f} ms per {len(text):,} chars "
            f"(min {min(times):.1f}, {len(found)} found)"
        )


if __name__ == "__main__":
    main()
