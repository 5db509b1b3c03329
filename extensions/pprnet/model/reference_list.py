"""What APA decides from the whole reference list, not from one entry (pure, no Sphinx): the
order of the list (APA 9.44-9.47), the letters after the years of works by the same authors in
the same year (9.47), and how in-text citations name authors so that no two works look alike
(8.18-8.20). `References` holds them for a bibliography; `APAStyle` is the same as a pybtex
style, for the bibliography page of sphinxcontrib-bibtex."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from pybtex.database import Entry, Person
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle

from pprnet.model.apa import format_reference, initials, people, plain, surname, typographic

_ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


def _folded(text: str) -> str:
    """Letter by letter, accents folded (Müller files with Muller), punctuation ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum() or char == " ").strip()


def _names_key(persons: list[Person]) -> tuple[str, ...]:
    return tuple(f"{_folded(surname(person))} {_folded(initials(person))}" for person in persons)


def sort_key(entry: Entry, names: tuple[str, ...]) -> tuple[object, ...]:
    """APA reference-list order (9.44-9.47): the authors' names (`_names_key`) letter by
    letter, accents folded, one author before several beginning with that author; then the
    year (no date first); then the title without a leading A, An or The."""
    names = names or (_folded(plain(entry.fields.get("title", ""))),)
    year = plain(entry.fields.get("year", ""))
    title = _folded(_ARTICLE_RE.sub("", plain(entry.fields.get("title", ""))))
    return (names, not year.isdigit(), year, title)


class References:
    """A bibliography as APA formats it, where the whole list decides: the letters after the
    years of works by the same authors in the same year (9.47), the initials of first authors
    who share a surname (8.20), and the names an "et al." needs to tell works apart (8.18)."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self._entries = {key.casefold(): entry for key, entry in entries.items()}
        # Each work's authors as compared, worked out once: sorting, letters and "et al." use them.
        self._names = {key.casefold(): _names_key(people(e)[0]) for key, e in entries.items()}
        self._order = sorted(
            entries, key=lambda key: sort_key(entries[key], self._names[key.casefold()])
        )
        self._rank = {key.casefold(): index for index, key in enumerate(self._order)}
        self._letters: dict[str, str] = {}
        groups: dict[tuple[object, ...], list[str]] = {}
        for key in self._order:
            year = plain(entries[key].fields.get("year", "n.d."))
            groups.setdefault((self._names[key.casefold()], year), []).append(key)
        for keys in groups.values():
            if len(keys) > 1:
                for index, key in enumerate(keys):
                    self._letters[key.casefold()] = "abcdefghijklmnopqrstuvwxyz"[index % 26]
        self._shown = _names_shown(self._entries, self._names)
        by_surname: dict[str, set[str]] = {}
        for entry in self._entries.values():
            persons = people(entry)[0]
            if persons and initials(persons[0]):
                by_surname.setdefault(surname(persons[0]), set()).add(initials(persons[0]))
        self._shared = {name for name, initials in by_surname.items() if len(initials) > 1}

    def get(self, key: str) -> Entry | None:
        return self._entries.get(key.casefold())

    def order(self) -> list[str]:
        """The keys in reference-list order."""
        return list(self._order)

    def rank(self, key: str) -> int:
        return self._rank.get(key.casefold(), len(self._rank))

    def letter(self, key: str) -> str:
        return self._letters.get(key.casefold(), "")

    def year(self, key: str) -> str:
        entry = self._entries[key.casefold()]
        return plain(entry.fields.get("year", "n.d.")) + self.letter(key)

    def format(self, key: str) -> Text:
        return format_reference(self._entries[key.casefold()], self.letter(key))

    def names(self, key: str, joiner: str, every: bool = False) -> str:
        """The authors as an in-text citation names them: one or two surnames, or the first
        with "et al." (as many names before it as tell the work from others, 8.18); a first
        author's initials when another first author has the same surname (8.20)."""
        entry = self._entries[key.casefold()]
        persons = people(entry)[0]
        if not persons:
            return typographic(plain(entry.fields.get("title", entry.key)))
        names = [surname(person) for person in persons]
        if names[0] in self._shared:
            names[0] = f"{initials(persons[0])} {names[0]}"
        shown = len(names) if every else self._shown.get(key.casefold(), 1)
        if len(names) <= 2:
            return f" {joiner} ".join(names)
        if shown >= len(names):
            return ", ".join(names[:-1]) + f", {joiner} {names[-1]}"
        if shown == 1:
            return f"{names[0]} et al."
        return ", ".join(names[:shown]) + ", et al."

    def same_authors(self, first: str, second: str) -> bool:
        """Whether two works have the same authors in the same order (cited together as
        "Zhou, 2018a, 2018b", APA 8.19)."""
        return self._names[first.casefold()] == self._names[second.casefold()]


def _names_shown(
    entries: Mapping[str, Entry], names_of: Mapping[str, tuple[str, ...]]
) -> dict[str, int]:
    """How many names before "et al." each work of three or more authors needs: one, unless
    another work of the same year shares its first names but not all its authors (8.18)."""
    # Only works of one year with the same first author can look alike: compared within those.
    alike: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}
    for key, entry in entries.items():
        names = names_of[key]
        if len(names) > 2:
            year = plain(entry.fields.get("year", ""))
            alike.setdefault((year, names[0]), []).append((key, names))
    shown: dict[str, int] = {}
    for works in alike.values():
        for key, names in works:
            needed = 1
            for other, other_names in works:
                if other == key or other_names == names:
                    continue
                common = next(
                    (i for i, (a, b) in enumerate(zip(names, other_names, strict=False)) if a != b),
                    min(len(names), len(other_names)),
                )
                needed = max(needed, common + 1)
            shown[key] = needed if needed < len(names) - 1 else len(names)
    return shown


class APAStyle(BaseStyle):  # type: ignore[misc]
    """APA 7 as a pybtex formatting style: the reference list of sphinxcontrib-bibtex.

    pybtex-apa7-style (PyPI) was evaluated first and not used: it puts the editors of a chapter
    before its title and drops "In" and the chapter, prints DOIs as "doi:" rather than links,
    and installs top-level packages named `formatting`, `labels` and `names`.
    """

    default_name_style = "plain"
    default_label_style = "alpha"  # labels are not shown: the archive cites author-year
    default_sorting_style = "none"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sort = self.sort_apa
        self._references = References({})
        self._last: tuple[Entry, Text] | None = None

    def sort_apa(self, entries: Iterable[Entry]) -> list[Entry]:
        """The entries in reference-list order. sphinxcontrib-bibtex sorts the entries of a
        bibliography before it formats them: the year letters are those of the list."""
        by_key = {entry.key: entry for entry in entries}
        self._references = References(by_key)
        return [by_key[key] for key in self._references.order()]

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        # sphinxcontrib-bibtex formats each entry twice in a row, for the list and for the
        # tooltip of its citations: the second time is the same reference.
        if self._last is None or self._last[0] is not entry:
            letter = self._references.letter(entry.key)
            self._last = (entry, format_reference(entry, letter))
        return FormattedEntry(entry.key, self._last[1], label)
