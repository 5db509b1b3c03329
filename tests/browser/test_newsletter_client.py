"""The newsletter's HTML in Chromium, as a mail client shows it: a file that requests nothing,
one column without horizontal scroll at 600 and 375 px, light and with a forced dark scheme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from support import ROOTS, BuildResult, newsletter_build

pytestmark = pytest.mark.browser

WIDTHS = (600, 375)


@pytest.fixture(scope="module")
def issue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built: BuildResult = newsletter_build(
        ROOTS / "test-archive", tmp_path_factory.mktemp("newsletter"), "2021-05"
    )
    assert built.returncode == 0, built.stderr
    return built.outdir / "2021-05.html"


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def opened(request: pytest.FixtureRequest, browser: Browser, issue: Path) -> Iterator[Page]:
    """The message opened at a width, every request it makes recorded."""
    width: int = request.param
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda sent: requests.append(sent.url))
    page.goto(issue.as_uri(), wait_until="load")
    page.requests = requests  # type: ignore[attr-defined]
    yield page
    context.close()


def overflow(page: Page) -> int:
    """How far the message is wider than the window (0: no horizontal scroll)."""
    width: int = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )
    return width


def test_the_message_requests_nothing_but_itself(opened: Page, issue: Path) -> None:
    assert opened.requests == [issue.as_uri()]  # type: ignore[attr-defined]


def test_one_column_without_horizontal_scroll(opened: Page, tmp_path: Path) -> None:
    width = opened.viewport_size["width"] if opened.viewport_size else 0
    assert overflow(opened) <= 0
    column = opened.locator("table.pprnet-column").bounding_box()
    assert column is not None
    assert column["width"] <= min(600, width)
    # Centred: the same margin on both sides (to a pixel).
    assert abs(column["x"] - (width - column["x"] - column["width"])) <= 1
    summaries = opened.locator(".pprnet-summary h2 a").all_inner_texts()
    assert summaries == ["Therapist Empathy and Client Outcome", "Why Adherence Is Not Enough"]
    opened.screenshot(path=str(tmp_path / f"light-{width}.png"), full_page=True)


def test_a_forced_dark_scheme_keeps_it_readable_and_in_one_column(
    opened: Page, tmp_path: Path
) -> None:
    # Chromium's own forced dark mode, which inverts a light-only page as mail apps do.
    session = opened.context.new_cdp_session(opened)
    session.send("Emulation.setAutoDarkModeOverride", {"enabled": True})
    # The contrast of every pair, inverted, is measured in tests/ext/test_newsletter_root.py; here,
    # the inverted message keeps its one column.
    assert overflow(opened) <= 0
    assert opened.locator(".pprnet-summary").count() == 2
    width = opened.viewport_size["width"] if opened.viewport_size else 0
    opened.screenshot(path=str(tmp_path / f"dark-{width}.png"), full_page=True)
