"""Wiring of the Sphinx extension: each concern registers its own directives, nodes,
transforms and events (see each module's `setup_<concern>`)."""

from __future__ import annotations

from sphinx.application import Sphinx

from .ablog_workarounds import setup_ablog_workarounds
from .archive import setup_archive
from .bibtex_workarounds import setup_bibtex_workarounds
from .citations import setup_citations
from .citethis import setup_citethis
from .design_workarounds import setup_design_workarounds
from .domain import PPRNetDomain
from .explorer import setup_explorer
from .feeds import setup_feeds
from .freshness import setup_freshness
from .home import setup_home
from .incremental import setup_incremental
from .listing import listing_placeholder
from .memory import setup_memory
from .postpage import setup_postpage
from .posts import setup_posts
from .practice import setup_practice
from .related import setup_related
from .safety import setup_safety
from .sources import setup_sources
from .topics import setup_topics


def wire(app: Sphinx) -> None:
    setup_memory(app)
    app.add_domain(PPRNetDomain)
    app.add_node(listing_placeholder)
    setup_sources(app)
    setup_practice(app)
    setup_posts(app)
    setup_incremental(app)
    setup_postpage(app)
    setup_topics(app)
    setup_archive(app)
    setup_home(app)
    setup_ablog_workarounds(app)
    setup_bibtex_workarounds(app)
    setup_design_workarounds(app)
    setup_citations(app)
    setup_citethis(app)
    setup_related(app)
    setup_explorer(app)
    setup_feeds(app)
    setup_safety(app)
    setup_freshness(app)
