"""A post's page: month, badges and reference under the title; contact and neighbours below."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import get_domain
from .links import badges, month_text, post_link, reference_paragraph
from .records import Neighbours, Post


class PostPage(SphinxPostTransform):
    """Add the archive's header and footer to each post page."""

    # Before ReferencesResolver (10), which resolves the links this adds.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        domain = get_domain(self.env)
        post = domain.archive.by_docname.get(docname)
        sections = [node for node in self.document.children if isinstance(node, nodes.section)]
        if post is None or not sections:
            return
        section = sections[0]
        sources = domain.sources
        header = nodes.container(classes=["pprnet-post-header"])
        byline = nodes.paragraph(classes=["pprnet-byline"])
        byline += month_text(post)
        byline += nodes.Text(" · ")
        byline += nodes.inline(post.author, post.author, classes=["pprnet-author"])
        header += byline
        header += badges(post, sources.vocabulary)
        reference = reference_paragraph(post, sources.bibliography)
        if reference is not None:
            header += reference
        section.insert(1, header)
        if post.contact:
            section += self._contact(post)
        section += self._neighbours(domain.archive.neighbours(docname))

    def _contact(self, post: Post) -> nodes.paragraph:
        assert post.contact is not None
        # Not in the search index: it would spread the address in clear text.
        paragraph = nodes.paragraph(classes=["pprnet-contact", "no-search"])
        paragraph += nodes.Text("Author e-mail: ")
        paragraph += nodes.reference(post.contact, post.contact, refuri=f"mailto:{post.contact}")
        return paragraph

    def _neighbours(self, neighbours: Neighbours) -> nodes.container:
        nav = nodes.container(classes=["pprnet-prev-next", "no-search"])
        for post, label, css in (
            (neighbours.previous, "Previous summary", "pprnet-prev"),
            (neighbours.next, "Next summary", "pprnet-next"),
        ):
            if post is None:
                continue
            paragraph = nodes.paragraph(classes=[css])
            paragraph += nodes.inline(label, label, classes=["pprnet-prev-next-label"])
            paragraph += nodes.Text(" ")
            paragraph += post_link(post)
            nav += paragraph
        return nav


def setup_postpage(app: Sphinx) -> None:
    app.add_post_transform(PostPage)
