"""The shared shape of pages that list posts: a directive leaves a placeholder node, and a
post-transform fills it from the archive once every post has been read (as sphinx.ext.todo
does for its todo list)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from pprnet.model.records import Archive
from pprnet.stages.derive import AFTER_DERIVE, pages_showing_changes
from pprnet.stages.domain import PPRNetDomain, get_domain

# For each listing, what it shows of the archive (`FillListing.shows`), as `add_listing` fills
# it in each concern's setup: a page with listings is written again when that changes.
_VIEWS: dict[str, Callable[[Archive], object]] = {}


class listing_placeholder(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Where a listing goes; replaced before writing, so no builder ever sees it."""


class ListingDirective(SphinxDirective):
    """A directive whose output depends on every post."""

    listing: ClassVar[str]  # its name, which its directive also has
    has_content = False

    def run(self) -> list[nodes.Node]:
        domain = get_domain(self.env)
        domain.note_listing(self.env.current_document.docname, self.listing)
        # Listings show the vocabulary's labels and formatted references.
        self.env.note_dependency(str(domain.sources.vocabulary_path))
        self.env.note_dependency(str(domain.sources.bibliography_path))
        node = listing_placeholder(listing=self.listing, options=dict(self.options))
        self.set_source_info(node)
        return [node]


class FillListing(SphinxPostTransform):
    """Replace the placeholders of one listing with their content."""

    listing: ClassVar[str]  # its name, which its directive also has
    # Before ReferencesResolver (10), which resolves the links listings contain.
    default_priority = 5

    @staticmethod
    def shows(archive: Archive) -> object:
        """What of the archive this listing shows; by default, everything."""
        return archive.posts

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.current_document.docname
        # The domain knows which pages have listings: the others (every post) are not walked.
        if self.listing not in domain.listings.get(docname, ()):
            return
        for node in list(self.document.findall(listing_placeholder)):
            if node["listing"] == self.listing:
                node.replace_self(self.render(domain, docname, node["options"]))

    def render(
        self, domain: PPRNetDomain, docname: str, options: dict[str, Any]
    ) -> list[nodes.Node]:
        raise NotImplementedError


def add_listing(
    app: Sphinx, directive: type[ListingDirective], transform: type[FillListing]
) -> None:
    """Register a listing: its directive, the post-transform that fills it, what it shows."""
    assert directive.listing == transform.listing
    app.add_directive(directive.listing, directive)
    app.add_post_transform(transform)
    _VIEWS[transform.listing] = transform.shows


def outdated_listings(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages with a listing whose part of the archive changed."""
    listings = get_domain(env).listings

    def shown(archive: Archive) -> dict[str, object]:
        return {
            docname: [_VIEWS[name](archive) for name in names]
            for docname, names in listings.items()
        }

    return pages_showing_changes(env, shown)


def setup_listing(app: Sphinx) -> None:
    app.add_node(listing_placeholder)
    app.connect("env-updated", outdated_listings, priority=AFTER_DERIVE)
