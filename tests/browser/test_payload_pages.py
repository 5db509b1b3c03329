"""The payload sweep in a real browser: no page of the payload site, and no search for a
payload, opens a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page

from support import PAYLOAD_PAGES, BuildResult

pytestmark = pytest.mark.browser

QUERIES = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "alert"]


def test_no_page_or_search_opens_a_dialog(
    page: Page, payload_url: str, payload_site: BuildResult
) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    pages = sorted(
        path.relative_to(payload_site.outdir).as_posix()
        for path in Path(payload_site.outdir).rglob("*.html")
    )
    assert set(pages) >= PAYLOAD_PAGES
    for path in pages:
        page.goto(f"{payload_url}/{path}", wait_until="load")
    for query in QUERIES:
        page.goto(f"{payload_url}/search.html?q={query}", wait_until="load")
        page.wait_for_selector("form.pprnet-search[data-ready]", state="attached")
    assert dialogs == []
