"""The search page in a real browser: what it finds and leaves out, the groups of search terms,
the filters and the address, the bibliography's entries, the keyboard, without JavaScript,
and axe. Which page comes first for 21 queries: test_search_quality.py."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from accessibility import choose_scheme, violations
from support import PROJECT

pytestmark = pytest.mark.browser

TITLES = {
    line.removeprefix("# ")
    for path in (PROJECT / "posts").rglob("*.md")
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.startswith("# ")
}
ADOLESCENTS = "Therapeutic Alliance in the Treatment of Adolescents"
RESULT_TITLES = ".pprnet-search-result .pprnet-search-title a"


def open_search(page: Page, base_url: str, address: str) -> None:
    page.goto(f"{base_url}/search.html{address}")
    expect(page.locator("form.pprnet-search[data-ready]")).to_have_count(1)


def results(page: Page, base_url: str, query: str, **filters: str) -> list[str]:
    """The titles of the results for `query`, in order."""
    extra = "".join(f"&{name}={value}" for name, value in filters.items())
    open_search(page, base_url, f"?q={quote(query)}{extra}")
    return page.locator(RESULT_TITLES).all_inner_texts()


def summaries(titles: list[str]) -> list[str]:
    return [title for title in titles if title in TITLES]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Zilcha-Mano", "Is the Alliance Really Therapeutic?"),  # the article's author
        ("Hutton", ADOLESCENTS),
        ("renegotiate", ADOLESCENTS),  # in its practice implications only
        ("empathic", "The Importance of Psychosocial Factors in Mental Health Treatment"),
    ],
)
def test_a_summary_is_found_by_its_authors_and_its_whole_text(
    page: Page, base_url: str, query: str, title: str
) -> None:
    assert results(page, base_url, query)[0] == title


def test_the_practice_implications_word_is_in_them_only() -> None:
    source = (PROJECT / "posts/2017/10-alliance-adolescents.md").read_text(encoding="utf-8")
    summary, implications = source.split(":::{practice-implications}")
    assert "renegotiate" not in summary.lower() and "renegotiate" in implications


def test_summaries_come_first_then_topic_pages_then_the_rest(page: Page, base_url: str) -> None:
    found = results(page, base_url, "alliance")
    topic = found.index("Alliance and Therapeutic Relationship")
    assert set(found[:topic]) <= TITLES and len(found[:topic]) == 5
    assert not set(found[topic + 1 :]) & TITLES
    labels = page.locator(".pprnet-search-result .pprnet-search-label").all_inner_texts()
    assert labels[:topic] and all(" · " in label for label in labels[:topic])  # month · type
    assert labels[topic] == "Topic"


@pytest.mark.parametrize(
    "query",
    [
        "psychosocial",  # the title of a post that other posts list as related
        "Tasca",  # the blog's author, in every post's byline and cite box
        "min read",
        "bibliography",  # "In the bibliography, with every summary citing it"
        "Cite this summary",
        "Previous summary",
    ],
)
def test_the_chrome_of_a_post_makes_no_post_a_result(page: Page, base_url: str, query: str) -> None:
    found = summaries(results(page, base_url, query))
    expected = ["The Importance of Psychosocial Factors in Mental Health Treatment"]
    assert found == (expected if query == "psychosocial" else [])


def test_snippets_come_from_the_summary_and_its_implications(page: Page, base_url: str) -> None:
    results(page, base_url, "alliance")
    snippets = page.locator(".pprnet-search-excerpt").all_inner_texts()
    assert len(snippets) >= 5
    for snippet in snippets:
        for chrome in ("min read", "Take-home:", "https://", "Practice implications ↓", "Cite"):
            assert chrome not in snippet, snippet
    assert page.locator(".pprnet-search-excerpt mark").count() >= 5


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        ("cognitive behavioural therapy", "CBT"),
        ("posttraumatic stress disorder", "PTSD"),
        ("metaanalysis", "meta-analysis"),
        ("drop-out", "dropout"),
        ("premature termination", "dropout"),
    ],
)
def test_a_word_finds_what_the_others_of_its_group_find(
    page: Page, base_url: str, query: str, same_as: str
) -> None:
    first = results(page, base_url, query)
    assert first, query
    assert first == results(page, base_url, same_as)


def test_filters_narrow_to_summaries_and_live_in_the_address(page: Page, base_url: str) -> None:
    open_search(page, base_url, "?q=alliance")
    status = page.locator(".pprnet-search-status")
    page.get_by_label("Type of research").select_option("meta-analysis")
    expect(page.locator(RESULT_TITLES)).to_have_text([ADOLESCENTS])
    expect(status).to_have_text("1 result for “alliance”, in the summaries you chose.")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["alliance"], "type": ["meta-analysis"]}
    page.get_by_label("Year").select_option("2018")
    expect(status).to_contain_text("Nothing found for “alliance” with these filters")
    page.go_back()
    expect(page.locator(RESULT_TITLES)).to_have_text([ADOLESCENTS])
    expect(page.get_by_label("Year")).to_have_value("")


def test_a_filter_without_words_lists_its_summaries_newest_first(page: Page, base_url: str) -> None:
    open_search(page, base_url, "?topic=alliance")
    expect(page.get_by_label("Topic")).to_have_value("alliance")
    titles = page.locator(RESULT_TITLES)
    expect(titles).to_have_count(4)
    assert (
        titles.first.inner_text()
        == "The Effect of Therapists’ Internalized Models of Relationships"
    )
    assert titles.last.inner_text() == "Is the Alliance Really Therapeutic?"


def test_unknown_filter_values_in_the_address_are_ignored(page: Page, base_url: str) -> None:
    open_search(page, base_url, "?q=placebo&topic=%3Cscript%3E&year=1900")
    expect(page.get_by_label("Topic")).to_have_value("")
    expect(page.locator(RESULT_TITLES).first).to_have_text(
        "The Importance of Psychosocial Factors in Mental Health Treatment"
    )


def test_a_bibliography_hit_opens_the_bibliography_at_its_entry(page: Page, base_url: str) -> None:
    results(page, base_url, "Horvath")  # a co-author of a chapter, not named in the summary
    entry = page.locator(".pprnet-search-entries a")
    expect(entry).to_have_count(1)
    expect(entry.locator("mark")).to_have_text("Horvath,")
    entry.click()
    expect(page).to_have_url(f"{base_url}/bibliography.html#ref-stiles2017appropriate")
    target = page.locator("#ref-stiles2017appropriate")
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("Stiles, W. B., & Horvath, A. O. (2017)")


def test_a_page_opens_at_the_section_the_words_are_in(page: Page, base_url: str) -> None:
    results(page, base_url, "evidence map")
    first = page.locator(RESULT_TITLES).first
    assert first.evaluate("link => link.href") == f"{base_url}/explorer.html#evidence-map"


def test_more_results_come_on_request(page: Page, base_url: str) -> None:
    results(page, base_url, "the")
    items = page.locator(".pprnet-search-result")
    expect(items).to_have_count(10)
    more = page.get_by_role("button", name="Show more results")
    more.click()
    expect(items).not_to_have_count(10)
    total = int(page.locator(".pprnet-search-status").inner_text().split()[0])
    while more.is_visible():
        more.click()
    expect(items).to_have_count(total)


def test_the_sidebar_box_searches_and_typing_updates_the_results(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/index.html")
    box = page.get_by_role("textbox", name="Search", exact=True)
    box.fill("placebo")
    box.press("Enter")
    expect(page.locator("form.pprnet-search[data-ready]")).to_have_count(1)
    expect(page.locator(RESULT_TITLES).first).to_have_text(
        "The Importance of Psychosocial Factors in Mental Health Treatment"
    )
    query = page.get_by_label(
        "Words to find in the summaries, their references and the archive's pages"
    )
    query.fill("")
    query.press_sequentially("humility")
    expect(page.locator(RESULT_TITLES)).to_have_text(
        ["Therapist Multicultural Orientation and Client Outcomes"]
    )
    assert parse_qs(urlsplit(page.url).query) == {"q": ["humility"]}
    page.go_back()  # typing is one step of history
    expect(query).to_have_value("placebo")


def test_the_status_line_is_read_out(page: Page, base_url: str) -> None:
    results(page, base_url, "zzzqqq")
    status = page.locator(".pprnet-search-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("Nothing found for “zzzqqq”. Try fewer or other words.")


@pytest.fixture
def no_script_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_the_page_says_where_to_browse(
    no_script_page: Page, base_url: str
) -> None:
    page = no_script_page
    page.goto(f"{base_url}/search.html?q=alliance")
    expect(page.locator("form.pprnet-search")).to_be_hidden()
    message = page.locator(".pprnet-search-noscript")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Search needs JavaScript")
    for name, href in [
        ("topic", "topics.html"),
        ("type of research", "types.html"),
        ("month", "archive.html"),
        ("bibliography", "bibliography.html"),
    ]:
        expect(message.get_by_role("link", name=name, exact=True)).to_have_attribute("href", href)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_search_page_has_no_accessibility_violations(
    page: Page, base_url: str, mode: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=mode)
    results(page, base_url, "Stiles")  # a summary and a bibliography entry
    choose_scheme(page, mode)
    expect(page.locator(".pprnet-search-entries")).to_have_count(1)
    assert violations(page) == []
