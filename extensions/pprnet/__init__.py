"""The PPRNet research archive: its Sphinx extension and its contributors' command line.

- `model/`: what the archive is made of (posts, vocabularies, references, checks); no Sphinx.
- `stages/`: the Sphinx extension, in the order data flows: `read/` checks and records each
  post, `domain.py` keeps the records by document (merge, purge), `derive.py` builds the
  archive from them once per build, `render/` makes the pages, listings and feeds,
  `newsletter/` the month's issue as an e-mail.
- `adapters/`: one module per dependency the archive adapts (MyST-Parser, ablog,
  sphinxcontrib-bibtex, pybtex, Sphinx), each naming what it changes and the versions
  it was checked against.
- `speed/`: mechanisms that exist only to make builds faster.
- `cli/`: the `pprnet` command (check, new, topics, import, newsletter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here, not above: the command line imports this package and needs no Sphinx.
    from pprnet import config
    from pprnet.adapters.ablog import setup_ablog
    from pprnet.adapters.bibtex import setup_bibtex
    from pprnet.adapters.myst import setup_myst
    from pprnet.adapters.pybtex import setup_pybtex
    from pprnet.adapters.sphinx import setup_sphinx
    from pprnet.speed.freshness import setup_freshness
    from pprnet.speed.memory import setup_memory
    from pprnet.stages.derive import setup_derive
    from pprnet.stages.domain import setup_domain
    from pprnet.stages.newsletter.builder import setup_newsletter
    from pprnet.stages.read.collect import setup_collect
    from pprnet.stages.read.pages import setup_pages
    from pprnet.stages.read.practice import setup_practice
    from pprnet.stages.read.safety import setup_safety
    from pprnet.stages.read.sources import setup_sources
    from pprnet.stages.render.archive import setup_archive
    from pprnet.stages.render.assets import setup_assets
    from pprnet.stages.render.bibliography import setup_bibliography
    from pprnet.stages.render.citations import setup_citations
    from pprnet.stages.render.citethis import setup_citethis
    from pprnet.stages.render.evidence import setup_evidence
    from pprnet.stages.render.explorer import setup_explorer
    from pprnet.stages.render.feeds import setup_feeds
    from pprnet.stages.render.gate import setup_gate
    from pprnet.stages.render.head import setup_head
    from pprnet.stages.render.home import setup_home
    from pprnet.stages.render.listing import setup_listing
    from pprnet.stages.render.postpage import setup_postpage
    from pprnet.stages.render.references import setup_references
    from pprnet.stages.render.related import setup_related
    from pprnet.stages.render.search import setup_search
    from pprnet.stages.render.sitemap import setup_sitemap
    from pprnet.stages.render.topics import setup_topics

    for setup_concern in (
        config.register,
        setup_memory,
        setup_domain,
        # read
        setup_sources,
        setup_practice,
        setup_collect,
        setup_pages,
        setup_safety,
        # derive
        setup_derive,
        # render; the end of a post page is built in this order (see postpage.py)
        setup_listing,
        setup_postpage,
        setup_references,
        setup_citethis,
        setup_related,
        setup_topics,
        setup_archive,
        setup_home,
        setup_explorer,
        setup_evidence,
        setup_citations,
        setup_bibliography,
        setup_feeds,
        setup_head,
        setup_assets,
        setup_sitemap,
        setup_search,
        setup_gate,
        setup_newsletter,
        # the dependencies, adapted
        setup_sphinx,
        setup_myst,
        setup_ablog,
        setup_pybtex,
        setup_bibtex,
        setup_freshness,
    ):
        setup_concern(app)
    return {
        "version": __version__,
        # Bump when the shape of the stored records changes (records.Post and domain data).
        "env_version": 8,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
