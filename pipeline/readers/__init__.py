"""Readers: every format a school sends becomes one neutral `Document` of blocks with positions."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from ..errors import ReadError, UnsupportedFile
from ..model import Document, FileRecord
from .sniff import sniff

KIND_NAMES = {
    "doc": "旧版 Word 文档（.doc）",
    "wps": "WPS 文字文档（.wps）",
    "xls": "旧版 Excel 表格（.xls）",
    "et": "WPS 表格（.et）",
    "ole": "旧版 Office 文档",
    "xlsx": "Excel 表格（.xlsx）",
    "png": "图片（.png）",
    "jpg": "图片（.jpg）",
    "tif": "图片（.tif）",
    "zip": "压缩包",
}


def read_file(path: Path, rel: str) -> Document:
    """Read one file by its sniffed kind; raise ReadError (or UnsupportedFile) with a Chinese reason."""
    try:
        kind = sniff(path)
    except OSError as exc:
        raise ReadError(rel, f"无法打开文件（{exc.strerror}）。") from exc
    if kind == "empty":
        raise ReadError(rel, "文件为空（0 字节），请学校重新报送。")
    if kind == "docx":
        from .docx import read_docx

        try:
            return read_docx(path, rel)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ReadError(rel, f"Word 文档已损坏，无法读取（{type(exc).__name__}），请学校重新报送。") from exc
        except Exception as exc:  # lxml and python-docx raise many types for damaged parts
            raise ReadError(rel, f"Word 文档内容无效，无法读取（{type(exc).__name__}），请学校重新报送。") from exc
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, rel)
    if kind == "broken_zip":
        raise ReadError(rel, "文件已损坏（压缩结构不完整，可能传输中断），无法读取，请学校重新报送。")
    if kind in KIND_NAMES:
        raise UnsupportedFile(rel, f"{KIND_NAMES[kind]}暂不支持自动读取，请人工查阅，或请学校报送 .docx 或 PDF 版本。")
    raise UnsupportedFile(rel, "无法识别的文件类型（既不是 Word 文档也不是 PDF），未读取，请人工查阅。")


def read_record(path: Path, rel: str) -> tuple[FileRecord, Document | None]:
    """Read a file and describe the outcome; a file that fails never raises past here."""
    record = FileRecord(path=rel, status="ok")
    try:
        record.size, record.sha256 = _digest(path)
        record.kind = sniff(path)
        document = read_file(path, rel)
    except UnsupportedFile as exc:
        record.status, record.error = "skipped", exc.reason
        return record, None
    except ReadError as exc:
        record.status, record.error = "error", exc.reason
        return record, None
    except OSError as exc:
        record.status, record.error = "error", f"无法打开文件（{exc.strerror}）。"
        return record, None
    except Exception as exc:  # a reader's own bug must not stop the batch; the file is named instead
        record.status = "error"
        record.error = f"读取时发生意外错误（{type(exc).__name__}），已跳过该文件，请人工查阅并向技术支持反馈。"
        return record, None
    return record, document


def _digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
