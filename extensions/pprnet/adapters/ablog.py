"""What the archive keeps of ablog, and the three workarounds that make it cheap.

ablog still recognises the posts (their front matter, the orphan flag, a label per post). The
rest of what it does is the extension's: dates and listings (`records.py`), month, topic and
type pages (`archive.py`, `topics.py`), feeds (`feeds.py`). Each workaround below names its
upstream issue and when it can go; `tests/ext/adapters/test_ablog.py` tests all three.

Checked against ablog 0.11.13, the only release the allowed range holds (`make versions`
builds the lowest and the latest allowed versions). Private accesses: Sphinx's
`app.events.listeners` (to find ablog's page generator; Sphinx can disconnect a listener only
by its id), ablog's `parallel_read_safe` flag on `app.extensions["ablog"]`, and ablog's
per-post records in the environment (`env.ablog_posts`).
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from pprnet.model.problems import Subtype

logger = logging.getLogger(__name__)

# Where ablog keeps its per-post records (a list of dicts per document) in the environment.
POSTS_ATTRIBUTE = "ablog_posts"


def skip_collection_pages(app: Sphinx) -> None:
    """Workaround 1: ablog writes a page per tag, category, author and year and a list of all
    posts on every build, rendering each post into several of them, and has no setting to turn
    them off (sunpy/ablog#4 asks for other archives; no issue found asks for an option). The
    archive's topic, type and month pages replace them, so its page generator is disconnected.
    Remove when ablog can be told not to write them."""
    from ablog.post import generate_archive_pages

    for listener in list(app.events.listeners.get("html-collect-pages", ())):
        if listener.handler is generate_archive_pages:
            app.disconnect(listener.id)


def forget_post_copies(app: Sphinx, doctree: Any) -> None:
    """Workaround 2: ablog stores a deep copy of every post's doctree and excerpt in the
    environment, for its feeds and collection pages (the archive uses neither). At 1,000 posts
    that is most of a 30 MB pickle, loaded again by every incremental build. Drop the copies
    just after ablog made them (sunpy/ablog#297 discusses ablog's environment data). Remove
    with workaround 1 if ablog stops keeping doctrees it does not use."""
    records = getattr(app.env, POSTS_ATTRIBUTE, {}).get(app.env.current_document.docname, ())
    for record in records:
        record["doctree"] = None
        record["excerpt"] = []


def merge_post_records(
    app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
) -> None:
    """Workaround 3, with `allow_parallel_reads`: bring the records ablog made in a parallel
    reader back into the main environment (what sunpy/ablog#330 proposes upstream)."""
    theirs = getattr(other, POSTS_ATTRIBUTE, {})
    ours = getattr(env, POSTS_ATTRIBUTE, None)
    if ours is None:
        ours = {}
        setattr(env, POSTS_ATTRIBUTE, ours)
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


def allow_parallel_reads(app: Sphinx) -> None:
    """Workaround 3: ablog declares `parallel_read_safe: False` because it merges nothing from
    parallel readers (sunpy/ablog#297, #327), so `-j N` reads serially and warns, which fails a
    `-W` build. Everything else ablog records per post is in domain data or metadata, which
    Sphinx merges itself; `merge_post_records` merges the rest. Remove when ablog merges its
    records itself (sunpy/ablog#330)."""
    app.extensions["ablog"].parallel_read_safe = True


def refuse_ablog_templates(config: Config) -> None:
    """ablog's sidebar templates print titles, tags and authors unescaped, and their lists
    duplicate the archive's pages: a configuration that names one is an error."""
    named = [
        template
        for templates in dict(config.html_sidebars).values()
        for template in ([templates] if isinstance(templates, str) else templates)
        if template.startswith("ablog/")
    ]
    if named:
        logger.warning(
            "html_sidebars names ablog's templates (%s), which print contributor text "
            "unescaped; the archive's topic, type and month pages list the posts instead",
            ", ".join(sorted(set(named))),
            type="pprnet",
            subtype=Subtype.CONFIG,
        )


def work_around_ablog(app: Sphinx, config: Config) -> None:
    # At config-inited every extension of conf.py is loaded, whatever its order in the list.
    # Sites without ablog (the test roots) need none of this.
    if "ablog" not in app.extensions:
        return
    refuse_ablog_templates(config)
    skip_collection_pages(app)
    allow_parallel_reads(app)
    # After ablog's process_posts (priority 500), which makes the copies.
    app.connect("doctree-read", forget_post_copies, priority=600)
    app.connect("env-merge-info", merge_post_records)


def setup_ablog(app: Sphinx) -> None:
    app.connect("config-inited", work_around_ablog)
