"""Builds of the small `test-archive` root: what each page shows, and how builds behave."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from support import ROOTS, BuildResult, assert_same_outputs, sphinx_build


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    tmp = tmp_path_factory.mktemp("archive")
    return sphinx_build(ROOTS / "test-archive", tmp)


def test_builds_without_warnings(built: BuildResult) -> None:
    assert built.stderr == ""
    assert built.returncode == 0


def test_the_directive_renders_a_titled_admonition(built: BuildResult) -> None:
    page = soup(built.outdir / "posts/2020/03-alliance.html")
    (block,) = page.select("div.admonition.pprnet-practice-implications")
    assert block.select_one(".admonition-title").get_text() == "Practice Implications"
    assert [p.get_text() for p in block.select("p:not(.admonition-title)")] == [
        "Monitor the alliance every session.",
        "Repair ruptures when they occur.",
    ]


def test_a_post_page_shows_month_badges_reference_and_neighbours(built: BuildResult) -> None:
    page = soup(built.outdir / "posts/2021/05-empathy.html")
    header = page.select_one(".pprnet-post-header")
    assert header is not None
    assert header.select_one(".pprnet-month").get_text() == "May 2021"
    assert header.select_one("a.pprnet-type").get_text() == "Meta-analysis"
    topics = header.select("a.pprnet-topic")
    assert [(a.get_text(), a["href"]) for a in topics] == [
        ("Empathy", "../../topics/empathy.html"),
        ("Alliance and Therapeutic Relationship", "../../topics/alliance.html"),
    ]
    reference = header.select_one(".pprnet-reference").get_text()
    assert reference.startswith("Elliott, R., Bohart, A. C., Watson, J. C., & Murphy, D. (2018).")
    contact = page.select_one(".pprnet-contact")
    assert contact is not None and "r.elliott@example.org" not in str(contact), "cloaked"
    assert contact.get_text().startswith("Corresponding author of the summarised article: ")
    assert page.select_one(".pprnet-prev a")["href"] == "05-commentary.html"
    assert page.select_one(".pprnet-next") is None


def test_a_doi_is_a_link(built: BuildResult) -> None:
    page = soup(built.outdir / "posts/2020/03-alliance.html")
    link = page.select_one(".pprnet-reference a")
    assert link["href"] == "https://doi.org/10.1037/pst0000172"


def test_the_topic_index_counts_every_topic_of_the_vocabulary(built: BuildResult) -> None:
    page = soup(built.outdir / "index.html")
    items = [li.get_text(" ", strip=True) for li in page.select("ul.pprnet-topic-index > li")]
    assert items == ["Adherence (1)", "Alliance and Therapeutic Relationship (2)", "Empathy (1)"]
    assert page.select_one("ul.pprnet-topic-index a")["href"] == "topics/adherence.html"


def test_a_topic_page_is_a_digest_newest_first(built: BuildResult) -> None:
    page = soup(built.outdir / "topics/alliance.html")
    assert page.select_one("h1").get_text(strip=True).startswith("Alliance and Therapeutic")
    entries = page.select("section.pprnet-digest-entry")
    assert [entry.select_one("h2 a").get_text() for entry in entries] == [
        "Therapist Empathy and Client Outcome",
        "The Alliance in Adult Psychotherapy",
    ]
    first = entries[0]
    assert first.select_one("h2 a")["href"] == "../posts/2021/05-empathy.html"
    assert first.select_one(".pprnet-month").get_text() == "May 2021"
    assert first.select_one(".pprnet-type").get_text() == "Meta-analysis"
    assert first.select_one(".pprnet-reference").get_text().startswith("Elliott, R.")
    implications = first.select_one(".pprnet-practice-implications")
    assert "moment by moment" in implications.get_text()


def test_type_pages_exist_for_used_types(built: BuildResult) -> None:
    assert (built.outdir / "types/meta-analysis.html").exists()
    assert (built.outdir / "types/commentary.html").exists()
    assert not (built.outdir / "types/rct.html").exists()
    assert not (built.outdir / "topics/unused.html").exists()


def test_the_month_archive_groups_months_by_year_newest_first(built: BuildResult) -> None:
    page = soup(built.outdir / "index.html")
    years = page.select("section.pprnet-archive-year")
    assert [year["id"] for year in years] == ["year-2021", "year-2020"]
    months = years[0].select("section.pprnet-archive-month")
    assert [m.select_one(":is(h2, h3, h4, h5)").contents[0] for m in months] == ["May 2021"]
    assert [a.get_text() for a in months[0].select("a.reference")] == [
        "Therapist Empathy and Client Outcome",
        "Why Adherence Is Not Enough",
    ]


def test_this_month_names_the_newest_month_and_cards_the_newest_summaries(
    built: BuildResult,
) -> None:
    page = soup(built.outdir / "index.html")
    intro = page.select_one(".pprnet-this-month").get_text()
    assert intro == (
        "May 2021: the blog summarises Therapist Empathy and Client Outcome"
        " and Why Adherence Is Not Enough."
    )
    # Three summaries: the newest two, so that the row of two cards is full.
    cards = page.select(".pprnet-cards .sd-card")
    assert [card.select_one(".sd-card-title a").get_text() for card in cards] == [
        "Therapist Empathy and Client Outcome",
        "Why Adherence Is Not Enough",
    ]
    byline = cards[0].select_one(".pprnet-card-byline")
    assert byline.get_text(" ", strip=True) == "May 2021 Meta-analysis"
    assert cards[1].select_one(".pprnet-teaser").get_text() == (
        "Follow the manual, and follow the client more closely still."
    )


def test_a_posts_teaser_is_its_months_line_on_the_home_page(archive_variant) -> None:  # type: ignore[no-untyped-def]
    post = (ROOTS / "test-archive/posts/2021/05-empathy.md").read_text(encoding="utf-8")
    teaser = "This month I blog about empathy & adherence, two sides of responsiveness."
    result = archive_variant(
        {"posts/2021/05-empathy.md": post.replace("---\n\n#", f"teaser: {teaser}\n---\n\n#", 1)}
    )
    assert result.returncode == 0, result.stderr
    intro = soup(result.outdir / "index.html").select_one(".pprnet-this-month")
    assert intro.get_text() == f"May 2021: {teaser}"
    assert intro.select("a") == []


def test_text_builder_falls_back_to_plain_admonitions_and_lists(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    app = SphinxTestApp("text", srcdir=srcdir, confoverrides={"nitpicky": True})
    try:
        app.build()
        assert app.warning.getvalue() == ""
        post = (app.outdir / "posts/2020/03-alliance.txt").read_text(encoding="utf-8")
        assert "Practice Implications" in post and "Monitor the alliance" in post
        assert "Meta-analysis" in post
        index = (app.outdir / "index.txt").read_text(encoding="utf-8")
        assert "Alliance and Therapeutic Relationship (2)" in index
    finally:
        app.cleanup()


def test_parallel_build_gives_the_same_pages_as_a_serial_one(tmp_path: Path) -> None:
    serial = sphinx_build(ROOTS / "test-archive", tmp_path / "serial")
    parallel = sphinx_build(ROOTS / "test-archive", tmp_path / "parallel", "-j", "2")
    assert serial.stderr == parallel.stderr == ""
    assert_same_outputs(serial.outdir, parallel.outdir)


def test_an_incremental_build_after_an_edit_equals_a_clean_build(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    first = sphinx_build(srcdir, tmp_path / "incremental")
    assert first.returncode == 0
    post = srcdir / "posts/2020/03-alliance.md"
    text = post.read_text(encoding="utf-8")
    text = text.replace("# The Alliance in Adult Psychotherapy", "# The Alliance, Revisited")
    post.write_text(text.replace("tags: [alliance]", "tags: [alliance, empathy]"), "utf-8")
    incremental = sphinx_build(srcdir, tmp_path / "incremental")
    clean = sphinx_build(srcdir, tmp_path / "clean")
    assert incremental.stderr == clean.stderr == ""
    for page in ("index.html", "topics/empathy.html", "topics/alliance.html",
                 "posts/2021/05-commentary.html", "posts/2020/03-alliance.html"):  # fmt: skip
        assert (incremental.outdir / page).read_bytes() == (clean.outdir / page).read_bytes(), page
    assert "The Alliance, Revisited" in (clean.outdir / "posts/2021/05-commentary.html").read_text()


def test_a_rebuild_with_no_change_writes_the_same_site(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    first = sphinx_build(srcdir, tmp_path / "out")
    before = {p: p.read_bytes() for p in first.outdir.rglob("*.html")}
    again = sphinx_build(srcdir, tmp_path / "out")
    assert again.returncode == 0 and again.stderr == ""
    assert {p: p.read_bytes() for p in again.outdir.rglob("*.html")} == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_generated_outputs_are_rewritten_only_when_their_inputs_change(
    tmp_path: Path, jobs: str
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)

    def build() -> BuildResult:
        return sphinx_build(srcdir, tmp_path / "out", "-j", jobs)

    out = build().outdir
    names = ["topics/alliance.html", "types/meta-analysis.html", "topics/empathy.html",
             "topics/adherence.html"]  # fmt: skip

    def mtimes() -> dict[str, int]:
        return {name: (out / name).stat().st_mtime_ns for name in names}

    before = mtimes()
    assert build().stderr == ""
    assert mtimes() == before, "no change: nothing generated again"

    # The alliance post (topic alliance, a meta-analysis) changes its practice implications:
    # its topic and type pages are generated again, the others are not.
    post = srcdir / "posts/2020/03-alliance.md"
    post.write_text(post.read_text("utf-8").replace("every session", "each session"), "utf-8")
    assert build().stderr == ""
    after = mtimes()
    changed = {name for name in names if after[name] != before[name]}
    assert changed == {"topics/alliance.html", "types/meta-analysis.html"}
    assert "each session" in (out / "topics/alliance.html").read_text("utf-8")

    # A new bibliography entry is a new input of every output.
    bib = srcdir / "references.bib"
    bib.write_text(bib.read_text("utf-8").replace("pages = {316--340}", "pages = {316--341}"))
    assert build().stderr == ""
    assert all((out / name).stat().st_mtime_ns > after[name] for name in names)
    post_page = (out / "posts/2020/03-alliance.html").read_text("utf-8")
    assert "SP%20%20-%20316%0AEP%20%20-%20341" in post_page, "its RIS download follows"


def test_a_page_with_listings_is_rewritten_only_when_what_it_lists_changes(
    tmp_path: Path,
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    # The root's index also has the posts in its toctree, for which Sphinx rewrites it.
    listings = ":::{topic-index}\n:::\n\n:::{month-archive}\n:::\n\n:::{this-month}\n:::\n"
    (srcdir / "listings.md").write_text(f"---\norphan: true\n---\n# Listings\n\n{listings}")
    out = sphinx_build(srcdir, tmp_path / "out").outdir
    index = out / "listings.html"
    before = index.stat().st_mtime_ns

    post = srcdir / "posts/2020/03-alliance.md"
    text = post.read_text("utf-8")
    post.write_text(text.replace("predicts outcome", "predicts the outcome"), "utf-8")
    assert sphinx_build(srcdir, tmp_path / "out").stderr == ""
    assert index.stat().st_mtime_ns == before, "a summary's text is not on the index"

    post.write_text(text.replace("# The Alliance in Adult", "# The Alliance in All"), "utf-8")
    assert sphinx_build(srcdir, tmp_path / "out").stderr == ""
    assert "The Alliance in All Psychotherapy" in index.read_text("utf-8")

    vocabulary = srcdir / "vocabulary.toml"
    vocabulary.write_text(vocabulary.read_text("utf-8").replace('"Empathy"', '"Empathy (E)"'))
    assert sphinx_build(srcdir, tmp_path / "out").stderr == ""
    assert "Empathy (E) (1)" in BeautifulSoup(index.read_text("utf-8"), "html.parser").get_text()


def test_a_post_leads_with_its_take_home_and_describes_itself_with_it(built: BuildResult) -> None:
    """The author's bottom line if the post has one, else the first sentence of its practice
    implications (nothing invented), with a link down to them; the same as its description."""
    for path, take_home in (
        ("posts/2021/05-commentary.html",
         "Follow the manual, and follow the client more closely still."),
        ("posts/2020/03-alliance.html", "Monitor the alliance every session."),
    ):  # fmt: skip
        page = soup(built.outdir / path)
        box = page.select_one(".pprnet-post-header > .pprnet-badges + .pprnet-take-home")
        assert box is not None, "in the header, before the reference and the summary"
        assert box.get_text(" ", strip=True) == f"Take-home: {take_home} Practice implications ↓"
        link = box.select_one("a")["href"]
        assert link == "#practice-implications"
        assert page.select_one(link).select_one(".admonition-title").get_text() == (
            "Practice Implications"
        )
        assert page.select_one('meta[name="description"]')["content"] == take_home


def test_addresses_keep_the_base_urls_path_without_its_final_slash(archive_variant) -> None:  # type: ignore[no-untyped-def]
    result = archive_variant({}, "-D", "html_baseurl=https://example.org/archive")
    assert result.returncode == 0, result.stderr
    card = soup(result.outdir / "index.html").select_one('meta[property="og:url"]')
    assert card["content"] == "https://example.org/archive/index.html"
    sitemap = (result.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/archive/index.html</loc>" in sitemap
