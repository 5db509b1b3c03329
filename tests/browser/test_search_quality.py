"""Search judged as a reader judges it: for each query, the page a reader wants first.

The queries were chosen from the real archive before the search was built, and their expected
first results follow the rule a clinician expects: the summary that is about the words, or,
where no summary is, the topic or type page that names them, or the page listing every topic
or type where the topic has no summary yet (abbreviations and spellings count as the same
words, by `search_terms` in `vocabulary.toml`).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# (query, the page expected first)
QUERIES = [
    ("placebo", "posts/2017/02-psychosocial-factors.html"),
    ("antidepressant medications", "posts/2017/02-psychosocial-factors.html"),
    ("adolescents", "posts/2017/10-alliance-adolescents.html"),
    ("Hutton", "posts/2017/10-alliance-adolescents.html"),  # a co-author of the article
    ("meta-analysis", "posts/2017/10-alliance-adolescents.html"),
    ("multicultural orientation", "posts/2017/11-multicultural-orientation.html"),
    ("cultural humility", "posts/2017/11-multicultural-orientation.html"),
    ("appropriate responsiveness", "posts/2017/10-appropriate-responsiveness.html"),
    ("Stiles", "posts/2017/10-appropriate-responsiveness.html"),
    ("attachment", "posts/2018/01-therapist-internalized-models.html"),
    ("internalized models", "posts/2018/01-therapist-internalized-models.html"),
    ("Zilcha-Mano", "posts/2017/06-is-the-alliance-therapeutic.html"),
    ("is the alliance therapeutic", "posts/2017/06-is-the-alliance-therapeutic.html"),
    ("dropout", "posts/2017/02-psychosocial-factors.html"),  # it says "drop out rates"
    ("book chapter", "types/book-chapter.html"),  # no summary says both words
    # No summary is about these yet, and a topic or type has its own page only once it has
    # summaries: the page that lists every topic, or every type, comes first.
    ("CBT", "topics.html"),
    ("cognitive behavioral therapy", "topics.html"),  # the label spells it -ural
    ("PTSD", "topics.html"),
    ("posttraumatic stress disorder", "topics.html"),  # the label says PTSD
    ("randomised controlled trial", "types.html"),  # the label spells it -ized
    ("evidence map", "explorer.html"),
]


def first_result(page: Page, base_url: str, query: str) -> str:
    """The address of the first result on the search page for `query`, relative to the site."""
    page.goto(f"{base_url}/search.html?q={quote(query)}")
    results = page.locator(".pprnet-search-result")
    expect(results.first).to_be_visible()
    href = results.first.locator("a").first.evaluate("link => link.href")
    assert href.startswith(base_url + "/"), href
    return href.removeprefix(base_url + "/").split("#")[0]


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query for query, _ in QUERIES])
def test_the_page_a_reader_wants_comes_first(
    page: Page, base_url: str, query: str, expected: str
) -> None:
    assert first_result(page, base_url, query) == expected
