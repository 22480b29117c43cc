"""Render the bureau's documents: Jinja template → official-document markup → .docx in GB/T 9704 layout."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import re
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from jigong.checks.catalogue import Catalogue
from jigong.pipeline.chinese import cn_date, cn_number, money
from jigong.pipeline.dictionary import load_yaml
from jigong.pipeline.errors import TemplateError
from jigong.pipeline.model import BatchResult, Evidence, FileRecord
from jigong.pipeline.render import parallel
from jigong.pipeline.render.charts import city_charts
from jigong.pipeline.render.context import memo_context
from jigong.pipeline.render.markup import DocNode, MarkupError, parse_markup
from jigong.pipeline.render.officedoc import Layout, docx_bytes
from jigong.pipeline.render.output import inside, name_key, safe_name, visible, write_bytes_atomic
from jigong.pipeline.render.overview import batch_facts, findings_matrix
from jigong.pipeline.run.faultpoints import reached
from jigong.pipeline.settings import TEMPLATES_DIR
from jigong.pipeline.store.renders import RenderCache

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
OPTIONAL_SETTINGS = {"doc_number_first": 1}  # the number the first school of a year gets
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Names a template may use besides its context: Jinja's own globals.
_JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop"})


class Renderer:
    """One Jinja environment per run: sandboxed, strict about undefined names, escaping every value."""

    def __init__(self, templates: Path = TEMPLATES_DIR) -> None:
        self.templates = templates
        # Autoescape makes every inserted value inert text in the XML markup and in the HTML report:
        # a school's words can never become markup or template code, whatever they hold.
        self.env = ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=_printable,
        )
        self.env.filters["cn_number"] = cn_number
        self.env.filters["cn_date"] = cn_date
        self.env.filters["yuan"] = money
        self.settings = self._settings()
        self._parsed: dict[str, dict[str, int]] = {}
        # Optional (the season's store): skips a document whose inputs are unchanged and whose file is as written.

    def _settings(self) -> dict[str, Any]:
        path = self.templates / "settings.yaml"
        data = load_yaml(path)
        if not isinstance(data, dict) or not SETTINGS_KEYS <= set(data) <= SETTINGS_KEYS | set(OPTIONAL_SETTINGS):
            lacking = sorted(SETTINGS_KEYS - set(data or {}))
            extra = sorted(set(data or {}) - SETTINGS_KEYS - set(OPTIONAL_SETTINGS))
            raise TemplateError(f"{path}：公文设置不完整或含未知项（缺少：{lacking or '无'}；未知：{extra or '无'}）。")
        settings = {key: data[key] for key in sorted(SETTINGS_KEYS)}
        first = data.get("doc_number_first", OPTIONAL_SETTINGS["doc_number_first"])
        if not isinstance(first, int) or isinstance(first, bool) or not 1 <= first <= 99999:
            raise TemplateError(f"{path}：doc_number_first（首个文号序号）应为1至99999之间的整数，现为“{first}”。")
        days = settings["deadline_days"]
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 365:
            raise TemplateError(f"{path}：deadline_days（整改期限天数）应为1至365之间的整数，现为“{days}”。")
        try:
            settings["doc_number"].format(year=2026, n=1)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            raise TemplateError(
                f"{path}：doc_number（文号格式）只能使用 {{year}}（发文年份）和 {{n}}（序号），现为"
                f"“{settings['doc_number']}”（{exc}）。"
            ) from None
        for key, value in settings.items():
            if key != "deadline_days" and not isinstance(value, str):
                raise TemplateError(f"{path}：{key} 应为文字，现为“{value}”。")
        settings["doc_number_first"] = first
        return settings

    def _names(self, name: str) -> dict[str, int]:
        """The top-level names a template reads from its data → the first line using each."""
        if name in self._parsed:  # parsed once per run, checked for every school
            return self._parsed[name]
        try:
            source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
            tree = self.env.parse(source, name)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"{self.templates / name}：模板文件不存在。") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{self.templates / name} 第{exc.lineno}行：模板语法错误（{exc.message}）。") from exc
        wanted = meta.find_undeclared_variables(tree)
        lines: dict[str, int] = {}
        for node in tree.find_all(nodes.Name):
            if node.ctx == "load" and node.name in wanted:
                lines[node.name] = min(lines.get(node.name, node.lineno), node.lineno)
        self._parsed[name] = lines
        return lines

    def check_data(self, name: str, context: dict[str, Any]) -> None:
        """Before rendering: every name the template reads must be in its data (names the template and line)."""
        absent = {n: line for n, line in self._names(name).items() if n not in context and n not in _JINJA_GLOBALS}
        if absent:
            first = min(absent, key=lambda n: absent[n])
            offered = "、".join(sorted(context))
            raise TemplateError(
                f"{self.templates / name} 第{absent[first]}行：模板使用了不存在的数据“{first}”"
                f"{'（另有：' + '、'.join(sorted(set(absent) - {first})) + '）' if len(absent) > 1 else ''}，"
                f"请核对变量名。该模板可用的数据：{offered}。"
            )

    def markup(self, name: str, context: dict[str, Any]) -> str:
        self.check_data(name, context)
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

    def document(self, name: str, context: dict[str, Any]) -> DocNode:
        text = self.markup(name, context)
        try:
            return parse_markup(text, str(self.templates / name))
        except MarkupError as exc:
            raise TemplateError(f"模板生成的公文标记无效：{exc}") from exc

    def docx(self, name: str, context: dict[str, Any], today: dt.date, images: dict[str, bytes] | None = None) -> bytes:
        tree = self.document(name, context)
        layout = Layout(timestamp=dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC))
        try:
            return docx_bytes(tree, layout, images)
        except MarkupError as exc:
            raise TemplateError(f"{self.templates / name}：{exc}") from exc

    def build_all(
        self,
        batch: BatchResult,
        catalogue: Catalogue,
        today: dt.date,
        unplaced: list[FileRecord],
        out: Path | None = None,
        cache: RenderCache | None = None,
        workers: int = 1,
        show: Callable[[Evidence], Any] | None = None,
    ) -> list[tuple[tuple[str, ...], bytes | None, str | None]]:
        """Every document of a run, in memory: (path parts under the output folder, bytes, cache key).

        With a render cache and the output folder, a document whose inputs did not change since it was written,
        and whose file is still as written, is not built again: its bytes are None. `workers` processes build
        them (pipeline/render/parallel.py). `show` gives the view of a piece of evidence as it looks in its file
        (pipeline/review/evidence.py): the HTML report shows them for every finding that is not 符合.
        """
        built: list[tuple[tuple[str, ...], bytes | None, str | None]] = []
        jobs: list[parallel.Job] = []
        templates = str(self.templates)

        def stale(parts: tuple[str, ...], template: str, context: dict[str, Any]) -> int | None:
            """The document's index in `built`, or None when it is fresh (its bytes stay None)."""
            key = None
            if cache is not None and out is not None:
                key = cache.key(template, context, today)
                if cache.fresh(inside(out, *parts), key):
                    built.append((parts, None, key))
                    return None
            built.append((parts, None, key))
            return len(built) - 1

        used: set[str] = set()
        for n, school in enumerate(batch.schools, start=1):
            stem = safe_name(school.school_name)
            # Two folders stating the same name, or names one file system takes for the same (ABC / abc on
            # Windows), must not overwrite each other.
            if name_key(stem) in used:
                stem = f"{stem}_{n}"
            used.add(name_key(stem))
            memo = memo_context(school, n, batch, catalogue, self.settings, today)
            i = stale(("memos", f"{stem}.docx"), "memo.xml.j2", memo)
            if i is not None:
                local = partial(self._one_docx, "memo.xml.j2", memo, today)
                jobs.append(parallel.Job([i], local, parallel.docx_job, (templates, "memo.xml.j2", memo, today)))
        facts = batch_facts(batch, catalogue, self.settings, today, unplaced)
        matrix = findings_matrix(batch, catalogue)
        i = stale(("summary.docx",), "summary.xml.j2", facts)
        if i is not None:
            local = partial(self._one_docx, "summary.xml.j2", facts, today)
            jobs.append(parallel.Job([i], local, parallel.docx_job, (templates, "summary.xml.j2", facts, today), 5))
        i = stale(("summary.xlsx",), "summary.xlsx", {**facts, **matrix})
        if i is not None:
            local = partial(parallel.xlsx_job, facts, matrix, today)
            jobs.append(parallel.Job([i], local, parallel.xlsx_job, (facts, matrix, today), 20))
        city = stale(("city.docx",), "city.xml.j2", facts)
        report = {**matrix, "views": _views(batch, show) if show is not None else {}}
        html = stale(("report.html",), "report.html.j2", {**facts, **report})
        if city is not None or html is not None:
            wanted = (city is not None, html is not None)
            local = partial(self.city_documents, facts, report, today, *wanted)
            args = (templates, facts, report, today, *wanted)
            targets = [i for i in (city, html) if i is not None]
            jobs.append(parallel.Job(targets, local, parallel.city_job, args, 50))
        for job, documents in zip(jobs, parallel.run_jobs(jobs, workers), strict=True):
            for i, data in zip(job.targets, documents, strict=True):
                built[i] = (built[i][0], data, built[i][2])
        return built

    def _one_docx(self, name: str, context: dict[str, Any], today: dt.date) -> list[bytes]:
        return [self.docx(name, context, today)]

    def city_documents(
        self, facts: dict[str, Any], matrix: dict[str, Any], today: dt.date, city: bool, html: bool
    ) -> list[bytes]:
        """The city report and the web report (those asked for) from one drawing of the charts (matplotlib
        is slow: seconds for a province's schools)."""
        charts = city_charts(facts["city"], facts["history"])
        out = []
        if city:
            out.append(self.docx("city.xml.j2", facts, today, charts))
        if html:
            context = {**facts, **matrix, "charts": _data_uris(charts)}
            out.append(self.markup("report.html.j2", context).encode("utf-8"))
        return out

    def write_all(
        self,
        batch: BatchResult,
        catalogue: Catalogue,
        out: Path,
        today: dt.date,
        unplaced: list[FileRecord],
        cache: RenderCache | None = None,
        workers: int = 1,
        show: Callable[[Evidence], Any] | None = None,
    ) -> list[Path]:
        """Memos under memos/, the summary (.docx, .xlsx), the city report and the HTML report; their paths.

        Every document is built before any is written: a template error stops the run with nothing half done.
        """
        built = self.build_all(batch, catalogue, today, unplaced, out, cache, workers, show)
        targets = []
        for parts, data, key in built:
            target = inside(out, *parts)
            if data is not None:
                write_bytes_atomic(target, data)
                if cache is not None and key is not None:
                    cache.record(target, key)
                reached("output", str(target))
            targets.append(target)
        return targets


def _views(batch: BatchResult, show: Callable[[Evidence], Any]) -> dict[str, dict[str, Any]]:
    """school number-rule-evidence index → the view of that evidence, for every finding that is not 符合 (the
    schools numbered as the matrix numbers them)."""
    out = {}
    for n, school in enumerate(batch.schools, start=1):
        for found in school.findings:
            if found.status != "pass":
                for i, evidence in enumerate(found.evidence):
                    out[f"{n}-{found.rule}-{i}"] = dataclasses.asdict(show(evidence))
    return out


def _printable(value: Any) -> Any:
    """Control characters a school's file may hold have no place in XML: dropped from its text (names reach the
    templates with theirs already shown as symbols, see context.py); direction overrides, which would disguise
    what a quote says, are shown as 〈U+202E〉."""
    if isinstance(value, Markup):  # already escaped (join, replace …): keep it so, or it is escaped twice
        return Markup(visible(_CONTROL.sub("", value)))
    return visible(_CONTROL.sub("", value)) if isinstance(value, str) else value


def _data_uris(images: dict[str, bytes]) -> dict[str, str]:
    return {name: "data:image/png;base64," + base64.b64encode(data).decode("ascii") for name, data in images.items()}


def _template_line(exc: BaseException, name: str) -> int | str:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(name):
            return frame.lineno or "?"
    return "?"
