"""What a page may contain: one allow-list, checked at every depth of a page's parse (pure, no
Sphinx).

markdown-it leaves the body of a directive as text, which MyST parses when it renders the
directive. The check splits each allowed directive as MyST does (MyST's own
`parse_directive_text`, given the shape of the directive: its arguments and whether it takes
options), parses the body with the same parser and checks it with the same rules, down to
`MAX_DEPTH` directives. A directive that is not allowed is reported and not looked into; the
top-level block around a problem is not rendered (`unrendered`), but raw HTML, shown as text.

The build and `pprnet check` run this one rule set on one parse (`source.parse_post`). The
lists are written out in CONTRIBUTING ("What a post may contain"), which a test keeps equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from docutils.parsers.rst.states import MarkupError
from markdown_it.token import Token
from myst_parser.parsers.directives import parse_directive_text

from pprnet.model.files import FILE_SUFFIXES, IMAGE_SUFFIXES, Context, file_problem
from pprnet.model.problems import Problem, Subtype
from pprnet.model.urls import is_safe_url

PRACTICE_DIRECTIVE = "practice-implications"
# Directives inside directives; the deepest real use is a note in a dropdown in a list.
MAX_DEPTH = 4

# markdown-it's tokens a page may have, by their type without `_open`/`_close`.
TOKENS = frozenset(
    {
        "front_matter", "heading", "paragraph", "inline", "text", "softbreak", "hardbreak",
        "em", "strong", "code_inline", "bullet_list", "ordered_list", "list_item",
        "blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "link", "image",
        "footnote_ref", "footnote_reference", "footnote_block", "myst_line_comment",
        "myst_role", "colon_fence", "fence",
    }
)  # fmt: skip
# What to call a token that is not allowed, for the message.
NAMES = {
    "code_block": "an indented code block (indent text by fewer than four spaces)",
    "myst_target": "a target '(name)='",
    "myst_block_break": "a block break '+++'",
}
BADGE_COLOURS = "primary secondary success info warning danger light muted dark white black".split()
# sphinx-design's text badges (not its link badges): {bdg}, {bdg-primary}, {bdg-primary-line}...
TEXT_BADGES = frozenset(
    {"bdg"}
    | {f"bdg-{colour}" for colour in BADGE_COLOURS}
    | {f"bdg-{colour}-line" for colour in BADGE_COLOURS}
)


@dataclass(frozen=True)
class Shape:
    """A directive as MyST splits it (the arguments and whether options are read, as its
    class declares them), and what a page may give it."""

    required: int = 0  # arguments
    optional: int = 0
    takes_options: bool = True  # False: MyST reads ':key: value' lines as body text
    argument: str | None = None  # a page may give: "title" (Markdown), "image" (a path)
    options: frozenset[str] = frozenset()

    def splitter(self) -> type:
        """A stand-in for the directive's class, with what `parse_directive_text` reads."""
        shape = self

        class Directive:
            required_arguments = shape.required
            optional_arguments = shape.optional
            final_argument_whitespace = True
            has_content = True
            option_spec: ClassVar[dict[str, Any]] = {"": None} if shape.takes_options else {}

        return Directive


ADMONITION = Shape()
IMAGE = Shape(required=1, argument="image", options=frozenset({"alt", "width", "align"}))


@dataclass(frozen=True)
class Rules:
    """What one kind of page may contain, besides the tokens of `TOKENS`."""

    where: str  # names the page in messages: "a post"
    directives: Mapping[str, Shape]
    roles: frozenset[str]  # besides the citation roles, which every page may use
    # A directive only at the top level of the page, once (`practice-implications`).
    top_level_once: frozenset[str] = frozenset()

    def widened(self, where: str, directives: Mapping[str, Shape]) -> Rules:
        return replace(self, where=where, directives={**self.directives, **directives})

    def allowed_directives(self) -> str:
        return ", ".join(sorted(f"{{{name}}}" for name in self.directives))

    def allowed_roles(self) -> str:
        named = sorted(role for role in self.roles if role not in TEXT_BADGES)
        listed = ["{cite:p}, {cite:t} and the other citations", *(f"{{{n}}}" for n in named)]
        return ", ".join([*listed, "the text badges {bdg-COLOUR} and {bdg-COLOUR-line}"])


POST_RULES = Rules(
    where="a post",
    directives={
        PRACTICE_DIRECTIVE: Shape(takes_options=False),
        **dict.fromkeys(("note", "tip", "important", "warning", "seealso"), ADMONITION),
        "dropdown": Shape(optional=1, argument="title", options=frozenset({"open"})),
        "figure": IMAGE,
        "image": IMAGE,
    },
    roles=TEXT_BADGES,
    top_level_once=frozenset({PRACTICE_DIRECTIVE}),
)
# The archive's listings, each a directive without arguments or options (stages/render/).
LISTINGS = frozenset(
    {
        "this-month",
        "feed-link",
        "topic-index",
        "type-index",
        "month-archive",
        "summary-explorer",
        "evidence-map",
    }
)
# The site's own pages (home, archive, topics...): a post's list, the listings, a table of
# contents and the bibliography. Never raw HTML, never a file of the reader's choosing.
PAGE_RULES = POST_RULES.widened(
    "a page of the site",
    {
        **dict.fromkeys(LISTINGS, Shape(takes_options=False)),
        "toctree": Shape(
            options=frozenset({"hidden", "maxdepth", "caption", "titlesonly", "glob"})
        ),
        "bibliography": Shape(optional=1, options=frozenset({"all", "cited", "filter"})),
    },
)


@dataclass(frozen=True)
class Citation:
    """A `{cite:ROLE}` role wherever it stands: its form ("p" for `{cite}`), target and line."""

    form: str
    target: str
    line: int


@dataclass(frozen=True)
class Found:
    """A problem, and the index of the top-level token whose block it is in."""

    block: int
    problem: Problem


def check_contents(
    tokens: list[Token],
    rules: Rules,
    parse: Callable[[str], list[Token]],
    context: Context | None,
) -> tuple[list[Found], list[Citation]]:
    """Every construct of the page that its rules do not allow, at every depth, and every
    citation; the files the page shows or links to are looked for in `context` (without one,
    only their names are checked)."""
    checker = _Checker(rules, parse, context)
    found: list[Found] = []
    block = 0
    for index, (token, line) in enumerate(_lines(tokens, 0)):
        if starts_block(token):
            block = index
        found += (Found(block, problem) for problem in checker.token(token, line, 0))
    return found, checker.citations


def starts_block(token: Token) -> bool:
    """Whether a token opens a top-level block (a problem's block is left out whole)."""
    return token.level == 0 and token.nesting != -1


def unrendered(found: list[Found] | tuple[Found, ...]) -> set[int]:
    """The top-level blocks not to render: those with anything not allowed, but raw HTML,
    which is rendered as the text it is (`source.for_rendering`)."""
    return {f.block for f in found if f.problem.subtype != Subtype.RAW_HTML}


def directive_name(info: str) -> str | None:
    match = re.match(r"^\s*\{([\w:.-]+)\}", info)
    return match.group(1) if match else None


def _lines(tokens: list[Token], base: int) -> Iterator[tuple[Token, int]]:
    """Each token with its line: `base` plus its line in the parsed text, or the line of the
    token before it when markdown-it gives none (closing tokens)."""
    line = base + 1
    for token in tokens:
        if token.map:
            line = base + token.map[0] + 1
        yield token, line


@dataclass
class _Checker:
    rules: Rules
    parse: Callable[[str], list[Token]]
    context: Context | None
    titles: int = 0
    citations: list[Citation] = field(default_factory=list)

    def token(self, token: Token, line: int, depth: int) -> Iterator[Problem]:
        where = self.rules.where
        kind = token.type.removesuffix("_open").removesuffix("_close")
        if kind in ("html_block", "html_inline"):
            yield Problem(Subtype.RAW_HTML, line, f"raw HTML is not allowed in {where}")
        elif kind not in TOKENS:
            name = NAMES.get(kind, kind.replace("_", " "))
            yield Problem(Subtype.MARKUP, line, f"{name} is not allowed in {where}")
        elif kind in ("colon_fence", "fence"):
            yield from self.directive(token, line, depth)
        elif token.type == "heading_open" and token.tag == "h1":
            self.titles += 1
            if self.titles > 1:
                message = f"{where} has one '# Title'; its sections are '## Heading'"
                yield Problem(Subtype.TITLE, line, message)
        elif kind == "myst_role":
            yield from self.role(token, line)
        elif token.type == "link_open":
            yield from self.link(str(token.attrGet("href") or ""), line)
        elif kind == "image":
            yield from self.image(str(token.attrGet("src") or ""), line)
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            yield from self.token(child, line, depth)

    def role(self, token: Token, line: int) -> Iterator[Problem]:
        # Citations: every form passes here; the citation checks report the roles APA has no
        # form for, with the forms it has (checks.py).
        name = str(token.meta.get("name", ""))
        if name == "cite" or name.startswith("cite:"):
            form = name.partition(":")[2] or "p"  # `{cite}` is sphinxcontrib-bibtex's `{cite:p}`
            self.citations.append(Citation(form, token.content, line))
        elif name not in self.rules.roles:
            message = (
                f"the {{{name}}} role is not allowed in {self.rules.where}; "
                f"allowed: {self.rules.allowed_roles()}"
            )
            yield Problem(Subtype.ROLE, line, message)

    def directive(self, token: Token, line: int, depth: int) -> Iterator[Problem]:
        name = directive_name(token.info)
        where = self.rules.where
        if name is None:
            message = f"a code block is not allowed in {where}; use `inline code`"
            yield Problem(Subtype.MARKUP, line, message)
            return
        shape = self.rules.directives.get(name)
        if shape is None:
            message = (
                f"the {{{name}}} directive is not allowed in {where}; "
                f"allowed: {self.rules.allowed_directives()}"
            )
            yield Problem(Subtype.DIRECTIVE, line, message)
            return
        if name in self.rules.top_level_once and (depth or token.level):
            message = f"{{{name}}} belongs at the top level of {where}, not inside another block"
            yield Problem(Subtype.PRACTICE_IMPLICATIONS, line, message)
        first_line = token.info.strip()[len(name) + 2 :]
        try:
            parsed = parse_directive_text(
                shape.splitter(), first_line, token.content, line=line, validate_options=False
            )
        except MarkupError as error:
            yield Problem(Subtype.DIRECTIVE, line, f"{{{name}}}: {error}")
            return
        for option in parsed.options:
            if option not in shape.options:
                allowed = ", ".join(f":{o}:" for o in sorted(shape.options)) or "none"
                message = f"option :{option}: of {{{name}}} is not allowed (allowed: {allowed})"
                yield Problem(Subtype.DIRECTIVE, line, message)
        for argument in parsed.arguments:
            if shape.argument == "image":
                yield from self.image(argument, line)
            elif shape.argument == "title":
                for inline, _ in _lines(self.parse(argument), line - 1):
                    yield from self.token(inline, line, depth)
            else:
                message = f"{{{name}}} takes no argument in {where}"
                yield Problem(Subtype.DIRECTIVE, line, message)
        if depth + 1 > MAX_DEPTH:
            message = f"directives are nested more than {MAX_DEPTH} deep"
            yield Problem(Subtype.DIRECTIVE, line, message)
            return
        body = _lines(self.parse("\n".join(parsed.body)), line + parsed.body_offset)
        for nested, nested_line in body:
            yield from self.token(nested, nested_line, depth + 1)

    def link(self, target: str, line: int) -> Iterator[Problem]:
        if not is_safe_url(target):
            message = f"link target {target!r} is not an http(s), mailto or relative link"
            yield Problem(Subtype.LINK, line, message)
            return
        parts = urlsplit(target)
        if parts.scheme or not parts.path:
            return
        path = PurePosixPath(unquote(parts.path))
        if path.suffix == ".md":
            if self.context is None:
                return
            start = PurePosixPath("/") if path.is_absolute() else "/" / self.context.folder
            if not _inside(start, path):
                message = f"link {target!r} goes outside the site's pages"
                yield Problem(Subtype.LINK, line, message)
            return
        if not path.suffix:
            message = f"link {target!r}: a link to a page names its .md file"
            yield Problem(Subtype.LINK, line, message)
            return
        yield from self.file(path, line, FILE_SUFFIXES, "link")

    def image(self, target: str, line: int) -> Iterator[Problem]:
        if not is_safe_url(target):
            message = f"image target {target!r} is not an http(s) or relative address"
            yield Problem(Subtype.LINK, line, message)
            return
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            message = f"image {target!r}: an image is a file of the site, not an address"
            yield Problem(Subtype.FILE, line, message)
            return
        yield from self.file(PurePosixPath(unquote(parts.path)), line, IMAGE_SUFFIXES, "image")

    def file(
        self, path: PurePosixPath, line: int, suffixes: frozenset[str], what: str
    ) -> Iterator[Problem]:
        message = file_problem(path, suffixes, self.context)
        if message is not None:
            yield Problem(Subtype.FILE, line, f"{what} {str(path)!r}: {message}")


def _inside(start: PurePosixPath, path: PurePosixPath) -> bool:
    """Whether `path`, from the folder `start` (both from the root, '/'), stays under it."""
    depth = 0
    for part in (start / path).parts[1:]:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return False
    return True
