"""A stock ablog site, without the archive's `pprnet` extension, reading the archive's posts.

posts/2017/10-alliance-adolescents.md and posts/2018/01-therapist-internalized-models.md are
byte-identical copies of the archive's; posts/2018/02-two-reviews.md is written for this root,
because no post of the archive cites with a sphinxcontrib-bibtex role yet.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst.directives.admonitions import Admonition
from sphinx.application import Sphinx

project = "Stock ablog"
# No sphinx_design: posts use none of its directives (only the archive's own pages do).
extensions = ["myst_parser", "sphinxcontrib.bibtex", "ablog"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]

bibtex_bibfiles = ["references.bib"]
post_date_format = "%Y-%m-%d"


class PracticeImplications(Admonition):
    """Stands in for the archive's `practice-implications` directive: a generic admonition
    titled "Practice Implications"."""

    # Left unknown, each block is a MyST "Unknown directive type" warning (so no -W build) and
    # its text is dropped from the page; this one local directive is what a stock site needs to
    # read the posts unchanged.
    required_arguments = 0

    def run(self) -> list[nodes.Node]:
        self.arguments = ["Practice Implications"]
        return super().run()


def setup(app: Sphinx) -> None:
    app.add_directive("practice-implications", PracticeImplications)
