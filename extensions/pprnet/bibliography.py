"""The bibliography page: every summarised article in APA order, with the summaries of it."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .apa import sort_key
from .domain import PPRNetDomain
from .links import entry_paragraph, post_link
from .listing import FillListing, ListingDirective
from .records import Post


class ReferenceList(ListingDirective):
    """`{reference-list}`: the articles the archive summarises, each with its summaries."""

    kind = "reference-list"


def entry_id(key: str) -> str:
    """The stable anchor of an entry on the bibliography page."""
    return nodes.make_id(f"ref-{key}")


class FillReferenceList(FillListing):
    kind = "reference-list"

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        bibliography = domain.sources.bibliography
        summaries: dict[str, list[Post]] = {}
        for post in domain.archive.posts:
            if post.reference is not None:
                summaries.setdefault(post.reference.casefold(), []).append(post)
        found = [bibliography.get(key) for key in summaries]
        entries = sorted((entry for entry in found if entry), key=lambda e: sort_key(e.entry))
        items = nodes.bullet_list(classes=["pprnet-reference-list"])
        for entry in entries:
            key = entry.key.casefold()
            item = nodes.list_item(ids=[entry_id(entry.key)])
            item += entry_paragraph(entry.entry)
            backlinks = nodes.paragraph(classes=["pprnet-summarised-in"])
            backlinks += nodes.Text("Summarised in ")
            for index, post in enumerate(summaries[key]):
                if index:
                    backlinks += nodes.Text(", ")
                backlinks += post_link(post)
                backlinks += nodes.Text(f" ({post.month.label})")
            item += backlinks
            items += item
        return [items]


def setup_bibliography(app: Sphinx) -> None:
    app.add_directive("reference-list", ReferenceList)
    app.add_post_transform(FillReferenceList)
