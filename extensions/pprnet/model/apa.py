"""APA 7 reference formatting of BibTeX entries into pybtex rich text (pure, no Sphinx).

The result renders through any pybtex backend: docutils nodes for pages, plain text for
tests and feeds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from pybtex.database import Entry, Person
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle

from pprnet.model.urls import is_safe_url

MAX_AUTHORS = 20


# What Text.from_latex would change in a field: commands, braces and special characters, dash
# and quote ligatures, leading white space and runs of it. Most fields have none of these, and
# decoding LaTeX (latexcodec) is most of the cost of formatting a reference.
_LATEX_RE = re.compile(r"[\\{}~$%#_^`\r\n]|--|''|,,|\s\s|^\s")


# The same author names, journals and publishers recur across a bibliography. pybtex never
# changes a Text in place, so one shared instance per source string is safe.
@cache
def from_latex(value: str) -> Text:
    """`Text.from_latex`, decoding each distinct string once."""
    return Text.from_latex(value) if _LATEX_RE.search(value) else Text(value)


@cache
def plain(value: str) -> str:
    """A BibTeX field's text without its LaTeX: braces, accents and commands decoded."""
    return str(from_latex(value))


def _initials(person: Person) -> str:
    """'Giorgio A.' -> 'G. A.'; 'Jean-Paul' -> 'J.-P.'."""
    parts = []
    for name in person.first_names + person.middle_names:
        name = plain(name)
        parts.append("-".join(f"{piece[0]}." for piece in name.split("-") if piece))
    return " ".join(parts)


def surname(person: Person) -> str:
    return " ".join(plain(name) for name in person.prelast_names + person.last_names)


def _inverted(person: Person) -> str:
    initials = _initials(person)
    return f"{surname(person)}, {initials}" if initials else surname(person)


def _direct(person: Person) -> str:
    initials = _initials(person)
    return f"{initials} {surname(person)}" if initials else surname(person)


def format_authors(persons: list[Person]) -> str:
    """APA 7 author list: up to 20 names, '&' before the last, '…' beyond 20."""
    names = [_inverted(person) for person in persons]
    if len(names) == 1:
        return names[0]
    if len(names) > MAX_AUTHORS:
        return ", ".join(names[: MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def format_editors(persons: list[Person]) -> str:
    names = [_direct(person) for person in persons]
    if len(names) == 1:
        joined = names[0]
    elif len(names) == 2:
        joined = f"{names[0]} & {names[1]}"
    else:
        joined = ", ".join(names[:-1]) + ", & " + names[-1]
    return f"{joined} ({'Ed.' if len(names) == 1 else 'Eds.'})"


def _sentence(text: Text) -> Text:
    """End a title-like element with a period unless it ends with its own punctuation."""
    return text if str(text).rstrip().endswith((".", "?", "!")) else Text(text, ".")


def _doi_or_url(entry: Entry) -> Text | None:
    doi = entry.fields.get("doi")
    if doi:
        doi = plain(doi).removeprefix("https://doi.org/").removeprefix("doi:").strip()
        url = f"https://doi.org/{doi}"
        return Text(HRef(url, url))
    url = plain(entry.fields.get("url", "")).strip()
    if not url:
        return None
    # A bibliography field is contributor text: only a web address becomes a link.
    return Text(HRef(url, url)) if is_safe_url(url) else Text(url)


def _author_year(entry: Entry) -> Text:
    authors = entry.persons.get("author") or entry.persons.get("editor") or []
    who = format_authors(authors) if authors else None
    year = plain(entry.fields.get("year", "n.d."))
    if who and not who.endswith("."):
        who += "."  # a group author, as "American Psychological Association."
    head = Text(who, " ") if who else Text()
    return Text(head, f"({year}). ")


def _article(entry: Entry) -> list[Text]:
    fields = entry.fields
    source = Text(Tag("em", from_latex(fields.get("journal", ""))))
    if fields.get("volume"):
        source = Text(source, ", ", Tag("em", from_latex(fields["volume"])))
        if fields.get("number"):
            source = Text(source, "(", from_latex(fields["number"]), ")")
    if fields.get("pages"):
        source = Text(source, ", ", from_latex(fields["pages"]))
    parts = [_sentence(from_latex(fields.get("title", ""))), Text(source, ".")]
    if not fields.get("volume") or "advance online" in fields.get("note", "").lower():
        parts.append(Text("Advance online publication."))
    return parts


def _in_book(entry: Entry) -> list[Text]:
    fields = entry.fields
    book = Text(Tag("em", from_latex(fields.get("booktitle", ""))))
    locator = None
    if fields.get("pages"):
        locator = Text("pp. ", from_latex(fields["pages"]))
    elif fields.get("chapter"):
        locator = Text("Chapter ", from_latex(fields["chapter"]))
    if locator is not None:
        book = Text(book, " (", locator, ")")
    editors = entry.persons.get("editor")
    lead = Text("In ", format_editors(editors), ", ") if editors else Text("In ")
    parts = [_sentence(from_latex(fields.get("title", ""))), Text(lead, book, ".")]
    if fields.get("publisher"):
        parts.append(_sentence(from_latex(fields["publisher"])))
    return parts


def _book(entry: Entry) -> list[Text]:
    fields = entry.fields
    title = Text(Tag("em", from_latex(fields.get("title", ""))))
    if fields.get("edition"):
        title = Text(title, " (", from_latex(fields["edition"]), " ed.)")
    parts = [_sentence(title)]
    if fields.get("publisher"):
        parts.append(_sentence(from_latex(fields["publisher"])))
    return parts


def _report(entry: Entry) -> list[Text]:
    fields = entry.fields
    title = Text(Tag("em", from_latex(fields.get("title", ""))))
    if fields.get("number"):
        report_type = from_latex(fields.get("type", "Report"))
        title = Text(title, " (", report_type, " No. ", from_latex(fields["number"]), ")")
    parts = [_sentence(title)]
    publisher = fields.get("institution") or fields.get("publisher")
    if publisher:
        parts.append(_sentence(from_latex(publisher)))
    return parts


def _other(entry: Entry) -> list[Text]:
    fields = entry.fields
    parts = [_sentence(Text(Tag("em", from_latex(fields.get("title", "")))))]
    for name in ("howpublished", "institution", "publisher", "note"):
        if fields.get(name):
            parts.append(_sentence(from_latex(fields[name])))
    return parts


_BODIES = {
    "article": _article,
    "incollection": _in_book,
    "inbook": _in_book,
    "inproceedings": _in_book,
    "book": _book,
    "techreport": _report,
}


def format_reference(entry: Entry) -> Text:
    """The APA 7 reference of one entry."""
    parts = [_author_year(entry), *_BODIES.get(entry.type.lower(), _other)(entry)]
    link = _doi_or_url(entry)
    if link is not None:
        parts.append(link)
    return Text(*_join(parts))


def _join(parts: list[Text]) -> list[Text | str]:
    joined: list[Text | str] = []
    for index, part in enumerate(parts):
        if index > 1:
            joined.append(" ")
        joined.append(part)
    return joined


def sort_key(entry: Entry) -> tuple[str, ...]:
    """APA reference-list order: first author's surname and initials, then year, then title."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = tuple(f"{surname(person)} {_initials(person)}".casefold() for person in persons)
    year = plain(entry.fields.get("year", ""))
    title = plain(entry.fields.get("title", "")).casefold()
    return (*names[:1], year, *names[1:], title)


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
        self._last: tuple[Entry, Text] | None = None

    def sort_apa(self, entries: Iterable[Entry]) -> list[Entry]:
        return sorted(entries, key=sort_key)

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        # sphinxcontrib-bibtex formats each entry twice in a row, for the list and for the
        # tooltip of its citations: the second time is the same reference.
        if self._last is None or self._last[0] is not entry:
            self._last = (entry, format_reference(entry))
        return FormattedEntry(entry.key, self._last[1], label)
