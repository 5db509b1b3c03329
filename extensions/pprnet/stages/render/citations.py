"""In-text citations: each `{cite:ROLE}` of a page, formatted by the archive's APA formatter
(`model/intext.py`, which the feeds use too), its years or names linked to their entries on
the bibliography page with the full reference as a tooltip.

sphinxcontrib-bibtex still reads the roles and records what each page cites (its bibliography
lists those entries); the archive renders them before its resolver would.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from pprnet.adapters.bibtex import cited_documents, entry_anchor
from pprnet.config import Settings
from pprnet.model.bibfile import Bibliography
from pprnet.model.intext import format_citation, parse_citation
from pprnet.stages.domain import POST, get_domain
from pprnet.stages.render.links import link


class InTextCitations(SphinxPostTransform):
    """Render every citation of the page as APA 7 in-text text and links."""

    # Before ReferencesResolver (10), which would hand them to sphinxcontrib-bibtex, and
    # resolves the links made here.
    default_priority = 9

    def run(self, **kwargs: Any) -> None:
        if self.env.current_document.docname not in cited_documents(self.env):
            return
        bibliography = get_domain(self.env).sources.bibliography
        page = Settings.of(self.config).bibliography_page
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") == "cite":
                xref.replace_self(self.citation(xref, bibliography, page))

    def citation(
        self, xref: addnodes.pending_xref, bibliography: Bibliography, page: str
    ) -> nodes.inline:
        works = parse_citation(xref["reftarget"]) or []
        span = nodes.inline(classes=["bibtex-citation"])
        for text, key in format_citation(xref["reftype"], works, bibliography.references):
            found = bibliography.get(key) if key is not None else None
            if found is None or not page:
                span += nodes.Text(text)
                continue
            target = f"{page}#{entry_anchor(self.config, found.key)}"
            span += link(POST, target, text, title=str(found.reference))
        return span


def setup_citations(app: Sphinx) -> None:
    app.add_post_transform(InTextCitations)
