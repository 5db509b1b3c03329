"""Check and read `references.bib` entry by entry, with line numbers (no Sphinx).

pybtex stops at the first duplicate key and reports syntax errors without a file name
(see the project's notes on sphinxcontrib-bibtex), so the file is split into entries here first:
each problem is located, and one bad entry never hides the ones after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from docutils import nodes
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser
from pybtex.richtext import Text
from pybtex.scanner import PybtexError
from pybtex_docutils import Backend

from pprnet.model.apa import format_reference
from pprnet.model.biblint import lint_entry
from pprnet.model.problems import Problem, Subtype
from pprnet.model.reference_list import References

_ENTRY_START_RE = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
_NON_ENTRY_TYPES = frozenset({"preamble", "string"})


@dataclass(frozen=True)
class BibEntry:
    """One parsed entry, the line it starts on and its text in the file."""

    key: str
    line: int
    entry: Entry
    source: str
    letter: str = ""  # after its year, when the same authors have another work that year

    @cached_property
    def reference(self) -> Text:
        """Its APA 7 reference, formatted once: pages, feeds and the explorer all show it."""
        return format_reference(self.entry, self.letter)

    @cached_property
    def reference_nodes(self) -> tuple[nodes.Node, ...]:
        """Its reference as docutils nodes, rendered once (copy them before use): a post page,
        a topic page and the home page can all show it."""
        return tuple(self.reference.render(Backend()))


@dataclass
class Bibliography:
    """The entries of the bibliography by case-folded key, and the problems found."""

    entries: dict[str, BibEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # What the whole list decides (year letters, in-text names): set once all are read.
    references: References = field(default_factory=lambda: References({}))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.casefold() in self.entries

    def get(self, key: str) -> BibEntry | None:
        return self.entries.get(key.casefold())

    def keys(self) -> dict[str, str]:
        """Each key case-folded, with its spelling in the file: a post must cite a key as it
        is spelled, and the checks suggest the spelling when only the case differs."""
        return {folded: entry.key for folded, entry in self.entries.items()}


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _entry_end(text: str, start: int, opening: str) -> int | None:
    """Offset just past the brace that closes the entry opened at `start`, or None."""
    closing = "}" if opening == "{" else ")"
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{" or (opening == "(" and char == "(" and depth == 0):
            depth += 1
        elif char == "}" or (closing == ")" and char == ")" and depth == 1):
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def read_bibliography(text: str) -> Bibliography:
    """Parse every entry of a BibTeX text; duplicates and syntax errors become problems."""
    bib = Bibliography()
    position = 0
    while (match := _ENTRY_START_RE.search(text, position)) is not None:
        entry_type, line = match.group(1).lower(), _line_of(text, match.start())
        if entry_type == "comment":
            # As in BibTeX and pybtex, `@comment` is only a word: an entry written inside its
            # braces is an entry (sphinxcontrib-bibtex would show it), so it is read here too.
            position = match.end()
            continue
        end = _entry_end(text, match.end() - 1, match.group(2))
        if end is None:
            bib.problems.append(
                Problem(Subtype.BIB_SYNTAX, line, "entry is never closed (unbalanced braces)")
            )
            break
        position = end
        if entry_type in _NON_ENTRY_TYPES:
            continue
        _add_entry(bib, text[match.start() : end], line)
    bib.references = References({found.key: found.entry for found in bib.entries.values()})
    for folded, found in bib.entries.items():
        if bib.references.letter(found.key):
            bib.entries[folded] = replace(found, letter=bib.references.letter(found.key))
    return bib


def _add_entry(bib: Bibliography, chunk: str, line: int) -> None:
    try:
        data: BibliographyData = Parser().parse_string(chunk)
    except PybtexError as error:
        bib.problems.append(Problem(Subtype.BIB_SYNTAX, line, f"cannot parse entry: {error}"))
        return
    if len(data.entries) != 1:
        bib.problems.append(
            Problem(Subtype.BIB_SYNTAX, line, "cannot parse entry: no key or fields")
        )
        return
    key, entry = next(iter(data.entries.items()))
    earlier = bib.entries.get(key.casefold())
    if earlier is not None:
        bib.problems.append(
            Problem(
                Subtype.BIB_DUPLICATE,
                line,
                f"duplicate key {key!r}: already used by {earlier.key!r} on line {earlier.line}"
                " (keys compare case-insensitively)",
            )
        )
        return
    bib.entries[key.casefold()] = BibEntry(key, line, entry, chunk)
    bib.problems += lint_entry(entry, chunk, line)


def unused_entries(bib: Bibliography, used: set[str]) -> list[Problem]:
    """Entries neither summarised nor cited: the bibliography page lists every entry."""
    return [
        Problem(
            Subtype.BIB_UNUSED,
            entry.line,
            f"entry {entry.key!r} is neither summarised nor cited by any post",
        )
        for key, entry in sorted(bib.entries.items(), key=lambda item: item[1].line)
        if key not in used
    ]
