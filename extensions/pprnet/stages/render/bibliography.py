"""The bibliography page: sphinxcontrib-bibtex's entries as a reference list, each with the
summaries that summarise it ("Summarised in") and those that cite it ("Cited by")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from pprnet.adapters.bibtex import entry_anchor
from pprnet.config import Settings
from pprnet.model.records import Archive, Post
from pprnet.stages.derive import AFTER_DERIVE, pages_showing_changes
from pprnet.stages.domain import POST, get_domain
from pprnet.stages.render.links import link


class CitedBy(SphinxPostTransform):
    """The bibliography as a reference list: under each entry, the summaries that summarise or
    cite it. The entries keep the ids that citations link to."""

    # After sphinxcontrib-bibtex's BibliographyTransform (5) has made the entries, before
    # ReferencesResolver (10) resolves the links to the posts.
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        lists = [
            container
            for container in self.document.findall(nodes.container)
            if container.children
            and all(isinstance(child, nodes.citation) for child in container.children)
        ]
        if not lists:  # every page but the bibliography: skip the work below
            return
        domain = get_domain(self.env)
        posts_by_key = domain.archive.cited_by
        keys_by_id = {
            entry_anchor(self.config, entry.key): key
            for key, entry in domain.sources.bibliography.entries.items()
        }
        for container in lists:
            entries = [child for child in container.children if isinstance(child, nodes.citation)]
            # docutils writes citations as a "list" whose items have the deprecated role
            # doc-biblioentry (an accessibility error), with bracketed labels that mean nothing
            # in an author-year bibliography: a plain list of references reads better.
            items = nodes.bullet_list(classes=["pprnet-reference-list", "pprnet-bibliography"])
            for entry in entries:
                item = nodes.list_item(ids=entry["ids"], classes=["pprnet-bibliography-entry"])
                for child in entry.children:
                    if isinstance(child, nodes.paragraph):
                        child["classes"].append("pprnet-reference")  # as on posts: hanging
                    if not isinstance(child, nodes.label):
                        item += child
                key = next((keys_by_id[id_] for id_ in entry["ids"] if id_ in keys_by_id), None)
                if key in posts_by_key:
                    item.extend(cited_by_paragraphs(key, posts_by_key[key]))
                items += item
            container.replace_self(items)


def cited_by_paragraphs(key: str, posts: Sequence[Post]) -> list[nodes.paragraph]:
    """ "Summarised in" the posts that summarise the work, "Cited by" those that cite it in
    passing: each a link with its month."""
    summarising = [p for p in posts if p.reference is not None and p.reference.casefold() == key]
    citing = [post for post in posts if post not in summarising]
    paragraphs = []
    for label, group, kind in (
        ("Summarised in", summarising, "pprnet-summarised-in"),
        ("Cited by", citing, "pprnet-cited-by"),
    ):
        if not group:
            continue
        paragraph = nodes.paragraph(classes=["pprnet-backlinks", kind])
        paragraph += nodes.Text(f"{label}: ")
        for index, post in enumerate(group):
            if index:
                paragraph += nodes.Text("; ")
            paragraph += link(POST, post.docname, post.title)
            note = f" ({post.month.label})"
            paragraph += nodes.inline(note, note, classes=["pprnet-backlink-month"])
        paragraphs.append(paragraph)
    return paragraphs


def outdated_bibliography(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The bibliography page, if what its "cited by" shows of the posts changed."""
    page = Settings.of(app.config).bibliography_page

    def shown(archive: Archive) -> dict[str, object]:
        return {page: [(p.docname, p.title, p.date, p.reference, p.cites) for p in archive.posts]}

    return pages_showing_changes(env, shown) if page in env.found_docs else []


def setup_bibliography(app: Sphinx) -> None:
    app.add_post_transform(CitedBy)
    app.connect("env-updated", outdated_bibliography, priority=AFTER_DERIVE)
