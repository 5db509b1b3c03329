"""The Atom feeds of the `test-reader` root: valid, complete, escaped, advertised, reproducible,
and archived (RFC 5005): every summary in one archive document a year, each rewritten only when
its own summaries change."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import (
    HISTORY,
    ROOTS,
    BuildResult,
    archive_chain,
    assert_valid_atom,
    atom_links,
    sphinx_build,
)

A = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/archive/"
TOPICS = ("adherence", "alliance", "depression", "empathy")
# Each feed's archive documents (RFC 5005), one per year with summaries, in the folder named
# after the feed's file.
ARCHIVES = ["atom/2019.xml", "atom/2020.xml", "atom/2021.xml", "topics/adherence/2021.xml",
            "topics/alliance/2020.xml", "topics/alliance/2021.xml", "topics/depression/2019.xml",
            "topics/empathy/2021.xml"]  # fmt: skip
FEEDS = ["atom.xml", *(f"topics/{slug}.xml" for slug in TOPICS), *ARCHIVES]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return sphinx_build(ROOTS / "test-reader", tmp_path_factory.mktemp("feeds"))


def feed(built: BuildResult, path: str) -> ET.Element:
    return ET.parse(built.outdir / path).getroot()  # noqa: S314 (the build's own output)


def entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{A}entry")


def text(element: ET.Element, tag: str) -> str:
    found = element.find(f"{A}{tag}")
    assert found is not None and found.text is not None, tag
    return found.text


links = atom_links


def content(entry: ET.Element) -> BeautifulSoup:
    found = entry.find(f"{A}content")
    assert found is not None and found.get("type") == "html"
    return BeautifulSoup(found.text or "", "html.parser")


def test_builds_without_warnings(built: BuildResult) -> None:
    assert built.stderr == ""
    assert built.returncode == 0


def test_the_main_feed_lists_every_summary_newest_first(built: BuildResult) -> None:
    root = feed(built, "atom.xml")
    assert root.tag == f"{A}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert text(root, "title") == "Test Blog"
    assert text(root, "id") == BASE + "index.html"
    assert text(root, "updated") == "2021-05-01T00:00:00Z", "the newest post's date, not the clock"
    assert links(root) == {
        "self": BASE + "atom.xml",
        "alternate": BASE + "index.html",
        "current": BASE + "atom.xml",
        "prev-archive": BASE + "atom/2021.xml",
    }, "RFC 5005: the subscription document is current and leads to the newest archive"
    assert root.find(f"{HISTORY}archive") is None
    assert [text(entry, "id") for entry in entries(root)] == [
        BASE + "posts/2021/05-empathy.html",
        BASE + "posts/2021/05-commentary.html",
        BASE + "posts/2020/03-alliance.html",
        BASE + "posts/2019/01-depression.html",
    ]


def test_each_entry_has_what_atom_requires_and_its_topics(built: BuildResult) -> None:
    for entry in entries(feed(built, "atom.xml")):
        assert links(entry) == {"alternate": text(entry, "id")}
        assert text(entry, "title")
        assert text(entry, "updated").endswith("T00:00:00Z")
        assert text(entry, "published") == text(entry, "updated")
        author = entry.find(f"{A}author/{A}name")
        assert author is not None and author.text == "Giorgio A. Tasca"
    empathy = entries(feed(built, "atom.xml"))[0]
    categories = [(c.get("term"), c.get("label")) for c in empathy.findall(f"{A}category")]
    alliance = ("alliance", "Alliance and Therapeutic Relationship")
    assert categories == [("empathy", "Empathy"), alliance]


def test_an_entry_carries_the_full_summary_and_its_practice_implications(
    built: BuildResult,
) -> None:
    empathy = content(entries(feed(built, "atom.xml"))[0])
    paragraphs = [p.get_text() for p in empathy.select("p")]
    assert paragraphs[0].startswith("Elliott, R., Bohart, A. C., Watson, J. C., & Murphy, D.")
    assert paragraphs[1] == (
        "Empathy is a moderately strong predictor of outcome, as the alliance is in"
        " Flückiger et al. (2018) and in (Norcross & Lambert, 2018)."
    ), "citations read as APA text, not as keys"
    assert empathy.select_one("h2").get_text() == "Practice Implications"
    assert paragraphs[-1] == "Attend to the client’s experience moment by moment."
    depression = content(entries(feed(built, "atom.xml"))[-1])
    assert len(depression.select_one("p:nth-of-type(2)").get_text().split()) == 420, "in full"


def test_an_entry_is_summed_up_by_its_take_home(built: BuildResult) -> None:
    summaries = {
        entry.find(f"{A}title").text: entry.find(f"{A}summary").text
        for entry in entries(feed(built, "atom.xml"))
    }
    assert summaries["Why Adherence Is Not Enough"] == (
        "Follow the manual, and follow the client more closely still."
    ), "the author's bottom line"
    assert summaries["The Alliance in Adult Psychotherapy"] == "Monitor the alliance every session."


@pytest.mark.parametrize("path", ["atom.xml", "atom/2019.xml", "topics/depression/2019.xml"])
def test_contributor_text_is_escaped(built: BuildResult, path: str) -> None:
    raw = (built.outdir / path).read_text(encoding="utf-8")
    assert "<script>" not in raw
    depression = content(entries(feed(built, path))[-1])
    assert depression.find("script") is None
    implications = depression.select("p")[-1].get_text()
    assert implications == "Never paste <script> into a session note & keep ledgers balanced."
    assert "Theory & Practice of Psychotherapy" in depression.select_one("p").get_text()


def test_a_topic_feed_follows_its_topic_page(built: BuildResult) -> None:
    root = feed(built, "topics/alliance.xml")
    assert text(root, "title") == "Test Blog: Alliance and Therapeutic Relationship"
    assert text(root, "id") == BASE + "topics/alliance.html"
    assert links(root) == {
        "self": BASE + "topics/alliance.xml",
        "alternate": BASE + "topics/alliance.html",
        "current": BASE + "topics/alliance.xml",
        "prev-archive": BASE + "topics/alliance/2021.xml",
    }
    assert [text(entry, "title") for entry in entries(root)] == [
        "Therapist Empathy and Client Outcome",
        "The Alliance in Adult Psychotherapy",
    ]
    assert text(root, "updated") == "2021-05-01T00:00:00Z"
    assert text(feed(built, "topics/depression.xml"), "updated") == "2019-01-01T00:00:00Z"
    written = sorted(p.stem for p in (built.outdir / "topics").glob("*.xml"))
    assert written == list(TOPICS), "one feed per topic that has summaries"


def alternates(page: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [
        (link["title"], link["href"])
        for link in soup.select('head link[rel="alternate"][type="application/atom+xml"]')
    ]


def test_pages_advertise_the_main_feed_and_a_topic_page_its_own(built: BuildResult) -> None:
    assert alternates(built.outdir / "index.html") == [("Test Blog", "atom.xml")]
    assert alternates(built.outdir / "posts/2021/05-empathy.html") == [
        ("Test Blog", "../../atom.xml")
    ]
    assert alternates(built.outdir / "topics/alliance.html") == [
        ("Test Blog", "../atom.xml"),
        ("Test Blog: Alliance and Therapeutic Relationship", "alliance.xml"),
    ]
    assert alternates(built.outdir / "types/meta-analysis.html") == [("Test Blog", "../atom.xml")]


def test_two_builds_write_the_same_bytes_whatever_the_time_zone(
    built: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    again = sphinx_build(ROOTS / "test-reader", tmp_path)
    assert again.returncode == 0, again.stderr
    for path in [*FEEDS, "explorer.json"]:
        assert (again.outdir / path).read_bytes() == (built.outdir / path).read_bytes(), path


def test_no_feed_without_the_sites_address(archive_variant) -> None:  # type: ignore[no-untyped-def]
    result = archive_variant({})
    assert result.returncode == 0, result.stderr
    assert not (result.outdir / "atom.xml").exists()
    assert alternates(result.outdir / "index.html") == []


def test_a_feed_holds_the_newest_summaries_up_to_its_length(tmp_path: Path) -> None:
    built = sphinx_build(ROOTS / "test-reader", tmp_path, "-D", "pprnet_feed_length=1")
    assert built.stderr == ""
    newest = [BASE + "posts/2021/05-empathy.html"]
    assert [text(entry, "id") for entry in entries(feed(built, "atom.xml"))] == newest
    # Two summaries have this topic.
    assert [text(entry, "id") for entry in entries(feed(built, "topics/alliance.xml"))] == newest


# --- Archived feeds (RFC 5005, section 4) ---


def ids(root: ET.Element) -> list[str]:
    return [text(entry, "id") for entry in entries(root)]


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_document_is_valid_atom(built: BuildResult, path: str) -> None:
    assert_valid_atom(feed(built, path))


def test_each_year_of_the_main_feed_is_an_archive_document_linked_to_its_neighbours(
    built: BuildResult,
) -> None:
    years = {
        2021: ["posts/2021/05-empathy.html", "posts/2021/05-commentary.html"],
        2020: ["posts/2020/03-alliance.html"],
        2019: ["posts/2019/01-depression.html"],
    }
    for year, posts in years.items():
        root = feed(built, f"atom/{year}.xml")
        marker = root.find(f"{HISTORY}archive")
        assert marker is not None and len(marker) == 0 and not marker.text, "<fh:archive/>"
        assert text(root, "id") == BASE + "index.html", "one logical feed, one id"
        assert text(root, "title") == f"Test Blog ({year})"
        assert ids(root) == [BASE + post for post in posts], "its own year, newest first"
        assert text(root, "updated") == text(entries(root)[0], "updated"), "its newest summary"
        expected = {
            "self": f"{BASE}atom/{year}.xml",
            "alternate": BASE + "index.html",
            "current": BASE + "atom.xml",
            "prev-archive": f"{BASE}atom/{year - 1}.xml",
            "next-archive": f"{BASE}atom/{year + 1}.xml",
        }
        if year == 2019:
            del expected["prev-archive"]
        if year == 2021:
            del expected["next-archive"]
        assert links(root) == expected, year


def test_a_topics_archive_skips_the_years_without_its_summaries(built: BuildResult) -> None:
    chain = archive_chain(built.outdir, "topics/alliance.xml")
    assert [path for path, _ in chain] == ["topics/alliance/2021.xml", "topics/alliance/2020.xml"]
    assert [text(root, "title") for _, root in chain] == [
        "Test Blog: Alliance and Therapeutic Relationship (2021)",
        "Test Blog: Alliance and Therapeutic Relationship (2020)",
    ]
    assert links(chain[1][1])["next-archive"] == BASE + "topics/alliance/2021.xml"
    assert links(chain[1][1])["current"] == BASE + "topics/alliance.xml"
    # Depression has a summary in 2019 only: one document, with no neighbours.
    [(path, root)] = archive_chain(built.outdir, "topics/depression.xml")
    assert path == "topics/depression/2019.xml"
    assert "prev-archive" not in links(root) and "next-archive" not in links(root)


@pytest.mark.parametrize("subscription", ["atom.xml", *(f"topics/{slug}.xml" for slug in TOPICS)])
def test_walking_back_from_a_feed_reaches_each_of_its_summaries_once(
    built: BuildResult, short: BuildResult, subscription: str
) -> None:
    every = ids(feed(built, subscription))  # the default length holds all of this root's
    for result in (built, short):
        walked = [i for _, root in archive_chain(result.outdir, subscription) for i in ids(root)]
        assert walked == every, "newest first, each once"
    assert ids(feed(short, subscription)) == every[:1], "the rest only in the archive"


@pytest.fixture(scope="module")
def short(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A build whose subscription documents hold one summary each."""
    result = sphinx_build(
        ROOTS / "test-reader", tmp_path_factory.mktemp("short"), "-D", "pprnet_feed_length=1"
    )
    assert result.stderr == ""
    return result


def feed_files(outdir: Path) -> dict[str, tuple[bytes, int]]:
    """Every feed document written, with its bytes and modification time."""
    return {
        path.relative_to(outdir).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in outdir.rglob("*.xml")
        if path.name != "sitemap.xml"
    }


def changes(before: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> set[str]:
    """The documents written, rewritten with other bytes or removed between two builds."""
    assert all(before[p][0] != after[p][0] for p in before.keys() & after.keys() if
               before[p][1] != after[p][1]), "a document rewritten with the same bytes"  # fmt: skip
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def post_text(year: int, month: int, topics: str, reference: str, title: str) -> str:
    return (
        f"---\nblogpost: true\ndate: {year}-{month:02d}-01\nauthor: Giorgio A. Tasca\n"
        f"tags: [{topics}]\ncategory: meta-analysis\nreference: {reference}\n---\n\n"
        f"# {title}\n\nA summary.\n\n:::{{practice-implications}}\nAn implication.\n:::\n"
    )


BACKFILLED_ENTRY = """
@article{hill2015backfill,
  author = {Hill, C. E.},
  year = {2015},
  title = {A backfilled article},
  journal = {Psychotherapy},
  volume = {52},
  pages = {1--10}
}
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-reader", srcdir)
    return srcdir


def rebuild(srcdir: Path, out: Path) -> dict[str, tuple[bytes, int]]:
    result = sphinx_build(srcdir, out)
    assert result.stderr == "" and result.returncode == 0
    return feed_files(result.outdir)


def test_an_edit_rewrites_the_archive_documents_of_its_year_only(
    source: Path, tmp_path: Path
) -> None:
    before = rebuild(source, tmp_path / "out")
    # A mark in another year's document shows whether the build made it again at all: the
    # freshness stamp knows it is made of that year's summaries only.
    other = tmp_path / "out/html/atom/2021.xml"
    other.write_bytes(other.read_bytes() + b"<!-- untouched -->")
    before = feed_files(tmp_path / "out/html")
    post = source / "posts/2020/03-alliance.md"
    post.write_text(post.read_text("utf-8").replace("every session", "each session"), "utf-8")
    after = rebuild(source, tmp_path / "out")
    # The subscription documents hold the newest summaries, this one among them.
    assert changes(before, after) == {
        "atom.xml", "topics/alliance.xml", "atom/2020.xml", "topics/alliance/2020.xml"
    }  # fmt: skip
    assert "each session" in after["atom/2020.xml"][0].decode()
    assert after["atom/2021.xml"][0].endswith(b"<!-- untouched -->"), "not made again"


def test_a_backfilled_summary_rewrites_its_years_documents_and_no_other(
    source: Path, tmp_path: Path
) -> None:
    before = rebuild(source, tmp_path / "out")
    # As `pprnet import` does: a post of an earlier month, its reference added to the
    # bibliography, which is an input of every feed.
    post = post_text(2020, 1, "alliance", "hill2015backfill", "A Backfilled Summary")
    (source / "posts/2020/01-backfill.md").write_text(post, "utf-8")
    bib = source / "references.bib"
    bib.write_text(bib.read_text("utf-8") + BACKFILLED_ENTRY, "utf-8")
    after = rebuild(source, tmp_path / "out")
    changed = changes(before, after)
    assert {p for p in changed if "/" in p.removeprefix("topics/")} == {
        "atom/2020.xml", "topics/alliance/2020.xml"
    }, "of the archive documents, the backfilled year's only"  # fmt: skip
    assert ids(ET.fromstring(after["atom/2020.xml"][0]))[-1] == (  # noqa: S314 (our output)
        BASE + "posts/2020/01-backfill.html"
    )


def without_history(data: bytes) -> bytes:
    root = ET.fromstring(data)  # noqa: S314 (the build's own output)
    for link in root.findall(f"{A}link"):
        if link.get("rel") in ("prev-archive", "next-archive"):
            root.remove(link)
    return ET.tostring(root)


def test_a_new_year_changes_its_neighbours_links_and_nothing_else_of_them(
    source: Path, tmp_path: Path
) -> None:
    """RFC 5005 links each archive document to the years before and after it: a year that
    appears changes that link of its neighbours (and only that), the one exception to "an
    archive document changes only when its own summaries do"."""
    before = rebuild(source, tmp_path / "out")
    older = post_text(2015, 6, "depression", "fluckiger2018alliance", "An Older Summary")
    (source / "posts/2015").mkdir()
    (source / "posts/2015/06-older.md").write_text(older, "utf-8")
    newer = post_text(2022, 2, "empathy", "fluckiger2018alliance", "A Newer Summary")
    (source / "posts/2022").mkdir()
    (source / "posts/2022/02-newer.md").write_text(newer, "utf-8")
    after = rebuild(source, tmp_path / "out")
    archives = {p for p in changes(before, after) if "/" in p.removeprefix("topics/")}
    new = {"atom/2015.xml", "atom/2022.xml", "topics/depression/2015.xml",
           "topics/empathy/2022.xml"}  # fmt: skip
    neighbours = {"atom/2019.xml", "atom/2021.xml", "topics/depression/2019.xml",
                  "topics/empathy/2021.xml"}  # fmt: skip
    assert new <= after.keys() and not new & before.keys()
    assert archives == new | neighbours
    for path in neighbours:
        assert without_history(after[path][0]) == without_history(before[path][0]), path
    assert links(ET.fromstring(after["atom/2019.xml"][0]))["prev-archive"] == (  # noqa: S314
        BASE + "atom/2015.xml"
    )
    assert links(ET.fromstring(after["atom/2021.xml"][0]))["next-archive"] == (  # noqa: S314
        BASE + "atom/2022.xml"
    )
    assert links(ET.fromstring(after["atom.xml"][0]))["prev-archive"] == (  # noqa: S314
        BASE + "atom/2022.xml"
    )


def test_a_year_left_without_summaries_loses_its_archive_document(
    source: Path, tmp_path: Path
) -> None:
    before = rebuild(source, tmp_path / "out")
    assert "atom/2019.xml" in before
    moved = source / "posts/2019/01-depression.md"
    text_ = moved.read_text("utf-8").replace("date: 2019-01-01", "date: 2020-01-01")
    (source / "posts/2020/01-depression.md").write_text(text_, "utf-8")
    moved.unlink()
    after = rebuild(source, tmp_path / "out")
    assert "atom/2019.xml" not in after and "topics/depression/2019.xml" not in after
    assert [path for path, _ in archive_chain(tmp_path / "out/html", "atom.xml")] == [
        "atom/2021.xml", "atom/2020.xml"
    ]  # fmt: skip
