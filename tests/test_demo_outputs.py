"""Every output of the demo batch, byte for byte, as it was when a person last looked at it.

Each file is kept as a digest: results.json without its time stamp; each part of a .docx or .xlsx but the chart
images (matplotlib's PNG bytes depend on its version and the fonts); report.html with its inline images left
out. A change in any output fails here, so that a refactoring is seen to change nothing; after a deliberate
change, look at the outputs (`jigong run --pdf`, open the PDFs and report.html) and regenerate with

    JIGONG_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_demo_outputs.py

then review `git diff tests/golden/demo-outputs.json` before committing it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from pathlib import Path

GOLDEN = Path(__file__).with_name("golden") / "demo-outputs.json"
UPDATE = os.environ.get("JIGONG_UPDATE_GOLDEN") == "1"
_DATA_URI = re.compile(rb"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def digest(path: Path) -> dict[str, str] | str:
    """One output's digest: per part for Office files (chart images left out), else of the whole file."""
    if path.suffix in {".docx", ".xlsx"}:
        with zipfile.ZipFile(path) as z:
            return {n: _sha(z.read(n)) for n in sorted(z.namelist()) if not n.endswith((".png", ".emf", ".jpeg"))}
    data = path.read_bytes()
    if path.name == "results.json":
        results = json.loads(data)
        results.pop("generated_at")
        data = json.dumps(results, ensure_ascii=False, sort_keys=True).encode()
    elif path.suffix == ".html":
        data = _DATA_URI.sub(b"data:image", data)
    return _sha(data)


def test_every_output_of_the_demo_is_as_it_was(demo_run) -> None:
    out: Path = demo_run[2]
    outputs = sorted(p for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts and p.suffix != ".sqlite")
    found = {p.relative_to(out).as_posix(): digest(p) for p in outputs}
    if UPDATE:
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(found) == sorted(expected)
    changed = [name for name in expected if found[name] != expected[name]]
    assert not changed, f"outputs changed: {changed}"
