"""The home page's "This month...": the newest month's summaries, named and as cards."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_design.shared import create_component

from pprnet.config import Settings
from pprnet.model.records import Archive, Post
from pprnet.stages.domain import FILE, PPRNetDomain
from pprnet.stages.render.links import badges, link, post_link, reference_paragraph
from pprnet.stages.render.listing import FillListing, ListingDirective, add_listing


class ThisMonth(ListingDirective):
    """`{this-month}`: the summaries of the newest month."""

    listing = "this-month"


class FillThisMonth(FillListing):
    listing = "this-month"

    @staticmethod
    def shows(archive: Archive) -> object:
        month = archive.newest_month
        return archive.by_month[month] if month is not None else ()

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        archive = domain.archive
        month = archive.newest_month
        if month is None:
            text = "No summaries have been published yet."
            return [nodes.paragraph(text, text)]
        posts = archive.by_month[month]
        intro = nodes.paragraph(classes=["pprnet-this-month"])
        intro += nodes.Text(f"In {month.label} the blog summarises ")
        for index, post in enumerate(posts):
            if index:
                intro += nodes.Text(" and " if index == len(posts) - 1 else ", ")
            intro += post_link(post)
        intro += nodes.Text(".")
        row = create_component(
            "grid-row",
            ["sd-row", "sd-row-cols-1", "sd-row-cols-md-2", "sd-g-3"],
            children=[self._card(domain, docname, post) for post in posts],
        )
        grid = create_component(
            "grid-container",
            ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "pprnet-cards"],
            children=[row],
        )
        return [intro, grid]

    def _card(self, domain: PPRNetDomain, docname: str, post: Post) -> nodes.Element:
        title = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
        title += nodes.paragraph("", "", post_link(post))
        body = create_component("card-body", ["sd-card-body"], children=[title])
        body += badges(post, domain.sources.vocabulary)
        reference = reference_paragraph(post, domain.sources.bibliography)
        if reference is not None:
            body += reference
        teaser = post.take_home
        if teaser:
            body += nodes.paragraph(teaser, teaser, classes=["pprnet-teaser"])
        card = create_component(
            "card", ["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "sd-h-100"]
        )
        card += body
        return create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])


class FeedLink(ListingDirective):
    """`{feed-link}`: the link to the feed, a file that only the HTML builders write and that
    Markdown links, which resolve documents only, cannot reach."""

    listing = "feed-link"


class FillFeedLink(FillListing):
    listing = "feed-link"

    @staticmethod
    def shows(archive: Archive) -> object:
        return ()

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        paragraph = nodes.paragraph(classes=["pprnet-feed-link"])
        paragraph += nodes.Text("Subscribe to new summaries with the ")
        paragraph += link(FILE, Settings.of(self.config).feed_path, "Atom feed")
        paragraph += nodes.Text(".")
        return [paragraph]


def setup_home(app: Sphinx) -> None:
    add_listing(app, ThisMonth, FillThisMonth)
    add_listing(app, FeedLink, FillFeedLink)
