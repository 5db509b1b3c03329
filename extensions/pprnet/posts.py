"""Collect each post's record while it is read, after checking it, with located warnings."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .citations import cited_keys
from .domain import get_domain
from .frontmatter import Problem, read_front_matter
from .practice import implication_paragraphs, practice_implications
from .records import Post

logger = logging.getLogger(__name__)


def is_post(docname: str, posts_dir: str) -> bool:
    return docname.startswith(posts_dir.rstrip("/") + "/")


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH so that a rebuild of a commit is identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


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
        front, problems = read_front_matter(
            source, sources.vocabulary, sources.bibliography.keys(), build_date()
        )
        title, body_problems = self._check_body(source)
        problems += body_problems
        cites, cite_problems = self._check_citations(sources.bibliography.keys())
        problems += cite_problems
        for problem in problems:
            logger.warning(
                f"{problem.message} (the post is left out of the archive until this is fixed)",
                type="pprnet",
                subtype=problem.subtype,
                location=(docname, problem.line),
            )
        if front is None or problems or title is None:
            self._withdraw_from_ablog()
            return
        (block,) = self.document.findall(practice_implications)
        domain.add_post(
            Post(
                docname=docname,
                title=title,
                date=front.date,
                author=front.author,
                topics=front.topics,
                kind=front.kind,
                reference=front.reference,
                contact=front.contact,
                implications=implication_paragraphs(block),
                cites=cites,
            )
        )

    def _check_body(self, source: str) -> tuple[str | None, list[Problem]]:
        problems: list[Problem] = []
        last_line = source.count("\n") + 1
        sections = [node for node in self.document.children if isinstance(node, nodes.section)]
        title = sections[0][0].astext().strip() if sections else None
        if not title:
            problems.append(Problem("title", 1, "a post needs a '# Title' heading"))
        blocks = list(self.document.findall(practice_implications))
        if not blocks:
            problems.append(
                Problem(
                    "practice-implications",
                    last_line,
                    "a post needs one ':::{practice-implications}' block",
                )
            )
        for extra in blocks[1:]:
            problems.append(
                Problem(
                    "practice-implications",
                    extra.line or last_line,
                    "a post has exactly one ':::{practice-implications}' block; this is another",
                )
            )
        return title, problems

    def _check_citations(self, known: frozenset[str]) -> tuple[tuple[str, ...], list[Problem]]:
        """The distinct keys cited in the text, and a problem for each one not in the bib."""
        keys: dict[str, str] = {}
        problems: list[Problem] = []
        for cited in cited_keys(self.document):
            folded = cited.key.casefold()
            if folded in keys:
                continue
            keys[folded] = cited.key
            if folded not in known:
                message = f"cited key {cited.key!r} is not a key of references.bib"
                problems.append(Problem("cite", cited.line or 1, message))
        return tuple(keys.values()), problems

    def _withdraw_from_ablog(self) -> None:
        """Drop the front matter ablog reads; keep the page an orphan, as ablog makes posts."""
        orphan = nodes.field("", nodes.field_name("", "orphan"), nodes.field_body())
        for docinfo in list(self.document.findall(nodes.docinfo)):
            docinfo.replace_self(nodes.docinfo("", orphan))


def setup_posts(app: Sphinx) -> None:
    app.add_config_value("pprnet_posts_dir", "posts", "env", types=[str])
    app.add_transform(CollectPost)
