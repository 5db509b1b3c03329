"""`sphinx-build -b newsletter -D pprnet_newsletter_month=YYYY-MM`: the month's issue, written
from the environment every build reads (no second reader of posts), into three files:
`YYYY-MM.html`, `YYYY-MM.txt` and `YYYY-MM.eml`."""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging

from pprnet.model.issue import mime_message, plain_text
from pprnet.model.problems import Subtype
from pprnet.stages.newsletter.assemble import NewsletterError, assemble_issue
from pprnet.stages.newsletter.mailhtml import email_html

logger = logging.getLogger(__name__)


class NewsletterBuilder(Builder):
    """Reads the archive as every build does, then writes one issue and no page."""

    name = "newsletter"
    format = "newsletter"  # links reach the pages the HTML builders generate (domain.py)
    epilog = "The issue is in %(outdir)s."

    def init(self) -> None:
        html_suffix: str = self.config.html_file_suffix or ".html"
        link_suffix: str | None = self.config.html_link_suffix
        # As the HTML builder names the pages it writes, which the issue links to.
        self.link_suffix = html_suffix if link_suffix is None else link_suffix

    def get_outdated_docs(self) -> Iterable[str]:
        return ()  # no page of its own: the issue is written whole, at the end

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return docname + self.link_suffix

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        """Make the three files in memory, then write them: a problem writes none."""
        try:
            issue = assemble_issue(self)
        except NewsletterError as problem:
            # A warning, not an exception: a located message that fails the build under -W,
            # where an exception would print Sphinx's crash report.
            logger.warning(str(problem), type="pprnet", subtype=Subtype.NEWSLETTER)
            return
        html = email_html(issue)
        text = plain_text(issue)
        slug = issue.month.slug
        outputs = {
            f"{slug}.html": html.encode("utf-8"),
            f"{slug}.txt": text.encode("utf-8"),
            f"{slug}.eml": mime_message(issue, html, text),
        }
        outdir = Path(self.outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        for name, content in outputs.items():
            (outdir / name).write_bytes(content)


def setup_newsletter(app: Sphinx) -> None:
    app.add_builder(NewsletterBuilder)
