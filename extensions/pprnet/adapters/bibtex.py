"""sphinxcontrib-bibtex, adapted to the archive: the APA 7 in-text style, its domain with
lookups by key instead of scans, and its citation data reused when nothing changed.

Checked against sphinxcontrib-bibtex 2.7.0, the only release the allowed range holds
(`make versions` builds the lowest and the latest allowed versions).

- `APAReferenceStyle`: APA 7 in-text citations, through its public style plugins.
- `IndexedBibtexDomain`: in 2.7 each in-text citation scans every citation of the site twice
  (`resolve_xref`), the bibliography scans every citation for every entry
  (`get_filtered_entries`, entries x citations), and `env_updated` formats every entry again on
  every build, even when nothing changed. At 1,000 posts that was about two seconds of every
  build, most of a rebuild in which nothing or one post changed. No upstream issue tracks it;
  remove when the domain indexes citations by key and skips builds that change no citation.
  It also holds the parsed BibTeX files outside its data while documents are read, as the
  archive does with its own (`stages/read/sources.py`): a parallel reader sends its whole
  environment back to the main process, which unpickled them once per chunk of documents.
  The subclass replaces the domain under its own name (`add_domain(..., override=True)`), so
  sphinxcontrib-bibtex's roles, directives and transforms use it unchanged.
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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from docutils import nodes
from pybtex.database import BibliographyData
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import CONFIG_OK, BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain, Citation, _FilterVisitor, get_docnames
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle

from pprnet.adapters.pybtex import STYLE_NAME, SURNAME_STYLE
from pprnet.config import Settings
from pprnet.model.problems import Subtype
from pprnet.stages.domain import get_domain

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinxcontrib.bibtex.directives import BibliographyKey

logger = logging.getLogger(__name__)

# The digest of the inputs of the stored citations, kept with them in the domain's data.
INPUTS = "pprnet_inputs_digest"


def _round_brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ")


def _parenthetical_names() -> PersonStyle:
    return PersonStyle(style=SURNAME_STYLE, sep2=" & ", last_sep=", & ", other=" et al.")


def _narrative_names() -> PersonStyle:
    return PersonStyle(style=SURNAME_STYLE, sep2=" and ", last_sep=", and ", other=" et al.")


@dataclass
class APAReferenceStyle(AuthorYearReferenceStyle):
    """APA 7 in-text citations: "Murphy and Hutton (2017)", "(Murphy & Hutton, 2017)".

    sphinxcontrib-bibtex's author-year style joins two authors with the same word in narrative
    and parenthetical citations; APA writes "and" in the first and "&" in the second.
    """

    bracket_textual: BracketStyle = field(default_factory=_round_brackets)
    bracket_parenthetical: BracketStyle = field(default_factory=_round_brackets)
    bracket_author: BracketStyle = field(default_factory=_round_brackets)
    bracket_label: BracketStyle = field(default_factory=_round_brackets)
    bracket_year: BracketStyle = field(default_factory=_round_brackets)
    person: PersonStyle = field(default_factory=_parenthetical_names)
    narrative_person: PersonStyle = field(default_factory=_narrative_names)

    def __post_init__(self) -> None:
        self.styles.extend(
            [
                BasicAuthorYearParentheticalReferenceStyle(
                    bracket=self.bracket_parenthetical,
                    person=self.person,
                    author_year_sep=self.author_year_sep,
                ),
                BasicAuthorYearTextualReferenceStyle(
                    bracket=self.bracket_textual, person=self.narrative_person
                ),
                ExtraAuthorReferenceStyle(
                    bracket=self.bracket_author, person=self.narrative_person
                ),
                ExtraLabelReferenceStyle(bracket=self.bracket_label),
                ExtraYearReferenceStyle(bracket=self.bracket_year),
                ExtraEmptyReferenceStyle(),
            ]
        )
        # Skips AuthorYearReferenceStyle.__post_init__, which would add its own styles.
        GroupReferenceStyle.__post_init__(self)  # type: ignore[no-untyped-call]


def entry_anchor(config: Config, key: str) -> str:
    """The id sphinxcontrib-bibtex gives the entry of `key` (see `bibtex_cite_id`)."""
    return nodes.make_id(config.bibtex_cite_id.format(key=key, bibliography_count=1))


class IndexedBibtexDomain(BibtexDomain):
    """sphinxcontrib-bibtex's domain with its two scans indexed and its no-change work skipped."""

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # The parsed files while documents are read (`hold_bibdata`).
        self._held_bibdata: BibData | None = None
        # The data of the last build, as loaded; sphinxcontrib-bibtex replaces it when a
        # BibTeX file changed (builder-inited, after this).
        self._loaded_bibdata: BibData = self.bibdata
        self._by_key: dict[str, list[Citation]] = {}

    @property
    def bibdata(self) -> BibData:
        held = self._held_bibdata
        return held if held is not None else self.data["bibdata"]

    def hold_bibdata(self) -> None:
        """Keep the parsed files out of the data until reading is over (`env_updated`)."""
        self._held_bibdata = self.data["bibdata"]
        self.data["bibdata"] = BibData(encoding="", bibfiles={}, data=BibliographyData())

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
        if self._held_bibdata is not None:
            self.data["bibdata"], self._held_bibdata = self._held_bibdata, None
        digest = self._inputs_digest()
        unchanged = (
            self.bibdata is self._loaded_bibdata
            and self.env.config_status == CONFIG_OK
            and self.data.get(INPUTS) == digest
            and (self.citations or not self.bibliographies)
        )
        updated = [] if unchanged else list(super().env_updated())
        self.data[INPUTS] = digest
        self._by_key = defaultdict(list)
        for citation in self.citations:
            self._by_key[citation.key].append(citation)
        return updated

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Any,
        typ: str,
        target: str,
        node: Any,
        contnode: Any,
    ) -> Any:
        with self._citations_of(target):
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Any,
        target: str,
        node: Any,
        contnode: Any,
    ) -> Any:
        with self._citations_of(target):
            return super().resolve_any_xref(env, fromdocname, builder, target, node, contnode)

    @contextmanager
    def _citations_of(self, target: str) -> Iterator[None]:
        """Let the upstream resolver scan only the citations of the target's keys: the result
        is the same, as it keeps only those."""
        # The keys as resolve_xref parses them, and as resolve_any_xref does.
        keys = {citation_target.key for citation_target in parse_citation_targets(target)}
        keys.update(key.strip() for key in target.split(","))
        everything = self.data["citations"]
        self.data["citations"] = [c for key in keys for c in self._by_key.get(key, ())]
        try:
            yield
        finally:
            self.data["citations"] = everything

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
        # After sphinxcontrib-bibtex's builder-inited handler (500) has parsed the files.
        app.connect("builder-inited", hold_bibdata, priority=510)


def hold_bibdata(app: Sphinx) -> None:
    domain = app.env.domains["cite"]
    assert isinstance(domain, IndexedBibtexDomain)
    domain.hold_bibdata()


def withhold_broken_bibfile(app: Sphinx) -> None:
    """Workaround: sphinxcontrib-bibtex 2.7 re-raises pybtex's syntax error from its own
    builder-inited handler, which ends the build with a traceback and no file name. Withhold
    the file from it; the archive's located warnings (stages/read/sources.py) already fail the
    build, and its checks still see every well-formed entry. Remove when the parse error
    becomes a warning upstream."""
    bibliography = get_domain(app.env).sources.bibliography
    if any(problem.subtype == Subtype.BIB_SYNTAX for problem in bibliography.problems):
        app.config.bibtex_bibfiles = []


def check_config(app: Sphinx, config: Config) -> None:
    if Settings.of(config).bibliography_page and "{key}" not in config.bibtex_cite_id:
        raise ConfigError(
            "pprnet links to bibliography entries by key: set bibtex_cite_id = 'ref-{key}'"
        )


def setup_bibtex(app: Sphinx) -> None:
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME, APAReferenceStyle)
    app.connect("config-inited", check_config)
    app.connect("config-inited", index_bibtex_domain)
    # After the archive has read references.bib (400), before sphinxcontrib-bibtex does (500).
    app.connect("builder-inited", withhold_broken_bibfile, priority=450)
