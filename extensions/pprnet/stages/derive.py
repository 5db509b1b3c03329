"""Derive the archive once all documents are read, and check what only the whole archive shows.

Each render concern says which unchanged pages the new archive makes outdated, from what it
shows of the archive (`pages_showing_changes`): listings, the bibliography's "cited by", a
post's neighbours and related summaries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from pprnet.model.bibfile import unused_entries
from pprnet.model.problems import Subtype
from pprnet.model.records import Archive, second_teaser
from pprnet.stages.domain import get_domain

logger = logging.getLogger(__name__)

# After refresh_archive (Sphinx's default priority, 500): handlers that read the new archive.
AFTER_DERIVE = 550


def refresh_archive(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rebuild the archive from the records; keep the last build's for comparison."""
    domain = get_domain(env)
    domain.previous_archive = domain.archive
    domain.data["archive"] = Archive.from_posts(domain.posts.values())
    return []


def pages_showing_changes(
    env: BuildEnvironment, shown: Callable[[Archive], Mapping[str, object]]
) -> list[str]:
    """The documents whose part of the archive, as `shown` maps each document to what it
    shows, changed since the last build."""
    domain = get_domain(env)
    old, new = shown(domain.previous_archive), shown(domain.archive)
    return sorted(docname for docname, view in new.items() if old.get(docname) != view)


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


def check_unique_titles(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """No two summaries have one title: readers, feeds and search tell them apart by it."""
    for post, first in get_domain(env).archive.same_titles():
        message = f"the title is already the title of {first.docname}: each summary has its own"
        logger.warning(
            message, type="pprnet", subtype=Subtype.TITLE, location=(post.docname, post.title_line)
        )
    return []


def check_one_teaser_a_month(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """A month's teaser comes from one of its posts: a second one would be silently unused."""
    for post, first in get_domain(env).archive.second_teasers():
        logger.warning(
            second_teaser(post.month.label, env.doc2path(first.docname, False).as_posix()),
            type="pprnet",
            subtype=Subtype.FRONT_MATTER,
            location=(post.docname, post.teaser_line),
        )
    return []


def setup_derive(app: Sphinx) -> None:
    app.connect("env-updated", refresh_archive)
    app.connect("env-updated", check_unused_entries, priority=AFTER_DERIVE)
    app.connect("env-updated", check_unique_titles, priority=AFTER_DERIVE)
    app.connect("env-updated", check_one_teaser_a_month, priority=AFTER_DERIVE)
