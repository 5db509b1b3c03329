"""The topic index, and one generated page per topic and per type of research."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docutils import nodes
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from pprnet.adapters.sphinx import render_page_body
from pprnet.model.records import Archive, Post
from pprnet.model.vocabulary import Terms
from pprnet.speed.freshness import is_current
from pprnet.stages.domain import FILE, PAGE, PPRNetDomain, get_domain
from pprnet.stages.read.practice import CSS_CLASS, TITLE, practice_implications
from pprnet.stages.render.links import (
    link,
    month_text,
    post_link,
    reference_paragraph,
    resolve_links,
    topic_page,
    type_badge,
    type_page,
)
from pprnet.stages.render.listing import FillListing, ListingDirective, add_listing


class TopicIndex(ListingDirective):
    """`{topic-index}`: every topic of the vocabulary with its number of summaries."""

    listing = "topic-index"


class TypeIndex(ListingDirective):
    """`{type-index}`: every type of research of the vocabulary with its number of summaries."""

    listing = "type-index"


class disclosure(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """What a reader opens if they want it: HTML's `<details>`, its `summary` the label."""


def visit_disclosure(translator: Any, node: disclosure) -> None:
    translator.body.append(translator.starttag(node, "details"))
    translator.body.append(f"<summary>{escape(node['summary'])}</summary>\n")


def depart_disclosure(translator: Any, node: disclosure) -> None:
    translator.body.append("</details>\n")


def term_index(
    terms: Terms, groups: dict[str, tuple[Post, ...]], page: Callable[[str], str], css: str
) -> nodes.container:
    """Every term with its number of summaries: first those that have some, each linked to its
    page; then, folded, those that have none yet (still listed: a reader looking for one
    learns that the archive has nothing on it)."""
    used = nodes.bullet_list(classes=[css])
    empty = nodes.bullet_list(classes=[css])
    for term in terms:
        count = len(groups.get(term.slug, ()))
        paragraph = nodes.paragraph()
        if count:
            paragraph += link(PAGE, page(term.slug), term.label)
        else:
            paragraph += nodes.inline(term.label, term.label, classes=["pprnet-empty-topic"])
        paragraph += nodes.Text(" ")
        paragraph += nodes.inline(f"({count})", f"({count})", classes=["pprnet-count"])
        (used if count else empty).append(nodes.list_item("", paragraph))
    index = nodes.container(classes=["pprnet-term-index"])
    index += used
    if empty.children:
        noun = "has" if len(empty.children) == 1 else "have"
        label = f"{len(empty.children)} more, which {noun} no summary yet"
        folded = disclosure(summary=label, classes=["pprnet-empty-terms"])
        folded += empty
        index += folded
    return index


class FillTopicIndex(FillListing):
    listing = "topic-index"

    @staticmethod
    def shows(archive: Archive) -> object:
        return sorted((slug, len(posts)) for slug, posts in archive.by_topic.items())

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        topics = domain.sources.vocabulary.topics
        index = term_index(topics, domain.archive.by_topic, topic_page, "pprnet-topic-index")
        if docname == domain.env.config.root_doc:
            index["classes"].append("no-search")  # search finds the list on the topics page
        return [index]


class FillTypeIndex(FillListing):
    listing = "type-index"

    @staticmethod
    def shows(archive: Archive) -> object:
        return sorted((slug, len(posts)) for slug, posts in archive.by_type.items())

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        types = domain.sources.vocabulary.types
        return [term_index(types, domain.archive.by_type, type_page, "pprnet-type-index")]


def summary_entry(post: Post, domain: PPRNetDomain, pagename: str) -> nodes.section:
    """One summary as a digest entry on `pagename`: title link, month, type (a link to its type
    page, but on that page), reference, practice implications."""
    section = nodes.section(ids=[post.docname.replace("/", "-")], classes=["pprnet-digest-entry"])
    title = nodes.title()
    title += post_link(post)
    section += title
    byline = nodes.paragraph(classes=["pprnet-byline"])
    byline += month_text(post)
    if pagename != type_page(post.research_type):
        byline += nodes.Text(" ")
        byline += type_badge(post.research_type, domain.sources.vocabulary)
    section += byline
    reference = reference_paragraph(post, domain.sources.bibliography)
    if reference is not None:
        section += reference
    implications = practice_implications(classes=[CSS_CLASS])
    implications += nodes.title(TITLE, TITLE)
    for text in post.implications:
        implications += nodes.paragraph(text, text)
    section += implications
    return section


def collection_page(
    builder: StandaloneHTMLBuilder, pagename: str, title: str, posts: tuple[Post, ...]
) -> tuple[str, dict[str, Any], str]:
    """A generated page listing `posts` newest first as digest entries."""
    domain = get_domain(builder.env)
    section = nodes.section(ids=["pprnet-collection"], classes=["pprnet-collection"])
    section += nodes.title(title, title)
    noun = "summary" if len(posts) == 1 else "summaries"
    intro = f"{len(posts)} {noun}, newest first."
    section += nodes.paragraph(intro, intro, classes=["pprnet-collection-intro"])
    feed = next((f.path for f in domain.data.get("feeds", ()) if f.page == pagename), None)
    if feed is not None:  # where readers look for it, not only in the page's head
        subscribe = nodes.paragraph(classes=["pprnet-subscribe"])
        subscribe += link(FILE, feed, f"Subscribe to {title}")
        subscribe += nodes.Text(" (an Atom feed of its newest summaries).")
        section += subscribe
    section.extend(summary_entry(post, domain, pagename) for post in posts)
    resolve_links(builder, pagename, section)
    body = render_page_body(builder, pagename, section)
    # Themes print the title as HTML, as a document's rendered title is.
    return pagename, {"title": escape(title), "body": body, "parents": []}, "page.html"


def collections(env: BuildEnvironment) -> list[tuple[str, str, tuple[Post, ...]]]:
    """The page name, title and posts of each topic and type of research that has summaries."""
    domain = get_domain(env)
    archive, vocabulary = domain.archive, domain.sources.vocabulary
    pages = [
        *((topic_page(t.slug), t.label, archive.by_topic.get(t.slug)) for t in vocabulary.topics),
        *((type_page(t.slug), t.label, archive.by_type.get(t.slug)) for t in vocabulary.types),
    ]
    return [(pagename, title, posts) for pagename, title, posts in pages if posts]


def generate_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """One page per topic and per type of research that has summaries (HTML builders)."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    for pagename, title, posts in collections(app.env):
        if not is_current(app, pagename, title, posts):
            yield collection_page(builder, pagename, title, posts)


def setup_topics(app: Sphinx) -> None:
    app.add_node(disclosure, html=(visit_disclosure, depart_disclosure))
    add_listing(app, TopicIndex, FillTopicIndex)
    add_listing(app, TypeIndex, FillTypeIndex)
    app.connect("html-collect-pages", generate_pages)
