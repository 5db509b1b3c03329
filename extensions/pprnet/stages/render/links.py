"""Links between the archive's pages, badges and formatted references, as docutils nodes.

Pages link with `pending_xref` nodes of the `pprnet` domain, which Sphinx's reference resolver
resolves for each builder (`domain.resolve_link`); generated pages, which no resolver visits,
resolve theirs with the same function (`resolve_links`).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx_design.badges_buttons import create_bdg_classes

from pprnet.adapters.bibtex import entry_anchor
from pprnet.config import Settings
from pprnet.model.bibfile import BibEntry, Bibliography
from pprnet.model.records import Post
from pprnet.model.vocabulary import Vocabulary
from pprnet.stages.domain import PAGE, POST, resolve_link

TOPICS_DIR = "topics"
TYPES_DIR = "types"


def page_url(config: Config, docname: str) -> str | None:
    """The absolute address of a page on the published site, if `html_baseurl` is set."""
    base: str = config.html_baseurl
    suffix: str = config.html_file_suffix or ".html"
    return f"{base.rstrip('/')}/{docname}{suffix}" if base else None


def topic_page(slug: str) -> str:
    return f"{TOPICS_DIR}/{slug}"


def type_page(slug: str) -> str:
    return f"{TYPES_DIR}/{slug}"


def link(
    reftype: str, target: str, text: str, classes: list[str] | None = None, title: str = ""
) -> nodes.Element:
    """A link to be resolved for the current builder; `classes` go on the link itself, `title`
    is its tooltip."""
    node = addnodes.pending_xref(
        "", refdomain="pprnet", reftype=reftype, reftarget=target, refexplicit=True, refwarn=True
    )
    if title:
        node["reftitle"] = title
    node += nodes.inline(text, text, classes=classes or [])
    return node


def resolve_links(builder: Builder, fromdoc: str, tree: nodes.Node) -> None:
    """Resolve this domain's links inside `tree`, a page or part of one."""
    for node in list(tree.findall(addnodes.pending_xref)):
        if node["refdomain"] == "pprnet":
            contnode = node[0]
            assert isinstance(contnode, nodes.Element)
            node.replace_self(resolve_link(builder, fromdoc, node, contnode))


def post_link(post: Post) -> nodes.Element:
    return link(POST, post.docname, post.title)


def topic_badge(slug: str, vocabulary: Vocabulary) -> nodes.Element:
    classes = ["pprnet-topic", *create_bdg_classes("primary", outline=True)]
    return link(PAGE, topic_page(slug), vocabulary.topics.label(slug), classes)


def type_badge(slug: str, vocabulary: Vocabulary) -> nodes.Element:
    classes = ["pprnet-type", *create_bdg_classes("secondary", outline=False)]
    return link(PAGE, type_page(slug), vocabulary.types.label(slug), classes)


def badges(post: Post, vocabulary: Vocabulary) -> nodes.Element:
    """The type badge then the topic badges of a post, in a paragraph."""
    paragraph = nodes.paragraph(classes=["pprnet-badges"])
    paragraph += type_badge(post.research_type, vocabulary)
    for slug in post.topics:
        paragraph += nodes.Text(" ")
        paragraph += topic_badge(slug, vocabulary)
    return paragraph


def entry_paragraph(entry: BibEntry) -> nodes.paragraph:
    """The APA reference of a bibliography entry, with its DOI as a link."""
    paragraph = nodes.paragraph(classes=["pprnet-reference"])
    paragraph.extend(node.deepcopy() for node in entry.reference_nodes)
    return paragraph


def reference_paragraph(post: Post, bibliography: Bibliography) -> nodes.paragraph | None:
    """The APA reference of the article a post summarises (None for a commentary)."""
    found = bibliography.get(post.reference) if post.reference else None
    return entry_paragraph(found) if found is not None else None


def month_text(post: Post) -> nodes.Element:
    return nodes.inline(post.month.label, post.month.label, classes=["pprnet-month"])


def bibliography_link(config: Config, key: str) -> nodes.paragraph | None:
    """A link to the work's entry on the bibliography page, where every summary citing it is."""
    page = Settings.of(config).bibliography_page
    if not page:
        return None
    target = f"{page}#{entry_anchor(config, key)}"
    # The same words under every reference of every post: not worth a search hit.
    more = nodes.paragraph(classes=["pprnet-bibliography-link", "no-search"])
    more += link(POST, target, "In the bibliography, with every summary citing it")
    return more
