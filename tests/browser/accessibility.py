"""axe-core on a page, as the accessibility tests read it."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page


def serious_violations(page: Page) -> list[tuple[str, list[str]]]:
    """The critical and serious axe violations of the page, each with the elements at fault."""
    results = Axe().run(page)
    assert len(results.response["passes"]) > 10, "axe checked the page"
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
