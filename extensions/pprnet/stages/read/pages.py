"""The site's own pages (every document that is not a post): checked against their allow-list
(`model/contents.py`, `PAGE_RULES`) as posts are against theirs, and Markdown only."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from pprnet.adapters.myst import PARSED_POST
from pprnet.config import Settings
from pprnet.model.checks import check_citations
from pprnet.model.frontmatter import field_lines
from pprnet.model.problems import Problem, Subtype, decode
from pprnet.model.source import ParsedPost
from pprnet.stages.domain import get_domain

logger = logging.getLogger(__name__)

# Front-matter keys with which MyST would let a page change its own parser or add <meta>
# elements; the archive's parser ignores them (adapters/myst.py), and says so.
PARSER_KEYS = ("myst", "mystnb", "substitutions", "html_meta")


def undecodable(env: BuildEnvironment, docname: str, text: str) -> Problem | None:
    """The first byte of a document that is not UTF-8, which Sphinx read as U+FFFD
    (`adapters/sphinx.py`); the file is read again only when its text has one."""
    if "\ufffd" not in text:
        return None
    return decode(Path(env.doc2path(docname)).read_bytes())[1]


class CheckPage(SphinxTransform):
    """Report what a page of the site has that its rules do not allow; the parser has left
    the blocks with it out of the page."""

    default_priority = 790  # as the posts' own checks (collect.py)

    def apply(self) -> None:
        docname = self.env.current_document.docname
        if Settings.of(self.config).is_post(docname):
            return
        parsed: ParsedPost | None = self.env.current_document.get(PARSED_POST)
        if parsed is None:
            message = "the archive's pages are Markdown (.md): other formats are not checked"
            logger.warning(message, type="pprnet", subtype=Subtype.MARKUP, location=docname)
            return
        encoding = undecodable(self.env, docname, parsed.text)
        problems = [encoding] if encoding else []
        problems += [found.problem for found in parsed.contents]
        problems += check_citations(parsed, get_domain(self.env).sources.key_spellings)[1]
        for problem in problems:
            location = (docname, problem.line)
            logger.warning(
                problem.message, type="pprnet", subtype=problem.subtype, location=location
            )
        front = parsed.front
        if front is not None and isinstance(front.data, dict):
            lines = field_lines(front.text, front.first_line)
            for key in PARSER_KEYS:
                if key in front.data:
                    message = f"front-matter key {key!r} would change the parser; it is ignored"
                    location = (docname, lines.get(key, front.first_line))
                    logger.warning(
                        message, type="pprnet", subtype=Subtype.FRONT_MATTER, location=location
                    )


def setup_pages(app: Sphinx) -> None:
    app.add_transform(CheckPage)
