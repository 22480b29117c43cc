"""Reading costs and OCR accuracy, re-runnable: ``python bench/readers.py [--runs 5] [--pages 6]``.

Not part of the tests (CI never runs it). Measures, on documents made by fixturegen:
- text PDFs: seconds per page of the reader against pdfplumber's plain ``extract_text`` (the ratio matters);
- .docx: seconds per file;
- LibreOffice: one call over many legacy files against one call per file;
- OCR: character error rate (whitespace removed) and seconds per page of RapidOCR (as configured in
  pipeline/readers/ocr.py, and with its defaults) and of Debian's tesseract + chi_sim, on scanned pages made by
  rasterising our own PDFs at 150 and 200 dpi with noise, a slight skew and a red seal.
Tesseract is needed only here: ``apt-get install tesseract-ocr tesseract-ocr-chi-sim``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixturegen.docx_features import write_features_docx  # noqa: E402
from fixturegen.legacy import write_legacy  # noqa: E402
from fixturegen.pdf_features import write_features_pdf  # noqa: E402
from fixturegen.profiles import make_profile  # noqa: E402
from fixturegen.scans import ScanPage, scan_pdf, write_notice_pdf  # noqa: E402
from fixturegen.writers_docx import write_form_docx, write_report_docx  # noqa: E402
from fixturegen.writers_pdf import write_report_pdf  # noqa: E402

SCHOOLS = ["东莞市松湖高级技工学校", "东莞市华粤技工学校", "东莞市南城技工学校"]


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fold(text: str) -> str:
    """Full- and half-width forms as one (（ and (, ， and ,), dashes as one: glyph variants, not errors."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[—–－‐―]", "-", text)


def cer(found: str, truth: str, folded: bool = False) -> float:
    """Levenshtein distance over the truth's length, whitespace removed from both."""
    if folded:
        found, truth = fold(found), fold(truth)
    a, b = "".join(found.split()), "".join(truth.split())
    if not b:
        return 0.0 if not a else 1.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        previous = current
    return previous[-1] / len(b)


def text_pdfs(work: Path) -> list[Path]:
    out = []
    for i, name in enumerate(SCHOOLS):
        path = work / f"report{i}.pdf"
        write_report_pdf(make_profile(11 + i, name), path, style=i)
        out.append(path)
    path = work / "features.pdf"
    write_features_pdf(path)
    return [*out, path]


def bench_pdf(paths: list[Path], runs: int) -> dict[str, float]:
    import pdfplumber

    from jigong.pipeline.readers.pdf import read_pdf

    pages = 0
    for path in paths:
        with pdfplumber.open(str(path)) as pdf:
            pages += len(pdf.pages)

    def plain() -> None:
        for path in paths:
            with pdfplumber.open(str(path)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.close()

    def ours() -> None:
        for path in paths:
            read_pdf(path, path.name)

    base = median_time(plain, runs) / pages
    reader = median_time(ours, runs) / pages
    return {"pages": pages, "extract_text s/page": base, "reader s/page": reader, "ratio": reader / base}


def bench_docx(work: Path, runs: int) -> dict[str, float]:
    from jigong.pipeline.readers.docx import read_docx

    paths = []
    for i, name in enumerate(SCHOOLS):
        report, form = work / f"report{i}.docx", work / f"form{i}.docx"
        write_report_docx(make_profile(21 + i, name), report, style=i)
        write_form_docx(make_profile(21 + i, name), form, i)
        paths += [report, form]
    features = work / "features.docx"
    write_features_docx(features)
    paths.append(features)
    per_file = median_time(lambda: [read_docx(p, p.name) for p in paths], runs) / len(paths)
    return {"files": len(paths), "reader s/file": per_file}


def bench_convert(work: Path, count: int) -> dict[str, float]:
    """LibreOffice: `count` .doc files in one call, against one call per file (cache emptied each time)."""
    from jigong.pipeline.readers import convert
    from jigong.pipeline.readers.__init__ import _digest

    sources = []
    for i in range(count):
        src = work / f"legacy{i}.docx"
        write_form_docx(make_profile(31 + i, SCHOOLS[i % 3]), src, i % 3)
        sources.append((src, work / f"legacy{i}.doc"))
    write_legacy(sources)
    jobs = [convert.Job(dest, "doc", _digest(dest)[1]) for _, dest in sources]

    def batch() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            convert.convert_all(jobs, Path(tmp), 120)

    def single() -> None:
        for job in jobs:
            with tempfile.TemporaryDirectory() as tmp:
                convert.convert_all([job], Path(tmp), 120)

    return {"files": count, "one call, s": median_time(batch, 3), "a call per file, s": median_time(single, 1)}


def scanned_pages(work: Path, pages: int) -> dict[str, list[ScanPage]]:
    """Prose pages (report PDFs), table pages (the bureau's form through LibreOffice), at 150 and 200 dpi."""
    reports = []
    for i, name in enumerate(SCHOOLS):
        path = work / f"scan-src{i}.pdf"
        write_report_pdf(make_profile(41 + i, name), path, style=i)
        reports.append((path, name))
    notice = work / "notice.pdf"
    write_notice_pdf(notice, SCHOOLS[0])
    form = work / "scan-form.docx"
    write_form_docx(make_profile(45, SCHOOLS[1]), form, 0)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(work / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(form),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out: dict[str, list[ScanPage]] = {}
    for dpi in (150, 200):
        prose: list[ScanPage] = []
        for path, name in [*reports, (notice, SCHOOLS[0])]:
            prose += scan_pdf(path, name, dpi=dpi, seed=dpi)
        out[f"prose {dpi} dpi"] = prose[:pages]
        out[f"table {dpi} dpi"] = scan_pdf(work / "scan-form.pdf", SCHOOLS[1], dpi=dpi, seed=dpi + 1)[:1]
    return out


def bench_scanned_extraction(work: Path) -> list[tuple[str, int, int, int]]:
    """Whole scanned reports through the reader and the extractor: values right, wrong, missing."""
    from fixturegen.scans import save_scanned_pdf
    from jigong.pipeline.extract import Extractor
    from jigong.pipeline.readers import read_file

    extractor = Extractor()
    rows = []
    for dpi in (150, 200):
        right = wrong = missing = 0
        for i, name in enumerate(SCHOOLS):
            source = work / f"extract-src{i}.pdf"
            truth = write_report_pdf(make_profile(51 + i, name), source, style=i)
            scanned = work / f"extract-scan{i}-{dpi}.pdf"
            save_scanned_pdf([p.image for p in scan_pdf(source, name, dpi=dpi, seed=dpi + i)], scanned, dpi)
            values = extractor.extract([read_file(scanned, scanned.name)])
            for code, expected in truth.values.items():
                if code not in values:
                    missing += 1
                elif values[code].value == expected:
                    right += 1
                else:
                    wrong += 1
        rows.append((f"{dpi} dpi, {len(SCHOOLS)} reports", right, wrong, missing))
    return rows


def rapid(params: dict[str, object]) -> Callable[[object], str]:
    import numpy as np
    from rapidocr import RapidOCR

    from jigong.pipeline.readers.images import prepare
    from jigong.pipeline.readers.layout import Line
    from jigong.pipeline.readers.ocr import _visual_rows

    engine = RapidOCR(params={"Global.log_level": "error", **params})

    def run(image: object) -> str:
        rgb = np.asarray(prepare(image).convert("RGB"))[:, :, ::-1].copy()  # type: ignore[attr-defined]
        result = engine(rgb)
        if result.txts is None:
            return ""
        pieces = [
            Line(t, min(p[0] for p in b), max(p[0] for p in b), min(p[1] for p in b), max(p[1] for p in b))
            for b, t in zip(result.boxes, result.txts, strict=True)
        ]
        return "".join(p.text for row in _visual_rows(pieces) for p in sorted(row, key=lambda p: p.x0))

    return run


def tesseract(image: object) -> str:
    from jigong.pipeline.readers.images import prepare

    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page.png"
        prepare(image).save(png)  # type: ignore[arg-type]
        done = subprocess.run(
            ["tesseract", str(png), "-", "-l", "chi_sim", "--psm", "3"],
            capture_output=True,
            text=True,
            check=True,
            env=dict(os.environ, OMP_THREAD_LIMIT="1"),
        )
        return done.stdout


def bench_ocr(sets: dict[str, list[ScanPage]]) -> list[tuple[str, str, float, float, float, int]]:
    from jigong.pipeline.readers.ocr import PARAMS

    engines: list[tuple[str, Callable[[], Callable[[object], str]]]] = [
        ("rapidocr (as configured)", lambda: rapid({k: v for k, v in PARAMS.items() if k != "Global.log_level"})),
        ("rapidocr, cls off, default det", lambda: rapid({"Global.use_cls": False})),
        ("rapidocr defaults (cls on)", lambda: rapid({})),
    ]
    if shutil.which("tesseract"):
        engines.append(("tesseract chi_sim --psm 3", lambda: tesseract))
    else:
        print("tesseract not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim", file=sys.stderr)
    rows = []
    for name, make in engines:
        start = time.perf_counter()
        run = make()
        first = next(iter(sets.values()))[0]
        run(first.image)  # warm-up: model load and first call
        load = time.perf_counter() - start
        print(f"  {name}: load + first page {load:.2f}s", file=sys.stderr)
        for label, pages in sets.items():
            errors, folded, times = [], [], []
            for page in pages:
                t = time.perf_counter()
                text = run(page.image)
                times.append(time.perf_counter() - t)
                errors.append(cer(text, page.truth))
                folded.append(cer(text, page.truth, folded=True))
            sizes = [len("".join(p.truth.split())) for p in pages]
            raw = sum(e * n for e, n in zip(errors, sizes, strict=True)) / sum(sizes)
            fair = sum(e * n for e, n in zip(folded, sizes, strict=True)) / sum(sizes)
            rows.append((name, label, raw, fair, statistics.median(times), len(pages)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repeats for the timing medians")
    parser.add_argument("--pages", type=int, default=6, help="scanned prose pages per resolution")
    parser.add_argument("--skip-ocr", action="store_true")
    parser.add_argument("--skip-convert", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (2-core machine shared with other work)")
    with tempfile.TemporaryDirectory(prefix="jigong-bench-") as tmp:
        work = Path(tmp)
        pdf = bench_pdf(text_pdfs(work), args.runs)
        print("\n## Text PDF ({pages} pages)".format(**pdf))
        print(
            f"extract_text {pdf['extract_text s/page'] * 1000:.1f} ms/page; reader {pdf['reader s/page'] * 1000:.1f}"
            f" ms/page; ratio {pdf['ratio']:.2f}"
        )
        docx = bench_docx(work, args.runs)
        print(f"\n## .docx ({docx['files']} files)\nreader {docx['reader s/file'] * 1000:.1f} ms/file")
        if not args.skip_convert and shutil.which("soffice"):
            conv = bench_convert(work, 6)
            print(
                f"\n## LibreOffice, {conv['files']} .doc files\none call {conv['one call, s']:.2f} s; "
                f"a call per file {conv['a call per file, s']:.2f} s"
            )
        if not args.skip_ocr:
            sets = scanned_pages(work, args.pages)
            rows = bench_ocr(sets)
            print("\n## OCR (CER: raw / with full- and half-width forms folded)")
            print("| engine | pages | CER raw | CER folded | s/page (median) |\n|---|---|---|---|---|")
            for name, label, error, fair, seconds, count in rows:
                print(f"| {name} | {label} ×{count} | {error * 100:.2f}% | {fair * 100:.2f}% | {seconds:.2f} |")
        if not args.skip_ocr:
            print("\n## Values extracted from scanned reports (as from their text layer)")
            print("| scans | right | wrong | missing |\n|---|---|---|---|")
            for label, right, wrong, missing in bench_scanned_extraction(work):
                print(f"| {label} | {right} | {wrong} | {missing} |")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
