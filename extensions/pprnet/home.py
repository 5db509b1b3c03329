"""The home page's "This month...": the newest month's summaries, named and as cards."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri
from sphinx_design.shared import create_component

from .domain import PPRNetDomain
from .links import badges, has_generated_pages, page_link, reference_paragraph
from .listing import FillListing, ListingDirective
from .records import Post


class ThisMonth(ListingDirective):
    """`{this-month}`: the summaries of the newest month."""

    kind = "this-month"


def first_sentence(paragraphs: tuple[str, ...]) -> str:
    text = paragraphs[0] if paragraphs else ""
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


class FillThisMonth(FillListing):
    kind = "this-month"

    def render(self, domain: PPRNetDomain, docname: str, options: dict[str, Any]) -> list[nodes.Node]:
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
            intro += page_link(self.app.builder, docname, post.docname, post.title)
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
        builder = self.app.builder
        title = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
        title += nodes.paragraph("", "", page_link(builder, docname, post.docname, post.title))
        body = create_component("card-body", ["sd-card-body"], children=[title])
        body += badges(builder, docname, post, domain.sources.vocabulary)
        reference = reference_paragraph(post, domain.sources.bibliography)
        if reference is not None:
            body += reference
        teaser = first_sentence(post.implications)
        if teaser:
            body += nodes.paragraph(teaser, teaser, classes=["pprnet-teaser"])
        card = create_component(
            "card", ["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "sd-h-100"]
        )
        card += body
        return create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])


class SiteLinks(ListingDirective):
    """`{site-links}`: links to the archive's pages, generated ones included, which Markdown
    links cannot reach (they resolve only documents)."""

    kind = "site-links"


class FillSiteLinks(FillListing):
    kind = "site-links"

    def render(self, domain: PPRNetDomain, docname: str, options: dict[str, Any]) -> list[nodes.Node]:
        builder = self.app.builder
        blog_path = self.config.blog_path
        entries: list[tuple[str, nodes.Element]] = [
            ("every summary by topic, with its practice implications",
             page_link(builder, docname, "topics", "Topics")),
            ("every monthly issue since the blog began",
             page_link(builder, docname, "archive", "Archive")),
        ]  # fmt: skip
        if has_generated_pages(builder):
            feed = relative_uri(builder.get_target_uri(docname), f"{blog_path}/atom.xml")
            entries += [
                ("every post as a list of titles", page_link(builder, docname, blog_path, "All posts")),
                ("subscribe to new summaries in a feed reader",
                 nodes.reference("Atom feed", "Atom feed", refuri=feed, internal=True)),
            ]  # fmt: skip
        items = nodes.bullet_list(classes=["pprnet-site-links"])
        for description, link in entries:
            paragraph = nodes.paragraph("", "", link, nodes.Text(f": {description}."))
            items += nodes.list_item("", paragraph)
        return [items]


def setup_home(app: Sphinx) -> None:
    app.add_directive("this-month", ThisMonth)
    app.add_post_transform(FillThisMonth)
    app.add_directive("site-links", SiteLinks)
    app.add_post_transform(FillSiteLinks)
