"""The evidence map: a Topic x Type of research table, each cell the number of summaries.

One row per topic of the vocabulary and one column per type of research, all of them: an empty
cell shows where the archive has no research, which clinicians and researchers look for. Each
count links to the explorer with both filters set. A real table, with column and row headers,
that screen readers and a reader without JavaScript read as it is; the theme lets it scroll
sideways inside its own box on a phone.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from docutils import nodes
from sphinx.application import Sphinx

from pprnet.model.records import Archive
from pprnet.stages.domain import PAGE, PPRNetDomain, get_domain
from pprnet.stages.render.explorer import STYLESHEET, FillSummaryExplorer
from pprnet.stages.render.links import link
from pprnet.stages.render.listing import FillListing, ListingDirective, add_listing

SHADES = (1, 2, 4, 8)  # a cell's shade: the number of these its count reaches (0 to 4)


class EvidenceMap(ListingDirective):
    """`{evidence-map}`: the Topic x Type of research table of the archive's summaries."""

    listing = "evidence-map"


def shade(count: int) -> int:
    return sum(count >= step for step in SHADES)


def _entry(*children: nodes.Node, classes: list[str] | None = None) -> nodes.entry:
    entry = nodes.entry(classes=classes or [])
    paragraph = nodes.paragraph()
    paragraph.extend(children)
    entry += paragraph
    return entry


class FillEvidenceMap(FillListing):
    listing = "evidence-map"

    @staticmethod
    def shows(archive: Archive) -> object:
        return sorted(
            (topic, post.research_type) for post in archive.posts for topic in post.topics
        )

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        vocabulary = domain.sources.vocabulary
        topics, types = list(vocabulary.topics), list(vocabulary.types)
        counts: dict[tuple[str, str], int] = {}
        for post in domain.archive.posts:
            for topic in post.topics:
                key = (topic, post.research_type)
                counts[key] = counts.get(key, 0) + 1
        explorer = domain.listing_page(FillSummaryExplorer.listing, self.config.root_doc)
        # No caption: the page's heading names the table (a captioned table needs an id, which
        # the theme's wrapper would copy, and so repeat).
        table = nodes.table(classes=["pprnet-evidence-map"])
        group = nodes.tgroup(cols=len(types) + 1)
        table += group
        group.extend(nodes.colspec(colwidth=1, stub=index == 0) for index in range(len(types) + 1))
        head = nodes.thead()
        row = nodes.row()
        row += _entry(nodes.Text("Topic"))
        row.extend(_entry(nodes.Text(term.label)) for term in types)
        head += row
        group += head
        body = nodes.tbody()
        for topic in topics:
            row = nodes.row()
            row += _entry(nodes.Text(topic.label))
            for kind in types:
                count = counts.get((topic.slug, kind.slug), 0)
                css = [f"pprnet-shade-{shade(count)}"]
                if not count:
                    row += _entry(nodes.Text("0"), classes=[*css, "pprnet-empty-cell"])
                    continue
                noun = "summary" if count == 1 else "summaries"
                title = f"{count} {noun}: {topic.label}, {kind.label}"
                text: nodes.Node = nodes.Text(str(count))
                if explorer is not None:
                    query = urlencode({"topic": topic.slug, "type": kind.slug})
                    text = link(PAGE, f"{explorer}?{query}", str(count), title=title)
                row += _entry(text, classes=css)
            body += row
        group += body
        return [table]


def add_stylesheet(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The map's styles, with the explorer's, on the pages that show a map."""
    listings = get_domain(app.env).listings.get(pagename, ())
    if EvidenceMap.listing in listings and FillSummaryExplorer.listing not in listings:
        app.add_css_file(STYLESHEET)


def setup_evidence(app: Sphinx) -> None:
    add_listing(app, EvidenceMap, FillEvidenceMap)
    app.connect("html-page-context", add_stylesheet)
