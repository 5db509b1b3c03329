"""APA 7 in-text citations (pure, no Sphinx): the one formatter of the archive's citations, for
pages (as text and links, `stages/render/citations.py`) and for feeds (as text).

A citation is what a `{cite:ROLE}` role holds: keys, each with an optional text before and
after it (`{see}steel2017systematic{p. 3}`, sphinxcontrib-bibtex's syntax). It is formatted as
parts: runs of text, each linked to the entry of a key or not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pprnet.model.reference_list import References

_TARGET_RE = re.compile(
    r"\s*(?:\{(?P<pre>[^{}]+)\})?\s*(?P<key>[^{}\s,]+)\s*(?:\{(?P<post>[^{}]+)\})?\s*(?:,|$)"
)
# The roles of sphinxcontrib-bibtex's author-year style that APA has a form for: narrative
# (t), parenthetical (p), names only (author), year only (year), both without parentheses
# (alp); "s" lists every author instead of "et al.", a leading "c" capitalises the first
# letter, "par" puts the form in parentheses. Its label roles (label, labelpar, empty) have no
# APA form.
ROLES = frozenset(
    {"t", "ts", "ct", "cts", "p", "ps", "alp", "alps", "year", "yearpar"}
    | {"author", "authors", "cauthor", "cauthors", "authorpar", "authorpars"}
)


@dataclass(frozen=True)
class Cited:
    """One work of a citation: its key, and the texts before and after it."""

    key: str
    pre: str = ""
    post: str = ""


# A run of text of a formatted citation, and the key of the entry it links to (or None).
Part = tuple[str, str | None]


def malformed(role: str, target: str) -> str:
    """The message for a citation whose target is not keys with optional notes."""
    return f"{{cite:{role}}}`{target}`: write keys as {{see}}key{{p. 3}}"


def parse_citation(target: str) -> list[Cited] | None:
    """The works of a cite role's target, `key1,{see}key2{p. 3}`; None if it is malformed."""
    works, position = [], 0
    while position < len(target):
        match = _TARGET_RE.match(target, position)
        if match is None or match.end() == position:
            return None
        works.append(Cited(match["key"], match["pre"] or "", match["post"] or ""))
        position = match.end()
    return works or None


def _post(cited: Cited) -> str:
    return f", {cited.post}" if cited.post else ""


def _with_notes(cited: Cited, text: str) -> str:
    return f"{cited.pre} {text}" if cited.pre else text


@dataclass(frozen=True)
class Form:
    """What a role asks for: "t", "p", "alp", "author" or "year", with its variants."""

    name: str
    every: bool  # every author's name instead of "et al."
    capital: bool  # the first letter capitalised
    parenthesised: bool

    @classmethod
    def of(cls, role: str) -> Form:
        capital = role.startswith("c")
        base = role.removeprefix("c") if capital else role
        par = base.endswith("par")
        base = base.removesuffix("par")
        every = base in ("ts", "ps", "alps", "authors")
        name = base[:-1] if every else base
        return cls(name, every, capital, par or name == "p")


def format_citation(role: str, works: Sequence[Cited], references: References) -> list[Part]:
    """The parts of an APA in-text citation; a key without an entry is shown as written.

    In a parenthetical citation the works are in reference-list order; consecutive works by the
    same authors share one mention of their names: (Murphy, 2009, 2015; Murphy & Hutton, 2012),
    Zhou (2018a, 2018b)."""
    form = Form.of(role)
    grouped = form.name in ("p", "alp")  # one parenthesis: works apart with semicolons
    if grouped:
        works = sorted(works, key=lambda cited: references.rank(cited.key))
    separator = "; " if grouped else ", "
    parts: list[Part] = []
    previous: str | None = None
    for index, cited in enumerate(works):
        if references.get(cited.key) is None:
            parts += [(separator, None)] if index else []
            parts.append((cited.key, None))
            previous = None
            continue
        year = references.year(cited.key)
        dated = (f"{year}, {cited.post}" if cited.post else year, cited.key)
        same = (
            previous is not None and not cited.pre and references.same_authors(previous, cited.key)
        )
        if same and form.name == "t":  # Zhou (2018a, 2018b)
            parts[-1:] = [(", ", None), dated, (")", None)]
        elif same and grouped:  # (Zhou, 2018a, 2018b)
            parts += [(", ", None), dated]
        else:
            parts += [(separator, None)] if index else []
            if form.name == "t":
                names = _with_notes(cited, references.names(cited.key, "and", form.every))
                parts += [(f"{names} (", None), dated, (")", None)]
            elif form.name == "year":
                parts.append((_with_notes(cited, dated[0]), cited.key))
            else:  # author, p, alp
                names = references.names(cited.key, "&" if grouped else "and", form.every)
                text = f"{names}, {dated[0]}" if grouped else f"{names}{_post(cited)}"
                parts.append((_with_notes(cited, text), cited.key))
        previous = cited.key
    if form.parenthesised:
        parts = [("(", None), *parts, (")", None)]
    if form.capital and parts:
        text, key = parts[0]
        parts[0] = (text[:1].upper() + text[1:], key)
    return parts


def citation_text(parts: Sequence[Part]) -> str:
    return "".join(text for text, _ in parts)
