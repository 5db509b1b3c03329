"""sphinxcontrib-bibtex, adapted to the archive: its roles and its bibliography kept, its domain
with lookups by key instead of scans, and its citation data reused when nothing changed.

Checked against sphinxcontrib-bibtex 2.7.0, the only release the allowed range holds
(`make versions` builds the lowest and the latest allowed versions).

- In-text citations: its roles are read as it reads them (they record what each page cites),
  and rendered by the archive's own APA formatter (`stages/render/citations.py`), before its
  resolver would format them with a referencing style.
- `IndexedBibtexDomain`: in 2.7 the bibliography scans every citation for every entry
  (`get_filtered_entries`, entries x citations), and `env_updated` formats every entry again on
  every build, even when nothing changed. At 1,000 posts that was most of a rebuild in which
  nothing or one post changed. No upstream issue tracks it; remove when the domain skips
  builds that change no citation.
  The subclass replaces the domain under its own name (`add_domain(..., override=True)`), so
  sphinxcontrib-bibtex's roles, directives and transforms use it unchanged.
- `CheckedCiteRole`: a malformed citation (`{cite:p}` with an unclosed `{`) ends 2.7's role
  with a traceback.
- `withhold_broken_bibfile`: 2.7 re-raises pybtex's syntax error from its builder-inited
  handler, a traceback without the file's name.

Private accesses (each tested by `tests/ext/adapters/test_bibtex.py`): `_FilterVisitor` (its
`:filter:` evaluator, so that the option means the same), and the domain's `data` keys
"bibdata" and "citations".
"""

from __future__ import annotations

import ast
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.nodes import Element, Node, system_message
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import CONFIG_OK, BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.typing import RoleFunction
from sphinxcontrib.bibtex.bibfile import BibData
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor, get_docnames
from sphinxcontrib.bibtex.roles import CiteRole

from pprnet.config import Settings

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinxcontrib.bibtex.directives import BibliographyKey

logger = logging.getLogger(__name__)

# The digest of the inputs of the stored citations, kept with them in the domain's data.
INPUTS = "pprnet_inputs_digest"


def entry_anchor(config: Config, key: str) -> str:
    """The id sphinxcontrib-bibtex gives the entry of `key` (see `bibtex_cite_id`)."""
    return nodes.make_id(config.bibtex_cite_id.format(key=key, bibliography_count=1))


class CheckedCiteRole(CiteRole):
    """sphinxcontrib-bibtex's `{cite}` role, which shows a malformed target as written instead
    of ending the build with a traceback (2.7 raises ValueError from the role; no upstream
    issue found; remove when the role reports it). The read stage's check of every page
    (`model/checks.py`, `check_citations`) reports it at its line."""

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[Node], list[system_message]]:
        try:
            list(parse_citation_targets(self.target))
        except ValueError:
            return [nodes.literal(self.rawtext, self.rawtext)], []
        return super().result_nodes(document, env, node, is_ref)  # type: ignore[no-untyped-call,no-any-return]


class IndexedBibtexDomain(BibtexDomain):
    """sphinxcontrib-bibtex's domain with its scans indexed, its no-change work skipped, and
    its `{cite:ROLE}` roles checked."""

    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        name: CheckedCiteRole() for name in BibtexDomain.roles
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # The data of the last build, as loaded; sphinxcontrib-bibtex replaces it when a
        # BibTeX file changed (builder-inited, after this).
        self._loaded_bibdata: BibData = self.bibdata
        # The documents that cite, found once per build (`env_updated`).
        self.cited_documents: frozenset[str] = frozenset()

    def _inputs_digest(self) -> str:
        """A digest of what `env_updated` computes the citations from: the bibliographies, the
        citations of each document in order, and the order of the documents. Line numbers,
        which only locate warnings, are left out, so editing a post's text changes nothing."""
        bibliographies = sorted(
            (
                tuple(key),
                [str(path) for path in value.bibfiles],
                value.style,
                value.list_,
                value.enumtype,
                value.start,
                value.labelprefix,
                value.keyprefix,
                ast.dump(value.filter_),
                list(value.keys),
                sorted((cite_key, node["ids"]) for cite_key, node in value.citation_nodes.items()),
            )
            for key, value in self.bibliographies.items()
        )
        # Stable: each document's citations keep their order.
        refs = sorted(((ref.docname, ref.targets) for ref in self.citation_refs), key=itemgetter(0))
        docnames = list(get_docnames(self.env))  # type: ignore[no-untyped-call]
        inputs = (bibliographies, refs, docnames)
        return hashlib.sha256(repr(inputs).encode()).hexdigest()

    def env_updated(self) -> Iterable[str]:
        digest = self._inputs_digest()
        unchanged = (
            self.bibdata is self._loaded_bibdata
            and self.env.config_status == CONFIG_OK
            and self.data.get(INPUTS) == digest
            and (self.citations or not self.bibliographies)
        )
        updated = [] if unchanged else list(super().env_updated())
        self.data[INPUTS] = digest
        self.cited_documents = frozenset(ref.docname for ref in self.citation_refs)
        return updated

    def get_filtered_entries(
        self, bibliography_key: BibliographyKey
    ) -> Iterable[tuple[str, Entry]]:
        """Upstream's filter, with the documents citing each key found in one pass."""
        cited: defaultdict[str, set[str]] = defaultdict(set)
        for citation_ref in self.citation_refs:
            for citation_target in citation_ref.targets:
                cited[citation_target.key].add(citation_ref.docname)
        bibliography = self.bibliographies[bibliography_key]
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            # Upstream's own filter evaluator (private, untyped), so `:filter:` means the same.
            visitor = _FilterVisitor(  # type: ignore[no-untyped-call]
                entry=entry, docname=bibliography_key.docname, cited_docnames=cited[key]
            )
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                logger.warning(
                    "syntax error in :filter: expression; %s",
                    err,
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="filter_syntax_error",
                )
                success = bool(cited[key])
            if success or entry.key in bibliography.keys:
                yield key, entry


def index_bibtex_domain(app: Sphinx, config: Config) -> None:
    # Sites without sphinxcontrib-bibtex (none of ours, but the extension does not need it).
    if "sphinxcontrib.bibtex" in app.extensions:
        app.add_domain(IndexedBibtexDomain, override=True)
        app.add_role("cite", CheckedCiteRole(), override=True)
        # After sphinxcontrib-bibtex's builder-inited handler (500) has parsed the files.


def withhold_broken_bibfile(app: Sphinx) -> None:
    """Workaround: sphinxcontrib-bibtex 2.7 re-raises pybtex's syntax error from its own
    builder-inited handler, which ends the build with a traceback and no file name. The archive
    withholds a file with syntax errors from it (`stages/read/sources.py`): its located
    warnings already fail the build, and its checks still see every well-formed entry. Remove
    when the parse error becomes a warning upstream."""
    app.config.bibtex_bibfiles = []


def check_config(app: Sphinx, config: Config) -> None:
    if Settings.of(config).bibliography_page and "{key}" not in config.bibtex_cite_id:
        raise ConfigError(
            "pprnet links to bibliography entries by key: set bibtex_cite_id = 'ref-{key}'"
        )


def cited_documents(env: BuildEnvironment) -> frozenset[str]:
    """The documents with citations, as sphinxcontrib-bibtex recorded them when reading."""
    domain = env.domains["cite"]
    assert isinstance(domain, IndexedBibtexDomain)
    return domain.cited_documents


def setup_bibtex(app: Sphinx) -> None:
    app.connect("config-inited", check_config)
    app.connect("config-inited", index_bibtex_domain)
