"""RFC 5005 archived feeds (section 4): every summary of a feed, one archive document a year.

A subscription document (`feeds.py`) holds only the newest summaries; it links `prev-archive`
to the newest archive document, and each archive document to the year before, so that a feed
reader that walks the links back reconstructs the whole feed. Every summary of a feed is in
exactly one archive document, its year's, the current year included.

An archive document is written at `<feed>/<year>.xml`, in the folder named after its feed's
file: `blog/atom/2017.xml` for `blog/atom.xml`, `topics/alliance/2017.xml` for
`topics/alliance.xml`. One rule serves every feed, and no slug can make it ambiguous, as
`topics/<slug>-2017.xml` could (the 2017 archive of `covid` or the feed of a topic `covid-2017`).

RFC 5005 asks that an archive document stay as it is once published. Here a document changes
only when one of its own summaries is added, edited or removed, with one exception the RFC's
links force: when a year is added next to it (the first summary of a new year, or of a year
the feed skipped), its `prev-archive` or `next-archive` link names the new neighbour.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath

from pprnet.model.records import Post

HISTORY = "http://purl.org/syndication/history/1.0"
YEAR_FILE = "[0-9][0-9][0-9][0-9].xml"


@dataclass(frozen=True)
class ArchiveDocument:
    """One year of a feed's summaries, newest first, and its neighbours' paths."""

    year: int
    path: str  # relative to the output directory
    posts: tuple[Post, ...]
    older: str | None  # the previous year's document, if any (`prev-archive`)
    newer: str | None  # the next year's document, if any (`next-archive`)


def archive_path(feed_path: str, year: int) -> str:
    """Where a feed's archive document of `year` is written."""
    return (PurePosixPath(feed_path).with_suffix("") / f"{year}.xml").as_posix()


def archive_documents(feed_path: str, posts: tuple[Post, ...]) -> tuple[ArchiveDocument, ...]:
    """A feed's archive documents, newest first: one per year that has summaries (years with
    none are skipped, so that no reader fetches an empty document)."""
    by_year: dict[int, list[Post]] = {}
    for post in sorted(posts, key=Post.sort_key, reverse=True):
        by_year.setdefault(post.date.year, []).append(post)
    years = sorted(by_year, reverse=True)
    paths = [archive_path(feed_path, year) for year in years]
    return tuple(
        ArchiveDocument(
            year,
            paths[index],
            tuple(by_year[year]),
            older=paths[index + 1] if index + 1 < len(years) else None,
            newer=paths[index - 1] if index > 0 else None,
        )
        for index, year in enumerate(years)
    )


def history_links(newest: str | None, document: ArchiveDocument | None) -> list[tuple[str, str]]:
    """The `prev-archive` and `next-archive` links (rel, path) of the subscription document
    (`document` None), which names the newest archive document, or of an archive document."""
    if document is None:
        links = [("prev-archive", newest)]
    else:
        links = [("prev-archive", document.older), ("next-archive", document.newer)]
    return [(rel, path) for rel, path in links if path]


def xml_bytes(root: ET.Element) -> bytes:
    """A document as the file holds it, with its XML declaration."""
    stream = BytesIO()
    ET.ElementTree(root).write(stream, encoding="utf-8", xml_declaration=True)
    return stream.getvalue()


def write_if_changed(path: Path, data: bytes) -> None:
    """Write `data` unless the file holds it already: a feed reader (or a cache) that compares
    dates sees an archive document change only when its content does. A change of
    `references.bib` or `vocabulary.toml` makes every feed be built again (freshness.py), yet
    rewrites only the documents whose text it changes."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def remove_old_years(outdir: Path, feed_path: str, documents: tuple[ArchiveDocument, ...]) -> None:
    """Delete the archive documents of years that no longer have summaries (the only post of a
    year moved or removed), which no link reaches and which would hold a summary twice."""
    folder = outdir / PurePosixPath(feed_path).with_suffix("")
    kept = {PurePosixPath(document.path).name for document in documents}
    for path in sorted(folder.glob(YEAR_FILE)):
        if path.name not in kept:
            path.unlink()
