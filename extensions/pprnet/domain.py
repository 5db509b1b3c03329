"""The `pprnet` domain: all cross-document state of the archive, keyed by docname."""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils.nodes import Element, reference
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .links import resolve_link
from .records import Archive, Post

if TYPE_CHECKING:
    from .sources import Sources


class PPRNetDomain(Domain):
    """Post records collected per document, and the archive derived from them once a build."""

    name = "pprnet"
    label = "PPRNet archive"
    data_version = 3
    initial_data: ClassVar[dict[str, Any]] = {
        "posts": {},  # docname -> Post
        "listings": {},  # docname -> kinds of the listings of posts the page has
        "archive": Archive(),  # derived after reading (see incremental.refresh_archive)
        "sources": None,  # Sources of the last build, kept for the next (sources.py)
        # Derived after reading, for this build only:
        "feeds": [],  # feeds.Feed of the archive (feeds.derive_feeds)
        "documents_written": 0,  # documents this build wrote (freshness)
        "generated": {},  # output -> digest of its inputs, this build (freshness)
        "previous": {},  # the same, as the last build recorded it (freshness)
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # This build's sources, loaded at builder-inited; see sources.load_sources.
        self.loaded_sources: Sources | None = None

    @property
    def posts(self) -> dict[str, Post]:
        return self.data["posts"]  # type: ignore[no-any-return]

    @property
    def listings(self) -> dict[str, tuple[str, ...]]:
        return self.data["listings"]  # type: ignore[no-any-return]

    @property
    def archive(self) -> Archive:
        return self.data["archive"]  # type: ignore[no-any-return]

    @property
    def sources(self) -> Sources:
        assert self.loaded_sources is not None, "sources are loaded at builder-inited"
        return self.loaded_sources

    def add_post(self, post: Post) -> None:
        self.posts[post.docname] = post

    def note_listing(self, docname: str, kind: str) -> None:
        kinds = self.listings.get(docname, ())
        if kind not in kinds:
            self.listings[docname] = (*kinds, kind)

    def clear_doc(self, docname: str) -> None:
        self.posts.pop(docname, None)
        self.listings.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["posts"]:
                self.posts[docname] = otherdata["posts"][docname]
            if docname in otherdata["listings"]:
                self.listings[docname] = otherdata["listings"][docname]

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> reference | None:
        return resolve_link(builder, fromdocname, typ, target, contnode)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return ()


def get_domain(env: Any) -> PPRNetDomain:
    domain = env.domains["pprnet"]
    assert isinstance(domain, PPRNetDomain)
    return domain
