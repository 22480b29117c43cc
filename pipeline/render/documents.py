"""Render the bureau's documents: Jinja template → official-document markup → .docx in GB/T 9704 layout."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from checks.catalogue import Catalogue

from ..errors import TemplateError
from ..model import BatchResult, FileRecord
from ..output import inside, safe_name
from ..yamlload import load_yaml
from .context import cn_number, memo_context, summary_context
from .markup import MarkupError, parse_markup
from .officedoc import Layout, render_docx

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
SETTINGS_KEYS = {
    "issuer",
    "issuer_mark",
    "doc_number",
    "signatory",
    "deadline_days",
    "addressee_suffix",
    "cc",
    "colophon_office",
}


class Renderer:
    """One Jinja environment per run: sandboxed, strict about undefined names, escaping every value."""

    def __init__(self, templates: Path = TEMPLATES_DIR) -> None:
        self.templates = templates
        # Autoescape makes every inserted value inert text in the XML markup: a school's words can never
        # become markup or template code, whatever they hold.
        self.env = ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["cn_number"] = cn_number
        self.settings = self._settings()
        # Optional: skips a document whose render context is unchanged and whose file is as written (the store's).
        self.cache: Any = None

    def _settings(self) -> dict[str, Any]:
        path = self.templates / "settings.yaml"
        data = load_yaml(path)
        if not isinstance(data, dict) or set(data) != SETTINGS_KEYS:
            lacking = sorted(SETTINGS_KEYS - set(data or {}))
            extra = sorted(set(data or {}) - SETTINGS_KEYS)
            raise TemplateError(f"{path}：公文设置不完整或含未知项（缺少：{lacking or '无'}；未知：{extra or '无'}）。")
        return dict(data)

    def markup(self, name: str, context: dict[str, Any]) -> str:
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"{self.templates / name}：模板文件不存在。") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{self.templates / name} 第{exc.lineno}行：模板语法错误（{exc.message}）。") from exc
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"{self.templates / name} 第{_template_line(exc, name)}行：模板使用了不存在的数据"
                f"（{exc.message}），请核对变量名。"
            ) from exc
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(f"{self.templates / name}：模板执行了不允许的操作（{exc}）。") from exc

    def docx(self, name: str, context: dict[str, Any], target: Path, today: dt.date) -> None:
        key = self.cache.key(name, context, today) if self.cache is not None else None
        if key is not None and self.cache.fresh(target, key):
            return
        text = self.markup(name, context)
        try:
            tree = parse_markup(text, str(self.templates / name))
        except MarkupError as exc:
            raise TemplateError(f"模板生成的公文标记无效：{exc}") from exc
        render_docx(tree, target, Layout(timestamp=dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)))
        if key is not None:
            self.cache.record(target, key)

    def write_all(
        self, batch: BatchResult, catalogue: Catalogue, out: Path, today: dt.date, unplaced: list[FileRecord]
    ) -> list[Path]:
        """One memo per school under memos/, then summary.docx; returns the paths written."""
        written: list[Path] = []
        used: set[str] = set()
        for n, school in enumerate(batch.schools, start=1):
            stem = safe_name(school.school_name)
            if stem in used:  # two folders stating the same name must not overwrite each other
                stem = f"{stem}_{n}"
            used.add(stem)
            target = inside(out, "memos", f"{stem}.docx")
            self.docx("memo.xml.j2", memo_context(school, n, batch, catalogue, self.settings, today), target, today)
            written.append(target)
        target = inside(out, "summary.docx")
        self.docx("summary.xml.j2", summary_context(batch, catalogue, self.settings, today, unplaced), target, today)
        written.append(target)
        return written


def _template_line(exc: BaseException, name: str) -> int | str:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(name):
            return frame.lineno or "?"
    return "?"
