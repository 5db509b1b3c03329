"""axe-core on a page, as the accessibility tests read it, and the colour scheme a reader
chooses."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page


def violations(page: Page) -> list[tuple[str, str, list[str]]]:
    """Every axe violation of the page, at every impact level (minor and moderate too), each
    with its impact and the elements at fault. No rule is disabled."""
    results = Axe().run(page)
    assert len(results.response["passes"]) > 10, "axe checked the page"
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
    ]


def choose_scheme(page: Page, mode: str) -> None:
    """Show the page in `mode` ("light", "dark" or "auto") as the theme's toggle does: the
    choice is stored for the next pages and applied to this one."""
    page.evaluate(
        "mode => { localStorage.setItem('theme', mode); document.body.dataset.theme = mode; }",
        mode,
    )
