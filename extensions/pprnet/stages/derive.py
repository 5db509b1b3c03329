"""Derive the archive once all documents are read, and rewrite the pages that depend on it."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from pprnet.config import Settings
from pprnet.model.bibfile import unused_entries
from pprnet.model.records import Archive
from pprnet.stages.domain import get_domain
from pprnet.stages.render.listing import VIEWS

logger = logging.getLogger(__name__)


def cited_by_view(archive: Archive) -> list[tuple[object, ...]]:
    """What the bibliography's "cited by" shows of each post."""
    return [(p.docname, p.title, p.date, p.reference, p.cites) for p in archive.posts]


def refresh_archive(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rebuild the derived archive; return the unchanged documents whose output it changes.

    A page with listings is rewritten when what one of them shows changed (`listing.VIEWS`),
    the bibliography page when its "cited by" changed, a post page when the titles or targets
    of its previous/next links changed, or what its "Related summaries" list shows.
    Everything else a page shows is its own.
    """
    domain = get_domain(env)
    old = domain.archive
    new = Archive.from_posts(domain.posts.values())
    domain.data["archive"] = new
    outdated: set[str] = set()
    for docname, names in domain.listings.items():
        if any(VIEWS[name](old) != VIEWS[name](new) for name in names):
            outdated.add(docname)
    page = Settings.of(app.config).bibliography_page
    if page in env.found_docs and cited_by_view(old) != cited_by_view(new):
        outdated.add(page)
    old_links, new_links = old.link_signature(), new.link_signature()
    outdated.update(doc for doc, links in new_links.items() if old_links.get(doc) != links)
    old_related, new_related = old.related_signature(), new.related_signature()
    outdated.update(doc for doc, shown in new_related.items() if old_related.get(doc) != shown)
    return sorted(outdated)


def check_unused_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every entry of the bibliography is summarised or cited: the page lists them all."""
    domain = get_domain(env)
    sources = domain.sources
    for problem in unused_entries(sources.bibliography, set(domain.archive.cited_by)):
        logger.warning(
            problem.message,
            type="pprnet",
            subtype=problem.subtype,
            location=f"{sources.bibliography_path}:{problem.line}",
        )
    return []


def setup_derive(app: Sphinx) -> None:
    app.connect("env-updated", refresh_archive)
    # After refresh_archive (default priority 500) has derived the archive.
    app.connect("env-updated", check_unused_entries, priority=600)
