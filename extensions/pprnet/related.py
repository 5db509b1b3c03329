"""What a post offers its reader around the summary: its reading time, its address for a
printed handout, and the related summaries (ranked by `records.related_posts`)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import get_domain
from .links import post_link
from .records import Post

TITLE = "Related summaries"


def _has_class(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and name in node["classes"]


def reading_time(post: Post, separator: str = " · ") -> nodes.inline:
    """The reading time, as " · 4 min read": one element that a handout leaves out."""
    text = f"{post.reading_minutes} min read"
    wrapper = nodes.inline(classes=["pprnet-reading"])
    if separator:
        wrapper += nodes.Text(separator)
    wrapper += nodes.inline(text, text, classes=["pprnet-reading-time"])
    return wrapper


def related_section(posts: tuple[Post, ...]) -> nodes.section:
    """A titled list of links to the related summaries, each with its month."""
    # "no-search": other posts' titles must not make this one a search result.
    section = nodes.section(ids=["pprnet-related"], classes=["pprnet-related", "no-search"])
    section += nodes.title(TITLE, TITLE)
    items = nodes.bullet_list(classes=["pprnet-related-list"])
    for post in posts:
        paragraph = nodes.paragraph()
        paragraph += post_link(post)
        month = f" ({post.month.label})"
        paragraph += nodes.inline(month, month, classes=["pprnet-month"])
        items += nodes.list_item("", paragraph)
    section += items
    return section


class ReadingAids(SphinxPostTransform):
    """Add the reading time to a post's byline, its address for print, and related summaries."""

    # After PostPage (5), which builds the byline this extends and appends the contact line and
    # previous/next links: the related list then goes right after "Cite this summary" (4),
    # found by its class, and before them. Before ReferencesResolver (10) resolves its links.
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        archive = get_domain(self.env).archive
        post = archive.by_docname.get(docname)
        sections = [node for node in self.document.children if isinstance(node, nodes.section)]
        if post is None or not sections:
            return
        section = sections[0]
        self._add_reading_time(section, post)
        url = self._url(docname)
        if url:
            # Shown only in print (pprnet-print.css), right under the title.
            address = nodes.paragraph(url, url, classes=["pprnet-print-url", "no-search"])
            section.insert(1, address)
        related = archive.related.get(docname, ())
        if related:
            section.insert(self._related_position(section), related_section(related))

    def _add_reading_time(self, section: nodes.section, post: Post) -> None:
        byline = next(
            (
                node
                for node in section.findall(nodes.paragraph)
                if _has_class(node, "pprnet-byline")
            ),
            None,
        )
        if byline is None:
            byline = nodes.paragraph(classes=["pprnet-byline"])
            section.insert(1, byline)
        byline += reading_time(post, separator=" · " if byline.children else "")

    def _url(self, docname: str) -> str | None:
        base: str = self.config.html_baseurl
        suffix: str = self.config.html_file_suffix or ".html"
        return f"{base.rstrip('/')}/{docname}{suffix}" if base else None

    @staticmethod
    def _related_position(section: nodes.section) -> int:
        """Just after "Cite this summary", else before previous/next, else at the end."""
        children = section.children
        for index, child in enumerate(children):
            if _has_class(child, "pprnet-cite-this"):
                return index + 1
        for index, child in enumerate(children):
            if _has_class(child, "pprnet-prev-next") or _has_class(child, "pprnet-contact"):
                return index
        return len(children)


def setup_related(app: Sphinx) -> None:
    app.add_post_transform(ReadingAids)
