"""`jigong review` driven in a real browser (Debian's chromium through its chromedriver): open a school, confirm
one finding, correct one value, check the store, re-render and read the new memo back; no token, no page; a
school name holding <script> shows as text."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from jigong.pipeline.job import run
from jigong.pipeline.review import decision_log
from jigong.pipeline.review.browser import Access, create_app, serve_in_thread
from jigong.pipeline.settings import TEMPLATES_DIR, Settings
from jigong.pipeline.store import Store

SONGHU = "东莞市松湖高级技工学校"
DAY = dt.date(2026, 3, 2)
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1280,1600"):  # fmt: skip
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _serve(out: Path, batch: Path) -> tuple[str, Access, Callable[[], None]]:
    access = Access.new()
    store = out / "jigong.sqlite"

    def rerun(_: Path, year: int, plan: str | None) -> None:
        run(Settings(batch, out, year=year, plan=plan, store=store, today=DAY))

    app = create_app(store, out, TEMPLATES_DIR, access, rerun)
    base, stop = serve_in_thread(app)
    return base, access, stop


@pytest.fixture
def season(demo_run, demo_batch, tmp_path: Path) -> Iterator[tuple[str, Access, Path]]:
    """The demo run's output folder and store, copied: the tests write decisions into it."""
    out = tmp_path / "out"
    shutil.copytree(demo_run[2], out)
    base, access, stop = _serve(out, demo_batch[0])
    yield base, access, out
    stop()


def _submit(browser: webdriver.Chrome, button: str) -> str:
    """Press a button that posts its form; the message on the page that comes back."""
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, button).click()
    WebDriverWait(browser, 120).until(expected_conditions.staleness_of(page))
    return browser.find_element(By.CSS_SELECTOR, ".message").text


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_a_request_without_the_token_is_refused(season) -> None:
    base, access, _ = season
    assert _get(f"{base}/")[0] == 403
    assert _get(f"{base}/?t=wrong")[0] == 403
    status, page = _get(f"{base}/?t={access.token}")
    assert status == 200 and SONGHU in page.decode("utf-8")
    # a write with the token but without the page's CSRF value is refused too
    data = urllib.parse.urlencode({"t": access.token, "name": SONGHU, "rule": "R03", "status": "pass",
                                   "reason": "x"}).encode()  # fmt: skip
    try:
        urllib.request.urlopen(urllib.request.Request(f"{base}/decide", data=data), timeout=30)
        refused = False
    except urllib.error.HTTPError as exc:
        refused = exc.code == 403
    assert refused


def test_confirm_correct_rerender_and_read_the_memo(season, browser: webdriver.Chrome) -> None:
    base, access, out = season
    browser.get(f"{base}/?t={access.token}")
    browser.find_element(By.LINK_TEXT, SONGHU).click()
    WebDriverWait(browser, 30).until(lambda b: b.find_element(By.TAG_NAME, "h1").text == SONGHU)
    # the evidence is shown as it looks in the file: a table row under its header, or the paragraph, or the page
    assert browser.find_elements(By.CSS_SELECTOR, ".evidence table, .evidence .quote, .evidence img")

    # confirm one finding: R03 (就业率) as it stands, with a reason
    kept = Select(browser.find_element(By.ID, "status-R03")).first_selected_option.get_attribute("value")
    browser.find_element(By.ID, "reason-R03").send_keys("已核对就业台账")
    assert "已记录第" in _submit(browser, "decide-R03")

    # correct one value
    browser.find_element(By.ID, "value-employment_rate").send_keys("98.5")
    browser.find_element(By.ID, "vreason-employment_rate").send_keys("按就业证明材料更正")
    assert "已记录第" in _submit(browser, "correct-employment_rate")

    with Store(out / "jigong.sqlite") as db:
        entries = [e for e in decision_log.history(db) if e.school == SONGHU and e.in_force]
    assert {(e.kind, e.target) for e in entries} == {("rule", "R03"), ("indicator", "employment_rate")}
    assert next(e for e in entries if e.kind == "rule").status == kept
    assert next(e for e in entries if e.kind == "indicator").value == 98.5

    # re-render, then read the memo the page offers
    assert "已按现有复核意见重新审查" in _submit(browser, "rerender")
    href = browser.find_element(By.ID, "memo").get_attribute("href")
    status, body = _get(str(href))
    assert status == 200
    memo = out / "downloaded.docx"
    memo.write_bytes(body)
    text = "\n".join(p.text for p in docx.Document(str(memo)).paragraphs)
    assert "按就业证明材料更正" in text and "已核对就业台账" in text


def test_a_school_name_holding_script_shows_as_text(tmp_path: Path, browser: webdriver.Chrome) -> None:
    name = "东莞市<script>window.pwned=1</script>技工学校"
    school = tmp_path / "batch" / name
    school.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("本年度全日制在校生1,200人，毕业生300人。")
    document.save(str(school / "年度报告.docx"))
    out = tmp_path / "out"
    run(Settings(tmp_path / "batch", out, year=2025, today=DAY))
    base, access, stop = _serve(out, tmp_path / "batch")
    try:
        browser.get(f"{base}/?t={access.token}")
        listed = browser.find_element(By.TAG_NAME, "tbody").text
        assert "<script>" in listed
        assert browser.execute_script("return window.pwned === undefined")
        browser.find_element(By.PARTIAL_LINK_TEXT, "<script>").click()
        WebDriverWait(browser, 30).until(lambda b: "<script>" in b.find_element(By.TAG_NAME, "h1").text)
        assert browser.execute_script("return window.pwned === undefined")
    finally:
        stop()


def test_two_inspectors_on_one_store_lose_no_decision(season, demo_batch) -> None:
    base, access, out = season
    other, other_access, stop = _serve(out, demo_batch[0])  # a second review on the same store
    try:
        rules = ["R01", "R02", "R03", "R04", "R05", "R06"]

        def post(i: int) -> int:
            address, secrets = (base, access) if i % 2 else (other, other_access)
            form = {"t": secrets.token, "csrf": secrets.csrf, "name": SONGHU, "rule": rules[i],
                    "status": "review", "reason": f"并发复核{i}"}  # fmt: skip
            request = urllib.request.Request(f"{address}/decide", data=urllib.parse.urlencode(form).encode())
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status

        with ThreadPoolExecutor(len(rules)) as pool:
            assert list(pool.map(post, range(len(rules)))) == [200] * len(rules)
    finally:
        stop()
    with Store(out / "jigong.sqlite") as db:
        taken = {e.target for e in decision_log.history(db) if e.reason.startswith("并发复核")}
    assert taken == set(rules)


def test_report_html_shows_the_evidence_of_open_findings_as_it_looks(demo_run) -> None:
    html = (demo_run[2] / "report.html").read_text(encoding="utf-8")
    sections = {
        m.group(1): m.group(0)
        for m in re.finditer(r'<details class="finding" id="f-(\d+-R\d\d)".*?</details>', html, re.S)
    }
    opened = [s for s in sections.values() if 'data-status="pass"' not in s and "<blockquote>" in s]
    assert opened and all('class="context"' in s or 'class="crop"' in s for s in opened)
    assert not any(
        'class="context"' in s or 'class="crop"' in s for s in sections.values() if 'data-status="pass"' in s
    )
    assert html.count('<img class="crop" src="data:image/png;base64,') >= 1  # a PDF page, cut and marked


def test_jigong_review_prints_its_address_first_and_ends_on_ctrl_c(demo_run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(demo_run[2], out)
    command = [sys.executable, "-c", "from jigong.cli import main; main()", "review", "--out", str(out), "--port", "0",
               "--no-browser"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    try:
        address = (server.stdout.readline() if server.stdout else "").strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?t=[\w-]{20,}", address), address
        assert _get(address)[0] == 200
        assert _get(address.split("?")[0])[0] == 403
    finally:
        server.send_signal(signal.SIGINT)
        rest, _ = server.communicate(timeout=30)
    assert server.returncode == 0 and "复核网页已关闭" in rest
