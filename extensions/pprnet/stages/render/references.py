"""A post's "References": the work it summarises, then the works it cites, each linked to its
entry on the bibliography page."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from pprnet.adapters.bibtex import entry_anchor
from pprnet.config import Settings
from pprnet.model.records import Post
from pprnet.stages.domain import POST, PPRNetDomain
from pprnet.stages.render.links import entry_paragraph, link
from pprnet.stages.render.postpage import ADDITIONS_PRIORITY, PostPageTransform


def works_cited(post: Post) -> list[str]:
    """The keys a post's reference list shows: the summarised article first, then the others."""
    keys = [post.reference] if post.reference else []
    for key in post.cites:
        if key.casefold() not in {k.casefold() for k in keys}:
            keys.append(key)
    return keys


class PostReferences(PostPageTransform):
    """A "References" list at the end of each post: the works it summarises and cites."""

    # See postpage.PostPage for the order in which the end of a post is built.
    default_priority = ADDITIONS_PRIORITY + 1

    def add(self, domain: PPRNetDomain, post: Post, section: nodes.section) -> None:
        keys = works_cited(post)
        if not keys:
            return
        references = nodes.section(ids=["references"], classes=["pprnet-references"])
        references += nodes.title("References", "References")
        items = nodes.bullet_list(classes=["pprnet-reference-list"])
        for key in keys:
            found = domain.sources.bibliography.get(key)
            assert found is not None, "checked when the post was read"
            item = nodes.list_item()
            paragraph = entry_paragraph(found)
            if key == post.reference:
                paragraph.insert(0, nodes.strong("Summarised: ", "Summarised: "))
            item += paragraph
            page = Settings.of(self.config).bibliography_page
            if page:
                target = f"{page}#{entry_anchor(self.config, found.key)}"
                # The same words under every reference of every post: not worth a search hit.
                more = nodes.paragraph(classes=["pprnet-bibliography-link", "no-search"])
                more += link(POST, target, "In the bibliography, with every summary citing it")
                item += more
            items += item
        references += items
        section += references


def setup_references(app: Sphinx) -> None:
    app.add_post_transform(PostReferences)
