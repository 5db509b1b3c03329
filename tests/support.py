"""Helpers shared by the tests: where the roots are, and building a site as a contributor does."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote

from pprnet.model.addresses import ADDRESS_RE

PROJECT = Path(__file__).parent.parent
# The Sphinx test roots: one small site per scenario.
ROOTS = Path(__file__).parent / "ext" / "roots"
FIXTURES = Path(__file__).parent / "fixtures"
# The payload root's pages that the sweeps must reach: every post and each kind of listing page.
PAYLOAD_PAGES = frozenset({
    "index.html", "bibliography.html", "search.html", "topics/alliance.html",
    "types/meta-analysis.html", "posts/2020/01-title.html", "posts/2020/02-category.html",
})  # fmt: skip


# What a build publishes: pages, feeds, the explorer's and search indexes, scripts.
OUTPUT_SUFFIXES = frozenset({".html", ".xml", ".json", ".js", ".pf_fragment", ".pf_index"})
# Pagefind writes its filter files, and the two files that name them, in an order of its own
# that changes from one run to the next over the same pages; the rest of the search index
# (each page's fragment, the word index) is the same bytes.
UNORDERED = re.compile(r"^pagefind/(?:filter/|pagefind\.[^/]*\.pf_meta$|pagefind-entry\.json$)")


def data_url_text(url: str, media_type: str) -> str:
    """The text a data: URL of `media_type` carries (a download link's file)."""
    head, _, data = url.partition(",")
    assert head == f"data:{media_type};charset=utf-8", head
    return unquote(data)


def output_files(root: Path) -> list[Path]:
    """The files a build writes that two builds of the same sources must write alike."""
    return sorted(
        p.relative_to(root)
        for p in root.rglob("*")
        if p.suffix in OUTPUT_SUFFIXES and not UNORDERED.match(p.relative_to(root).as_posix())
    )


def assert_same_outputs(expected: Path, actual: Path) -> None:
    """Two builds wrote the same files, byte for byte."""
    names = output_files(expected)
    assert output_files(actual) == names
    for name in names:
        assert (actual / name).read_bytes() == (expected / name).read_bytes(), name


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    stderr: str
    srcdir: Path
    outdir: Path


def sphinx_build(
    srcdir: Path,
    outdir: Path,
    *options: str,
    strict: bool = True,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> BuildResult:
    """Run `sphinx-build -n` as a contributor does, with -W unless not `strict`, in a separate
    process."""
    command = [sys.executable, "-m", "sphinx", *(["-W"] if strict else []), "-n", "-q"]
    command += ["--no-color", "-b", "html", *options]
    command += ["-d", str(outdir / ".doctrees"), str(srcdir), str(outdir / "html")]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    return BuildResult(done.returncode, done.stderr, srcdir, outdir / "html")


# The address every link of a test newsletter starts from.
NEWSLETTER_BASE = "https://example.org/archive/"


def newsletter_build(
    srcdir: Path, outdir: Path, month: str, *options: str, strict: bool = True
) -> BuildResult:
    """Run the newsletter builder for `month` into `outdir/newsletter`, the environment in
    `outdir/.doctrees` (a second month in the same `outdir` reads nothing again)."""
    command = [sys.executable, "-m", "sphinx", *(["-W"] if strict else []), "-n", "-q"]
    command += ["--no-color", "-b", "newsletter", "-D", f"pprnet_newsletter_month={month}"]
    command += ["-D", f"html_baseurl={NEWSLETTER_BASE}", *options]
    command += ["-d", str(outdir / ".doctrees"), str(srcdir), str(outdir / "newsletter")]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    return BuildResult(done.returncode, done.stderr, srcdir, outdir / "newsletter")


def addresses_in(outdir: Path) -> dict[str, list[str]]:
    """E-mail addresses a harvester would find in a built tree: in every text file, and in
    each page's text as the search index keeps it (a compressed fragment, which the search
    page fetches), entities decoded and tags stripped."""
    found = {}
    for path in outdir.rglob("*"):
        if path.suffix == ".pf_fragment":
            raw = gzip.decompress(path.read_bytes()).decode("utf-8")
        elif path.suffix in (".html", ".xml", ".json", ".js", ".txt", ".css", ".ris", ".bib"):
            raw = path.read_text(encoding="utf-8")
        else:
            continue
        text = unescape(re.sub(r"<[^>]*>", " ", unescape(raw)))
        if addresses := ADDRESS_RE.findall(text):
            found[str(path.relative_to(outdir))] = addresses
    return found


ATOM = "{http://www.w3.org/2005/Atom}"
HISTORY = "{http://purl.org/syndication/history/1.0}"  # RFC 5005's namespace, `fh:`
ATOM_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def atom_links(element: ET.Element) -> dict[str, str]:
    """An Atom feed's or entry's links, by relation."""
    return {link.get("rel", ""): link.get("href", "") for link in element.findall(f"{ATOM}link")}


def assert_valid_atom(root: ET.Element) -> None:
    """What Atom (RFC 4287, 4.1) requires of a feed document and of each of its entries: one id,
    title and updated (an RFC 3339 date) each, an author for every entry, and for each entry
    its content or an alternate link."""
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.findall(f"{ATOM}entry")):
        for tag in ("id", "title", "updated"):
            found = element.findall(f"{ATOM}{tag}")
            assert len(found) == 1 and (found[0].text or "").strip(), tag
        assert ATOM_DATE.fullmatch(element.findtext(f"{ATOM}updated") or "")
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
        assert entry.find(f"{ATOM}content") is not None or "alternate" in atom_links(entry)


def archive_chain(outdir: Path, subscription: str) -> list[tuple[str, ET.Element]]:
    """The archive documents a feed reader reaches from a subscription document (a path in
    `outdir`) by following `prev-archive` links (RFC 5005), newest first, as (path, root)."""
    root = ET.parse(outdir / subscription).getroot()  # noqa: S314 (the build's own output)
    base = atom_links(root)["self"].removesuffix(subscription)
    chain: list[tuple[str, ET.Element]] = []
    while href := atom_links(root).get("prev-archive"):
        path = href.removeprefix(base)
        assert path not in [seen for seen, _ in chain], f"{path}: the links go round"
        root = ET.parse(outdir / path).getroot()  # noqa: S314 (the build's own output)
        chain.append((path, root))
    return chain


def pprnet(
    *args: str | Path, cwd: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the `pprnet` command in `cwd`, as a contributor does; never raises on its status."""
    command = [sys.executable, "-m", "pprnet.cli", *map(str, args)]
    return subprocess.run(
        command, cwd=cwd, input=stdin, capture_output=True, text=True, check=False, env=env
    )
