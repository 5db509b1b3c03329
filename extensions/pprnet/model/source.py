"""A post's source parsed once: its Markdown tokens and the front matter they start with
(pure, no Sphinx).

The build gets both from MyST's own parse of the post (`adapters/myst.py`), the command line
from `parse_post` with the same Markdown rules; the checks (`checks.py`) and the post's record
read this one parse.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from pprnet.model.contents import (
    POST_RULES,
    Citation,
    Found,
    Rules,
    check_contents,
    starts_block,
)
from pprnet.model.files import Context
from pprnet.model.problems import Problem, Subtype

# Raw HTML is parsed as HTML even where the site shows it as text, so that the checks can
# report it; `for_rendering` turns it back into text before a post is rendered.
HTML_SYNTAX = ("html_block", "html_inline")

# A summary is about 4 KB; a page over this is not parsed, checked nor rendered.
MAX_PAGE_BYTES = 100_000

# libyaml's parser when PyYAML has it (about ten times faster), with the same safe constructor.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StringDatesLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps dates as strings, so that only strict ISO dates pass our check."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FrontMatterBlock:
    """The YAML between a post's `---` lines, its first line, and what it holds: a mapping, or
    the problem that kept it from being read."""

    text: str
    first_line: int
    data: dict[str, Any] | Problem


@dataclass(frozen=True)
class ParsedPost:
    """A post's text, its Markdown tokens and its front matter (None if it has none)."""

    text: str
    tokens: list[Token]
    front: FrontMatterBlock | None
    # markdown-it's environment of the parse (link reference definitions), for rendering.
    env: dict[str, Any] = field(default_factory=dict)
    # What the page's rules do not allow, and its citations, at every depth (`contents.py`).
    contents: tuple[Found, ...] = ()
    citations: tuple[Citation, ...] = ()


def markdown_parser(
    config: MdParserConfig, renderer: Callable[[MarkdownIt], Any] = RendererHTML
) -> MarkdownIt:
    """MyST's Markdown parser with the site's configuration, raw HTML recognised as such."""
    disabled = [name for name in config.disable_syntax if name not in HTML_SYNTAX]
    return create_md_parser(replace(config, disable_syntax=disabled), renderer)


@cache
def command_line_parser() -> MarkdownIt:
    """The parser of `pprnet check`: the archive's Markdown, without MyST's word count, which
    the checks do not use (a fifth of a parse)."""
    parser = markdown_parser(MdParserConfig(enable_extensions={"colon_fence"}))
    return parser.disable("wordcount")


def parse_post(
    text: str,
    parser: MarkdownIt | None = None,
    rules: Rules = POST_RULES,
    context: Context | None = None,
) -> ParsedPost:
    """Parse a page's text once (with the command line's parser unless one is given) and check
    its contents against `rules` at every depth."""
    env: dict[str, Any] = {}
    size = len(text.encode("utf-8", "replace"))
    if size > MAX_PAGE_BYTES:
        message = f"the page is {size:,} bytes of Markdown, over the limit of {MAX_PAGE_BYTES:,}"
        return ParsedPost(text, [], None, env, (Found(0, Problem(Subtype.FILE, 1, message)),))
    markdown = parser or command_line_parser()
    tokens = markdown.parse(text, env)
    front = None
    if tokens and tokens[0].type == "front_matter":
        token = tokens[0]
        first_line = (token.map[0] if token.map else 0) + 2
        front = FrontMatterBlock(token.content, first_line, load_yaml(token.content, first_line))
    found, citations = check_contents(tokens, rules, lambda body: markdown.parse(body, {}), context)
    return ParsedPost(text, tokens, front, env, tuple(found), tuple(citations))


def load_yaml(text: str, first_line: int) -> dict[str, Any] | Problem:
    """The front matter's mapping, dates kept as written; or the problem, at its line."""
    try:
        # An alias is written '*name': the parse for it is skipped when there is no '*'.
        alias = _first_alias(text) if "*" in text else None
        if alias is not None:
            message = "front matter must not use YAML aliases ('*name'): write each value out"
            return Problem(Subtype.FRONT_MATTER, first_line + alias, message)
        data = yaml.load(text, Loader=_StringDatesLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        reason = getattr(error, "problem", None) or str(error)
        return Problem(Subtype.FRONT_MATTER, line, f"front matter is not valid YAML: {reason}")
    if not isinstance(data, dict):
        message = "front matter must be key: value lines"
        return Problem(Subtype.FRONT_MATTER, first_line, message)
    return data


def _first_alias(text: str) -> int | None:
    """The line (from 0) of the first alias in a YAML text, if it has one. An alias repeats a
    value: a few hundred bytes of nested aliases expand to gigabytes, so none is read."""
    loader = _SafeLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                return int(event.start_mark.line) if event.start_mark else 0
        return None
    finally:
        loader.dispose()


def for_rendering(
    tokens: list[Token], as_text: Collection[str], dropped: Collection[int] = ()
) -> list[Token]:
    """Copies of the tokens to render (MyST's renderer changes the tokens it renders, and the
    checks read the originals), raw HTML of the kinds in `as_text` (`HTML_SYNTAX`) turned into
    the text a page shows of it, never markup, and without the top-level blocks that start at
    the indices `dropped` (those with something the page's rules do not allow)."""
    shown = []
    dropping = False
    for index, token in enumerate(tokens):
        if starts_block(token):
            dropping = index in dropped
        if dropping:
            continue
        if token.type == "html_block" and token.type in as_text:
            inline = Token("inline", "", 0, content=token.content.rstrip("\n"), map=token.map)
            inline.children = [Token("text", "", 0, content=inline.content)]
            opening = Token("paragraph_open", "p", 1, map=token.map, block=True)
            closing = Token("paragraph_close", "p", -1, block=True)
            shown += [opening, inline, closing]
        elif token.type == "html_inline" and token.type in as_text:
            shown.append(Token("text", "", 0, content=token.content))
        else:
            children = for_rendering(token.children, as_text) if token.children else None
            shown.append(token.copy(map=list(token.map) if token.map else None, children=children))
    return shown
