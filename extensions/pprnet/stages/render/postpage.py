"""A post's page: month, badges and reference under the title; contact and neighbours below."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from pprnet.model.records import Archive, Neighbours, Post
from pprnet.stages.derive import AFTER_DERIVE, pages_showing_changes
from pprnet.stages.domain import PPRNetDomain, get_domain
from pprnet.stages.read.practice import practice_implications
from pprnet.stages.read.safety import address_node
from pprnet.stages.render.links import (
    badges,
    bibliography_link,
    month_text,
    page_url,
    post_link,
    reference_paragraph,
)


def reading_time(post: Post) -> nodes.inline:
    """The reading time, as " · 4 min read": one element that a handout leaves out."""
    text = f"{post.reading_minutes} min read"
    wrapper = nodes.inline(classes=["pprnet-reading"])
    wrapper += nodes.Text(" · ")
    wrapper += nodes.inline(text, text, classes=["pprnet-reading-time"])
    return wrapper


# The additions to a post page are made before Sphinx's reference resolver (10), which resolves
# the links they contain, as it does every other link of the page.
ADDITIONS_PRIORITY = 1


class PostPageTransform(SphinxPostTransform):
    """A post-transform that adds to the page of a post; other pages are left alone."""

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        post = domain.archive.by_docname.get(self.env.current_document.docname)
        sections = [node for node in self.document.children if isinstance(node, nodes.section)]
        if post is not None and sections:
            self.add(domain, post, sections[0])

    def add(self, domain: PPRNetDomain, post: Post, section: nodes.section) -> None:
        """Add to `section`, the post's page below its title."""
        raise NotImplementedError


TAKE_HOME = "Take-home:"
IMPLICATIONS_ID = "practice-implications"


class PostPage(PostPageTransform):
    """Add the archive's header and footer to each post page."""

    # The end of a post is built in this order, each transform appending to it: references
    # (citations.py), "cite this summary" (citethis.py), related summaries (related.py), then
    # the contact line and previous/next (here).
    default_priority = ADDITIONS_PRIORITY + 4

    def add(self, domain: PPRNetDomain, post: Post, section: nodes.section) -> None:
        sources = domain.sources
        header = nodes.container(classes=["pprnet-post-header"])
        url = page_url(self.config, post.docname)
        if url:
            # Shown only in print (pprnet-print.css), right under the title.
            header += nodes.paragraph(url, url, classes=["pprnet-print-url", "no-search"])
        byline = nodes.paragraph(classes=["pprnet-byline"])
        byline += month_text(post)
        byline += nodes.Text(" · ")
        byline += nodes.inline(post.author, post.author, classes=["pprnet-author"])
        byline += reading_time(post)
        header += byline
        header += badges(post, sources.vocabulary)
        # The take-home before the summarised article's reference: on a phone's first screen.
        header += self._take_home(post, section)
        reference = reference_paragraph(post, sources.bibliography)
        if reference is not None and post.reference is not None:
            # The summarised work, printed once: here, not again under "References".
            header += reference
            more = bibliography_link(self.config, post.reference)
            header += [more] if more is not None else []
        section.insert(1, header)
        if post.contact:
            section += self._contact(post)
        section += self._neighbours(domain.archive.neighbours(post.docname))

    def _take_home(self, post: Post, section: nodes.section) -> nodes.container:
        """The take-home, first: the author's bottom line, or else the first sentence of the
        practice implications, with a link down to them."""
        box = nodes.container(classes=["pprnet-take-home"])
        paragraph = nodes.paragraph()
        paragraph += nodes.strong(TAKE_HOME, TAKE_HOME)
        paragraph += nodes.Text(f" {post.take_home} ")
        block = next(section.findall(practice_implications), None)
        if block is not None:
            block["ids"] = block["ids"] or [IMPLICATIONS_ID]
            label = "Practice implications \u2193"
            paragraph += nodes.reference(label, label, refid=block["ids"][0], internal=True)
        box += paragraph
        return box

    def _contact(self, post: Post) -> nodes.paragraph:
        assert post.contact is not None
        # Not in the search index: it would spread the address in clear text.
        paragraph = nodes.paragraph(classes=["pprnet-contact", "no-search"])
        # The summarised article's corresponding author, not the blog's: said so in words.
        paragraph += nodes.Text("Corresponding author of the summarised article: ")
        paragraph += address_node(post.contact)
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


def outdated_neighbours(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The posts whose previous or next summary changed (its title or its page)."""
    return pages_showing_changes(env, Archive.link_signature)


def setup_postpage(app: Sphinx) -> None:
    app.add_post_transform(PostPage)
    app.connect("env-updated", outdated_neighbours, priority=AFTER_DERIVE)
