"""Related summaries at the end of a post (ranked by `records.related_posts`)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from pprnet.model.records import Archive, Post
from pprnet.stages.derive import AFTER_DERIVE, pages_showing_changes
from pprnet.stages.domain import PPRNetDomain
from pprnet.stages.render.links import post_link
from pprnet.stages.render.postpage import ADDITIONS_PRIORITY, PostPageTransform

TITLE = "Related summaries"


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


class RelatedSummaries(PostPageTransform):
    """The summaries sharing the most topics and references with this one."""

    # See postpage.PostPage for the order in which the end of a post is built.
    default_priority = ADDITIONS_PRIORITY + 3

    def add(self, domain: PPRNetDomain, post: Post, section: nodes.section) -> None:
        related = domain.archive.related.get(post.docname, ())
        if related:
            section += related_section(related)


def outdated_related(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The posts whose "Related summaries" list shows something else."""
    return pages_showing_changes(env, Archive.related_signature)


def setup_related(app: Sphinx) -> None:
    app.add_post_transform(RelatedSummaries)
    app.connect("env-updated", outdated_related, priority=AFTER_DERIVE)
