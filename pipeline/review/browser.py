"""`jigong review`: the season's findings in the browser, each beside the page it came from, and the inspector's
decisions taken there (the same decisions `jigong decide` records).

Flask does the routing and the forms, waitress (a production WSGI server in pure Python, no C build) serves it.
It listens on 127.0.0.1 only. Every request carries the token made at start (it is in the printed address);
a write also needs the page's CSRF value and, when the browser says where the form came from, this very
address. School text reaches the page only through Jinja2's autoescaping. Files are sent only from the
output folder."""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from flask import Flask, abort, redirect, request, send_file, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers.response import Response

from jigong.checks.plans import resolve
from jigong.pipeline.chinese import figure, plain
from jigong.pipeline.dictionary import load_dictionary
from jigong.pipeline.errors import JigongError
from jigong.pipeline.model import STATUS_LABELS
from jigong.pipeline.render.documents import Renderer
from jigong.pipeline.render.output import inside, safe_name
from jigong.pipeline.review import decision_log
from jigong.pipeline.review.decisions import take
from jigong.pipeline.review.evidence import Viewer
from jigong.pipeline.run.season import OPEN, season_status
from jigong.pipeline.store import Store
from jigong.pipeline.store import runs as runs_db

EVIDENCE_SHOWN = 3


@dataclass(frozen=True)
class Access:
    """The secrets of one start: the token in the address, and the value every form sends back."""

    token: str
    csrf: str

    @classmethod
    def new(cls) -> Access:
        return cls(secrets.token_urlsafe(24), secrets.token_urlsafe(24))


def create_app(
    store_path: Path,
    out: Path,
    templates: Path,
    access: Access,
    rerun: Callable[[Path, int, str | None], None],
    year: int | None = None,
) -> Flask:
    """The web app over one store and its output folder. `rerun(batch, year, plan)` runs the job again (the
    documents of a school whose findings changed are rendered anew; files not changed are not read again)."""
    app = Flask(__name__)
    pages = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True)
    pages.globals["status_label"] = lambda s: STATUS_LABELS.get(s, s)
    doc_number = Renderer(templates).settings["doc_number"]  # the memos' 发文字号 pattern, read once

    def render(template: str, **context: Any) -> str:
        return pages.get_template(template).render(t=access.token, csrf=access.csrf, url=url_for, **context)

    @app.before_request
    def guard() -> None:
        given = request.args.get("t") or request.form.get("t") or ""
        if not hmac.compare_digest(given.encode(), access.token.encode()):
            abort(403)
        if request.method == "POST":
            sent = request.form.get("csrf") or ""
            if not hmac.compare_digest(sent.encode(), access.csrf.encode()):
                abort(403)
            origin = request.headers.get("Origin") or request.headers.get("Referer")
            if origin and urlsplit(origin).netloc != request.host:
                abort(403)

    @app.errorhandler(HTTPException)
    def refused(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        if code == 403:
            return "拒绝访问：地址中缺少或带有错误的访问口令，请使用 jigong review 启动时显示的地址。", 403
        if code == 404:
            return "没有这个页面：学校不在最近一次审查中，或审查意见书尚未生成。", 404
        return f"无法处理该请求（{code}）。", code

    @app.get("/")
    def schools() -> str:
        with Store(store_path) as db:
            run = runs_db.latest_run(db, year)
            if run is None:
                return render("review_list.html.j2", run=None, rows=[], missing=[])
            season = season_status(db, run.year)  # what `jigong status` shows: grades, open items, not submitted
            numbers = _doc_numbers(db, run, doc_number)
            rows = [
                {"name": s["name"], "grade": s["grade"] or "—", "doc_number": numbers.get(s["name"], "—"),
                 "open": s["open"]}
                for s in season["schools"]
            ]  # fmt: skip
        return render("review_list.html.j2", run=run, rows=rows, missing=season["not_submitted"])

    @app.get("/school")
    def school() -> str:
        name = request.args.get("name", "")
        with Store(store_path) as db:
            run = runs_db.latest_run(db, year)
            if run is None or name not in {n for n, _, _ in runs_db.schools_of(db, run.id)}:
                abort(404)
            context = _school_context(db, run, name, out, templates)
        memo = _memo(out, name)
        return render(
            "review_school.html.j2", run=run, name=name, memo=memo is not None, message=request.args.get("msg", ""),
            **context,
        )  # fmt: skip

    @app.post("/decide")
    def decide() -> Response:
        name = request.form.get("name", "")
        form = request.form
        try:
            with Store(store_path) as db:
                if form.get("rule"):
                    decision = take(db, name, form.get("reason", ""), year=year, rule=form["rule"],
                                    status=form.get("status", ""))  # fmt: skip
                else:
                    decision = take(db, name, form.get("reason", ""), year=year, indicator=form.get("indicator", ""),
                                    value=form.get("value", ""))  # fmt: skip
            message = f"已记录第{decision.id}条复核意见；重新生成文书后写入审查意见书。"
        except JigongError as exc:
            message = f"未记录：{exc}"
        return redirect(url_for("school", name=name, t=access.token, msg=message))

    @app.post("/withdraw")
    def withdraw() -> Response:
        name = request.form.get("name", "")
        try:
            with Store(store_path) as db:
                entry = decision_log.withdraw(db, int(request.form.get("id", "0")))
            message = f"已撤回第{entry.id}条复核意见；重新生成文书后不再采用。"
        except (JigongError, ValueError) as exc:
            message = f"未撤回：{exc}"
        return redirect(url_for("school", name=name, t=access.token, msg=message))

    @app.post("/render")
    def rerender() -> Response:
        name = request.form.get("name", "")
        with Store(store_path) as db:
            run = runs_db.latest_run(db, year)
        if run is None:
            abort(404)
        try:
            rerun(Path(run.batch), run.year, run.plan_id or None)
            message = "已按现有复核意见重新审查并生成文书，可下载审查意见书。"
        except JigongError as exc:
            message = f"未能重新生成：{exc}"
        return redirect(url_for("school", name=name, t=access.token, msg=message))

    @app.get("/memo")
    def memo() -> Response:
        path = _memo(out, request.args.get("name", ""))
        if path is None:
            abort(404)
        return send_file(path, as_attachment=True, download_name=path.name)

    return app


def _doc_numbers(db: Store, run: runs_db.RunInfo, pattern: str) -> dict[str, str]:
    """发文字号 as the run's memos carry them (the year in them is the year the run issued them)."""
    from jigong.pipeline.store import numbers as numbers_db

    issued = int(run.started_at[:4])
    return {school: pattern.format(year=issued, n=n) for school, n in numbers_db.numbers_of(db, run.year).items()}


def _memo(out: Path, name: str) -> Path | None:
    if not name:
        return None
    path = inside(out, "memos", f"{safe_name(name)}.docx")
    return path if path.is_file() else None


def _school_context(db: Store, run: runs_db.RunInfo, name: str, out: Path, templates: Path) -> dict[str, Any]:
    catalogue = resolve(run.plan_id or None, run.year)
    dictionary = load_dictionary()
    viewer = Viewer(db, Path(run.batch), lambda path: runs_db.file_digest(db, run.id, path))

    def evidence_views(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**entry, "view": viewer(entry)} for entry in entries[:EVIDENCE_SHOWN]]

    findings = []
    for found in runs_db.school_findings(db, run.id, name):
        rule = catalogue.get(found["rule"])
        findings.append(
            {**found, "title": rule.title if rule else found["rule"], "clause": rule.clause if rule else "",
             "quote": rule.quote if rule else "", "requirement": rule.requirement if rule else "",
             "severity": rule.severity if rule else "", "evidence": evidence_views(found["evidence"])}
        )  # fmt: skip
    findings.sort(key=lambda f: (f["status"] not in OPEN, f["rule"]))
    values = [
        {**v, "name": dictionary[v["code"]].name if v["code"] in dictionary else v["code"],
         "shown": figure(v["value"], v["code"]) if v["code"] in dictionary and v["value"] is not None
         else plain(v["value"])}
        for v in runs_db.school_indicators(db, run.id, name)
    ]  # fmt: skip
    decisions = [e for e in decision_log.history(db, run.year) if e.school == name]
    files = [f for f in runs_db.files_of(db, run.id) if f[0] == name]
    return {"findings": findings, "values": values, "decisions": decisions, "files": files,
            "statuses": STATUS_LABELS}  # fmt: skip


def serve(app: Flask, port: int, ready: Callable[[str], None]) -> None:
    """Serve on 127.0.0.1 until interrupted; `ready` gets the base address (http://127.0.0.1:PORT) first."""
    from waitress import create_server

    server = create_server(app, host="127.0.0.1", port=port, threads=4, ident="jigong")
    ready(f"http://127.0.0.1:{server.effective_port}")  # type: ignore[union-attr]
    server.run()


def serve_in_thread(app: Flask) -> tuple[str, Callable[[], None]]:
    """For tests: the app on a free port in a thread; returns its address and how to stop it."""
    from waitress import create_server

    server: Any = create_server(app, host="127.0.0.1", port=0, threads=4, ident="jigong")
    stopping = threading.Event()

    def loop() -> None:
        try:
            server.run()
        except (OSError, ValueError):  # the socket closed under select() by stop()
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()

    def stop() -> None:
        stopping.set()
        for channel in list(server._map.values()):  # the listening socket and every open connection
            channel.close()
        server.task_dispatcher.shutdown()
        thread.join(10)

    return f"http://127.0.0.1:{server.effective_port}", stop
