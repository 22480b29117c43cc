"""What the caller tells the readers: passwords per file, where conversions are cached, time limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jigong.pipeline.errors import ArgumentError


@dataclass
class ReadOptions:
    """Settings threaded from the CLI through the batch to every reader.

    `passwords` maps a file name (or its path relative to the batch) to the password that opens it;
    `cache_dir` holds LibreOffice conversions keyed by content hash (None: a throw-away folder per call);
    `converted` maps a file's sha256 to the .docx/.xlsx converted for it ahead of time by the batch.
    """

    passwords: dict[str, str] = field(default_factory=dict)
    cache_dir: Path | None = None
    convert_timeout: float = 120.0  # seconds for one LibreOffice call (a batch call gets more, per file)
    ocr: bool = True  # scanned pages and images are recognised; off only for debugging
    ocr_dpi: int = 200
    # Per-file caps that keep a hostile or absurd file from holding up a batch (README: 恶意和异常文件).
    max_pages: int = 500  # PDF pages; a school's annual report runs to tens of pages
    max_pixels: int = 100_000_000  # one image or scanned page, decoded (A3 at 600 dpi is 70 million)
    converted: dict[str, Path | str] = field(default_factory=dict)  # str: why the conversion failed
    # Where the batch's workers take turns at recognition (lock files; None: no turns) and how many at once.
    ocr_locks: Path | None = None
    ocr_slots: int = 1

    def password_for(self, rel: str) -> str | None:
        """The password given for this file: by its batch-relative path, else by its bare name."""
        if rel in self.passwords:
            return self.passwords[rel]
        return self.passwords.get(Path(rel).name)


def parse_passwords(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """'文件名=口令' items (repeatable CLI option) → {文件名: 口令}; the first '=' separates them."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, password = item.partition("=")
        if not sep or not name.strip():
            raise ArgumentError(f"口令参数“{item}”格式不对，应为“文件名=口令”，如 --password 年度报告.pdf=123456。")
        out[name.strip()] = password
    return out
