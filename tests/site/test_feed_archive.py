"""The archived feeds (RFC 5005) of a synthetic archive of 300 posts over nine years: no summary
is lost from the feed of all summaries or from a topic's, and two builds write the same bytes."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from generate import Words, generate

from support import (
    ATOM,
    HISTORY,
    BuildResult,
    archive_chain,
    assert_valid_atom,
    atom_links,
    sphinx_build,
)

POSTS = 300
LENGTH = 50  # conf.py's pprnet_feed_length
MAIN = "blog/atom.xml"  # conf.py's pprnet_feed_path
# Made-up words, as the benchmark's tests use: no word list needs to be installed.
WORDS = Words.zipf(("".join(w) for w in itertools.product("bdkl", "aeiou", "mnprst", "ao")), "test")


@dataclass(frozen=True)
class Built:
    first: BuildResult
    second: BuildResult
    topics: dict[str, tuple[str, ...]]  # a post's address under the site -> its topics


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The archive of 300 posts built twice, the second time in another time zone."""
    root = tmp_path_factory.mktemp("feed-archive")
    site = generate(root / "site", POSTS, "archive", words=WORDS)
    first = sphinx_build(site, root / "first")
    second = sphinx_build(site, root / "second", env={"TZ": "Pacific/Kiritimati"})
    topics = {}
    for post in sorted((site / "posts").rglob("*.md")):
        tags = next(x for x in post.read_text("utf-8").splitlines() if x.startswith("tags:"))
        address = post.relative_to(site).with_suffix(".html").as_posix()
        topics[address] = tuple(tags.removeprefix("tags: [").removesuffix("]").split(", "))
    return Built(first, second, topics)


def parse(path: Path) -> ET.Element:
    return ET.parse(path).getroot()  # noqa: S314 (the build's own output)


def ids(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}id") or "" for entry in root.findall(f"{ATOM}entry")]


def subscriptions(built: Built) -> dict[str, list[str]]:
    """Each feed (the main one, then one per topic) with the posts it must hold, newest first
    (a post's address sorts as its date: posts/YYYY/MM-...)."""
    every = sorted(built.topics, reverse=True)
    feeds = {MAIN: every}
    for slug in sorted({slug for topics in built.topics.values() for slug in topics}):
        feeds[f"topics/{slug}.xml"] = [post for post in every if slug in built.topics[post]]
    return feeds


def test_both_builds_have_no_warnings(built: Built) -> None:
    assert built.first.stderr == built.second.stderr == ""
    assert len(built.topics) == POSTS
    assert len(subscriptions(built)) > 30, "the main feed and most topics' feeds"


def test_each_post_is_in_exactly_one_archive_document_of_each_of_its_feeds(built: Built) -> None:
    outdir = built.first.outdir
    for subscription, posts in subscriptions(built).items():
        root = parse(outdir / subscription)
        base = atom_links(root)["self"].removesuffix(subscription)
        folder = outdir / subscription.removesuffix(".xml")
        held = Counter(
            entry.removeprefix(base) for path in folder.glob("*.xml") for entry in ids(parse(path))
        )
        assert held == Counter(posts), subscription
        assert [i.removeprefix(base) for i in ids(root)] == posts[:LENGTH], "the newest only"


def test_walking_prev_archive_from_a_feed_reaches_every_post(built: Built) -> None:
    outdir = built.first.outdir
    for subscription, posts in subscriptions(built).items():
        chain = archive_chain(outdir, subscription)
        base = atom_links(parse(outdir / subscription))["self"].removesuffix(subscription)
        walked = [i.removeprefix(base) for _, root in chain for i in ids(root)]
        assert walked == posts, f"{subscription}: every post once, newest first"
        folder = subscription.removesuffix(".xml")
        paths = [path for path, _ in chain]
        assert paths == sorted(paths, reverse=True), "one document a year, newest first"
        assert sorted(paths) == sorted(
            p.relative_to(outdir).as_posix() for p in (outdir / folder).glob("*.xml")
        ), "no archive document that the links do not reach"
        for index, (path, root) in enumerate(chain):
            year = int(Path(path).stem)
            assert {i.removeprefix(base)[6:10] for i in ids(root)} == {str(year)}, path
            assert root.find(f"{HISTORY}archive") is not None, path
            links = atom_links(root)
            assert links["current"] == base + subscription
            assert links["self"] == base + path
            assert links.get("next-archive") == (base + chain[index - 1][0] if index else None)
            updated = root.findtext(f"{ATOM}updated")
            assert updated == root.find(f"{ATOM}entry/{ATOM}updated").text  # type: ignore[union-attr]


def test_every_feed_document_is_valid_atom(built: Built) -> None:
    documents = sorted(built.first.outdir.rglob("*.xml"))
    checked = 0
    for path in documents:
        if path.name != "sitemap.xml":
            assert_valid_atom(parse(path))
            checked += 1
    assert checked > 300


def test_two_builds_write_the_same_feed_documents(built: Built) -> None:
    def documents(outdir: Path) -> dict[str, bytes]:
        return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in outdir.rglob("*.xml")}

    first, second = documents(built.first.outdir), documents(built.second.outdir)
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_the_sitemap_lists_pages_and_no_feed_document(built: Built) -> None:
    root = parse(built.first.outdir / "sitemap.xml")
    listed = [
        loc.text or "" for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert len(listed) > POSTS
    assert [url for url in listed if not url.endswith(".html")] == []
