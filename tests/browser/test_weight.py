"""What each page costs a reader on a cold load, served compressed as GitHub Pages serves it:
the bytes of every response against the budget, and no stylesheet of which the page uses less
than a tenth (Chromium's CSS rule usage, at a phone's and a laptop's width, light and dark)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from audit import PAGES
from serving import serve_compressed
from support import BuildResult

BUDGET = 60_000  # bytes, every response of a cold load, compressed
MIN_USED = 0.10  # the share of a stylesheet's bytes a page must use


@pytest.fixture(scope="module")
def compressed(site: BuildResult) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    with serve_compressed(site.outdir) as served:
        yield served


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [375, 1280])
def test_a_cold_load_stays_within_the_budget(
    browser: Browser, compressed: tuple[str, list[tuple[str, int]]], path: str, width: int
) -> None:
    base, sent = compressed
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    sent.clear()
    page.goto(f"{base}/{path}", wait_until="networkidle")
    context.close()
    total = sum(size for _, size in sent)
    assert sent and sent[0][0] == f"/{path}"
    assert total <= BUDGET, sorted(sent, key=lambda item: -item[1])


def rule_usage(page: Page, url: str, media: str) -> dict[str, float]:
    """The share of each stylesheet's bytes in rules the page uses, on screen (light and dark, at
    a phone's and a laptop's width: a rule counts if any of them uses it) or in print."""
    used: dict[str, set[tuple[int, int]]] = {}
    length: dict[str, int] = {}
    for width in (375, 1280) if media == "screen" else (1280,):
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(media="screen", color_scheme="light")
        cdp = page.context.new_cdp_session(page)
        sheets: dict[str, str] = {}

        def added(event: dict[str, Any], sheets: dict[str, str] = sheets) -> None:
            header = event["header"]
            if "/_static/" in header.get("sourceURL", ""):
                name = header["sourceURL"].split("/_static/")[-1].split("?")[0]
                sheets[header["styleSheetId"]] = name
                length[name] = int(header["length"])

        cdp.on("CSS.styleSheetAdded", added)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        cdp.send("CSS.startRuleUsageTracking")
        page.goto(url, wait_until="networkidle")
        if media == "screen":
            page.emulate_media(color_scheme="dark")
        else:
            page.emulate_media(media="print")
        page.evaluate("document.body.getBoundingClientRect()")  # styles computed again
        for rule in cdp.send("CSS.stopRuleUsageTracking")["ruleUsage"]:
            if rule["used"] and rule["styleSheetId"] in sheets:
                span = (int(rule["startOffset"]), int(rule["endOffset"]))
                used.setdefault(sheets[rule["styleSheetId"]], set()).add(span)
        cdp.detach()
    return {
        name: sum(end - start for start, end in used.get(name, ())) / total
        for name, total in length.items()
        if total
    }


@pytest.mark.parametrize("path", PAGES)
def test_no_page_loads_a_stylesheet_it_hardly_uses(
    page: Page, compressed: tuple[str, list[tuple[str, int]]], path: str
) -> None:
    base, _ = compressed
    on_screen = rule_usage(page, f"{base}/{path}", "screen")
    # The handout's stylesheet (media="print") is judged as the page prints, the others on screen.
    printed = rule_usage(page, f"{base}/{path}", "print")["pprnet-print.css"]
    usage = {**on_screen, "pprnet-print.css": printed}
    assert {"pprnet.css", "styles/furo.css"} <= usage.keys()
    low = {name: f"{share:.1%}" for name, share in usage.items() if share < MIN_USED}
    assert low == {}
