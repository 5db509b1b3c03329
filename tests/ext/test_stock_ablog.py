"""A stock ablog site, without `pprnet`, reads the archive's posts: ablog front matter and
sphinxcontrib-bibtex roles are all a post needs (the `test-stock-ablog` root)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import PROJECT, ROOTS, BuildResult, sphinx_build

ROOT = ROOTS / "test-stock-ablog"
COPIED_POSTS = [
    "posts/2017/10-alliance-adolescents.md",
    "posts/2018/01-therapist-internalized-models.md",
]
TWO_REVIEWS = "Two Reviews of the Alliance"
MODELS = "The Effect of Therapists’ Internalized Models of Relationships"
ADOLESCENTS = "Therapeutic Alliance in the Treatment of Adolescents"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def listed_titles(page: BeautifulSoup) -> list[str]:
    """The post titles an ablog collection page lists, in its order."""
    return [a.get_text() for a in page.select("div.ablog-post h2.ablog-post-title a")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return sphinx_build(ROOT, tmp_path_factory.mktemp("stock-ablog"))


@pytest.mark.parametrize("name", COPIED_POSTS)
def test_the_root_reads_the_archives_posts_as_published(name: str) -> None:
    copy = (ROOT / name).read_bytes()
    assert copy == (PROJECT / name).read_bytes(), f"copy {name} into {ROOT} again"


def test_builds_without_warnings(built: BuildResult) -> None:
    assert built.stderr == ""
    assert built.returncode == 0


def test_the_postlist_lists_every_post_newest_first_with_its_date(built: BuildResult) -> None:
    page = soup(built.outdir / "index.html")
    items = page.select("ul.postlist > li.ablog-post > p.ablog-post-title")
    assert [item.get_text(" ", strip=True) for item in items] == [
        f"2018-02-01 - {TWO_REVIEWS}",
        f"2018-01-01 - {MODELS}",
        f"2017-10-01 - {ADOLESCENTS}",
    ]
    assert [item.select_one("a")["href"] for item in items] == [
        "posts/2018/02-two-reviews.html",
        "posts/2018/01-therapist-internalized-models.html",
        "posts/2017/10-alliance-adolescents.html",
    ]


@pytest.mark.parametrize(
    ("tag", "titles"),
    [
        ("alliance", [TWO_REVIEWS, MODELS, ADOLESCENTS]),
        ("therapist-factors", [MODELS]),
        ("attachment", [MODELS]),
        ("outcomes-deterioration", [ADOLESCENTS]),
        ("feedback-progress-monitoring", [ADOLESCENTS]),
    ],
)
def test_a_tag_page_lists_its_posts_newest_first(
    built: BuildResult, tag: str, titles: list[str]
) -> None:
    page = soup(built.outdir / f"blog/tag/{tag}.html")
    heading = page.select_one("div.ablog__collection h1").get_text()
    assert heading.split() == ["Posts", "tagged", tag]
    assert listed_titles(page) == titles


@pytest.mark.parametrize(
    ("category", "titles"),
    [
        ("systematic-review", [MODELS]),
        ("meta-analysis", [ADOLESCENTS]),
        ("commentary", [TWO_REVIEWS]),
    ],
)
def test_a_category_page_lists_its_posts(
    built: BuildResult, category: str, titles: list[str]
) -> None:
    page = soup(built.outdir / f"blog/category/{category}.html")
    assert listed_titles(page) == titles


def test_a_post_page_shows_its_summary_and_practice_implications(built: BuildResult) -> None:
    page = soup(built.outdir / "posts/2018/01-therapist-internalized-models.html")
    section = page.select_one("div.body > section")
    assert section.select_one("h1").contents[0] == MODELS
    assert section.select_one("h1 + p").get_text().startswith("Therapists likely respond")
    (block,) = section.select("div.admonition")
    assert block.select_one(".admonition-title").get_text() == "Practice Implications"
    assert block.select_one("p:not(.admonition-title)").get_text().startswith("Therapist effects")


@pytest.mark.parametrize(
    "name", ["posts/2018/02-two-reviews.html", "blog/tag/alliance.html", "blog/2018.html"]
)
def test_citations_render_and_link_to_their_entries(built: BuildResult, name: str) -> None:
    """On the post, and in the excerpts ablog copies into its listings."""
    html = built.outdir / name
    citations = soup(html).select("span.bibtex-citation")
    assert [c.get_text() for c in citations] == ["[MH17]", "Steel et al. [SMS17]"]
    entries: list[str] = []
    for citation in citations:
        target, _, fragment = citation.select_one("a")["href"].partition("#")
        bibliography = soup((html.parent / target).resolve())
        # Initials are joined to names by no-break spaces.
        entries.append(" ".join(bibliography.find(id=fragment).select_one("p").get_text().split()))
    assert entries[0].startswith("R. Murphy and P. Hutton. Therapist variability")
    assert entries[1].startswith("C. Steel, J. Macdonald, and T. Schroder. A systematic review")
