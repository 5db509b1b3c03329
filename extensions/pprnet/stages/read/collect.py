"""Collect each post's record while it is read, after checking it, with located warnings."""

from __future__ import annotations

from pathlib import PurePosixPath

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from pprnet.adapters.myst import PARSED_POST
from pprnet.config import Settings
from pprnet.model.bibfile import Bibliography
from pprnet.model.checks import build_date, check_post
from pprnet.model.intext import citation_text, format_citation, parse_citation
from pprnet.model.problems import Subtype
from pprnet.model.records import Post, reading_minutes
from pprnet.model.source import ParsedPost
from pprnet.stages.domain import get_domain
from pprnet.stages.read.pages import undecodable
from pprnet.stages.read.practice import implication_paragraphs, practice_implications

logger = logging.getLogger(__name__)


class CollectPost(SphinxTransform):
    """Validate a post (front matter and body) and record it in the domain."""

    # Before ablog's CheckFrontMatter (800): a post that fails here is withdrawn from ablog,
    # whose date parsing would otherwise crash the build with a traceback.
    default_priority = 790

    def apply(self) -> None:
        docname = self.env.current_document.docname
        settings = Settings.of(self.config)
        if not settings.is_post(docname):
            return
        domain = get_domain(self.env)
        sources = domain.sources
        self.env.note_dependency(str(sources.vocabulary_path))
        self.env.note_dependency(str(sources.bibliography_path))

        strict = settings.strict
        parsed: ParsedPost | None = self.env.current_document.get(PARSED_POST)
        if parsed is None:
            message = "a post is a Markdown file (posts/YYYY/MM-slug.md)"
            logger.warning(message, type="pprnet", subtype=Subtype.FRONT_MATTER, location=docname)
            self._withdraw_from_ablog()
            return
        problem = undecodable(self.env, docname, parsed.text)
        if problem is not None:
            message = problem.message + " (the post is left out of the archive until it is)"
            location = (docname, problem.line)
            logger.warning(message, type="pprnet", subtype=problem.subtype, location=location)
            self._withdraw_from_ablog()
            return
        check = check_post(
            parsed,
            sources.vocabulary,
            sources.key_spellings,
            build_date(),
            lenient=not strict,
            place=PurePosixPath(docname).relative_to(settings.posts_dir),
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
            if not check.problems:
                # The checks find what leaves a post out; this is the net under them.
                message = "the post is left out of the archive: its page has no title or no "
                message += "practice implications at its top level"
                subtype = Subtype.PRACTICE_IMPLICATIONS
                logger.warning(message, type="pprnet", subtype=subtype, location=docname)
            # In report-only mode ablog keeps the post unless its date would crash it.
            if strict or any(problem.subtype == Subtype.DATE for problem in check.problems):
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
                research_type=front.research_type,
                reference=front.reference,
                contact=front.contact,
                implications=implications,
                cites=check.cites,
                summary=summary,
                reading_minutes=reading_minutes(words),
                title_line=check.title_line,
                bottom_line=front.bottom_line,
                teaser=front.teaser,
                teaser_line=front.teaser_line,
            )
        )

    def _withdraw_from_ablog(self) -> None:
        """Drop the front matter ablog reads; keep the page an orphan, as ablog makes posts."""
        orphan = nodes.field("", nodes.field_name("", "orphan"), nodes.field_body())
        for docinfo in list(self.document.findall(nodes.docinfo)):
            docinfo.replace_self(nodes.docinfo("", orphan))


def in_text(role: str, target: str, bibliography: Bibliography) -> str:
    """A `{cite:ROLE}` role's APA in-text citation as text (the feeds' summaries)."""
    works = parse_citation(target) or []

    return citation_text(format_citation(role, works, bibliography.references))


def _paragraph_text(paragraph: nodes.paragraph, bibliography: Bibliography) -> str:
    """The paragraph as text, its citations (still keys when a page is read) in APA style."""
    copy = paragraph.deepcopy()
    for xref in list(copy.findall(addnodes.pending_xref)):
        if xref.get("refdomain") == "cite":
            text = in_text(xref["reftype"], xref["reftarget"], bibliography)
            xref.parent.replace(xref, nodes.Text(text))
    return " ".join(copy.astext().split())


def summary_paragraphs(section: nodes.Element, bibliography: Bibliography) -> tuple[str, ...]:
    """The plain text of a post's paragraphs outside its practice implications."""
    texts = []
    for paragraph in section.findall(nodes.paragraph):
        parent = paragraph.parent
        while parent is not None and not isinstance(parent, practice_implications):
            parent = parent.parent
        if parent is None and (text := _paragraph_text(paragraph, bibliography)):
            texts.append(text)
    return tuple(texts)


def setup_collect(app: Sphinx) -> None:
    app.add_transform(CollectPost)
