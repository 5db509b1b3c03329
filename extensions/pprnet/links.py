"""Small node builders shared by the pages: links to pages, badges, formatted references."""

from __future__ import annotations

from docutils import nodes
from pybtex_docutils import Backend
from sphinx.builders import Builder
from sphinx_design.badges_buttons import create_bdg_classes

from .apa import format_reference
from .bibfile import Bibliography
from .records import Post
from .vocabulary import Vocabulary

TOPICS_DIR = "topics"
TYPES_DIR = "types"


def topic_page(slug: str) -> str:
    return f"{TOPICS_DIR}/{slug}"


def type_page(slug: str) -> str:
    return f"{TYPES_DIR}/{slug}"


def has_generated_pages(builder: Builder) -> bool:
    """Whether this builder writes the per-topic and per-type pages (HTML builders do)."""
    return builder.format == "html"


def page_link(
    builder: Builder,
    fromdoc: str,
    pagename: str,
    children: list[nodes.Node] | str,
    classes: list[str] | None = None,
) -> nodes.Element:
    """A link from `fromdoc` to any page of the site (a document or a generated page)."""
    content = [nodes.Text(children)] if isinstance(children, str) else children
    return nodes.reference(
        "",
        "",
        *content,
        internal=True,
        refuri=builder.get_relative_uri(fromdoc, pagename),
        classes=classes or [],
    )


def generated_page_link(
    builder: Builder, fromdoc: str, pagename: str, text: str, classes: list[str]
) -> nodes.Element:
    """A link to a generated page, or plain text where the builder writes none."""
    if has_generated_pages(builder):
        return page_link(builder, fromdoc, pagename, text, classes)
    return nodes.inline(text, text, classes=classes)


def topic_badge(builder: Builder, fromdoc: str, slug: str, vocabulary: Vocabulary) -> nodes.Element:
    label = vocabulary.topics.label(slug)
    classes = ["pprnet-topic", *create_bdg_classes("primary", outline=True)]
    return generated_page_link(builder, fromdoc, topic_page(slug), label, classes)


def type_badge(builder: Builder, fromdoc: str, slug: str, vocabulary: Vocabulary) -> nodes.Element:
    label = vocabulary.types.label(slug)
    classes = ["pprnet-type", *create_bdg_classes("secondary", outline=False)]
    return generated_page_link(builder, fromdoc, type_page(slug), label, classes)


def badges(builder: Builder, fromdoc: str, post: Post, vocabulary: Vocabulary) -> nodes.Element:
    """The type badge then the topic badges of a post, in a paragraph."""
    paragraph = nodes.paragraph(classes=["pprnet-badges"])
    paragraph += type_badge(builder, fromdoc, post.kind, vocabulary)
    for slug in post.topics:
        paragraph += nodes.Text(" ")
        paragraph += topic_badge(builder, fromdoc, slug, vocabulary)
    return paragraph


def reference_paragraph(post: Post, bibliography: Bibliography) -> nodes.paragraph | None:
    """The APA reference of the summarised article, with its DOI as a link."""
    if post.reference is None:
        return None
    found = bibliography.get(post.reference)
    if found is None:
        return None
    paragraph = nodes.paragraph(classes=["pprnet-reference"])
    paragraph.extend(format_reference(found.entry).render(Backend()))
    return paragraph


def month_text(post: Post) -> nodes.Element:
    return nodes.inline(post.month.label, post.month.label, classes=["pprnet-month"])
