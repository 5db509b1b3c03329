"""What the archive publishes: no build state, no address in clear text, the same bytes from
the same commit, and no post lost on the way."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from support import PROJECT, UNORDERED, BuildResult, addresses_in, sphinx_build

pytestmark = pytest.mark.site

ATOM = "{http://www.w3.org/2005/Atom}"
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)


def files(root: Path) -> dict[str, bytes]:
    """Every file of a build but the search index's few files that Pagefind orders as it
    happens to (`UNORDERED`)."""
    return {
        name: path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not UNORDERED.match(name := path.relative_to(root).as_posix())
    }


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        ["make", "-s", "dist", f"BUILDDIR={build}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return build / "dist"


def test_the_published_tree_holds_no_build_state_or_sources(dist: Path) -> None:
    names = set(files(dist))
    assert "index.html" in names
    assert not [n for n in names if n.startswith((".buildinfo", ".doctrees", "_sources"))]
    assert not [n for n in names if n.endswith((".pickle", ".doctree", ".md", ".bib.txt"))]


def test_no_email_address_recoverable_anywhere(dist: Path) -> None:
    assert addresses_in(dist) == {}


def test_every_page_carries_a_policy_that_allows_exactly_its_inline_scripts(dist: Path) -> None:
    for path in dist.rglob("*.html"):
        if "_static" in path.parts:  # the theme's files, not pages
            continue
        html = path.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        assert len(policies) == 1, path
        inline = [body for attributes, body in SCRIPT.findall(html) if "src=" not in attributes]
        digests = {base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in inline}
        hashes = "".join(f" 'sha256-{digest}'" for digest in sorted(digests))
        assert policies[0] == f"script-src 'self'{hashes}; object-src 'none'; base-uri 'self'"
        assert html.index("Content-Security-Policy") < html.index("<script")


def test_two_builds_of_one_commit_are_identical(site: BuildResult, tmp_path: Path) -> None:
    other = sphinx_build(
        PROJECT, tmp_path, env={"PYTHONHASHSEED": "4242", "TZ": "Pacific/Auckland"}
    )
    assert other.returncode == 0, other.stderr
    first, second = files(site.outdir), files(other.outdir)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_no_post_is_lost_on_the_way(site: BuildResult) -> None:
    """Every post file appears exactly once in the month archive, on each of its topic pages,
    in the feed, in the explorer's data and in the search index."""
    posts = sorted((PROJECT / "posts").rglob("*.md"))
    docnames = [post.relative_to(PROJECT).with_suffix("").as_posix() for post in posts]
    pages = [f"{docname}.html" for docname in docnames]
    out = site.outdir

    archive = BeautifulSoup((out / "archive.html").read_text("utf-8"), "html.parser")
    linked = [a["href"] for a in archive.select(".pprnet-archive-month a.reference")]
    assert sorted(linked) == sorted(pages)

    for post, page in zip(posts, pages, strict=True):
        tags = yaml.safe_load(post.read_text("utf-8").split("---\n")[1])["tags"]
        for slug in tags:
            topic = BeautifulSoup((out / f"topics/{slug}.html").read_text("utf-8"), "html.parser")
            hrefs = [a["href"] for a in topic.select(".pprnet-digest-entry h2 a")]
            assert hrefs.count(f"../{page}") == 1, (slug, page)

    feed = ET.parse(out / "blog/atom.xml").getroot()  # noqa: S314 (our own build output)
    ids = [entry.findtext(f"{ATOM}id") or "" for entry in feed.findall(f"{ATOM}entry")]
    assert sorted(id_.rsplit("/", 4)[-3:] for id_ in ids) == sorted(p.split("/") for p in pages)

    explorer = json.loads((out / "explorer.json").read_text("utf-8"))
    assert sorted(record["url"] for record in explorer["summaries"]) == sorted(pages)

    for page in pages:  # each post is in the search index, with its own filter
        html = (out / page).read_text("utf-8")
        assert html.count("data-pagefind-body") == 1, page
        assert html.count(f'data-pagefind-filter="summary:{page}"') == 1, page
