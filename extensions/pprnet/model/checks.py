"""Every rule a post must follow, checked on its one parse (pure, no Sphinx).

The Sphinx build and `pprnet check` both call `check_post` on a `source.ParsedPost`, so a
contributor meets the same message, with the same line, on the command line and in the build.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass

from markdown_it.token import Token

from pprnet.model.frontmatter import MARKUP_CHARS, FrontMatter, check_front_matter
from pprnet.model.intext import ROLES, malformed, parse_citation
from pprnet.model.problems import Problem, Subtype
from pprnet.model.source import ParsedPost, parse_post
from pprnet.model.urls import is_safe_url
from pprnet.model.vocabulary import Vocabulary

PRACTICE_DIRECTIVE = "practice-implications"
# Directives that put markup or files into a page, or parse reStructuredText that can.
FORBIDDEN_DIRECTIVES = frozenset(
    {"raw", "include", "literalinclude", "eval-rst", "html", "iframe", "csv-table"}
)
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


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH so that a rebuild of a commit is identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def check_post(
    post: ParsedPost,
    vocabulary: Vocabulary,
    bib_keys: Container[str],
    today: dt.date,
    lenient: bool = False,
) -> PostCheck:
    """Check a post's front matter and body; report each problem with its line.

    `lenient` keeps what is usable of a post with problems (see `check_front_matter`).
    """
    text, tokens = post.text, post.tokens
    front, problems = check_front_matter(post.front, vocabulary, bib_keys, today, lenient)
    title, title_problems = _check_title(tokens)
    problems += title_problems
    problems += _check_practice_implications(tokens, text.count("\n") + 1)
    problems += _check_safety(tokens)
    problems += _check_placeholders(text)
    cites: dict[str, str] = {}
    for found in _cited_keys(tokens):
        if isinstance(found, Problem):
            problems.append(found)
            continue
        key, line = found
        if key.casefold() in cites:
            continue
        cites[key.casefold()] = key
        if key.casefold() not in bib_keys:
            problems.append(
                Problem(Subtype.CITE, line, f"cited key {key!r} is not a key of references.bib")
            )
    return PostCheck(front, title, tuple(cites.values()), tuple(problems))


def check_text(
    text: str, vocabulary: Vocabulary, bib_keys: Container[str], today: dt.date
) -> PostCheck:
    """Check a post's text, parsed as the command line parses it."""
    return check_post(parse_post(text), vocabulary, bib_keys, today)


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _check_title(tokens: list[Token]) -> tuple[str | None, list[Problem]]:
    blocks = [token for token in tokens if token.level == 0 and token.type != "front_matter"]
    if not blocks or blocks[0].type != "heading_open" or blocks[0].tag != "h1":
        line = _line(blocks[0]) if blocks else 1
        return None, [Problem(Subtype.TITLE, line, "a post starts with its '# Title' heading")]
    inline = tokens[tokens.index(blocks[0]) + 1]
    line = _line(blocks[0])
    title = inline.content.strip()
    children = inline.children or []
    if any(child.type not in ("text", "softbreak") for child in children):
        return title, [Problem(Subtype.TITLE, line, "a title is plain text: no Markdown markup")]
    if MARKUP_CHARS & set(title):
        return title, [
            Problem(Subtype.TITLE, line, 'a title must not contain the characters < > " &')
        ]
    return title, []


def _check_practice_implications(tokens: list[Token], last_line: int) -> list[Problem]:
    blocks = [
        token
        for token in tokens
        if token.type in ("colon_fence", "fence")
        and token.info.strip().startswith("{" + PRACTICE_DIRECTIVE + "}")
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


def _walk(tokens: list[Token]) -> Iterator[tuple[Token, int]]:
    """Every token with its line, inline children included (their line counted from breaks)."""
    for token in tokens:
        line = _line(token)
        yield token, line
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            yield child, line


def _check_safety(tokens: list[Token]) -> list[Problem]:
    """Nothing in a post may add markup, read files, or link anywhere but the web and e-mail."""
    problems: list[Problem] = []
    for token, line in _walk(tokens):
        if token.type in ("html_block", "html_inline"):
            problems.append(Problem(Subtype.RAW_HTML, line, "raw HTML is not allowed in a post"))
        elif token.type in ("colon_fence", "fence"):
            name = _directive_name(token.info)
            if name in FORBIDDEN_DIRECTIVES:
                message = f"the {{{name}}} directive is not allowed in a post"
                problems.append(Problem(Subtype.DIRECTIVE, line, message))
        elif token.type in ("link_open", "image"):
            target = str(token.attrGet("href") or token.attrGet("src") or "")
            if not is_safe_url(target):
                message = f"link target {target!r} is not an http(s), mailto or relative link"
                problems.append(Problem(Subtype.LINK, line, message))
    return problems


def _directive_name(info: str) -> str | None:
    match = re.match(r"^\s*\{([\w:-]+)\}", info)
    return match.group(1) if match else None


def _cited_keys(tokens: list[Token]) -> Iterator[tuple[str, int] | Problem]:
    """Keys of `{cite...}` roles, with the line each role is on; or the problem of a role."""
    for token in tokens:
        line = _line(token)
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "myst_role" and str(child.meta.get("name", "")).startswith("cite"):
                # `{cite}` alone is sphinxcontrib-bibtex's `{cite:p}`.
                role = str(child.meta["name"]).partition(":")[2] or "p"
                works = parse_citation(child.content)
                if role not in ROLES:
                    forms = "t, p, author, year, alp and their variants"
                    message = f"{{cite:{role}}} has no APA form; use one of {forms}"
                    yield Problem(Subtype.CITE, line, message)
                elif works is None:
                    yield Problem(Subtype.CITE, line, malformed(role, child.content))
                else:
                    yield from ((cited.key, line) for cited in works)
