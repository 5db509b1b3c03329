"""The Atom feeds of the `test-reader` root: valid, complete, escaped, advertised, reproducible."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import ROOTS, BuildResult, sphinx_build

A = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/archive/"
TOPICS = ("adherence", "alliance", "depression", "empathy")
FEEDS = ["atom.xml", *(f"topics/{slug}.xml" for slug in TOPICS)]


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


def links(element: ET.Element) -> dict[str, str]:
    return {link.get("rel", ""): link.get("href", "") for link in element.findall(f"{A}link")}


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
    assert links(root) == {"self": BASE + "atom.xml", "alternate": BASE + "index.html"}
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


def test_contributor_text_is_escaped(built: BuildResult) -> None:
    raw = (built.outdir / "atom.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw
    depression = content(entries(feed(built, "atom.xml"))[-1])
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
