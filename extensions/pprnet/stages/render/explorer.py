"""Browsing by facet: the Topic x Type explorer.

The explorer is a plain list of every summary (title, month, type, topics, all links), so that
it works without JavaScript. Its filters are written into the page, so that nothing moves when
`_static/pprnet-explorer.js` (loaded on this page only) makes them work with the data of
`explorer.json`, written once per build into the output root; its text filter also asks the
search index (`search.py`) which summaries have the words anywhere in their text, so that the
explorer's own data stays small. Without JavaScript the filters are hidden (`@media
(scripting: none)`) and a line says that filtering needs it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from pprnet.model.apa import format_authors
from pprnet.model.bibfile import Bibliography
from pprnet.model.records import Archive, Post
from pprnet.model.vocabulary import Vocabulary
from pprnet.speed.freshness import is_current
from pprnet.stages.domain import FILE, PAGE, PPRNetDomain, get_domain
from pprnet.stages.render.links import (
    link,
    month_text,
    post_link,
    topic_badge,
    type_badge,
)
from pprnet.stages.render.listing import FillListing, ListingDirective, add_listing
from pprnet.stages.render.search import WORDS_SCRIPT

INDEX_FILE = "explorer.json"
SCRIPT = "pprnet-explorer.js"
STYLESHEET = "pprnet-explorer.css"
EXPLORER_CLASS = "pprnet-explorer"


class SummaryExplorer(ListingDirective):
    """`{summary-explorer}`: every summary, newest first, for the browser to filter."""

    listing = "summary-explorer"


def explorer_item(post: Post, vocabulary: Vocabulary) -> nodes.list_item:
    """One summary: its title, month and type of research, then its topics, all as links."""
    item = nodes.list_item(classes=["pprnet-explorer-item"])
    title = nodes.paragraph(classes=["pprnet-explorer-title"])
    title += post_link(post)
    byline = nodes.paragraph(classes=["pprnet-byline"])
    byline += month_text(post)
    byline += nodes.Text(" ")
    byline += type_badge(post.research_type, vocabulary)
    topics = nodes.paragraph(classes=["pprnet-badges"])
    for index, slug in enumerate(post.topics):
        if index:
            topics += nodes.Text(" ")
        topics += topic_badge(slug, vocabulary)
    item.extend([title, byline, topics])
    return item


class FillSummaryExplorer(FillListing):
    listing = "summary-explorer"

    @staticmethod
    def shows(archive: Archive) -> object:
        return [(p.docname, p.title, p.date, p.research_type, p.topics) for p in archive.posts]

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        posts = domain.archive.posts
        if not posts:
            text = "No summaries have been published yet."
            return [nodes.paragraph(text, text)]
        box = nodes.container(classes=[EXPLORER_CLASS])
        box += nodes.raw("", filters_html(domain.archive, domain.sources.vocabulary), format="html")
        box += self._without_script(domain)
        items = nodes.bullet_list(classes=["pprnet-explorer-list"])
        vocabulary = domain.sources.vocabulary
        items.extend(explorer_item(post, vocabulary) for post in posts)
        box += items
        data = nodes.paragraph(classes=["pprnet-explorer-intro"])
        data += nodes.Text("The same list, with each summary's reference, as ")
        data += link(FILE, INDEX_FILE, "JSON data", classes=["pprnet-explorer-data"])
        data += nodes.Text(".")
        box += data
        return [box]

    def _without_script(self, domain: PPRNetDomain) -> nodes.paragraph:
        """What a reader without JavaScript reads instead of the filters, with links to the
        pages that list the topics and the types of research (not the home page, if another
        does)."""
        paragraph = nodes.paragraph(classes=["pprnet-explorer-noscript"])
        paragraph += nodes.Text("Filtering needs JavaScript: this is every summary, newest first.")
        home = self.config.root_doc
        pages = [
            (page, text)
            for listing, text in (("topic-index", "topic"), ("type-index", "type of research"))
            if (page := domain.listing_page(listing, home)) is not None
        ]
        for index, (docname, text) in enumerate(pages):
            paragraph += nodes.Text(" The summaries of each " if not index else " and each ")
            paragraph += link(PAGE, docname, text)
        if pages:
            paragraph += nodes.Text(" are on pages of their own.")
        return paragraph


def _option(value: str, text: str) -> str:
    return f'<option value="{escape(value)}">{escape(text)}</option>'


def filters_html(archive: Archive, vocabulary: Vocabulary) -> str:
    """The explorer's filters: a form with labelled controls, usable by keyboard alone, and the
    line that counts what they show. Every label is escaped."""
    total = len(archive.posts)
    topics = "".join(
        f'<div class="pprnet-check"><input type="checkbox" id="pprnet-topic-{escape(t.slug)}"'
        f' name="topic" value="{escape(t.slug)}"><label for="pprnet-topic-{escape(t.slug)}">'
        f'{escape(t.label)} <span class="pprnet-count">({len(archive.by_topic[t.slug])})'
        "</span></label></div>"
        for t in vocabulary.topics
        if t.slug in archive.by_topic
    )
    types = "".join(
        _option(t.slug, f"{t.label} ({len(archive.by_type[t.slug])})")
        for t in vocabulary.types
        if t.slug in archive.by_type
    )
    counts: dict[int, int] = {}
    for post in archive.posts:
        counts[post.date.year] = counts.get(post.date.year, 0) + 1
    years = "".join(_option(str(year), f"{year} ({counts[year]})") for year in sorted(counts))
    noun = "summary" if total == 1 else "summaries"
    return (
        '<form class="pprnet-explorer-filters" role="search" aria-label="Filter the summaries">'
        '<div class="pprnet-filter pprnet-filter-text">'
        '<label for="pprnet-q">Words in the summaries or their references</label>'
        '<input type="search" id="pprnet-q" name="q"></div>'
        '<fieldset class="pprnet-filter pprnet-filter-topics">'
        f"<legend>Topics (a summary must have all those ticked)</legend>{topics}</fieldset>"
        '<div class="pprnet-filter pprnet-filter-type">'
        '<label for="pprnet-type">Type of research</label><select id="pprnet-type" name="type">'
        f"{_option('', f'All types ({total})')}{types}</select></div>"
        '<fieldset class="pprnet-filter pprnet-filter-years"><legend>Years</legend>'
        '<div class="pprnet-year"><label for="pprnet-from">From</label>'
        f'<select id="pprnet-from" name="from">{_option("", "Earliest")}{years}</select></div>'
        '<div class="pprnet-year"><label for="pprnet-to">To</label>'
        f'<select id="pprnet-to" name="to">{_option("", "Latest")}{years}</select></div>'
        "</fieldset>"
        '<button type="button" class="pprnet-explorer-reset">Clear filters</button></form>'
        '<p class="pprnet-explorer-status" role="status" aria-live="polite">'
        f"Showing {total} of {total} {noun}.</p>"
    )


def _reference_text(post: Post, bibliography: Bibliography) -> tuple[str, str]:
    """The authors and the APA reference of the summarised article, as text."""
    found = bibliography.get(post.reference) if post.reference else None
    if found is None:
        return "", ""
    persons = found.entry.persons.get("author") or found.entry.persons.get("editor") or []
    authors = format_authors(persons) if persons else ""
    return authors, str(found.reference)


def explorer_index(
    archive: Archive,
    vocabulary: Vocabulary,
    bibliography: Bibliography,
    target_uri: Callable[[str], str],
) -> dict[str, Any]:
    """The explorer's data: every summary newest first, and the topics and types in use."""
    summaries = []
    for post in archive.posts:
        authors, reference = _reference_text(post, bibliography)
        summaries.append(
            {
                "url": target_uri(post.docname),
                "title": post.title,
                "date": post.date.isoformat(),
                "month": post.month.label,
                "type": {
                    "slug": post.research_type,
                    "label": vocabulary.types.label(post.research_type),
                },
                "topics": [
                    {"slug": slug, "label": vocabulary.topics.label(slug)} for slug in post.topics
                ],
                "authors": authors,
                "reference": reference,
                "implication": post.take_home,
            }
        )
    facets = {
        name: [
            {"slug": term.slug, "label": term.label, "count": len(groups[term.slug])}
            for term in terms
            if term.slug in groups
        ]
        for name, terms, groups in (
            ("topics", vocabulary.topics, archive.by_topic),
            ("types", vocabulary.types, archive.by_type),
        )
    }
    search_terms = [list(group) for group in vocabulary.search_terms]
    return {"summaries": summaries, **facets, "search_terms": search_terms}


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """Write the explorer's data into the HTML output, the same bytes for the same archive."""
    if exception is not None or app.builder.format != "html":
        return
    domain = get_domain(app.env)
    if is_current(app, INDEX_FILE, domain.archive.posts):
        return
    sources = domain.sources
    index = explorer_index(
        domain.archive, sources.vocabulary, sources.bibliography, app.builder.get_target_uri
    )
    text = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (Path(app.outdir) / INDEX_FILE).write_text(text, encoding="utf-8")


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the explorer's script and styles on the pages that show an explorer, only there."""
    # The domain knows those pages; walking every page to find out is a cost on every post.
    if FillSummaryExplorer.listing in get_domain(app.env).listings.get(pagename, ()):
        app.add_js_file(WORDS_SCRIPT, loading_method="defer")  # first: the explorer uses it
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_css_file(STYLESHEET)


def setup_explorer(app: Sphinx) -> None:
    add_listing(app, SummaryExplorer, FillSummaryExplorer)
    app.connect("html-page-context", add_script)
    app.connect("build-finished", write_index)
