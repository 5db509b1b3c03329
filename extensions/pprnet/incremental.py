"""Derive the archive once all documents are read, and rewrite the pages that depend on it."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import get_domain
from .records import Archive


def refresh_archive(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rebuild the derived archive; return the unchanged documents whose output it changes.

    Listing pages and the bibliography page (its "cited by") are rewritten when any post
    record changed; a post page when the titles or targets of its previous/next links changed,
    or what its "Related summaries" list shows.
    Everything else a page shows is its own.
    """
    domain = get_domain(env)
    old = domain.archive
    new = Archive.from_posts(domain.posts.values())
    domain.data["archive"] = new
    outdated: set[str] = set()
    if old.posts != new.posts:
        outdated.update(domain.listings)
        if app.config.pprnet_bibliography_page in env.found_docs:
            outdated.add(app.config.pprnet_bibliography_page)
    old_links, new_links = old.link_signature(), new.link_signature()
    outdated.update(doc for doc, links in new_links.items() if old_links.get(doc) != links)
    old_related, new_related = old.related_signature(), new.related_signature()
    outdated.update(doc for doc, shown in new_related.items() if old_related.get(doc) != shown)
    return sorted(outdated)


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-updated", refresh_archive)
