"""Readers: every format a school sends becomes one neutral `Document` of blocks with positions."""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from pathlib import Path

from jigong.pipeline.errors import ReadError, UnsupportedFile
from jigong.pipeline.model import Document, FileRecord
from jigong.pipeline.readers.archive import check_archive
from jigong.pipeline.readers.convert import TARGET, Job, convert_all
from jigong.pipeline.readers.options import ReadOptions
from jigong.pipeline.readers.sniff import sniff

__all__ = ["ReadOptions", "digest_file", "needs_conversion", "preconvert", "read_file", "read_record"]

IMAGES = {"png", "jpg", "tif", "gif"}
KIND_NAMES = {
    "doc": "旧版 Word 文档（.doc）",
    "wps": "WPS 文字文档（.wps）",
    "xls": "旧版 Excel 表格（.xls）",
    "et": "WPS 表格（.et）",
    "rtf": "RTF 文档",
    "html": "网页格式的文档（常由网上系统“导出 Word”生成）",
    "odt": "OpenDocument 文档（.odt）",
    "ods": "OpenDocument 表格（.ods）",
    "pptx": "PowerPoint 演示文稿（.pptx）",
    "ppt": "旧版 PowerPoint 演示文稿（.ppt）",
    "ofd": "OFD 版式文件（.ofd）",
    "zip": "压缩包",
}
_ENCRYPTED = "文件设置了打开密码，无法读取；请学校报送未加密的版本，或用 --password 文件名=口令 提供口令。"


def read_file(path: Path, rel: str, options: ReadOptions | None = None) -> Document:
    """Read one file by its sniffed kind; raise ReadError (or UnsupportedFile) with a Chinese reason."""
    options = options or ReadOptions()
    try:
        kind = sniff(path)
    except OSError as exc:
        raise ReadError(rel, f"无法打开文件（{exc.strerror}）。") from exc
    if kind == "empty":
        raise ReadError(rel, "文件为空（0 字节），请学校重新报送。")
    if kind in ("pdf", *IMAGES):
        from jigong.pipeline.readers.ocr import OcrUnavailable

        try:
            if kind == "pdf":
                from jigong.pipeline.readers.pdf import read_pdf

                return read_pdf(path, rel, options)
            from jigong.pipeline.readers.images import read_image

            return read_image(path, rel, options)
        except OcrUnavailable as exc:
            raise ReadError(
                rel, f"文字识别组件无法启动（{exc}），扫描件无法识别；请运行 bash bootstrap.sh 重新安装。"
            ) from exc
    if kind in ("docx", "xlsx"):
        return _read_ooxml(path, kind, rel)
    if kind in TARGET:
        return _read_converted(path, kind, rel, options)
    if kind in ("encrypted_office", "encrypted_doc", "encrypted_xls"):
        return _read_encrypted(path, kind, rel, options)
    if kind == "broken_zip":
        raise ReadError(rel, "文件已损坏（压缩结构不完整，可能传输中断），无法读取，请学校重新报送。")
    if kind == "oversized_zip":
        check_archive(path, rel, "zip")  # says which limit the container passes
        raise ReadError(rel, "文件的压缩结构异常（部件过多），疑为恶意构造的文件，未读取，请人工查阅。")
    if kind == "broken_ole":
        raise ReadError(rel, "旧版 Office 文件已损坏（找不到正文数据），无法读取，请学校重新报送。")
    if kind in KIND_NAMES:
        raise UnsupportedFile(rel, f"{KIND_NAMES[kind]}不在审查材料的格式之列，未读取，请人工查阅。")
    raise UnsupportedFile(rel, "无法识别的文件类型（不是 Word、Excel、WPS、PDF 或图片），未读取，请人工查阅。")


def _read_ooxml(source: Path | io.BytesIO, kind: str, rel: str, what: str = "") -> Document:
    """A .docx or .xlsx (from the school, from LibreOffice or decrypted in memory)."""
    name = "Word 文档" if kind == "docx" else "Excel 表格"
    try:
        # Sizes, ratios, lying parts, DTDs and nesting are measured before python-docx or openpyxl sees the file.
        check_archive(source, rel, kind, what)
        if kind == "docx":
            from jigong.pipeline.readers.docx import read_docx

            return read_docx(source, rel)
        from jigong.pipeline.readers.xlsx import read_xlsx

        return read_xlsx(source, rel)
    except (ReadError, MemoryError):
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise ReadError(rel, f"{what}{name}已损坏，无法读取（{type(exc).__name__}），请学校重新报送。") from exc
    except Exception as exc:  # lxml, python-docx and openpyxl raise many types for damaged parts
        raise ReadError(rel, f"{what}{name}内容无效，无法读取（{type(exc).__name__}），请学校重新报送。") from exc


def _read_converted(path: Path, kind: str, rel: str, options: ReadOptions) -> Document:
    sha = _digest(path)[1]
    done: Path | str | None = options.converted.get(sha)
    if done is None:
        if options.cache_dir is not None:
            done = convert_all([Job(path, kind, sha)], options.cache_dir, options.convert_timeout)[sha]
        else:
            with tempfile.TemporaryDirectory(prefix="jigong-convert-") as tmp:
                done = convert_all([Job(path, kind, sha)], Path(tmp), options.convert_timeout)[sha]
                if isinstance(done, Path):
                    return _read_ooxml(io.BytesIO(done.read_bytes()), TARGET[kind], rel, f"{KIND_NAMES[kind]}转换后的")
    if not isinstance(done, Path):
        raise ReadError(rel, f"{KIND_NAMES[kind]}：{done}")
    return _read_ooxml(done, TARGET[kind], rel, f"{KIND_NAMES[kind]}转换后的")


def needs_conversion(path: Path) -> bool:
    """A legacy file (.doc, .wps, .xls, …) that `preconvert` converts through LibreOffice."""
    try:
        return not path.is_symlink() and path.is_file() and sniff(path) in TARGET
    except OSError:
        return False


def preconvert(paths: list[Path], options: ReadOptions) -> None:
    """Convert every legacy file of a batch in one LibreOffice call per target format, before reading."""
    if options.cache_dir is None:
        return
    jobs = []
    for path in paths:
        try:
            if path.is_symlink() or not path.is_file():
                continue
            kind = sniff(path)
            if kind in TARGET:
                jobs.append(Job(path, kind, digest_file(path)[1]))  # hashed already by the batch
        except OSError:
            continue  # the reader says why when it meets the file
    if jobs:
        options.converted.update(convert_all(jobs, options.cache_dir, options.convert_timeout))


def _read_encrypted(path: Path, kind: str, rel: str, options: ReadOptions) -> Document:
    password = options.password_for(rel)
    if password is None:
        raise ReadError(rel, _ENCRYPTED)
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, FileFormatError, InvalidKeyError

    plain = io.BytesIO()
    try:
        with path.open("rb") as fh:
            office = msoffcrypto.OfficeFile(fh)
            office.load_key(password=password)
            office.decrypt(plain)
    except InvalidKeyError as exc:
        raise ReadError(rel, "所给口令无法打开该加密文件，请核对口令。") from exc
    except MemoryError:
        raise
    except (DecryptionError, FileFormatError, OSError, ValueError, AssertionError) as exc:
        raise ReadError(rel, f"该加密文件无法解密（{type(exc).__name__}），请学校报送未加密的版本。") from exc
    except Exception as exc:  # the decryption library raises bare exceptions for damaged containers
        raise ReadError(rel, f"该加密文件无法解密（{type(exc).__name__}），请学校报送未加密的版本。") from exc
    if options.cache_dir is not None:
        options.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".plain-", dir=options.cache_dir) as tmp:
        # The plain copy lives only in a private folder removed right after, never in the cache itself.
        suffix = {"encrypted_doc": ".doc", "encrypted_xls": ".xls"}.get(kind, ".bin")
        plain_path = Path(tmp) / f"plain{suffix}"
        plain_path.write_bytes(plain.getvalue())
        inner = sniff(plain_path)
        if inner in ("docx", "xlsx"):
            return _read_ooxml(io.BytesIO(plain.getvalue()), inner, rel, "解密后的")
        if inner in TARGET:  # converted in the private folder: a decrypted conversion is never cached
            private = ReadOptions(convert_timeout=options.convert_timeout, cache_dir=Path(tmp) / "convert")
            return _read_converted(plain_path, inner, rel, private)
    raise ReadError(rel, "解密后的内容无法识别，请学校报送未加密的版本。")


def read_record(path: Path, rel: str, options: ReadOptions | None = None) -> tuple[FileRecord, Document | None]:
    """Read a file and describe the outcome; a file that fails never raises past here."""
    record = FileRecord(path=rel, status="ok")
    try:
        record.size, record.sha256 = _digest(path)
        record.kind = sniff(path)
        document = read_file(path, rel, options)
    except UnsupportedFile as exc:
        record.status, record.error = "skipped", exc.reason
        return record, None
    except ReadError as exc:
        record.status, record.error = "error", exc.reason
        return record, None
    except OSError as exc:
        record.status, record.error = "error", f"无法打开文件（{exc.strerror}）。"
        return record, None
    except MemoryError:
        raise  # the worker reports it with its limit, and does not cache it (a higher limit may do)
    except Exception as exc:  # a reader's own bug must not stop the batch; the file is named instead
        record.status = "error"
        record.error = f"读取时发生意外错误（{type(exc).__name__}），已跳过该文件，请人工查阅并向技术支持反馈。"
        return record, None
    return record, document


# (path, size, mtime) → (size, SHA-256), this process's: the batch hashes every file to look it up in the store,
# and the pre-conversion needs the hashes of the legacy ones again.
_DIGESTS: dict[tuple[str, int, int], tuple[int, str]] = {}


def digest_file(path: Path) -> tuple[int, str]:
    """Size and SHA-256 of a file; not read again when this process hashed it and it has not changed since."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    known = _DIGESTS.get(key)
    if known is None:
        known = _DIGESTS[key] = _digest(path)
    return known


def _digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
