"""Collect each post's record while it is read, after checking it, with located warnings."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .checks import build_date, check_post
from .domain import get_domain
from .feeds import summary_paragraphs
from .practice import implication_paragraphs, practice_implications
from .records import Post, reading_minutes

logger = logging.getLogger(__name__)


def is_post(docname: str, posts_dir: str) -> bool:
    return docname.startswith(posts_dir.rstrip("/") + "/")


class CollectPost(SphinxTransform):
    """Validate a post (front matter and body) and record it in the domain."""

    # Before ablog's CheckFrontMatter (800): a post that fails here is withdrawn from ablog,
    # whose date parsing would otherwise crash the build with a traceback.
    default_priority = 790

    def apply(self) -> None:
        docname = self.env.current_document.docname
        if not is_post(docname, self.config.pprnet_posts_dir):
            return
        domain = get_domain(self.env)
        sources = domain.sources
        self.env.note_dependency(str(sources.vocabulary_path))
        self.env.note_dependency(str(sources.bibliography_path))

        source = Path(self.document["source"]).read_text(encoding="utf-8")
        strict = self.config.pprnet_strict
        check = check_post(
            source, sources.vocabulary, sources.bibliography, build_date(), lenient=not strict
        )
        consequence = " (the post is left out of the archive until this is fixed)" if strict else ""
        for problem in check.problems:
            logger.warning(
                problem.message + consequence,
                type="pprnet",
                subtype=problem.subtype,
                location=(docname, problem.line),
            )
        front = check.front
        blocks = list(self.document.findall(practice_implications))
        sections = [node for node in self.document.children if isinstance(node, nodes.section)]
        if front is None or (check.problems and strict) or len(blocks) != 1 or not sections:
            # In report-only mode ablog keeps the post unless its date would crash it.
            if strict or any(problem.subtype == "date" for problem in check.problems):
                self._withdraw_from_ablog()
            return
        summary = summary_paragraphs(sections[0], sources.bibliography)
        implications = implication_paragraphs(blocks[0])
        words = sum(len(text.split()) for text in (*summary, *implications))
        domain.add_post(
            Post(
                docname=docname,
                title=sections[0][0].astext(),
                date=front.date,
                author=front.author,
                topics=front.topics,
                kind=front.kind,
                reference=front.reference,
                contact=front.contact,
                implications=implications,
                cites=check.cites,
                summary=summary,
                reading_minutes=reading_minutes(words),
            )
        )

    def _withdraw_from_ablog(self) -> None:
        """Drop the front matter ablog reads; keep the page an orphan, as ablog makes posts."""
        orphan = nodes.field("", nodes.field_name("", "orphan"), nodes.field_body())
        for docinfo in list(self.document.findall(nodes.docinfo)):
            docinfo.replace_self(nodes.docinfo("", orphan))


def setup_posts(app: Sphinx) -> None:
    app.add_config_value("pprnet_posts_dir", "posts", "env", types=[str])
    # False keeps what is usable of a post with problems instead of leaving it out: for the
    # payload tests, which prove that pages escape whatever reaches them.
    app.add_config_value("pprnet_strict", True, "env", types=[bool])
    app.add_transform(CollectPost)
