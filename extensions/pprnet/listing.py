"""The shared shape of pages that list posts: a directive leaves a placeholder node, and a
post-transform fills it from the archive once every post has been read (as sphinx.ext.todo
does for its todo list)."""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .domain import PPRNetDomain, get_domain


class listing_placeholder(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Where a listing goes; replaced before writing, so no builder ever sees it."""


class ListingDirective(SphinxDirective):
    """A directive whose output depends on every post."""

    kind: ClassVar[str]
    has_content = False

    def run(self) -> list[nodes.Node]:
        get_domain(self.env).note_listing(self.env.current_document.docname)
        node = listing_placeholder(kind=self.kind, options=dict(self.options))
        self.set_source_info(node)
        return [node]


class FillListing(SphinxPostTransform):
    """Replace the placeholders of one kind with their content."""

    kind: ClassVar[str]
    # Before ReferencesResolver (10), which resolves the links listings contain.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.current_document.docname
        for node in list(self.document.findall(listing_placeholder)):
            if node["kind"] == self.kind:
                node.replace_self(self.render(domain, docname, node["options"]))

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        raise NotImplementedError
