"""Builds of the `test-reader` root: the explorer and its data, the type index, reading time,
related summaries and the handout's address on a post."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from support import ROOTS, BuildResult, assert_same_outputs, output_files, sphinx_build

NEWEST_FIRST = [
    "Therapist Empathy and Client Outcome",
    "Why Adherence Is Not Enough",
    "The Alliance in Adult Psychotherapy",
    "Small Steps in Depression Care",
]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return sphinx_build(ROOTS / "test-reader", tmp_path_factory.mktemp("reader"))


@pytest.fixture(scope="module")
def index(built: BuildResult) -> dict[str, Any]:
    return json.loads((built.outdir / "explorer.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_builds_without_warnings(built: BuildResult) -> None:
    assert built.stderr == ""
    assert built.returncode == 0


def test_the_explorer_lists_every_summary_with_links_and_no_script_needed(
    built: BuildResult,
) -> None:
    page = soup(built.outdir / "explorer.html")
    items = page.select(".pprnet-explorer li.pprnet-explorer-item")
    titles = [item.select_one(".pprnet-explorer-title a").get_text() for item in items]
    assert titles == NEWEST_FIRST
    first = items[0]
    assert first.select_one(".pprnet-explorer-title a")["href"] == "posts/2021/05-empathy.html"
    assert first.select_one(".pprnet-month").get_text() == "May 2021"
    assert first.select_one("a.pprnet-type")["href"] == "types/meta-analysis.html"
    topics = [(a.get_text(), a["href"]) for a in first.select("a.pprnet-topic")]
    assert topics == [
        ("Empathy", "topics/empathy.html"),
        ("Alliance and Therapeutic Relationship", "topics/alliance.html"),
    ]
    assert page.select_one("a.pprnet-explorer-data")["href"] == "explorer.json"
    assert page.select_one('script[src*="pprnet-explorer.js"]') is not None


def test_the_explorer_script_loads_on_the_explorer_page_only(built: BuildResult) -> None:
    for name in ("index.html", "types.html", "posts/2021/05-empathy.html"):
        assert soup(built.outdir / name).select_one('script[src*="pprnet-explorer.js"]') is None


def test_the_explorer_index_has_one_record_per_summary(index: dict[str, Any]) -> None:
    assert [record["title"] for record in index["summaries"]] == NEWEST_FIRST
    empathy = index["summaries"][0]
    assert empathy == {
        "url": "posts/2021/05-empathy.html",
        "title": "Therapist Empathy and Client Outcome",
        "date": "2021-05-01",
        "month": "May 2021",
        "type": {"slug": "meta-analysis", "label": "Meta-analysis"},
        "topics": [
            {"slug": "empathy", "label": "Empathy"},
            {"slug": "alliance", "label": "Alliance and Therapeutic Relationship"},
        ],
        "authors": "Elliott, R., Bohart, A. C., Watson, J. C., & Murphy, D.",
        "reference": "Elliott, R., Bohart, A. C., Watson, J. C., & Murphy, D. (2018). Therapist "
        "empathy and client outcome: An updated meta-analysis. Psychotherapy, 55(4), 399–410.",
        "implication": "Attend to the client’s experience moment by moment.",
    }
    commentary = index["summaries"][1]
    assert commentary["authors"] == commentary["reference"] == "", "a commentary has no article"
    topics = [topic["slug"] for topic in index["topics"]]
    assert topics == ["adherence", "alliance", "depression", "empathy"], "used ones, in order"
    assert index["topics"][1] == {
        "slug": "alliance",
        "label": "Alliance and Therapeutic Relationship",
        "count": 2,
    }
    assert [(t["slug"], t["count"]) for t in index["types"]] == [
        ("meta-analysis", 2),
        ("rct", 1),
        ("commentary", 1),
    ]


def test_the_explorer_index_is_written_with_sorted_keys(built: BuildResult) -> None:
    text = (built.outdir / "explorer.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_the_type_index_counts_every_type(built: BuildResult) -> None:
    page = soup(built.outdir / "types.html")
    items = [li.get_text(" ", strip=True) for li in page.select("ul.pprnet-type-index > li")]
    assert items == [
        "Meta-analysis (2)",
        "Randomized controlled trial (1)",
        "Commentary (1)",
        "Book chapter (0)",
    ]
    links = [a["href"] for a in page.select("ul.pprnet-type-index a")]
    assert links == ["types/meta-analysis.html", "types/rct.html", "types/commentary.html"]
    assert all((built.outdir / link).exists() for link in links)


def test_a_post_shows_its_reading_time_in_the_byline(built: BuildResult) -> None:
    page = soup(built.outdir / "posts/2019/01-depression.html")
    byline = page.select_one(".pprnet-post-header .pprnet-byline")
    assert byline.select_one(".pprnet-reading-time").get_text() == "3 min read"  # 431 words
    assert byline.get_text() == "January 2019 · Giorgio A. Tasca · 3 min read"
    short = soup(built.outdir / "posts/2020/03-alliance.html")
    assert short.select_one(".pprnet-reading-time").get_text() == "1 min read"


def related(built: BuildResult, post: str) -> list[tuple[str, str]]:
    page = soup(built.outdir / f"posts/{post}.html")
    items = page.select(".pprnet-related li")
    return [(item.select_one("a").get_text(), item.get_text()) for item in items]


def test_related_summaries_share_topics_or_works_most_first(built: BuildResult) -> None:
    assert related(built, "2021/05-empathy") == [
        ("The Alliance in Adult Psychotherapy", "The Alliance in Adult Psychotherapy (March 2020)"),
        ("Why Adherence Is Not Enough", "Why Adherence Is Not Enough (May 2021)"),
    ]
    assert related(built, "2021/05-commentary") == [
        ("Therapist Empathy and Client Outcome", "Therapist Empathy and Client Outcome (May 2021)")
    ]
    page = soup(built.outdir / "posts/2019/01-depression.html")
    assert page.select_one(".pprnet-related") is None, "nothing shared, no list"


def test_related_summaries_follow_the_cite_this_box(built: BuildResult) -> None:
    page = soup(built.outdir / "posts/2021/05-empathy.html")
    blocks = [
        next(c for c in child["class"] if c.startswith("pprnet-"))
        for child in page.select_one("h1").parent.find_all(recursive=False)
        if child.get("class") and any(c.startswith("pprnet-") for c in child["class"])
    ]
    start = blocks.index("pprnet-cite-this")
    assert blocks[start : start + 2] == ["pprnet-cite-this", "pprnet-related"]
    assert blocks[-1] == "pprnet-prev-next"
    link = page.select_one(".pprnet-related li a")
    assert link["href"] == "../2020/03-alliance.html"
    assert page.select_one("h2:-soup-contains('Related summaries')") is not None


def test_a_post_carries_its_address_for_print(built: BuildResult) -> None:
    page = soup(built.outdir / "posts/2021/05-empathy.html")
    section = page.select_one("h1").parent
    address = section.select_one("h1 + div.pprnet-post-header > p.pprnet-print-url:first-child")
    assert address is not None and address.get_text() == (
        "https://example.org/archive/posts/2021/05-empathy.html"
    )


def test_an_incremental_build_updates_the_related_lists_naming_a_retitled_post(
    tmp_path: Path,
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-reader", srcdir)
    first = sphinx_build(srcdir, tmp_path / "incremental")
    assert first.returncode == 0, first.stderr
    post = srcdir / "posts/2020/03-alliance.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("# The Alliance in Adult", "# The Alliance, Revisited, in Adult"))
    incremental = sphinx_build(srcdir, tmp_path / "incremental")
    clean = sphinx_build(srcdir, tmp_path / "clean")
    assert incremental.stderr == clean.stderr == ""
    # 05-empathy is not a neighbour of the retitled post: only its related list names it.
    for page in ("posts/2021/05-empathy.html", "explorer.html", "explorer.json", "atom.xml"):
        assert (incremental.outdir / page).read_bytes() == (clean.outdir / page).read_bytes(), page
    assert "The Alliance, Revisited, in Adult" in related(incremental, "2021/05-empathy")[0][0]


def test_a_parallel_build_writes_the_same_pages_feeds_and_index(
    built: BuildResult, tmp_path: Path
) -> None:
    parallel = sphinx_build(ROOTS / "test-reader", tmp_path, "-j", "2")
    assert parallel.stderr == ""
    assert len(output_files(built.outdir)) > 20
    assert_same_outputs(built.outdir, parallel.outdir)
