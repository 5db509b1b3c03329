"""A post's "References": the works it cites, each linked to its entry on the bibliography page.
The work it summarises is printed once, in the post's header (`postpage.py`), with the same link."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from pprnet.model.records import Post
from pprnet.stages.domain import PPRNetDomain
from pprnet.stages.render.links import bibliography_link, entry_paragraph
from pprnet.stages.render.postpage import ADDITIONS_PRIORITY, PostPageTransform


def works_cited(post: Post) -> list[str]:
    """The keys a post's reference list shows: the works it cites, but the one it summarises."""
    summarised = post.reference.casefold() if post.reference else None
    return [key for key in post.cites if key.casefold() != summarised]


class PostReferences(PostPageTransform):
    """A "References" list at the end of each post that cites works besides its own."""

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
            item += entry_paragraph(found)
            more = bibliography_link(self.config, found.key)
            if more is not None:
                item += more
            items += item
        references += items
        section += references


def setup_references(app: Sphinx) -> None:
    app.add_post_transform(PostReferences)
