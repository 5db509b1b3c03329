"""The Topic x Type explorer in a real browser: filters, counts, the address, the back button,
the keyboard, and the plain list without JavaScript."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from accessibility import choose_scheme, violations

pytestmark = pytest.mark.browser

EXPLORER = "/explorer.html"
ALLIANCE = "Alliance and Therapeutic Relationship"
OUTCOMES = "Outcomes and Deterioration"


def shown_titles(page: Page) -> list[str]:
    return page.locator(".pprnet-explorer-item:visible .pprnet-explorer-title a").all_inner_texts()


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def open_explorer(page: Page, base_url: str, search: str = "") -> None:
    page.goto(base_url + EXPLORER + search)
    # The controls are in the page from the start; the script marks when they work.
    expect(page.locator(".pprnet-explorer[data-ready]")).to_have_count(1)


@pytest.fixture
def no_script_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("search", ["", "?topic=alliance&type=meta-analysis"])
def test_without_javascript_the_explorer_is_the_full_list_and_says_so(
    no_script_page: Page, base_url: str, search: str
) -> None:
    page = no_script_page
    page.goto(base_url + EXPLORER + search)
    items = page.locator(".pprnet-explorer-item")
    expect(items).to_have_count(6)
    for index in range(6):
        expect(items.nth(index)).to_be_visible()
    expect(page.locator(".pprnet-explorer-filters")).to_be_hidden()
    message = page.locator(".pprnet-explorer-noscript")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Filtering needs JavaScript")
    expect(message.get_by_role("link", name="topic")).to_have_attribute("href", "topics.html")
    expect(message.get_by_role("link", name="type of research")).to_have_attribute(
        "href", "types.html"
    )
    items.first.get_by_role("link", name="Systematic review").click()
    expect(page).to_have_url(base_url + "/types/systematic-review.html")
    page.go_back()
    items.first.get_by_role("link", name="Attachment").click()
    expect(page).to_have_url(base_url + "/topics/attachment.html")


def test_topics_combine_and_counts_follow_the_filters(page: Page, base_url: str) -> None:
    open_explorer(page, base_url)
    status = page.locator(".pprnet-explorer-status")
    expect(status).to_have_text("Showing 6 of 6 summaries.")
    expect(status).to_have_attribute("aria-live", "polite")
    outcomes = page.locator("label", has_text=OUTCOMES)
    expect(outcomes).to_have_text(f"{OUTCOMES} (3)")
    page.get_by_label(ALLIANCE).check()
    expect(status).to_have_text("Showing 4 of 6 summaries.")
    expect(outcomes).to_have_text(f"{OUTCOMES} (2)")  # those also about the alliance
    page.get_by_label(OUTCOMES).check()
    assert shown_titles(page) == [
        "Therapeutic Alliance in the Treatment of Adolescents",
        "Is the Alliance Really Therapeutic?",
    ]
    assert query(page) == {"topic": ["alliance", "outcomes-deterioration"]}
    types = page.get_by_label("Type of research")
    expect(types.locator("option[value='meta-analysis']")).to_have_text("Meta-analysis (1)")
    types.select_option("meta-analysis")
    assert shown_titles(page) == ["Therapeutic Alliance in the Treatment of Adolescents"]
    assert query(page)["type"] == ["meta-analysis"]


def test_years_and_words_filter_and_nothing_found_is_said(page: Page, base_url: str) -> None:
    open_explorer(page, base_url)
    page.get_by_label("From", exact=True).select_option("2018")
    assert shown_titles(page) == ["The Effect of Therapists’ Internalized Models of Relationships"]
    page.get_by_label("From", exact=True).select_option("")
    page.get_by_label("To", exact=True).select_option("2017")
    expect(page.locator(".pprnet-explorer-item:visible")).to_have_count(5)
    page.get_by_label("Words in the summaries or their references").fill("zilcha-mano")
    assert shown_titles(page) == ["Is the Alliance Really Therapeutic?"], "an author's name"
    page.get_by_label("Words in the summaries or their references").fill("Schroder")
    # Schroder's article is summarised in 2018.
    expect(page.locator(".pprnet-explorer-status")).to_have_text(
        "No summary matches these filters."
    )
    assert query(page) == {"to": ["2017"], "q": ["Schroder"]}


def test_the_address_restores_a_shared_view(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, "?topic=alliance&type=book-chapter&from=2017&to=2017&q=stiles")
    assert shown_titles(page) == ["Therapists’ Appropriate Responsiveness to Clients"]
    expect(page.get_by_label(ALLIANCE)).to_be_checked()
    expect(page.get_by_label("Type of research")).to_have_value("book-chapter")
    expect(page.get_by_label("From", exact=True)).to_have_value("2017")
    expect(page.get_by_label("Words in the summaries or their references")).to_have_value("stiles")


def test_unknown_values_in_the_address_are_ignored(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, "?topic=nonsense&type=%3Cscript%3E&from=1900")
    expect(page.locator(".pprnet-explorer-status")).to_have_text("Showing 6 of 6 summaries.")


def test_the_back_button_returns_to_the_previous_view(page: Page, base_url: str) -> None:
    open_explorer(page, base_url)
    page.get_by_label(ALLIANCE).check()
    page.get_by_label("Type of research").select_option("narrative-review")
    assert shown_titles(page) == ["Is the Alliance Really Therapeutic?"]
    page.go_back()
    expect(page.locator(".pprnet-explorer-item:visible")).to_have_count(4)
    expect(page.get_by_label("Type of research")).to_have_value("")
    expect(page.get_by_label(ALLIANCE)).to_be_checked()
    page.go_back()
    expect(page.locator(".pprnet-explorer-item:visible")).to_have_count(6)
    expect(page.get_by_label(ALLIANCE)).not_to_be_checked()
    page.go_forward()
    expect(page.locator(".pprnet-explorer-item:visible")).to_have_count(4)


def test_typing_is_one_step_of_history(page: Page, base_url: str) -> None:
    open_explorer(page, base_url)
    box = page.get_by_label("Words in the summaries or their references")
    box.press_sequentially("hutton")
    assert shown_titles(page) == ["Therapeutic Alliance in the Treatment of Adolescents"]
    page.go_back()
    expect(box).to_have_value("")
    expect(page.locator(".pprnet-explorer-item:visible")).to_have_count(6)


def test_the_filters_work_by_keyboard_alone_with_visible_focus(page: Page, base_url: str) -> None:
    open_explorer(page, base_url)
    box = page.get_by_label("Words in the summaries or their references")
    box.focus()
    page.keyboard.type("alliance")
    page.keyboard.press("Tab")
    first = page.locator(".pprnet-filter-topics input").first
    expect(first).to_be_focused()
    outline = first.evaluate("node => getComputedStyle(node).outlineStyle")
    assert outline not in ("none", ""), "the focused control is outlined"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_label(ALLIANCE)).to_be_checked()
    assert query(page) == {"topic": ["alliance"], "q": ["alliance"]}
    expect(page.locator(".pprnet-explorer-status")).to_have_text("Showing 2 of 6 summaries.")
    page.get_by_role("button", name="Clear filters").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".pprnet-explorer-status")).to_have_text("Showing 6 of 6 summaries.")
    assert query(page) == {}


def test_every_control_has_a_label(page: Page, base_url: str) -> None:
    open_explorer(page, base_url)
    controls = page.locator(".pprnet-explorer-filters input, .pprnet-explorer-filters select")
    assert controls.count() == 1 + 11 + 3
    for index in range(controls.count()):
        control = controls.nth(index)
        control_id = control.get_attribute("id")
        assert page.locator(f"label[for='{control_id}']").count() == 1, control_id


def test_the_explorer_is_usable_on_a_phone(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    open_explorer(page, base_url)
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1]
    page.get_by_label(OUTCOMES).check()
    expect(page.locator(".pprnet-explorer-item:visible")).to_have_count(3)
    box = page.locator(".pprnet-explorer-item:visible").first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_filters_have_no_accessibility_violations(page: Page, base_url: str, mode: str) -> None:
    page.emulate_media(color_scheme=mode)
    open_explorer(page, base_url, "?topic=alliance&q=the")
    choose_scheme(page, mode)
    expect(page.locator(".pprnet-explorer-filters")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize("search", ["", "?topic=alliance&q=the"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_explorer_does_not_move_when_its_filters_start(
    page: Page, base_url: str, search: str, width: int
) -> None:
    """Cumulative layout shift under 0.05 (the controls are in the page before the script)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) window.__shift += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });"""
    )
    open_explorer(page, base_url, search)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.05


def test_a_count_of_the_evidence_map_opens_the_explorer_with_both_filters(
    page: Page, base_url: str
) -> None:
    open_explorer(page, base_url)
    cell = page.get_by_role("link", name="1", exact=True).and_(
        page.locator('a[title="1 summary: Alliance and Therapeutic Relationship, Meta-analysis"]')
    )
    cell.click()
    expect(page).to_have_url(re.compile(r"explorer\.html\?topic=alliance&type=meta-analysis$"))
    expect(page.locator(".pprnet-explorer-item:visible")).to_have_count(1)
    expect(page.locator(".pprnet-explorer-status")).to_have_text("Showing 1 of 6 summaries.")
    expect(page.locator("#pprnet-topic-alliance")).to_be_checked()
    expect(page.locator("#pprnet-type")).to_have_value("meta-analysis")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # The take-home is searched: "…the largest meta analysis of the alliance-outcome…"
        ("metaanalysis", ["Therapeutic Alliance in the Treatment of Adolescents"]),
        ("meta-analysis", ["Therapeutic Alliance in the Treatment of Adolescents"]),
        # Accents and letter case aside: the reference spells "Schroder".
        ("SCHRÖDER", ["The Effect of Therapists’ Internalized Models of Relationships"]),
        # The start of a word: "antidep…" is in a take-home, "ct" starts no word.
        ("antidep", ["The Importance of Psychosocial Factors in Mental Health Treatment"]),
        ("ct", []),
    ],
)
def test_the_text_filter_reads_as_a_reader_means_it(
    page: Page, base_url: str, typed: str, expected: list[str]
) -> None:
    open_explorer(page, base_url)
    page.get_by_label("Words in the summaries or their references").fill(typed)
    if expected:
        expect(page.locator(".pprnet-explorer-item:visible")).to_have_count(len(expected))
        assert shown_titles(page) == expected
    else:
        expect(page.locator(".pprnet-explorer-status")).to_have_text(
            "No summary matches these filters."
        )


@pytest.mark.parametrize(
    "typed", ["CBT", "cbt", "cognitive behavioural therapy", "Cognitive-Behavioral Therapy"]
)
def test_a_search_term_finds_the_others_of_its_group_either_way(
    page: Page, base_url: str, typed: str
) -> None:
    """With the archive's data as served, but one take-home rewritten to say "CBT" (no real
    summary says it yet): each word or phrase of the group finds it."""

    def with_cbt(route: Route) -> None:
        data = json.loads(route.fetch().text())
        data["summaries"][0]["implication"] = "Offer CBT first."
        route.fulfill(json=data)

    page.route("**/explorer.json", with_cbt)
    open_explorer(page, base_url)
    page.get_by_label("Words in the summaries or their references").fill(typed)
    expect(page.locator(".pprnet-explorer-item:visible")).to_have_count(1)
    assert shown_titles(page) == ["The Effect of Therapists’ Internalized Models of Relationships"]


@pytest.mark.parametrize(
    ("words", "titles"),
    [
        # In the summaries' text only, not in their titles, references or take-homes.
        ("empathy", [
            "The Effect of Therapists’ Internalized Models of Relationships",
            "Therapists’ Appropriate Responsiveness to Clients",
            "The Importance of Psychosocial Factors in Mental Health Treatment",
        ]),
        ("renegotiate", ["Therapeutic Alliance in the Treatment of Adolescents"]),
        # "drop out rates", found by the group of "dropout" (vocabulary.toml).
        ("dropout", ["The Importance of Psychosocial Factors in Mental Health Treatment"]),
        ("Empathy  humility", []),  # every word must be in one summary
    ],
)  # fmt: skip
def test_the_text_filter_reads_the_whole_summary(
    page: Page, base_url: str, words: str, titles: list[str]
) -> None:
    open_explorer(page, base_url)
    page.get_by_label("Words in the summaries or their references").fill(words)
    status = page.locator(".pprnet-explorer-status")
    if titles:
        expect(status).to_have_text(f"Showing {len(titles)} of 6 summaries.")
        assert shown_titles(page) == titles
    else:
        expect(page.locator(".pprnet-explorer[data-searched]")).to_have_count(1)
        expect(status).to_have_text("No summary matches these filters.")


def test_the_text_filter_and_the_topics_combine(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, "?q=alliance")
    expect(page.locator(".pprnet-explorer-status")).to_have_text("Showing 5 of 6 summaries.")
    page.get_by_label("Attachment").check()
    assert shown_titles(page) == ["The Effect of Therapists’ Internalized Models of Relationships"]


def test_a_long_list_shows_its_first_fifty_and_more_on_request(
    page: Page, large_archive: str
) -> None:
    open_explorer(page, large_archive)
    items = page.locator(".pprnet-explorer-item:visible")
    expect(items).to_have_count(50)
    expect(page.locator(".pprnet-explorer-status")).to_have_text("Showing 130 of 130 summaries.")
    page.get_by_role("button", name="Show 50 more of the 80 not listed").click()
    expect(items).to_have_count(100)
    more = page.get_by_role("button", name="Show 30 more of the 30 not listed")
    more.click()
    expect(items).to_have_count(130)
    expect(more).to_be_hidden()
    page.locator(".pprnet-filter-topics input").first.check()  # a new view: its first fifty
    shown = int(page.locator(".pprnet-explorer-status").inner_text().split()[1])
    expect(items).to_have_count(min(shown, 50))
