"""Every rule a post must follow, checked on its one parse (pure, no Sphinx).

The Sphinx build and `pprnet check` both call `check_post` on a `source.ParsedPost`, so a
contributor meets the same message, with the same line, on the command line and in the build.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown_it.token import Token

from pprnet.model.addresses import ADDRESS_RE
from pprnet.model.contents import PAGE_RULES, PRACTICE_DIRECTIVE, directive_name
from pprnet.model.files import Context
from pprnet.model.frontmatter import (
    MARKUP_CHARS,
    FrontMatter,
    check_front_matter,
    hidden_characters,
    key_problem,
)
from pprnet.model.intext import ROLES, malformed, parse_citation
from pprnet.model.problems import Problem, Subtype
from pprnet.model.source import ParsedPost, parse_post
from pprnet.model.vocabulary import Vocabulary

# The skeleton `pprnet new` writes; a post that still contains either sentence is unfinished.
PLACEHOLDER_SUMMARY = "Replace this sentence with the summary, written for clinicians."
PLACEHOLDER_IMPLICATIONS = "Replace this sentence with what the findings mean for clinicians."


@dataclass(frozen=True)
class PostCheck:
    """What checking one post's source found."""

    front: FrontMatter | None
    title: str | None
    cites: tuple[str, ...]
    problems: tuple[Problem, ...]
    title_line: int = 1


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH so that a rebuild of a commit is identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def check_post(
    post: ParsedPost,
    vocabulary: Vocabulary,
    bib_keys: Mapping[str, str],
    today: dt.date,
    lenient: bool = False,
    place: PurePosixPath | None = None,
) -> PostCheck:
    """Check a post's front matter and body; report each problem with its line.

    `lenient` keeps what is usable of a post with problems, `place` is its file under the
    posts folder (see `check_front_matter`).
    """
    text, tokens = post.text, post.tokens
    if not tokens and post.contents:  # not parsed at all (source.MAX_PAGE_BYTES)
        return PostCheck(None, None, (), tuple(found.problem for found in post.contents))
    front, problems = check_front_matter(post.front, vocabulary, bib_keys, today, lenient, place)
    title, title_line, title_problems = _check_title(tokens)
    problems += title_problems
    problems += _check_practice_implications(tokens, text.count("\n") + 1)
    problems += (found.problem for found in post.contents)
    problems += _check_placeholders(text)
    cites, cite_problems = check_citations(post, bib_keys)
    problems += cite_problems
    return PostCheck(front, title, cites, tuple(problems), title_line)


def check_citations(
    page: ParsedPost, bib_keys: Mapping[str, str]
) -> tuple[tuple[str, ...], list[Problem]]:
    """The keys a page cites (each once, in order) at any depth (lists, tables, admonitions,
    footnotes, components), and the problems of its citations: malformed targets, roles
    without an APA form, keys not in references.bib. Posts and the site's pages alike."""
    problems: list[Problem] = []
    cites: dict[str, None] = {}
    for found in _cited_keys(page):
        if isinstance(found, Problem):
            problems.append(found)
            continue
        key, line = found
        if key in cites:
            continue
        cites[key] = None
        problem = key_problem(key, bib_keys)
        if problem:
            problems.append(Problem(Subtype.CITE, line, f"cited key {problem}"))
    return tuple(cites), problems


def check_text(
    text: str,
    vocabulary: Vocabulary,
    bib_keys: Mapping[str, str],
    today: dt.date,
    context: Context | None = None,
    place: PurePosixPath | None = None,
) -> PostCheck:
    """Check a post's text, parsed as the command line parses it; its files are looked for in
    `context` (see `contents.check_contents`)."""
    post = parse_post(text, context=context)
    return check_post(post, vocabulary, bib_keys, today, place=place)


def check_page_text(
    text: str, bib_keys: Mapping[str, str], context: Context | None = None
) -> list[Problem]:
    """Check one of the site's own pages (not a post) as the build does (`stages/read/
    pages.py`): what its wider rules do not allow, at every depth, and its citations."""
    page = parse_post(text, rules=PAGE_RULES, context=context)
    return [found.problem for found in page.contents] + check_citations(page, bib_keys)[1]


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _check_title(tokens: list[Token]) -> tuple[str | None, int, list[Problem]]:
    """The title, the line of the post's first block (its title), and the title's problems."""
    blocks = [token for token in tokens if token.level == 0 and token.type != "front_matter"]
    line = _line(blocks[0]) if blocks else 1
    if not blocks or blocks[0].type != "heading_open" or blocks[0].tag != "h1":
        return (
            None,
            line,
            [Problem(Subtype.TITLE, line, "a post starts with its '# Title' heading")],
        )
    inline = tokens[tokens.index(blocks[0]) + 1]
    title, children = inline.content.strip(), inline.children or []
    hidden = hidden_characters(title)
    if any(child.type not in ("text", "softbreak") for child in children):
        message = "a title is plain text: no Markdown markup"
    elif hidden:
        message = f"a title must not contain {hidden}"
    elif ADDRESS_RE.search(title):
        message = "a title must not contain an e-mail address"
    elif MARKUP_CHARS & set(title):
        message = 'a title must not contain the characters < > " &'
    else:
        return title, line, []
    return title, line, [Problem(Subtype.TITLE, line, message)]


def _check_practice_implications(tokens: list[Token], last_line: int) -> list[Problem]:
    blocks = [
        token
        for token in tokens
        if token.type in ("colon_fence", "fence")
        and directive_name(token.info) == PRACTICE_DIRECTIVE
    ]
    if not blocks:
        message = f"a post needs one ':::{{{PRACTICE_DIRECTIVE}}}' block"
        return [Problem(Subtype.PRACTICE_IMPLICATIONS, last_line, message)]
    message = f"a post has exactly one ':::{{{PRACTICE_DIRECTIVE}}}' block; this is another"
    return [Problem(Subtype.PRACTICE_IMPLICATIONS, _line(block), message) for block in blocks[1:]]


def _check_placeholders(text: str) -> list[Problem]:
    message = "replace the placeholder text written by 'pprnet new'"
    return [
        Problem(Subtype.PLACEHOLDER, number, message)
        for number, line in enumerate(text.splitlines(), start=1)
        if PLACEHOLDER_SUMMARY in line or PLACEHOLDER_IMPLICATIONS in line
    ]


def _cited_keys(post: ParsedPost) -> Iterator[tuple[str, int] | Problem]:
    """The keys of every citation, at every depth, with its line; or the problem of a role."""
    for citation in post.citations:
        works = parse_citation(citation.target)
        if citation.form not in ROLES:
            forms = "t, p, author, year, alp and their variants"
            message = f"{{cite:{citation.form}}} has no APA form; use one of {forms}"
            yield Problem(Subtype.CITE, citation.line, message)
        elif works is None:
            yield Problem(Subtype.CITE, citation.line, malformed(citation.form, citation.target))
        else:
            yield from ((cited.key, citation.line) for cited in works)
