"""The search index of the real archive: Pagefind's, over the written pages; Sphinx's own is
not made. What each page gives the index (its content, tier and filters) is checked on the
pages; what a search finds, in tests/browser/test_search*.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from support import PROJECT, BuildResult

pytestmark = pytest.mark.site

POSTS = sorted((PROJECT / "posts").rglob("*.md"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(site: BuildResult) -> list[str]:
    return sorted(
        path.relative_to(site.outdir).as_posix()
        for path in site.outdir.rglob("*.html")
        if not {"_static", "pagefind"} & set(path.parts)
    )


def filters(page: BeautifulSoup) -> list[str]:
    return [span["data-pagefind-filter"] for span in page.select("[data-pagefind-filter]")]


def test_sphinx_writes_no_index_and_no_page_loads_one(site: BuildResult) -> None:
    assert not (site.outdir / "searchindex.js").exists()
    for name in pages(site):
        scripts = [script.get("src", "") for script in soup(site.outdir / name).select("script")]
        assert not [src for src in scripts if "searchindex" in src or "searchtools" in src], name


def test_the_index_holds_every_page_a_reader_may_want(site: BuildResult) -> None:
    entry = json.loads((site.outdir / "pagefind/pagefind-entry.json").read_text("utf-8"))
    indexed = [
        name for name in pages(site) if soup(site.outdir / name).select("[data-pagefind-body]")
    ]
    assert entry["languages"]["en"]["page_count"] == len(indexed)
    posts = [post.relative_to(PROJECT).with_suffix(".html").as_posix() for post in POSTS]
    collections = [name for name in pages(site) if name.startswith(("topics/", "types/"))]
    documents = [  # the Markdown pages at the top, but README and CONTRIBUTING
        name
        for name in (path.with_suffix(".html").name for path in PROJECT.glob("*.md"))
        if (site.outdir / name).exists()
    ]
    assert {"index.html", "bibliography.html", "topics.html", "explorer.html"} <= set(documents)
    assert sorted(indexed) == sorted({*posts, *collections, *documents})
    assert not [name for name in indexed if name.startswith("blog/")]  # ablog's lists
    assert not (site.outdir / ".pagefind-new").exists()


@pytest.mark.parametrize("post", POSTS, ids=lambda path: path.stem)
def test_a_post_gives_the_index_its_topics_type_year_and_month(
    site: BuildResult, post: Path
) -> None:
    meta = yaml.safe_load(post.read_text("utf-8").split("---\n")[1])
    page = post.relative_to(PROJECT).with_suffix(".html").as_posix()
    html = soup(site.outdir / page)
    date = str(meta["date"])
    assert sorted(filters(html)) == sorted(
        [
            "tier:summaries",
            *(f"topic:{slug}" for slug in meta["tags"]),
            f"type:{meta['category']}",
            f"year:{date[:4]}",
            f"month:{date[:7]}",
            f"summary:{page}",
        ]
    )
    assert [span["data-pagefind-sort"] for span in html.select("[data-pagefind-sort]")] == [
        f"date:{date}"
    ]
    hidden = html.select_one("[data-pagefind-body] > div[hidden][data-pagefind-ignore]")
    assert hidden is not None and hidden.get_text(strip=True) == ""


@pytest.mark.parametrize(
    ("page", "tier"),
    [("topics/alliance.html", "collections"), ("types/meta-analysis.html", "collections"),
     ("index.html", "pages"), ("bibliography.html", "pages")],
)  # fmt: skip
def test_other_pages_give_their_tier_only(site: BuildResult, page: str, tier: str) -> None:
    assert filters(soup(site.outdir / page)) == [f"tier:{tier}"]


def test_only_the_search_page_and_the_explorer_load_the_search_scripts(site: BuildResult) -> None:
    for name in pages(site):
        scripts = [s.get("src", "") for s in soup(site.outdir / name).select("script")]
        words = any("pprnet-words.js" in src for src in scripts)
        search = any("pprnet-search.js" in src for src in scripts)
        assert words == (name in {"search.html", "explorer.html"}), name
        assert search == (name == "search.html"), name
