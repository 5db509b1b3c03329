"""The real archive, built with -W -n: what a reader finds on its pages."""

from __future__ import annotations

import json
import re
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from audit import PAGES
from pprnet.stages.render.assets import DESIGN_CLASSES
from support import PROJECT, BuildResult, data_url_text

pytestmark = pytest.mark.site

POSTS = sorted((PROJECT / "posts").rglob("*.md"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def heading(section: Tag) -> str:
    """The text of a section's heading, without its permalink."""
    title = section.find(re.compile(r"^h[1-6]$"))
    assert isinstance(title, Tag)
    for permalink in title.select("a.headerlink"):
        permalink.decompose()
    return title.get_text(strip=True)


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])  # type: ignore[no-any-return]


def page_of(post: Path, site: BuildResult) -> Path:
    return site.outdir / post.relative_to(PROJECT).with_suffix(".html")


def test_the_site_builds_with_no_warning(site: BuildResult) -> None:
    assert site.stderr == ""
    assert site.returncode == 0


def test_six_posts_each_with_one_practice_implications_block(site: BuildResult) -> None:
    assert len(POSTS) == 6
    for post in POSTS:
        page = soup(page_of(post, site))
        blocks = page.select("div.admonition.pprnet-practice-implications")
        assert len(blocks) == 1, post
        assert blocks[0].select_one(".admonition-title").get_text() == "Practice Implications"


def test_the_topic_index_counts_equal_the_posts_topic_assignments(site: BuildResult) -> None:
    expected = Counter(slug for post in POSTS for slug in front_matter(post)["tags"])  # type: ignore[attr-defined]
    page = soup(site.outdir / "topics.html")
    items = page.select("ul.pprnet-topic-index > li")
    assert len(items) == 36
    counts = {}
    for item in items:
        count = int(item.select_one(".pprnet-count").get_text().strip("()"))
        link = item.select_one("a")
        if link is not None:
            counts[Path(link["href"]).stem] = count
        else:
            assert count == 0
    assert counts == dict(expected)


def test_one_page_per_used_topic(site: BuildResult) -> None:
    used = {slug for post in POSTS for slug in front_matter(post)["tags"]}  # type: ignore[attr-defined]
    pages = {page.stem for page in (site.outdir / "topics").glob("*.html")}
    assert pages == used
    for slug in used:
        page = soup(site.outdir / "topics" / f"{slug}.html")
        entries = page.select("section.pprnet-digest-entry")
        assert len(entries) == sum(slug in front_matter(p)["tags"] for p in POSTS)  # type: ignore[operator]
        for entry in entries:
            assert entry.select_one(".pprnet-practice-implications") is not None
            assert entry.select_one(".pprnet-reference") is not None


def test_digest_entries_link_to_their_post_and_type_from_each_folder(site: BuildResult) -> None:
    for folder in ("topics", "types"):
        for page_path in (site.outdir / folder).glob("*.html"):
            for entry in soup(page_path).select("section.pprnet-digest-entry"):
                post = entry.select_one("h2 a")["href"]
                assert (page_path.parent / post).is_file(), (page_path.name, post)
                badge = entry.select_one(".pprnet-type")
                if folder == "types":
                    # Every entry of a type page has that type: no badge links to the page.
                    assert badge is None, page_path.name
                else:
                    assert (page_path.parent / badge["href"]).is_file(), (page_path.name, badge)


def test_the_month_archive_has_five_months_newest_first(site: BuildResult) -> None:
    page = soup(site.outdir / "archive.html")
    months = [heading(section) for section in page.select("section.pprnet-archive-month")]
    assert months == ["January 2018", "November 2017", "October 2017", "June 2017", "February 2017"]
    october = page.select_one("#month-2017-10")
    assert len(october.select("a.reference")) == 2


def test_the_home_page_names_this_months_summary(site: BuildResult) -> None:
    page = soup(site.outdir / "index.html")
    this_month = page.select_one(".pprnet-this-month")
    assert "January 2018" in this_month.get_text()
    link = this_month.select_one("a")
    assert link.get_text() == "The Effect of Therapists’ Internalized Models of Relationships"
    assert link["href"] == "posts/2018/01-therapist-internalized-models.html"
    # The newest six summaries, newest first: three full rows of two cards.
    cards = page.select(".pprnet-cards .sd-card")
    titles = [card.select_one(".sd-card-title a").get_text() for card in cards]
    assert len(titles) == 6 and titles[0] == link.get_text()
    assert len(page.select("ul.pprnet-topic-index > li")) == 36
    browse = page.select_one("#browse-the-archive")
    links = {a.get_text(): a["href"] for a in browse.select("a.reference")}
    assert links == {
        "Topics": "topics.html",
        "Archive": "archive.html",
        "Bibliography": "bibliography.html",
        "Explorer": "explorer.html",
        "Evidence map": "explorer.html#evidence-map",
        "Types of research": "types.html",
        "Atom feed": "blog/atom.xml",
    }
    assert (site.outdir / "blog/atom.xml").exists()


def test_a_post_page_has_header_reference_contact_and_neighbours(site: BuildResult) -> None:
    page = soup(site.outdir / "posts/2017/10-alliance-adolescents.html")
    header = page.select_one(".pprnet-post-header")
    assert header.select_one(".pprnet-month").get_text() == "October 2017"
    assert header.select_one("a.pprnet-type")["href"] == "../../types/meta-analysis.html"
    topics = [a.get_text() for a in header.select("a.pprnet-topic")]
    assert "Alliance and Therapeutic Relationship" in topics
    doi = header.select_one(".pprnet-reference a")
    assert doi["href"] == "https://doi.org/10.1111/jcpp.12767"
    assert page.select_one(".pprnet-prev a") is not None
    assert page.select_one(".pprnet-next a") is not None


def test_the_contact_address_is_words_not_an_address(site: BuildResult) -> None:
    html = page_of(PROJECT / "posts/2018/01-therapist-internalized-models.md", site).read_text()
    page = BeautifulSoup(html, "html.parser")
    words = page.select_one(".pprnet-contact .pprnet-email").get_text()
    assert words == "katiecatherinesteel at gmail dot com"
    assert "katiecatherinesteel@gmail.com" not in unescape(html)


def test_the_bibliography_lists_each_article_in_apa_order_with_its_summaries(
    site: BuildResult,
) -> None:
    page = soup(site.outdir / "bibliography.html")
    entries = page.select("ul.pprnet-bibliography > li")
    assert [entry["id"] for entry in entries] == [
        "ref-greenberg2016rebirth",
        "ref-hayes2017contribution",
        "ref-murphy2017therapist",
        "ref-steel2017systematic",
        "ref-stiles2017appropriate",
        "ref-zilchamano2017alliance",
    ]
    assert page.select(".pprnet-bibliography .label") == [], "no bracketed labels"
    steel = page.select_one("#ref-steel2017systematic")
    assert steel.select_one("p").get_text().startswith("Steel, C., Macdonald, J., & Schroder, T.")
    backlink = steel.select_one(".pprnet-summarised-in a")
    assert backlink["href"] == "posts/2018/01-therapist-internalized-models.html"
    assert steel.select_one(".pprnet-summarised-in").get_text().startswith("Summarised in: ")
    doi = page.select_one("#ref-murphy2017therapist a.reference.external")
    assert doi["href"] == "https://doi.org/10.1111/jcpp.12767"


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post.stem)
def test_each_post_lists_its_reference_and_offers_it_for_citation(
    site: BuildResult, post: Path
) -> None:
    key = front_matter(post)["reference"]
    page = soup(page_of(post, site))
    assert page.select(".pprnet-references") == [], "the summarised work is printed once"
    link = page.select_one(".pprnet-post-header .pprnet-bibliography-link a")
    assert link["href"].endswith(f"bibliography.html#ref-{key}")
    downloads = {a.get_text(): a for a in page.select(".pprnet-downloads a")}
    assert {name: a["download"] for name, a in downloads.items()} == {
        "BibTeX": f"{key.casefold()}.bib",
        "RIS": f"{key.casefold()}.ris",
    }
    bibtex = data_url_text(downloads["BibTeX"]["href"], "application/x-bibtex")
    assert bibtex.startswith("@") and f"{{{key}," in bibtex
    ris = data_url_text(downloads["RIS"]["href"], "application/x-research-info-systems")
    assert ris.startswith("TY  - ")
    citation = page.select_one(".pprnet-citation").get_text()
    assert citation.startswith("Tasca, G. A. (")
    title = heading(page.select_one("section"))
    assert page.select_one('meta[name="citation_title"]')["content"] == title


# --- Readers' aids: the explorer, the type index, the feeds, reading time, related summaries ---

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://pprnet.github.io/archive/"


def newest_first() -> list[Path]:
    return sorted(
        POSTS, key=lambda post: (str(front_matter(post)["date"]), post.stem), reverse=True
    )


def title_of(post: Path) -> str:
    lines = post.read_text(encoding="utf-8").splitlines()
    return next(line.removeprefix("# ") for line in lines if line.startswith("# "))


def test_the_explorer_lists_every_summary_and_its_index_has_one_record_each(
    site: BuildResult,
) -> None:
    page = soup(site.outdir / "explorer.html")
    items = page.select("li.pprnet-explorer-item")
    titles = [item.select_one(".pprnet-explorer-title a").get_text() for item in items]
    assert titles == [title_of(post) for post in newest_first()]
    for item in items:
        assert item.select_one("a.pprnet-type")["href"].startswith("types/")
        assert item.select("a.pprnet-topic")
    index = json.loads((site.outdir / "explorer.json").read_text(encoding="utf-8"))
    assert len(index["summaries"]) == 6
    assert [record["title"] for record in index["summaries"]] == titles
    for record in index["summaries"]:
        assert (site.outdir / record["url"]).exists()
        assert record["reference"].startswith(record["authors"])
        assert record["implication"]
    assert page.select_one('script[src*="pprnet-explorer.js"]') is not None
    home = soup(site.outdir / "index.html")
    assert home.select_one('script[src*="pprnet-explorer.js"]') is None
    assert (site.outdir / "_static/pprnet-explorer.js").exists()


def test_the_types_page_links_every_used_type(site: BuildResult) -> None:
    used = Counter(str(front_matter(post)["category"]) for post in POSTS)
    page = soup(site.outdir / "types.html")
    counts = {}
    for item in page.select("ul.pprnet-type-index > li"):
        link = item.select_one("a")
        if link is not None:
            counts[Path(link["href"]).stem] = int(item.select_one(".pprnet-count").get_text()[1:-1])
    assert counts == dict(used)


@pytest.mark.parametrize(
    ("path", "topic"), [("blog/atom.xml", None), ("topics/alliance.xml", "alliance")]
)
def test_the_feeds_are_atom_with_every_summary_in_full(
    site: BuildResult, path: str, topic: str | None
) -> None:
    root = ET.parse(site.outdir / path).getroot()  # noqa: S314 (the build's own output)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}updated") == "2018-01-01T00:00:00Z"
    posts = [p for p in newest_first() if topic is None or topic in front_matter(p)["tags"]]  # type: ignore[operator]
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(posts) == (6 if topic is None else 4)
    for entry, post in zip(entries, posts, strict=True):
        assert entry.findtext(f"{ATOM}title") == title_of(post)
        url = BASE + post.relative_to(PROJECT).with_suffix(".html").as_posix()
        assert entry.findtext(f"{ATOM}id") == url
        content = BeautifulSoup(entry.findtext(f"{ATOM}content") or "", "html.parser").get_text()
        implications = post.read_text(encoding="utf-8").split(":::{practice-implications}")[1]
        assert implications.replace(":::", "").strip() in content


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post.stem)
def test_each_post_shows_its_reading_time_and_related_summaries(
    site: BuildResult, post: Path
) -> None:
    page = soup(page_of(post, site))
    byline = page.select_one(".pprnet-post-header .pprnet-byline")
    assert re.fullmatch(r"[1-9] min read", byline.select_one(".pprnet-reading-time").get_text())
    related = page.select(".pprnet-related li a")
    assert 1 <= len(related) <= 5
    assert title_of(post) not in [link.get_text() for link in related]
    for link in related:
        assert (page_of(post, site).parent / link["href"]).resolve().exists()


def test_every_page_names_an_icon_that_exists(site: BuildResult) -> None:
    pages = [p for p in site.outdir.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) > 20
    for page in pages:
        icon = soup(page).select_one('link[rel~="icon"]')
        assert icon is not None, page
        assert (page.parent / icon["href"]).resolve().is_file(), page


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("index.html", None),
        ("posts/2018/01-therapist-internalized-models.html",
         "Therapist effects (i.e., the differences between therapists) are emerging as important"
         " predictors of client outcomes."),
        ("topics/alliance.html",
         "Alliance and Therapeutic Relationship: 4 summaries of psychotherapy research for"
         " clinicians, newest first, each with its practice implications."),
        ("explorer.html", None),
        ("bibliography.html",
         "Every article the archive summarises or cites, in APA style. Under each, the summaries"
         " that discuss it: first the summary of the article itself, then the summaries that cite"
         " it in passing."),
        ("archive.html", None),
    ],
)  # fmt: skip
def test_each_page_has_one_meta_description_of_its_own(
    site: BuildResult, page: str, expected: str | None
) -> None:
    """What search results and shared links show: a post's take-home, what a topic page
    gathers, or the page's first paragraph; one sentence or two, nothing invented."""
    html = BeautifulSoup((site.outdir / page).read_text("utf-8"), "html.parser")
    found = html.select('meta[name="description"]')
    assert len(found) == 1
    text = found[0]["content"]
    assert 20 <= len(text) <= 200
    assert expected is None or text == expected


def test_the_home_page_lists_topics_with_summaries_first_and_folds_the_rest(
    site: BuildResult,
) -> None:
    page = soup(site.outdir / "index.html")
    index = page.select_one(".pprnet-term-index")
    shown = index.select(":scope > ul.pprnet-topic-index > li")
    assert shown and all(item.select_one("a") is not None for item in shown)
    folded = index.select_one(":scope > details.pprnet-empty-terms")
    assert folded is not None and not folded.has_attr("open"), "closed until a reader opens it"
    empty = folded.select("ul.pprnet-topic-index > li")
    assert all(item.select_one("a") is None for item in empty)
    assert len(shown) + len(empty) == 36, "every topic of the vocabulary is still listed"
    assert folded.select_one("summary").get_text() == (
        f"{len(empty)} more, which have no summary yet"
    )


@pytest.mark.parametrize("page", PAGES)
def test_a_shared_link_shows_a_card_with_the_pages_own_title_and_description(
    site: BuildResult, page: str
) -> None:
    html = soup(site.outdir / page)
    address = "https://pprnet.github.io/archive/" + page

    def content(selector: str) -> list[str]:
        return [
            str(tag["content" if tag.name == "meta" else "href"]) for tag in html.select(selector)
        ]

    assert content('link[rel="canonical"]') == [address]
    assert content('meta[property="og:url"]') == [address]
    assert content('meta[property="og:site_name"]') == ["PPRNet research archive"]
    kind = "article" if page.startswith("posts/") else "website"
    assert content('meta[property="og:type"]') == [kind]
    assert content('meta[property="og:description"]') == content('meta[name="description"]')
    title = html.select_one("title").get_text()
    h1 = html.select_one("[role=main] h1")
    for permalink in h1.select("a.headerlink"):
        permalink.decompose()
    heading = " ".join(h1.get_text().split())
    assert content('meta[property="og:title"]') == [heading]
    # Short <title>s: the page's title, and the site's name once.
    expected = heading if page == "index.html" else f"{heading} \u2014 PPRNet research archive"
    assert title == expected


def test_the_sitemap_lists_every_published_page_once(site: BuildResult) -> None:
    root = ET.parse(site.outdir / "sitemap.xml").getroot()  # noqa: S314 (the build's own output)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = [loc.text or "" for loc in root.iter(f"{namespace}loc")]
    pages = {
        "https://pprnet.github.io/archive/" + path.relative_to(site.outdir).as_posix()
        for path in site.outdir.rglob("*.html")
        if path.name not in {"search.html", "genindex.html"} and "_static" not in path.parts
    }
    assert sorted(listed) == listed and set(listed) == pages and len(listed) == len(pages)
    post = "https://pprnet.github.io/archive/posts/2018/01-therapist-internalized-models.html"
    dated = {
        url.findtext(f"{namespace}loc"): url.findtext(f"{namespace}lastmod")
        for url in root.iter(f"{namespace}url")
    }
    assert dated[post] == "2018-01-01"


def test_every_sphinx_design_class_on_the_site_keeps_its_rules(site: BuildResult) -> None:
    """Pages load a cut of sphinx-design's stylesheet (stages/render/assets.py)."""
    classes = {
        name
        for page in site.outdir.rglob("*.html")
        for element in soup(page).select('[class*="sd-"]')
        for name in element["class"]
        if name.startswith("sd-")
    }
    assert "sd-card" in classes and "sd-badge" in classes
    assert sorted(name for name in classes if not DESIGN_CLASSES.fullmatch(name)) == []


@pytest.mark.parametrize(
    ("asset", "used_by"),
    [
        ("_static/pprnet.js", ".pprnet-email, .pprnet-cite-this"),
        ("_static/pprnet-design.css", '[class*="sd-"]'),
        ("_static/pygments.css", ".highlight"),
        ("_static/design-tabs.js", ".sd-tab-set"),
        ("_static/sphinx-design.min.css", None),  # never: the cut replaces it
    ],
)
def test_a_page_loads_a_script_or_stylesheet_only_if_it_uses_it(
    site: BuildResult, asset: str, used_by: str | None
) -> None:
    pages = [p for p in site.outdir.rglob("*.html") if "_static" not in p.parts]
    linked = set()
    for page in pages:
        html = soup(page)
        links = [tag.get("src") or tag.get("href") for tag in html.select("script, link")]
        if any(link and link.split("?")[0].endswith(asset) for link in links):
            linked.add(page)
        main = html.select_one("[role=main]")
        uses = main is not None and used_by is not None and main.select_one(used_by) is not None
        assert (page in linked) == bool(uses), (page, asset)
    if asset in ("_static/pprnet.js", "_static/pprnet-design.css"):
        assert 0 < len(linked) < len(pages)


def test_the_evidence_map_counts_each_topic_and_type_from_the_posts(site: BuildResult) -> None:
    """One row per topic and one column per type of the vocabulary, all of them; each cell the
    number of posts whose front matter has both, linked to the explorer with both filters."""
    vocabulary = tomllib.loads((PROJECT / "vocabulary.toml").read_text(encoding="utf-8"))
    expected: Counter[tuple[str, str]] = Counter()
    for post in (PROJECT / "posts").rglob("*.md"):
        front = yaml.safe_load(post.read_text(encoding="utf-8").split("---")[1])
        expected.update((topic, front["category"]) for topic in front["tags"])
    table = soup(site.outdir / "explorer.html").select_one("table.pprnet-evidence-map")
    columns = [th.get_text(strip=True) for th in table.select("thead th")][1:]
    assert columns == [term["label"] for term in vocabulary["types"]]
    rows = table.select("tbody tr")
    assert [row.select_one("th").get_text(strip=True) for row in rows] == [
        term["label"] for term in vocabulary["topics"]
    ]
    found: Counter[tuple[str, str]] = Counter()
    for topic, row in zip(vocabulary["topics"], rows, strict=True):
        for kind, cell in zip(vocabulary["types"], row.select("td"), strict=True):
            count = int(cell.get_text(strip=True))
            link = cell.select_one("a")
            if count:
                found[(topic["slug"], kind["slug"])] = count
                assert link["href"] == f"?topic={topic['slug']}&type={kind['slug']}"
            else:
                assert link is None and "pprnet-empty-cell" in cell["class"]
    assert found == expected and sum(found.values()) > 6


def test_each_topic_page_shows_a_link_to_subscribe_to_its_feed(site: BuildResult) -> None:
    pages = sorted((site.outdir / "topics").glob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = soup(page)
        (link,) = html.select("[role=main] .pprnet-subscribe a")
        head = html.select('head link[rel="alternate"][type="application/atom+xml"]')
        assert link["href"] == f"{page.stem}.xml" == head[-1]["href"]
        assert link.get_text().startswith("Subscribe to ")
        assert (page.parent / link["href"]).is_file()
