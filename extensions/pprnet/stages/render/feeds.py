"""Atom feeds: the newest summaries, and those of each topic, written from the archive.

ablog's feed is not used (see `blog_feed_templates` in conf.py): its `<updated>` is the time of
the build and its dates follow the machine's time zone, so two builds differ, and its content
is an excerpt. These feeds carry each summary in full with its practice implications, date
everything from the posts themselves, and are built with ElementTree, which escapes all text.
Each feed is also archived (`feedarchive.py`, RFC 5005): its every summary, one document a year.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from pprnet.config import Settings
from pprnet.model.bibfile import Bibliography
from pprnet.model.records import Archive, Post
from pprnet.model.vocabulary import Vocabulary
from pprnet.speed.freshness import is_current
from pprnet.stages.derive import AFTER_DERIVE
from pprnet.stages.domain import get_domain
from pprnet.stages.read.practice import TITLE
from pprnet.stages.render.feedarchive import (
    HISTORY,
    ArchiveDocument,
    archive_documents,
    history_links,
    remove_old_years,
    write_if_changed,
    xml_bytes,
)
from pprnet.stages.render.links import TOPICS_DIR, topic_page

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class Feed:
    """One feed: where it is written, the page it belongs to, its title, its newest posts (the
    subscription document's) and the archive documents of all its posts, newest first."""

    path: str  # relative to the output directory
    page: str  # the docname of the page the feed follows
    title: str
    posts: tuple[Post, ...]
    archives: tuple[ArchiveDocument, ...] = ()

    @property
    def newest_archive(self) -> str | None:
        return self.archives[0].path if self.archives else None

    @classmethod
    def of(cls, path: str, page: str, title: str, posts: tuple[Post, ...], length: int) -> Feed:
        """The feed of `posts` (newest first): the newest `length` to subscribe to, all archived."""
        return cls(path, page, title, posts[:length], archive_documents(path, posts))


def site_feeds(archive: Archive, vocabulary: Vocabulary, config: Config) -> list[Feed]:
    """The main feed and one feed per topic that has summaries; none for an empty archive.

    Each holds the newest `pprnet_feed_length` summaries: a feed reader fetches the whole file
    on every poll, and the archive itself is the place for older ones."""
    if not archive.posts:
        return []
    settings = Settings.of(config)
    title: str = config.project
    length = settings.feed_length
    feeds = [Feed.of(settings.feed_path, config.root_doc, title, archive.posts, length)]
    for term in vocabulary.topics:
        if posts := archive.by_topic.get(term.slug):
            page = topic_page(term.slug)
            feeds.append(Feed.of(f"{page}.xml", page, f"{title}: {term.label}", posts, length))
    return feeds


def absolute(base: str, path: str) -> str:
    return urljoin(base if base.endswith("/") else f"{base}/", path)


def timestamp(post: Post) -> str:
    """A post's date as an Atom date: midnight UTC, so that no build depends on its time zone."""
    return f"{post.date.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def entry_content(post: Post, bibliography: Bibliography) -> str:
    """The summary as HTML: the summarised article, the summary, the practice implications."""
    body = ET.Element("div")
    found = bibliography.get(post.reference) if post.reference else None
    if found is not None:
        _sub(body, "p", str(found.reference))
    for text in post.summary:
        _sub(body, "p", text)
    _sub(body, "h2", TITLE)
    for text in post.implications:
        _sub(body, "p", text)
    return ET.tostring(body, encoding="unicode", method="html")


def build_feed(
    feed: Feed,
    base: str,
    language: str,
    target_uri: Callable[[str], str],
    vocabulary: Vocabulary,
    bibliography: Bibliography,
    document: ArchiveDocument | None = None,
) -> ET.Element:
    """The subscription document of one feed, or its archive `document` of one year;
    `target_uri` maps a docname to its URL path."""
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: language})
    path, posts, title = feed.path, feed.posts, feed.title
    if document is not None:
        root.set("xmlns:fh", HISTORY)
        path, posts, title = document.path, document.posts, f"{feed.title} ({document.year})"
    page_url = absolute(base, target_uri(feed.page))
    # Every document of a feed is part of one logical feed (RFC 5005), with one id.
    _sub(root, "id", page_url)
    _sub(root, "title", title)
    # The newest summary's date, never the build's: a document's own summaries date it.
    _sub(root, "updated", timestamp(posts[0]))
    _sub(root, "link", rel="self", type=FEED_TYPE, href=absolute(base, path))
    _sub(root, "link", rel="alternate", type="text/html", href=page_url)
    _sub(root, "link", rel="current", type=FEED_TYPE, href=absolute(base, feed.path))
    for rel, target in history_links(feed.newest_archive, document):
        _sub(root, "link", rel=rel, type=FEED_TYPE, href=absolute(base, target))
    if document is not None:
        _sub(root, "fh:archive")
    for post in posts:
        url = absolute(base, target_uri(post.docname))
        entry = _sub(root, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", post.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "published", timestamp(post))
        _sub(entry, "updated", timestamp(post))
        author = _sub(entry, "author")
        _sub(author, "name", post.author)
        for slug in post.topics:
            label = vocabulary.topics.label(slug)
            _sub(entry, "category", term=slug, label=label, scheme=absolute(base, f"{TOPICS_DIR}/"))
        _sub(entry, "summary", post.take_home)  # what a feed reader lists under the title
        _sub(entry, "content", entry_content(post, bibliography), type="html")
    ET.indent(root)
    return root


def feeds_written(app: Sphinx) -> bool:
    """Feeds exist for HTML builds of a site that knows its address (`html_baseurl`)."""
    return app.builder.format == "html" and bool(app.config.html_baseurl)


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """Write every feed, its subscription document and its archive documents, into the HTML
    output; each document only when what it is made of changed."""
    if exception is not None or not feeds_written(app):
        return
    domain = get_domain(app.env)
    sources = domain.sources
    outdir = Path(app.outdir)

    def write(feed: Feed, document: ArchiveDocument | None = None) -> None:
        root = build_feed(
            feed,
            app.config.html_baseurl,
            app.config.language or "en",
            app.builder.get_target_uri,
            sources.vocabulary,
            sources.bibliography,
            document,
        )
        write_if_changed(outdir / (document or feed).path, xml_bytes(root))

    for feed in domain.data["feeds"]:
        head = (feed.path, feed.page, feed.title)
        if not is_current(app, feed.path, head, feed.posts, feed.newest_archive):
            write(feed)
        # A year's document is made of that year's summaries of the feed and its neighbours'
        # paths, and of nothing else: an edit rewrites the documents of the post's year only.
        for document in feed.archives:
            if not is_current(app, document.path, head, document):
                write(feed, document)
        remove_old_years(outdir, feed.path, feed.archives)


def feed_links(app: Sphinx, pagename: str, feeds: Iterable[Feed]) -> list[str]:
    """The `<link rel="alternate">` elements of a page: the main feed, and its topic's feed."""
    here = app.builder.get_target_uri(pagename)
    tags = []
    for index, feed in enumerate(feeds):
        if index == 0 or feed.page == pagename:
            link = ET.Element(
                "link",
                rel="alternate",
                type=FEED_TYPE,
                title=feed.title,
                href=relative_uri(here, feed.path),
            )
            tags.append(ET.tostring(link, encoding="unicode", method="html"))
    return tags


def advertise_feeds(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Let browsers and feed readers find the feeds from the pages they follow."""
    if not feeds_written(app):
        return
    feeds: list[Feed] = get_domain(app.env).data["feeds"]
    if not feeds:
        return
    # Each tag is serialised by ElementTree, which escapes the titles; the theme prints
    # `metatags` in the page's head (generated pages have none of their own).
    context["metatags"] = "\n".join(
        [context.get("metatags", ""), *feed_links(app, pagename, feeds)]
    )


def derive_feeds(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The feeds of this build, derived once for every page that links them."""
    domain = get_domain(env)
    domain.data["feeds"] = site_feeds(domain.archive, domain.sources.vocabulary, app.config)
    return []


def setup_feeds(app: Sphinx) -> None:
    app.connect("env-updated", derive_feeds, priority=AFTER_DERIVE)
    app.connect("html-page-context", advertise_feeds)
    app.connect("build-finished", write_feeds)
