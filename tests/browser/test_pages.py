"""What a reader sees and does in a real browser, and what axe finds."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from accessibility import choose_scheme, violations
from support import PROJECT

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/index.html",
    "post": "/posts/2018/01-therapist-internalized-models.html",
    "topic index": "/topics.html",
    "topic page": "/topics/alliance.html",
    "month archive": "/archive.html",
    "bibliography": "/bibliography.html",
    "explorer": "/explorer.html?topic=alliance",
    "types": "/types.html",
    "type page": "/types/meta-analysis.html",
    "search": "/search.html?q=alliance",
}


@pytest.mark.parametrize("name", PAGES)
def test_every_request_a_page_makes_succeeds(page: Page, base_url: str, name: str) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.goto(base_url + PAGES[name], wait_until="networkidle")
    assert failed == []


def test_home_page_shows_this_months_card_and_follows_it(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGES["home"])
    card = page.locator(".pprnet-cards .sd-card").first
    expect(card).to_be_visible()
    card.get_by_role("link", name="The Effect of Therapists’ Internalized Models").click()
    expect(page).to_have_url(base_url + PAGES["post"])
    expect(page.locator(".pprnet-practice-implications")).to_be_visible()


def test_a_topic_badge_leads_to_the_topic_digest(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGES["post"])
    page.locator(".pprnet-post-header a.pprnet-topic", has_text="Attachment").click()
    expect(page).to_have_url(base_url + "/topics/attachment.html")
    expect(page.locator("h1")).to_contain_text("Attachment")
    expect(page.locator(".pprnet-digest-entry")).to_have_count(1)


def test_practice_implications_stand_out_in_both_modes(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGES["post"])
    title = page.locator(".pprnet-practice-implications > .admonition-title")
    colours = {}
    for mode in ("light", "dark"):
        choose_scheme(page, mode)
        colours[mode] = title.evaluate("node => getComputedStyle(node).backgroundColor")
    body = page.locator("article p").first.evaluate("n => getComputedStyle(n).backgroundColor")
    assert colours["light"] != colours["dark"]
    assert body not in colours.values()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(page: Page, base_url: str, name: str, mode: str) -> None:
    page.emulate_media(color_scheme=mode)
    page.goto(base_url + PAGES[name])
    choose_scheme(page, mode)
    assert violations(page) == []


def test_the_copy_button_copies_the_summary_citation(page: Page, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(base_url + PAGES["post"])
    citation = page.locator(".pprnet-cite-this .pprnet-citation").inner_text()
    button = page.locator(".pprnet-cite-this button.pprnet-copy")
    expect(button).to_have_text("Copy citation")
    button.click()
    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == citation.strip()


@pytest.mark.parametrize(
    ("link", "filename", "start"),
    [("BibTeX", "steel2017systematic.bib", "@article{steel2017systematic,"),
     ("RIS", "steel2017systematic.ris", "TY  - JOUR\n")],
)  # fmt: skip
def test_a_download_link_saves_the_summarised_articles_reference(
    page: Page, base_url: str, link: str, filename: str, start: str
) -> None:
    page.goto(base_url + PAGES["post"])
    with page.expect_download() as started:
        page.locator(f'.pprnet-downloads a:text-is("{link}")').click()
    download = started.value
    assert download.suggested_filename == filename
    assert download.path().read_text(encoding="utf-8").startswith(start)
    assert page.url == base_url + PAGES["post"], "the reader stays on the summary"


def test_a_citation_leads_to_its_bibliography_entry_and_back(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGES["post"])
    page.locator(".pprnet-bibliography-link a").first.click()
    expect(page).to_have_url(base_url + "/bibliography.html#ref-steel2017systematic")
    entry = page.locator("#ref-steel2017systematic")
    entry.locator(".pprnet-summarised-in a").first.click()
    expect(page).to_have_url(base_url + PAGES["post"])


def test_the_contact_address_becomes_a_mail_link_in_the_browser_only(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + PAGES["post"])
    link = page.locator(".pprnet-contact a")
    expect(link).to_have_text("katiecatherinesteel@gmail.com")
    expect(link).to_have_attribute("href", "mailto:katiecatherinesteel@gmail.com")


def test_without_javascript_the_contact_address_reads_as_words(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGES["post"])
    expect(page.locator(".pprnet-contact")).to_contain_text("katiecatherinesteel at gmail dot com")
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_a_first_visit_logs_no_error_and_the_policy_blocks_nothing(
    page: Page, base_url: str, name: str
) -> None:
    """No error in the console on a first visit (nothing stored yet): no policy violation, no
    complaint of the theme's (it once logged "Got invalid theme mode" on every page)."""
    errors: list[str] = []
    page.on(
        "console",
        lambda m: errors.append(m.text) if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + PAGES[name], wait_until="networkidle")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_the_boxes_keep_their_padding_and_a_title_has_no_stray_permalink(
    page: Page, base_url: str, width: int
) -> None:
    """The theme takes the side padding off every container; the cite box and the take-home,
    containers, keep theirs."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + PAGES["post"])
    sides = "e => [getComputedStyle(e).paddingLeft, getComputedStyle(e).paddingRight]"
    assert page.locator(".pprnet-cite-this").evaluate(sides) == ["16px", "16px"]
    assert page.locator(".pprnet-take-home").evaluate(sides) == ["16px", "0px"]
    assert page.locator("h1").first.locator("a.headerlink").is_hidden()


POSTS = sorted(
    "/" + path.relative_to(PROJECT).with_suffix(".html").as_posix()
    for path in (PROJECT / "posts").rglob("*.md")
)


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize(("width", "height"), [(375, 667), (1280, 800)])
def test_the_take_home_is_on_the_first_screen(
    page: Page, base_url: str, width: int, height: int, path: str
) -> None:
    """A phone's and a laptop's first screen show the title in at most three lines, and the
    take-home and its link down to the practice implications, above the summary itself."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(base_url + path)
    lines = page.locator("h1").first.evaluate(
        "h => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)"
    )
    assert round(lines) <= 3
    box = page.locator(".pprnet-take-home").bounding_box()
    link = page.locator(".pprnet-take-home a").bounding_box()
    assert box is not None and link is not None
    assert box["y"] + box["height"] <= height and link["y"] + link["height"] <= height


@pytest.mark.parametrize("name", PAGES)
def test_on_a_phone_no_heading_is_larger_than_the_pages_title(
    page: Page, base_url: str, name: str
) -> None:
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(base_url + PAGES[name])
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('[role=main] :is(h1, h2, h3)')]
              .map(h => [h.tagName, parseFloat(getComputedStyle(h).fontSize)])"""
    )
    title = sizes[0][1]
    assert sizes[0][0] == "H1" and title <= 1.35 * 16
    assert [size for size in sizes[1:] if size[1] > title] == []


def test_a_readers_dark_choice_holds_on_the_next_page_from_its_first_paint(
    page: Page, base_url: str
) -> None:
    """The theme applies the stored choice in a script that runs before any content is parsed,
    so no page shows in the wrong scheme first."""
    page.goto(base_url + PAGES["home"])
    choose_scheme(page, "dark")
    page.goto(base_url + PAGES["post"], wait_until="domcontentloaded")
    first = page.evaluate("document.body.firstElementChild.outerHTML")
    assert first.startswith("<script>") and "dataset.theme" in first
    assert page.evaluate("document.body.dataset.theme") == "dark"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
