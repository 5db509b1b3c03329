"""The month archive: months newest first, grouped by year, each with its summaries."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from pprnet.model.records import Archive
from pprnet.stages.domain import PPRNetDomain
from pprnet.stages.render.links import post_link
from pprnet.stages.render.listing import FillListing, ListingDirective, add_listing


class MonthArchive(ListingDirective):
    """`{month-archive}`: every month that has summaries, newest first."""

    listing = "month-archive"


class FillMonthArchive(FillListing):
    listing = "month-archive"

    @staticmethod
    def shows(archive: Archive) -> object:
        return [(post.docname, post.title, post.date, post.research_type) for post in archive.posts]

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        archive = domain.archive
        vocabulary = domain.sources.vocabulary
        years: dict[int, nodes.section] = {}
        for month in archive.months:
            if month.year not in years:
                year = nodes.section(ids=[f"year-{month.year}"], classes=["pprnet-archive-year"])
                year += nodes.title(str(month.year), str(month.year))
                years[month.year] = year
            section = nodes.section(ids=[f"month-{month.slug}"], classes=["pprnet-archive-month"])
            section += nodes.title(month.label, month.label)
            items = nodes.bullet_list()
            for post in archive.by_month[month]:
                paragraph = nodes.paragraph()
                paragraph += post_link(post)
                label = f" ({vocabulary.types.label(post.research_type)})"
                paragraph += nodes.inline(label, label, classes=["pprnet-type-label"])
                items += nodes.list_item("", paragraph)
            section += items
            years[month.year] += section
        return list(years.values())


def setup_archive(app: Sphinx) -> None:
    add_listing(app, MonthArchive, FillMonthArchive)
