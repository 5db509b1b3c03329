"""The `practice-implications` directive: the clinician-facing conclusion of every summary."""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst.directives.admonitions import BaseAdmonition
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

TITLE = "Practice Implications"
CSS_CLASS = "pprnet-practice-implications"


class practice_implications(nodes.admonition):  # noqa: N801 (docutils naming)
    """An admonition titled "Practice Implications"."""


class PracticeImplications(BaseAdmonition, SphinxDirective):
    """`:::{practice-implications}` ... `:::`: the summary's practice implications."""

    node_class = practice_implications
    has_content = True
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        self.options["class"] = [CSS_CLASS]
        (admonition,) = super().run()
        assert isinstance(admonition, nodes.Element)
        admonition.insert(0, nodes.title(TITLE, TITLE))
        return [admonition]


def implication_paragraphs(node: practice_implications) -> tuple[str, ...]:
    """The plain text of each paragraph of the block, for listings that quote it."""
    return tuple(
        paragraph.astext() for paragraph in node.findall(nodes.paragraph) if paragraph.astext()
    )


def _visit(self: Any, node: nodes.Element) -> None:
    self.visit_admonition(node)


def _depart(self: Any, node: nodes.Element) -> None:
    self.depart_admonition(node)


def setup_practice(app: Sphinx) -> None:
    # Every builder renders it as the generic titled admonition it is.
    visitors = (_visit, _depart)
    app.add_node(
        practice_implications,
        html=visitors,
        latex=visitors,
        text=visitors,
        man=visitors,
        texinfo=visitors,
    )
    app.add_directive("practice-implications", PracticeImplications)
