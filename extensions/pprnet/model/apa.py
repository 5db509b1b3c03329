"""APA 7 reference formatting of BibTeX entries into pybtex rich text (pure, no Sphinx).

The result renders through any pybtex backend: docutils nodes for pages, plain text for
tests and feeds.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pybtex.database import Entry, Person
from pybtex.richtext import HRef, Tag, Text

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


def initials(person: Person) -> str:
    """'Giorgio A.' -> 'G. A.'; 'G.A.' -> 'G. A.'; 'Jean-Paul' and 'J.-P.' -> 'J.-P.'."""
    parts = []
    for name in person.first_names + person.middle_names:
        for piece in plain(name).split("."):
            letters = [part.strip() for part in piece.split("-")]
            if any(letters):
                parts.append("-".join(f"{part[0]}." for part in letters if part))
    return " ".join(parts)


def typographic(text: str) -> str:
    """Straight apostrophes as the typographer's (O’Brien, therapists’), as APA prints them."""
    return text.replace("'", "\u2019")


def surname(person: Person) -> str:
    return typographic(" ".join(plain(name) for name in person.prelast_names + person.last_names))


def _suffix(person: Person) -> str:
    """A name's suffix ('Jr.', 'III'), printed after the initials (APA 9.8)."""
    return " ".join(plain(name) for name in person.lineage_names)


def _inverted(person: Person) -> str:
    name = ", ".join(part for part in (surname(person), initials(person), _suffix(person)) if part)
    return name


def _direct(person: Person) -> str:
    given = initials(person)
    name = f"{given} {surname(person)}" if given else surname(person)
    return f"{name}, {_suffix(person)}" if _suffix(person) else name


def format_authors(persons: list[Person]) -> str:
    """APA 7 author list: up to 20 names, '&' before the last; beyond 20, the first 19, an
    ellipsis and the last (APA 9.8)."""
    names = [_inverted(person) for person in persons]
    if len(names) == 1:
        return names[0]
    if len(names) > MAX_AUTHORS:
        return ", ".join(names[: MAX_AUTHORS - 1]) + ", \u2026 " + names[-1]
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


def _text(value: str) -> Text:
    """A field as printed: its LaTeX decoded, its apostrophes typographic."""
    decoded = from_latex(value)
    return Text(typographic(str(decoded))) if "'" in str(decoded) else decoded


def _sentence(text: Text) -> Text:
    """End a title-like element with a period unless it ends with its own punctuation."""
    return text if str(text).rstrip().endswith((".", "?", "!")) else Text(text, ".")


_DOI_RE = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_RANGE_RE = re.compile(r"(?<=\w)\s*[-\u2010-\u2015]+\s*(?=\w)")


def doi_address(doi: str) -> str:
    """A DOI as APA prints it (9.34), from any of the forms it is typed in: 'doi:10...',
    'DOI: 10...', 'http://dx.doi.org/10...', 'https://doi.org/10...' or bare."""
    return "https://doi.org/" + _DOI_RE.sub("", doi.strip())


def _doi_or_url(entry: Entry) -> Text | None:
    doi = plain(entry.fields.get("doi", "")).strip()
    if doi:
        url = doi_address(doi)
        return Text(HRef(url, url))
    # An address is not LaTeX: printed and linked exactly as typed (~, % and -- included).
    url = entry.fields.get("url", "").strip()
    if not url:
        return None
    # A bibliography field is contributor text: only a web address becomes a link.
    return Text(HRef(url, url)) if is_safe_url(url) else Text(url)


def _pages(value: str) -> Text:
    """A page range with an en dash, however it was typed (APA 9.26)."""
    return Text(_RANGE_RE.sub("\u2013", plain(value)))


def people(entry: Entry) -> tuple[list[Person], bool]:
    """The persons in the author position, and whether they are editors (APA 9.10)."""
    authors = entry.persons.get("author")
    if authors:
        return authors, False
    return entry.persons.get("editor") or [], bool(entry.persons.get("editor"))


def _author_year(entry: Entry, suffix: str) -> Text:
    persons, editors = people(entry)
    who = format_authors(persons) if persons else None
    year = plain(entry.fields.get("year", "n.d.")) + suffix
    if who and editors:
        who += " (Ed.)." if len(persons) == 1 else " (Eds.)."
    elif who and not who.endswith("."):
        who += "."  # a group author, as "American Psychological Association."
    head = Text(who, " ") if who else Text()
    return Text(head, f"({year}). ")


def _advance(fields: Any) -> bool:
    """In advance of its issue: the entry says so, or nothing locates the article."""
    said = "advance online" in plain(fields.get("note", "")).lower()
    return said or not any(fields.get(name) for name in ("volume", "number", "pages", "eid"))


def _article(entry: Entry) -> list[Text]:
    fields = entry.fields
    source = Text(Tag("em", _text(fields.get("journal", ""))))
    if fields.get("volume"):
        source = Text(source, ", ", Tag("em", _text(fields["volume"])))
    if fields.get("number"):
        issue = Text("(", _text(fields["number"]), ")")
        source = Text(source, issue) if fields.get("volume") else Text(source, ", ", issue)
    if fields.get("eid"):
        source = Text(source, ", Article ", _text(fields["eid"]))
    elif fields.get("pages"):
        source = Text(source, ", ", _pages(fields["pages"]))
    parts = [_sentence(_text(fields.get("title", ""))), Text(source, ".")]
    if _advance(fields):
        parts.append(Text("Advance online publication."))
    return parts


def _book_details(fields: Any, *, pages: bool) -> Text | None:
    """'(2nd ed., Vol. 1, pp. 1–23)' after a book's title: what of it the entry gives."""
    details = []
    if fields.get("edition"):
        details.append(Text(_text(fields["edition"]), " ed."))
    if fields.get("volume"):
        details.append(Text("Vol. ", _text(fields["volume"])))
    if pages and fields.get("pages"):
        details.append(Text("pp. ", _pages(fields["pages"])))
    if not details:
        return None
    return Text("(", Text(", ").join(details), ")")


def _publisher(entry: Entry, name: str = "publisher") -> Text | None:
    """The publisher, unless it is the group author already named (APA 9.24)."""
    publisher = plain(entry.fields.get(name, "")).strip()
    authors = entry.persons.get("author") or []
    if not publisher or (len(authors) == 1 and surname(authors[0]) == publisher):
        return None
    return _sentence(_text(entry.fields[name]))


def _in_book(entry: Entry) -> list[Text]:
    fields = entry.fields
    book = Text(Tag("em", _text(fields.get("booktitle", ""))))
    details = _book_details(fields, pages=True)
    if details is not None:
        book = Text(book, " ", details)
    editors = entry.persons.get("editor")
    lead = Text("In ", format_editors(editors), ", ") if editors else Text("In ")
    parts = [_sentence(_text(fields.get("title", ""))), _sentence(Text(lead, book))]
    publisher = _publisher(entry)
    return [*parts, publisher] if publisher is not None else parts


def _book(entry: Entry) -> list[Text]:
    title = Text(Tag("em", _text(entry.fields.get("title", ""))))
    details = _book_details(entry.fields, pages=False)
    parts = [_sentence(Text(title, " ", details) if details is not None else title)]
    publisher = _publisher(entry)
    return [*parts, publisher] if publisher is not None else parts


def _report(entry: Entry) -> list[Text]:
    fields = entry.fields
    title = Text(Tag("em", _text(fields.get("title", ""))))
    if fields.get("number"):
        report_type = _text(fields.get("type", "Report"))
        title = Text(title, " (", report_type, " No. ", _text(fields["number"]), ")")
    parts = [_sentence(title)]
    publisher = _publisher(entry, "institution" if fields.get("institution") else "publisher")
    return [*parts, publisher] if publisher is not None else parts


_THESES = {"phdthesis": "Doctoral dissertation", "mastersthesis": "Master\u2019s thesis"}


def _thesis(entry: Entry) -> list[Text]:
    """'*Title* [Doctoral dissertation, University].' (APA 10.6)."""
    fields = entry.fields
    kind = plain(fields["type"]) if fields.get("type") else _THESES[entry.type.lower()]
    school = fields.get("school") or fields.get("institution")
    label = Text(kind, ", ", _text(school)) if school else Text(kind)
    return [Text(Tag("em", _text(fields.get("title", ""))), " [", label, "].")]


def _other(entry: Entry) -> list[Text]:
    fields = entry.fields
    parts = [_sentence(Text(Tag("em", _text(fields.get("title", "")))))]
    for name in ("howpublished", "institution", "publisher", "note"):
        if fields.get(name):
            parts.append(_sentence(_text(fields[name])))
    return parts


_BODIES = {
    "article": _article,
    "incollection": _in_book,
    "inbook": _in_book,
    "inproceedings": _in_book,
    "book": _book,
    "techreport": _report,
    "phdthesis": _thesis,
    "mastersthesis": _thesis,
}


def format_reference(entry: Entry, suffix: str = "") -> Text:
    """The APA 7 reference of one entry; `suffix` is its year's letter (`References`)."""
    parts = [_author_year(entry, suffix), *_BODIES.get(entry.type.lower(), _other)(entry)]
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
