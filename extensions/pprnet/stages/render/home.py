"""The home page's "This month...": the newest month with its teaser, and the newest summaries
as cards."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_design.shared import create_component

from pprnet.config import Settings
from pprnet.model.records import Archive, Month, Post
from pprnet.stages.domain import FILE, PPRNetDomain
from pprnet.stages.render.links import link, month_text, post_link, type_badge
from pprnet.stages.render.listing import FillListing, ListingDirective, add_listing

CARDS = 6  # the newest summaries shown: two or three issues, three rows of two cards


def newest(archive: Archive) -> tuple[Post, ...]:
    """The newest summaries for the cards: CARDS of them, or an even number when fewer, so
    that no row of two is half empty (a single summary is shown alone)."""
    posts = archive.posts[:CARDS]
    return posts[: len(posts) - len(posts) % 2] if len(posts) > 1 else posts


def teaser_nodes(archive: Archive, month: Month) -> list[nodes.Node]:
    """The month's teaser, or else its titles linked to the posts, as the old blog's "This
    month... I blog about" (the home page and the newsletter)."""
    teaser = archive.teaser(month)
    if teaser:
        return [nodes.Text(teaser)]
    shown: list[nodes.Node] = [nodes.Text("the blog summarises ")]
    posts = archive.by_month[month]
    for index, post in enumerate(posts):
        if index:
            shown.append(nodes.Text(" and " if index == len(posts) - 1 else ", "))
        shown.append(post_link(post))
    return [*shown, nodes.Text(".")]


class ThisMonth(ListingDirective):
    """`{this-month}`: the newest month and its teaser, then the newest summaries as cards."""

    listing = "this-month"


class FillThisMonth(FillListing):
    listing = "this-month"

    @staticmethod
    def shows(archive: Archive) -> object:
        month = archive.newest_month
        if month is None:
            return ()
        return (archive.by_month[month], archive.teaser(month), newest(archive))

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        archive = domain.archive
        month = archive.newest_month
        if month is None:
            text = "No summaries have been published yet."
            return [nodes.paragraph(text, text)]
        intro = nodes.paragraph(classes=["pprnet-this-month"])
        intro += nodes.strong(month.label, month.label)
        intro += nodes.Text(": ")
        intro += teaser_nodes(archive, month)
        row = create_component(
            "grid-row",
            ["sd-row", "sd-row-cols-1", "sd-row-cols-md-2", "sd-g-3"],
            children=[self._card(domain, post) for post in newest(archive)],
        )
        grid = create_component(
            "grid-container",
            ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "pprnet-cards"],
            children=[row],
        )
        return [intro, grid]

    def _card(self, domain: PPRNetDomain, post: Post) -> nodes.Element:
        """A summary's card: its title, month and type of research, and its take-home."""
        title = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
        title += nodes.paragraph("", "", post_link(post))
        body = create_component("card-body", ["sd-card-body"], children=[title])
        byline = nodes.paragraph(classes=["pprnet-card-byline"])
        byline += month_text(post)
        byline += nodes.Text(" ")
        byline += type_badge(post.research_type, domain.sources.vocabulary)
        body += byline
        if post.take_home:
            body += nodes.paragraph(post.take_home, post.take_home, classes=["pprnet-teaser"])
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
