"""The editor's page in a real browser: Debian's chromium, driven headless by Playwright.

Starts the server on a free loopback port, pastes the worked example, checks
it, and asserts one highlight per claim, that a click opens that claim's
panel, that a status survives a reload and that the Markdown export carries
it; then opens the ``--format html`` file offline.  Skips only when no
chromium is installed (CI installs it).  Set ``CLAIMCHECK_SCREENSHOT`` to a
path to keep the screenshot (how docs/serve.png is made).
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright import sync_api

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium found (Debian: apt-get install chromium); CI installs it")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(engine) -> Iterator[str]:
    import uvicorn

    from claimcheck.serve.app import create_app
    from claimcheck.serve.settings import ServeSettings

    port = _free_port()
    config = uvicorn.Config(create_app(ServeSettings(port=port), engine=engine), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def test_serve_browser_check_highlight_panel_status_export(server: str, browser, example_text: str, example_report, tmp_path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + "/")
    page.fill("#text", example_text)
    page.fill("#published", "2024-06-19")
    page.click("#check")
    page.wait_for_selector("body[data-checked]", timeout=60_000)

    # One highlight per claim, each claim highlighted once.
    ids = page.eval_on_selector_all("mark.cc-claim", "marks => marks.map(m => m.dataset.claim)")
    assert sorted(ids) == sorted(c.id for c in example_report.claims)
    assert page.locator(".cc-finding").count() > 0

    # A click opens that claim's panel.
    top = example_report.claims[0]
    target = next(c for c in example_report.claims if c.id != top.id and c.attribution and c.attribution.speaker)
    page.click(f'mark.cc-claim[data-claim="{target.id}"] >> nth=0', position={"x": 3, "y": 5})
    panel = page.locator("#cc-panel")
    assert panel.is_visible() and panel.get_attribute("data-claim") == target.id
    panel_text = panel.inner_text()
    assert target.text in panel_text and f"{target.score:.2f}" in panel_text and target.attribution.speaker in panel_text
    page.evaluate("() => { window.scrollTo(0, 0); document.querySelector('.cc-side').scrollTop = 0; }")
    shot = Path(os.environ.get("CLAIMCHECK_SCREENSHOT") or tmp_path / "serve.png")
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    # The sidebar lists the claims most check-worthy first; a status survives a reload.
    listed = page.eval_on_selector_all("#cc-claim-list li", "items => items.map(li => li.dataset.claim)")
    assert listed[0] == top.id
    page.select_option(f'#cc-claim-list li[data-claim="{top.id}"] select', "checked")
    page.click(f'#cc-claim-list li[data-claim="{top.id}"] button')
    assert page.locator("#cc-panel").get_attribute("data-claim") == top.id

    with page.expect_download() as download:
        page.click('button[data-export="markdown"]')
    checklist = Path(download.value.path()).read_text(encoding="utf-8")
    assert "- [x] 1. " in checklist and checklist.count("- [ ] ") == len(example_report.claims) - 1

    page.reload()
    page.fill("#text", example_text)
    page.fill("#published", "2024-06-19")
    page.click("#check")
    page.wait_for_selector("body[data-checked]", timeout=60_000)
    assert page.input_value(f'#cc-claim-list li[data-claim="{top.id}"] select') == "checked"

    # Everything the page loaded came from the server itself.
    assert requested and all(url.startswith((server, "blob:")) for url in requested)
    context.close()


def test_serve_browser_upload_a_word_file(server: str, browser, example_text: str, example_report, tmp_path) -> None:
    from tests.text.documents import as_docx

    path = tmp_path / "article.docx"
    path.write_bytes(as_docx(example_text))
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/")
    page.set_input_files("#file", str(path))
    page.fill("#published", "2024-06-19")
    page.click("#check")
    page.wait_for_selector("body[data-checked]", timeout=60_000)
    marks = page.eval_on_selector_all("mark.cc-claim", "marks => marks.map(m => [m.dataset.claim, m.textContent])")
    assert sorted(text for _, text in marks) == sorted(c.text for c in example_report.claims)
    context.close()


def test_serve_browser_html_format_opens_offline(browser, example_report, tmp_path) -> None:
    from claimcheck.formats.html import HtmlFormat

    out = io.StringIO()
    fmt = HtmlFormat()
    fmt.write(example_report, out)
    fmt.close(out)
    path = tmp_path / "report.html"
    path.write_text(out.getvalue(), encoding="utf-8")
    context = browser.new_context(offline=True)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_selector("mark.cc-claim")
    assert page.locator("mark.cc-claim").count() == len(example_report.claims)
    first = example_report.claims[0]
    page.click(f'#cc-claim-list li[data-claim="{first.id}"] button')
    assert page.locator("#cc-panel").get_attribute("data-claim") == first.id
    assert requested == [path.as_uri()]
    context.close()
