"""What a reader does beyond browsing: prints a handout, reads on a phone, subscribes (search:
test_search.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import Page, expect

from accessibility import choose_scheme
from support import PROJECT

pytestmark = pytest.mark.browser

POSTS = sorted(
    "/" + path.relative_to(PROJECT).with_suffix(".html").as_posix()
    for path in (PROJECT / "posts").rglob("*.md")
)
ADOLESCENTS = "/posts/2017/10-alliance-adolescents.html"
PAGES = [
    "/index.html",
    "/explorer.html",
    "/explorer.html?topic=alliance",
    "/topics.html",
    "/topics/alliance.html",
    "/types.html",
    "/types/meta-analysis.html",
    "/archive.html",
    "/bibliography.html",
    "/search.html?q=alliance",
    *POSTS,
]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("path", POSTS)
def test_a_post_prints_as_a_handout_of_at_most_two_pages(
    page: Page, base_url: str, path: str
) -> None:
    page.goto(base_url + path)
    page.emulate_media(media="print")
    for shown in (
        "h1",
        ".pprnet-print-url",
        ".pprnet-post-header .pprnet-month",
        ".pprnet-post-header .pprnet-reference",
        "article > section > p:not([class])",
        ".pprnet-practice-implications",
        ".pprnet-post-header .pprnet-type",  # the type of research
    ):
        expect(page.locator(shown).first).to_be_visible()
    url = page.locator(".pprnet-print-url").inner_text()
    assert url == f"https://pprnet.github.io/archive{path}"
    present = set()
    for hidden in (
        ".mobile-header",
        ".sidebar-drawer",
        ".toc-drawer",
        ".page footer",
        ".content-icon-container",
        ".theme-toggle",
        ".back-to-top",
        ".pprnet-prev-next",
        ".pprnet-related",
        ".pprnet-cite-this",
        "button.pprnet-copy",
        ".pprnet-references",
        ".pprnet-bibliography-link",
        "a.headerlink",
        ".pprnet-post-header .pprnet-topic",
    ):
        matches = page.locator(hidden)
        for index in range(matches.count()):
            expect(matches.nth(index)).to_be_hidden()
            present.add(hidden)
    assert {
        ".mobile-header",
        ".pprnet-cite-this",
        "button.pprnet-copy",
        ".pprnet-related",
    } <= present
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 1 <= pages <= 2


def test_the_handout_is_black_on_white_in_dark_mode(page: Page, base_url: str) -> None:
    page.goto(base_url + ADOLESCENTS)
    choose_scheme(page, "dark")
    page.emulate_media(media="print")
    colours = page.locator("article p").first.evaluate(
        "node => [getComputedStyle(node).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(page: Page, base_url: str, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client


def feed_links(page: Page) -> list[tuple[str, str]]:
    links = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    return [
        (
            links.nth(index).get_attribute("title") or "",
            links.nth(index).get_attribute("href") or "",
        )
        for index in range(links.count())
    ]


def fetch_feed(page: Page, href: str) -> ET.Element:
    response = page.request.get(href)
    assert response.ok
    assert response.body().startswith(b"<?xml")
    return ET.fromstring(response.body())  # noqa: S314 (the site's own feed)


@pytest.mark.parametrize("path", ["/index.html", ADOLESCENTS, "/explorer.html", "/archive.html"])
def test_every_page_advertises_the_feed_of_all_summaries(
    page: Page, base_url: str, path: str
) -> None:
    page.goto(base_url + path)
    links = feed_links(page)
    assert [title for title, _ in links] == ["PPRNet research archive"]
    feed = fetch_feed(page, page.evaluate(f"new URL('{links[0][1]}', location.href).href"))
    assert len(feed.findall(f"{ATOM}entry")) == 6


def test_a_topic_page_advertises_its_own_feed(page: Page, base_url: str) -> None:
    page.goto(base_url + "/topics/alliance.html")
    links = feed_links(page)
    assert [title for title, _ in links] == [
        "PPRNet research archive",
        "PPRNet research archive: Alliance and Therapeutic Relationship",
    ]
    feed = fetch_feed(page, f"{base_url}/topics/{links[1][1]}")
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert len(titles) == 4
    assert "Therapeutic Alliance in the Treatment of Adolescents" in titles
