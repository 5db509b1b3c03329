"""The `pprnet` domain: all cross-document state of the archive, keyed by docname."""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element, reference
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from pprnet.model.bibfile import Bibliography
from pprnet.model.records import Archive, Post
from pprnet.model.vocabulary import Vocabulary

# The types of link this domain resolves (`reftype`): a document, a page only HTML builders
# generate, a file of the output.
POST, PAGE, FILE = "post", "page", "file"
# The formats whose links reach the pages and files only the HTML builders generate (topic and
# type pages, feeds): HTML itself, and the newsletter, which links to the published site.
LINKS_GENERATED = frozenset({"html", "newsletter"})


def resolve_link(
    builder: Builder, fromdoc: str, node: pending_xref, contnode: nodes.Element
) -> nodes.reference:
    """The reference to a target (`page`, `page#anchor`, `page?query`); a reference without a
    target, which every writer shows as its text, where this builder does not write it."""
    reftype, target = node["reftype"], node["reftarget"]
    reference = nodes.reference("", "", internal=True, classes=contnode["classes"])
    if node.get("reftitle"):
        reference["reftitle"] = node["reftitle"]
    reference.extend(contnode.children)
    generated = builder.format in LINKS_GENERATED
    page, _, anchor = target.partition("#")
    page, _, query = page.partition("?")
    if reftype == FILE and generated:
        reference["refuri"] = relative_uri(builder.get_target_uri(fromdoc), page)
    elif reftype == POST or (reftype == PAGE and generated):
        reference["refuri"] = builder.get_relative_uri(fromdoc, page)
    else:
        return reference
    if query:
        reference["refuri"] += f"?{query}"
    if anchor:
        reference["refuri"] += f"#{anchor}"
    return reference


@dataclass(frozen=True)
class Sources:
    """The data files every post is checked against."""

    vocabulary: Vocabulary
    vocabulary_path: Path
    bibliography: Bibliography
    bibliography_path: Path
    digest: str  # of both files' bytes and the extension's version

    @cached_property
    def key_spellings(self) -> dict[str, str]:
        """The bibliography's keys, case-folded, with their spelling (the posts' checks)."""
        return self.bibliography.keys()


class PPRNetDomain(Domain):
    """Post records collected per document, and the archive derived from them once a build."""

    name = "pprnet"
    label = "PPRNet research archive"
    data_version = 4
    initial_data: ClassVar[dict[str, Any]] = {
        "posts": {},  # docname -> Post
        "listings": {},  # docname -> names of the listings of posts the page has
        "archive": Archive(),  # derived after reading (see derive.refresh_archive)
        "sources": None,  # Sources of the last build, kept for the next (sources.py)
        # Derived after reading, for this build only:
        "feeds": [],  # feeds.Feed of the archive (feeds.derive_feeds)
        "documents_written": 0,  # documents this build wrote (freshness)
        "generated": {},  # output -> digest of its inputs, this build (freshness)
        "previous": {},  # the same, as the last build recorded it (freshness)
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # The archive as the last build derived it, while this build derives its own.
        self.previous_archive = Archive()

    @property
    def posts(self) -> dict[str, Post]:
        return self.data["posts"]  # type: ignore[no-any-return]

    @property
    def listings(self) -> dict[str, tuple[str, ...]]:
        return self.data["listings"]  # type: ignore[no-any-return]

    def listing_page(self, listing: str, home: str) -> str | None:
        """The page that holds a listing: a page of its own rather than the home page `home`,
        which may hold it too."""
        pages = sorted((docname == home, docname) for docname, names in self.listings.items()
                       if listing in names)  # fmt: skip
        return pages[0][1] if pages else None

    @property
    def archive(self) -> Archive:
        return self.data["archive"]  # type: ignore[no-any-return]

    @property
    def sources(self) -> Sources:
        sources: Sources | None = self.data["sources"]
        assert sources is not None, "sources are loaded at builder-inited (sources.py)"
        return sources

    def add_post(self, post: Post) -> None:
        self.posts[post.docname] = post

    def note_listing(self, docname: str, listing: str) -> None:
        names = self.listings.get(docname, ())
        if listing not in names:
            self.listings[docname] = (*names, listing)

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
        return resolve_link(builder, fromdocname, node, contnode)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return ()


def get_domain(env: Any) -> PPRNetDomain:
    domain = env.domains["pprnet"]
    assert isinstance(domain, PPRNetDomain)
    return domain


def setup_domain(app: Sphinx) -> None:
    app.add_domain(PPRNetDomain)
