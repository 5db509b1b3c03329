"""Each page's meta description, what search results and shared links show under its title:
a post's take-home; a topic's or type's page says what it gathers; any other page, the first
paragraph of its text. Nothing is invented, and the text is cut at a word, not mid-word."""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from pprnet.stages.domain import get_domain
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


def describe(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    text = description(app, pagename, doctree)
    if text:
        meta = f'<meta name="description" content="{escape(text)}" />\n'
        context["metatags"] = context.get("metatags", "") + meta


def setup_description(app: Sphinx) -> None:
    app.connect("html-page-context", describe)
