"""What a page's head says about it to search engines and to the card a shared link shows.

- The meta description, shown under the title in search results: a post's take-home; a topic's
  or type's page says what it gathers; any other page, the first paragraph of its text. Nothing
  is invented, and the text is cut at a word, not mid-word.
- The Open Graph card: title, address, site name, type (`article` for a post) and the same
  description. Written here rather than by sphinxext-opengraph, which writes no tags on a page
  without a doctree (the 33 topic and type pages, which a reader shares most after posts), takes
  the first words of a page as its description (on a post, its badges) and escapes only the
  double quote in the values it writes.

The `<title>` (the page's title, and the site's name once) is written by `_templates/page.html`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx

from pprnet.stages.domain import get_domain
from pprnet.stages.render.feeds import absolute
from pprnet.stages.render.links import topic_page, type_page

MAX_LENGTH = 200  # search engines show about 160 characters; a sentence or two


def description(app: Sphinx, pagename: str, doctree: Any) -> str:
    """The description of one page ("" for a page with no text of its own, as the index)."""
    archive = get_domain(app.env).archive
    post = archive.by_docname.get(pagename)
    if post is not None:
        return post.take_home
    vocabulary = get_domain(app.env).sources.vocabulary
    for terms, grouped, page_of in (
        (vocabulary.topics, archive.by_topic, topic_page),
        (vocabulary.types, archive.by_type, type_page),
    ):
        for term in terms:
            if page_of(term.slug) == pagename:
                count = len(grouped.get(term.slug, ()))
                noun = "summary" if count == 1 else "summaries"
                return (
                    f"{term.label}: {count} {noun} of psychotherapy research for clinicians, "
                    "newest first, each with its practice implications."
                )
    if isinstance(doctree, nodes.document):
        first = next((p for p in doctree.findall(nodes.paragraph) if p.astext().strip()), None)
        if first is not None:
            return _shortened(" ".join(first.astext().split()))
    return ""


def _shortened(text: str) -> str:
    if len(text) <= MAX_LENGTH:
        return text
    return text[: MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def head_tags(app: Sphinx, pagename: str, context: dict[str, Any], text: str) -> list[str]:
    """The meta description and (for a site that knows its address) the Open Graph tags of a
    page, escaped."""
    tags = [f'<meta name="description" content="{escape(text)}" />'] if text else []
    if not app.config.html_baseurl:
        return tags  # a card needs the page's address
    is_post = pagename in get_domain(app.env).archive.by_docname
    properties = {
        # The title as Sphinx rendered it (HTML), as plain text.
        "og:title": Markup(context.get("title", "")).striptags(),  # noqa: S704
        "og:type": "article" if is_post else "website",
        "og:url": absolute(app.config.html_baseurl, app.builder.get_target_uri(pagename)),
        "og:site_name": app.config.project,
        "og:description": text,
    }
    tags += [
        f'<meta property="{name}" content="{escape(value)}" />'
        for name, value in properties.items()
        if value
    ]
    return tags


def fill_head(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    tags = head_tags(app, pagename, context, description(app, pagename, doctree))
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def setup_head(app: Sphinx) -> None:
    app.connect("html-page-context", fill_head)
