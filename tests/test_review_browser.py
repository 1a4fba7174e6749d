"""The review page and the run report in a real browser: Debian's chromium driven by Playwright.

Playwright's own browser download cannot work here, so the system browser is launched through
``executable_path``; the test skips (with the reason) without chromium or the playwright package.
``ESGTEXT_UPDATE_SCREENSHOT=1`` also writes the README's screenshot, ``docs/review.png``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install 'esgtext[serve]')")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

from serve_helpers import REPO, Server  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
RELEASE = REPO / "corpus" / "fr" / "accents" / "centrale-solaire-venissieux_deleted-accents.txt"


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # a chromium Playwright cannot drive
            pytest.skip(f"chromium does not start under Playwright: {' '.join(str(exc).split())[:200]}")
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tiny_spm_model, tmp_path_factory):
    env = {"ESGTEXT_MODELS_DIR": str(tmp_path_factory.mktemp("no-models"))}
    with Server(["--model", f"fr-en={tiny_spm_model}"], env=env) as s:
        yield s
    assert "Traceback" not in s.log


def watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # a form post answered with an attachment becomes a download: Chromium reports its navigation
    # as aborted, which is no error
    page.on("requestfailed", lambda r: None if r.url.endswith("/records") else problems.append(
        f"request failed: {r.url} {r.failure}"))
    return problems


def test_review_page_paste_see_edits_reject_one_and_download(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    problems = watch(page)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server.url, "data:", "blob:")) else None)
    page.goto(server.url + "/")
    assert page.title() == "esgtext review"

    # paste seed-like damaged French (accents deleted) and review it
    damaged = RELEASE.read_text(encoding="utf-8")
    page.locator("#text").focus()
    page.keyboard.insert_text(damaged)
    with page.expect_navigation():
        page.locator("#review-button").click()
    marks = page.locator("td.repaired mark.edit")
    assert marks.count() >= 10

    # hover an edit: before -> after and the reason
    first = marks.first
    first.hover()
    tip = page.locator(f"#{first.get_attribute('aria-describedby')}")
    assert tip.is_visible()
    assert "→" in tip.inner_text() and tip.locator(".tip-reason").inner_text().strip()
    page.mouse.move(0, 0)
    assert not tip.is_visible()

    # the same with the keyboard: focus shows the tip, Tab reaches its Reject button, Enter rejects
    row = page.locator("tr:has(td.repaired mark.edit)").nth(1)
    row_index = int(row.get_attribute("data-row"))
    mark = row.locator("td.repaired mark.edit").first
    edit_index = int(mark.get_attribute("data-edit"))
    records_before = json.loads(page.locator("#records-data").text_content())
    edit = records_before[row_index]["edits"][edit_index]
    mark.focus()
    tip = page.locator(f"#{mark.get_attribute('aria-describedby')}")
    assert tip.is_visible() and edit["after"] in tip.inner_text()
    page.evaluate("window.scrollTo(0, document.getElementById('results').offsetTop - 10)")
    mark.focus()
    assert tip.is_visible()
    if os.environ.get("ESGTEXT_UPDATE_SCREENSHOT") == "1":
        (REPO / "docs").mkdir(exist_ok=True)
        page.screenshot(path=str(REPO / "docs" / "review.png"))
    page.screenshot(path=str(tmp_path / "review.png"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "reject"
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('status').textContent.includes('Edit rejected')")

    # the sentence is rebuilt without the edit, translated again, and the rest stays
    repaired = row.locator("td.repaired")
    assert edit["before"] in repaired.inner_text()
    assert row.locator("td.repaired mark.edit").count() == len(records_before[row_index]["edits"]) - 1
    target = row.locator("td.target").inner_text()
    assert target.strip() and "rejected-edit" in target
    assert page.locator("td.target").count() == len(records_before)
    assert all(t.strip() for t in page.locator("td.target").all_inner_texts())

    # download the records as JSONL: they hold the rejection
    with page.expect_download() as info:
        page.locator("#download-jsonl").click()
    download = info.value
    assert download.suggested_filename.endswith(".jsonl")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    from esgtext.records import row_to_dict  # the file holds typed rows (flags, edits as JSON text)

    lines = [row_to_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(records_before)
    changed = lines[row_index]
    assert len(changed["edits"]) == len(records_before[row_index]["edits"]) - 1
    assert any(f.startswith("rejected-edit:") for f in changed["flags"])
    assert changed["status"] == "translated" and changed["target"]
    assert [r["source"] for i, r in enumerate(lines) if i != row_index] == \
        [r["source"] for i, r in enumerate(records_before) if i != row_index]

    assert not problems, problems
    assert not outside, outside  # nothing but this server: no CDN
    context.close()


def test_review_page_drop_a_file(browser, server, tmp_path):
    page = browser.new_page()
    problems = watch(page)
    page.goto(server.url + "/")
    page.set_input_files("#file", files=[{"name": "release.txt", "mimeType": "text/plain",
                                          "buffer": RELEASE.read_bytes()}])
    with page.expect_navigation():
        page.keyboard.press("Tab")  # the keyboard reaches the button
        page.locator("#review-button").press("Enter")
    assert "release.txt" in page.locator("#results").inner_text()
    assert page.locator("td.repaired mark.edit").count() >= 10
    assert not problems, problems
    page.close()


def test_report_html_opens_without_console_errors_and_shows_the_summary(browser, tmp_path, monkeypatch):
    from esgtext.pipeline import Translator, translate_folder
    from esgtext.report import write_report

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))
    inbox = tmp_path / "inbox"
    (inbox / "fr").mkdir(parents=True)
    shutil.copy(RELEASE, inbox / "fr" / "release.txt")
    (inbox / "en.txt").write_text("The company published its report.\n", encoding="utf-8")
    (inbox / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "out"
    summary = translate_folder([inbox], out, translator=Translator.untranslated())
    report = write_report(out, summary)

    page = browser.new_page()
    problems = watch(page)
    page.goto(report.as_uri())
    shown = {el.get_attribute("data-count"): int(el.inner_text()) for el in page.locator("[data-count]").all()}
    assert shown["files"] == summary.files and shown["failed"] == summary.failed
    assert shown["segments"] == summary.segments
    for key in ("translated", "kept", "boilerplate", "untranslated"):
        assert shown[key] == getattr(summary, key)
    assert page.locator("svg").count() == 4
    link = page.locator("#attention a").first
    assert link.inner_text() == "fr/release.txt"
    link.click()
    page.wait_for_load_state()
    assert re.search(r"/\.esgtext/review/.+\.html$", page.url)
    assert page.locator("td.repaired mark.edit").count() >= 10
    page.locator("td.repaired mark.edit").first.focus()
    assert page.locator(".tip:visible").count() == 1
    assert not problems, problems
    page.close()
