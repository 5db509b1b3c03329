"""Search: the written site indexed by Pagefind after each build, and the search page.

Pagefind was chosen over Sphinx's own search by measurement on 1,000 synthetic posts (README,
"Search"): a first query fetches 229 kB instead of 5 MB, a second 39 kB instead of 2 to 4 MB;
it filters by topic, type and year, and it indexes any written page, the topic and type pages
included (Sphinx's index holds documents only). Sphinx's index is not made
(`adapters/sphinx.py`).

What is indexed, and in which tier of the results (summaries first, then topic and type
pages, then the rest; by Pagefind's ranking within each):

- a post: its title, take-home, reference, summary and practice implications, with its topics,
  type and year as filters, and its month and type shown with each result;
- a topic or type page: its title and introduction, not its digest of summaries;
- every other document: the home page's introduction, the lists of every topic and every
  type, the bibliography's entries (a hit lands on its entry), and so on.

What no page indexes is listed once, in NOT_INDEXED: bylines, badges and everything marked
`no-search` (the print address, the cite box, related summaries, previous and next). The
search page, ablog's collection pages and the index are not indexed at all.

The index is written into `pagefind/` at the end of every build that wrote a page, `make
serve`'s rebuilds included, into a new folder that then replaces the old one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.util import logging

from pprnet.config import Settings
from pprnet.model.problems import Subtype
from pprnet.model.records import Post
from pprnet.stages.domain import get_domain
from pprnet.stages.render.gate import pages_written
from pprnet.stages.render.links import TOPICS_DIR, TYPES_DIR

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
SEARCH_PAGE = "search"
SCRIPT = "pprnet-search.js"
WORDS_SCRIPT = "pprnet-words.js"
STYLESHEET = "pprnet-search.css"
# The tiers of the results, in their order (each page's `tier` filter): the search page
# (`_static/pprnet-search.js`) ranks by the index's score within each.
TIER_SUMMARY, TIER_COLLECTION, TIER_PAGE = "summaries", "collections", "pages"
# What no page indexes: the parts of a page that say nothing of its own subject, which would
# make every post a hit for its author's name, its topics' labels or "min read".
NOT_INDEXED = (
    ".no-search",
    ".headerlink",
    ".pprnet-byline",
    ".pprnet-badges",
    ".pprnet-take-home > p > strong:first-child",  # "Take-home:"
    '.pprnet-take-home a[href="#practice-implications"]',
    ".pprnet-digest-entry",  # a topic page's summaries: each is found on its own page
    ".pprnet-subscribe",
    ".pprnet-backlinks",  # the bibliography's "summaries that discuss it"
    ".pprnet-this-month",  # the home page's ways into the newest summaries
    ".pprnet-cards",
    ".pprnet-feed-link",
    ".pprnet-archive-year",  # the archive's monthly issues
    ".pprnet-explorer",  # the explorer's filters and its list of every summary
    ".pprnet-evidence-map",
)


def _hidden(*spans: str) -> str:
    """Filters, in an element the index reads but does not index as text (Pagefind's
    `data-pagefind-ignore` keeps filters)."""
    return f"<div hidden data-pagefind-ignore>{''.join(spans)}</div>"


def _filter(name: str, value: str) -> str:
    return f'<span data-pagefind-filter="{name}:{escape(value)}"></span>'


def _post_filters(post: Post, address: str) -> list[str]:
    """A post's filters; the search page shows its month and type from them. (Metadata would
    be searched too: every book chapter would be a hit for "book".)"""
    return [
        *(_filter("topic", topic) for topic in post.topics),
        _filter("type", post.research_type),
        _filter("year", str(post.date.year)),
        _filter("month", post.month.slug),
        # Its address from the site's root: the explorer learns which summaries a query finds
        # from a search's counts of this filter, without fetching each result.
        _filter("summary", address),
        f'<span data-pagefind-sort="date:{post.date.isoformat()}"></span>',
    ]


def index_attributes(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Mark the page's content for the index (in `_templates/page.html`), with its tier and
    filters; or leave the page out of the index (the search page, ablog's collection pages,
    the general index)."""
    body = context.get("body")
    if not isinstance(body, str) or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    post = get_domain(app.env).posts.get(pagename)
    docs = app.env.all_docs
    spans: list[str] = []
    if post is not None:
        tier, spans = TIER_SUMMARY, _post_filters(post, app.builder.get_target_uri(pagename))
    elif pagename.startswith((f"{TOPICS_DIR}/", f"{TYPES_DIR}/")) and pagename not in docs:
        tier = TIER_COLLECTION
    elif pagename in docs:
        tier = TIER_PAGE
    else:
        return
    context["body"] = _hidden(_filter("tier", tier), *spans) + body
    context["pprnet_indexed"] = True  # the template marks the page's <article> for the index


def search_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The search page's filters, written into the page (nothing moves when the script starts),
    and the groups of search terms (vocabulary.toml) its script expands a query with."""
    if pagename != SEARCH_PAGE:
        return
    domain = get_domain(app.env)
    archive, vocabulary = domain.archive, domain.sources.vocabulary
    options = {
        "topic": [(t.slug, t.label) for t in vocabulary.topics if t.slug in archive.by_topic],
        "type": [(t.slug, t.label) for t in vocabulary.types if t.slug in archive.by_type],
        "year": [(str(y), str(y)) for y in sorted({p.date.year for p in archive.posts})],
    }
    context["pprnet_search_filters"] = options
    context["pprnet_search_terms"] = json.dumps(
        [list(group) for group in vocabulary.search_terms], ensure_ascii=False
    )
    app.add_js_file(WORDS_SCRIPT, loading_method="defer")
    app.add_js_file(SCRIPT, loading_method="defer")
    app.add_css_file(STYLESHEET)


def add_search_page(app: Sphinx, config: Config) -> None:
    """The search page is the archive's own (Sphinx writes its own only with its index)."""
    config.html_additional_pages = {**config.html_additional_pages, SEARCH_PAGE: "search.html"}


def index_site(app: Sphinx, exception: Exception | None) -> None:
    """Index the written site, when this build wrote a page or no index exists yet."""
    builder = app.builder
    settings = Settings.of(app.config)
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    if not settings.search_index:
        return
    outdir = Path(builder.outdir)
    bundle = outdir / BUNDLE
    if bundle.is_dir() and not pages_written(app):
        return
    fresh = outdir / f".{BUNDLE}-new"
    shutil.rmtree(fresh, ignore_errors=True)
    command = [
        sys.executable, "-m", "pagefind", "--site", str(outdir), "--output-path", str(fresh),
        "--exclude-selectors", ", ".join(NOT_INDEXED), "--force-language", "en",
        "--keep-index-url",  # results link to page.html as every link of the site does
        "--silent",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0 or not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        message = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        logger.warning(
            f"the search index could not be written: {message}",
            type="pprnet",
            subtype=Subtype.SEARCH,
        )
        return
    shutil.rmtree(bundle, ignore_errors=True)
    fresh.rename(bundle)


def setup_search(app: Sphinx) -> None:
    app.connect("config-inited", add_search_page)
    app.connect("html-page-context", index_attributes)
    app.connect("html-page-context", search_page_context)
    # After the gate (500) has given every written page its policy: the index reads pages.
    app.connect("build-finished", index_site, priority=800)
