"""The PPRNet research archive's Sphinx extension: posts, practice implications, listings."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .archive import setup_archive
from .blogpages import setup_blogpages
from .citations import setup_citations
from .citethis import setup_citethis
from .domain import PPRNetDomain
from .home import setup_home
from .incremental import setup_incremental
from .listing import listing_placeholder
from .postpage import setup_postpage
from .posts import setup_posts
from .practice import setup_practice
from .sources import setup_sources
from .topics import setup_topics

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
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
    setup_blogpages(app)
    setup_citations(app)
    setup_citethis(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
