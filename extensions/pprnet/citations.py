"""Citations through sphinxcontrib-bibtex: APA styles, the keys each post cites, the post's
reference list, and "cited by" on the bibliography page."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from docutils import nodes
from pybtex.database import Person
from pybtex.richtext import Text
from pybtex.style.names import BaseNameStyle, name_part
from pybtex.style.template import join
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
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

from .apa import APAStyle, from_latex
from .bibfile import unused_entries
from .domain import PPRNetDomain, get_domain
from .links import POST, entry_paragraph, link
from .postpage import ADDITIONS_PRIORITY, PostPageTransform
from .records import Post

logger = logging.getLogger(__name__)

STYLE_NAME = "pprnet-apa"
SURNAME_STYLE = "pprnet-surname"


class SurnameStyle(BaseNameStyle):  # type: ignore[misc]
    """sphinxcontrib-bibtex's "last" name style, each surname formatted once per build instead
    of once per citation: decoding its LaTeX was a quarter of the time of an in-text citation."""

    def format(self, person: Person, abbr: bool = True) -> Text:
        return _surname(tuple(person.prelast_names), tuple(person.last_names))


@cache
def _surname(prelast_names: tuple[str, ...], last_names: tuple[str, ...]) -> Text:
    template = join[
        name_part(tie=True)[[from_latex(name) for name in prelast_names]],
        name_part[[from_latex(name) for name in last_names]],
    ]
    return template.format()


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


def works_cited(post: Post) -> list[str]:
    """The keys a post's reference list shows: the summarised article first, then the others."""
    keys = [post.reference] if post.reference else []
    for key in post.cites:
        if key.casefold() not in {k.casefold() for k in keys}:
            keys.append(key)
    return keys


class PostReferences(PostPageTransform):
    """A "References" list at the end of each post: the works it summarises and cites."""

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
            paragraph = entry_paragraph(found)
            if key == post.reference:
                paragraph.insert(0, nodes.strong("Summarised: ", "Summarised: "))
            item += paragraph
            page = self.config.pprnet_bibliography_page
            if page:
                target = f"{page}#{entry_anchor(self.config, found.key)}"
                # The same words under every reference of every post: not worth a search hit.
                more = nodes.paragraph(classes=["pprnet-bibliography-link", "no-search"])
                more += link(POST, target, "In the bibliography, with every summary citing it")
                item += more
            items += item
        references += items
        section += references


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
        posts_by_key = cited_by(domain)
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
                item.extend(child for child in entry.children if not isinstance(child, nodes.label))
                key = next((keys_by_id[id_] for id_ in entry["ids"] if id_ in keys_by_id), None)
                if key in posts_by_key:
                    item += cited_by_paragraph(key, posts_by_key[key])
                items += item
            container.replace_self(items)


def cited_by(domain: PPRNetDomain) -> dict[str, list[Post]]:
    """For each case-folded key, the posts that summarise it (first) and then those citing it."""
    result: dict[str, list[Post]] = {}
    for post in domain.archive.posts:
        if post.reference:
            result.setdefault(post.reference.casefold(), []).append(post)
    for post in domain.archive.posts:
        for key in {key.casefold() for key in post.cites}:
            if post not in result.setdefault(key, []):
                result[key].append(post)
    return result


def cited_by_paragraph(key: str, posts: list[Post]) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["pprnet-cited-by"])
    paragraph += nodes.Text("Cited by: ")
    for index, post in enumerate(posts):
        if index:
            paragraph += nodes.Text("; ")
        paragraph += link(POST, post.docname, post.title)
        summarises = post.reference is not None and post.reference.casefold() == key
        note = f" ({post.month.label}{', summary of this article' if summarises else ''})"
        paragraph += nodes.inline(note, note, classes=["pprnet-cited-by-note"])
    return paragraph


def check_unused_entries(app: Sphinx, env: Any) -> list[str]:
    """Every entry of the bibliography is summarised or cited: the page lists them all."""
    domain = get_domain(env)
    sources = domain.sources
    for problem in unused_entries(sources.bibliography, set(cited_by(domain))):
        logger.warning(
            problem.message,
            type="pprnet",
            subtype=problem.subtype,
            location=f"{sources.bibliography_path}:{problem.line}",
        )
    return []


def check_config(app: Sphinx, config: Config) -> None:
    if config.pprnet_bibliography_page and "{key}" not in config.bibtex_cite_id:
        raise ConfigError(
            "pprnet links to bibliography entries by key: set bibtex_cite_id = 'ref-{key}'"
        )


# The pybtex plugins that sphinxcontrib-bibtex and the archive look up while building.
PYBTEX_PLUGINS = (
    ("pybtex.backends", "plaintext"),
    ("pybtex.backends", "text"),
    ("pybtex.backends", "html"),
    ("pybtex.backends", "docutils"),
    ("pybtex.database.input", "bibtex"),
    ("pybtex.database.output", "bibtex"),
    ("pybtex.style.labels", "alpha"),
    ("pybtex.style.names", "plain"),
    ("pybtex.style.names", "last"),
    ("pybtex.style.sorting", "none"),
)


def cache_pybtex_plugins() -> None:
    """Workaround: pybtex's `find_plugin` reads every installed package's entry points on each
    call (about 5 ms), and sphinxcontrib-bibtex calls it for every citation it resolves, so a
    1,000-post build spent most of its time there. Registering the same classes as run-time
    plugins makes each look-up a dictionary access. Remove when pybtex caches its look-ups."""
    for group, name in PYBTEX_PLUGINS:
        plugin = pybtex.plugin.find_plugin(group, name)
        pybtex.plugin.register_plugin(group, name, plugin, force=True)


def setup_citations(app: Sphinx) -> None:
    app.add_config_value("pprnet_bibliography_page", "", "env", types=[str])
    # Registered at run time rather than as entry points: pybtex looks entry points up again
    # for every formatted citation, which is slow (see cache_pybtex_plugins).
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, APAStyle)
    pybtex.plugin.register_plugin("pybtex.style.names", SURNAME_STYLE, SurnameStyle)
    cache_pybtex_plugins()
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", STYLE_NAME, APAReferenceStyle
    )
    app.connect("config-inited", check_config)
    # After incremental.refresh_archive (default priority 500) has derived the archive.
    app.connect("env-updated", check_unused_entries, priority=600)
    app.add_post_transform(PostReferences)
    app.add_post_transform(CitedBy)
