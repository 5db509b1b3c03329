"""Parse an APA reference string into a BibTeX entry, and make its key (pure, no Sphinx).

The old blog printed references by hand in roughly APA style: journal articles, chapters in
edited books and books. What this parser cannot read with confidence becomes a `@misc` entry
holding the whole reference in `note`, with notes saying what a reviewer should fix, so that a
reference is never lost or silently mangled.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from pybtex.database import Entry, Person

from pprnet.cli.naming import STOPWORDS, ascii_words

# The year in parentheses after the authors, or after "(Ed.)." for an edited book.
HEAD_RE = re.compile(
    r"^(?P<authors>[^()]+?)\s*(?:\((?P<editors>Eds?)\.\)\.?\s*)?"
    r"\((?P<year>\d{4}[a-z]?|n\.\s?d\.|in press)(?:,[^()]*)?\)\.\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# A DOI or web address ends a reference as its last word ("doi: 10..." as its last two). Each
# pattern is matched against that word only, never searched for: a search whose pattern
# starts with a run of punctuation retries the run from each of its characters (quadratic).
DOI_RE = re.compile(r"(?:doi:|https?://(?:dx\.)?doi\.org/)(?P<doi>10\.\d{4,9}/\S+?)\.?", re.I)
URL_RE = re.compile(r"(?P<url>https?://\S+?)\.?", re.IGNORECASE)
ADVANCE_RE = re.compile(r"Advance online publication\.?$", re.IGNORECASE)
SEPARATORS = " ,.;"
SENTENCE_END_RE = re.compile(r"(?<=[.?!])\s+")
# What follows a journal's name: ", 72(4), 311-325." Searched for once; the journal is the
# text between the last sentence end before it and it.
JOURNAL_TAIL_RE = re.compile(
    r",\s*(?P<volume>\d+)\s*(?:\((?P<number>[^()]+)\))?"
    r"(?:,\s*(?P<pages>(?:Article\s+)?[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?))?\.?$"
)
CHAPTER_START_RE = re.compile(r"(?<=[.?!])\s+In\s+")
EDITORS_RE = re.compile(r"^(?P<editors>[^()]+?)\s*\((?P<label>Eds?)\.\)[.,:]?\s*(?P<rest>.*)$")
BOOK_LOCATOR_RE = re.compile(r"^(?P<book>.+?)\s*\((?P<locator>[^()]*)\)\.\s*(?P<publishing>.*)$")
PAGES_RE = re.compile(r"\bpp?\.\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)")
CHAPTER_RE = re.compile(r"\b(?:Ch\.|Chapter)\s*(?P<chapter>\d+)", re.IGNORECASE)
VOLUME_RE = re.compile(r"\bVol\.\s*(?P<volume>\d+)", re.IGNORECASE)
LOCATOR_EDITION_RE = re.compile(r"(?P<edition>\d+(?:st|nd|rd|th)|Rev\.)\s+ed\.", re.IGNORECASE)
EDITION_RE = re.compile(r"^(?P<title>.+?)\s*\((?P<edition>[^()]*?)\s+ed\.\)$")
INITIALS_RE = re.compile(r"^(?:[^\W\d_]{1,2}\.\s*(?:-\s*)?)+$")
LEADING_INITIALS_RE = re.compile(r"^(?P<initials>(?:[^\W\d_]{1,2}\.\s*(?:-\s*)?)+)\s*(?P<name>.+)$")
# A word of a title between its opening and closing punctuation (quotes of either style).
WORD_RE = re.compile(
    "^(?P<lead>[([\u201c\u2018\"']*)(?P<core>.*?)(?P<tail>[.,:;?!)\\]\u201d\u2019\"']*)$"
)
# An organisation as author: words of two letters or more, "American Psychological Association."
GROUP_AUTHOR_RE = re.compile(r"^(?:[^\W\d_][\w'-]+|&)(?: (?:[^\W\d_][\w'-]+|&))*\.?$")
ELLIPSIS_RE = re.compile(r"(?:\.\s?\.\s?\.|…)")
# Words a publisher's name has and a journal's has not: "City: Publisher" is a book's too.
PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|Publish\w*|Books?|Association|University|Wiley|Routledge|Guilford|Springer|"
    r"Sage|Elsevier|Norton|Erlbaum|Karnac|Jossey)\b"
)
# The archive's entries list their fields in this order (see references.bib).
FIELD_ORDER = (
    "year", "title", "journal", "booktitle", "editor", "edition", "volume", "number",
    "chapter", "pages", "publisher", "address", "doi", "url", "note",
)  # fmt: skip


@dataclass(frozen=True)
class ParsedReference:
    """A reference as a BibTeX entry; `notes` say what a reviewer should check."""

    text: str
    entry: Entry
    notes: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether the reference was understood (not the @misc fallback)."""
        return str(self.entry.type) != "misc"


def latex_escape(text: str) -> str:
    """A field value that pybtex and BibTeX read back as the same text."""
    text = text.replace("\\", "\\textbackslash{}").replace("%", "\\%").replace("&", "\\&")
    return text.replace("~", "\\textasciitilde{}")


def protect_capitals(title: str) -> str:
    """Brace the capitalised words after the first, as BibTeX styles would lowercase them."""
    words = re.split(r"(\s+)", title)
    for index, word in enumerate(words):
        match = WORD_RE.match(word)
        if match is None or not match["core"]:
            continue
        core = match["core"]
        uppers = sum(char.isupper() for char in core)
        if uppers and (index > 0 or uppers > 1 or not core[0].isupper()):
            words[index] = f"{match['lead']}{{{core}}}{match['tail']}"
    return "".join(words)


def parse_names(text: str) -> list[str] | None:
    """'Steel, C., Macdonald, J., & Schroder, T.' -> ['Steel, C.', ...]; None if unreadable."""
    text = re.sub(r"\s*,?\s*(?:&|\band\b)\s*", ", ", text.strip())
    tokens = [token.strip() for token in text.split(",") if token.strip()]
    names: list[str] = []
    index = 0
    while index < len(tokens):
        surname = tokens[index]
        if INITIALS_RE.match(surname) or not any(char.isalpha() for char in surname):
            return None
        if index + 1 >= len(tokens) or not INITIALS_RE.match(tokens[index + 1]):
            return None
        names.append(f"{surname}, {_initials(tokens[index + 1])}")
        index += 2
    return names or None


def parse_direct_names(text: str) -> list[str] | None:
    """Editors as APA prints them, 'L. G. Castonguay and C. E. Hill', in BibTeX order."""
    parts = re.split(r"\s*(?:,\s*(?:&|\band\b)?|&|\band\b)\s*", text.strip())
    names: list[str] = []
    for part in filter(None, parts):
        match = LEADING_INITIALS_RE.match(part)
        if match is None:
            if INITIALS_RE.match(part) or len(part.split()) > 1:
                return None
            names.append(part)
        else:
            names.append(f"{match['name'].strip()}, {_initials(match['initials'])}")
    return names or None


def _initials(text: str) -> str:
    """'R.P.' -> 'R. P.'; 'J.-P.' stays."""
    spaced = re.sub(r"\.(?=[^\W\d_])", ". ", text.strip())
    return re.sub(r"\s*-\s*", "-", " ".join(spaced.split()))


def _pages(text: str) -> str:
    return re.sub(r"\s*[-–—]+\s*", "--", text.strip())


def _split_publishing(text: str) -> dict[str, str]:
    """'Washington: American Psychological Association.' -> address and publisher."""
    text = text.strip().rstrip(".")
    if not text:
        return {}
    address, colon, publisher = text.partition(":")
    if colon and address.strip() and publisher.strip():
        return {"publisher": publisher.strip(), "address": address.strip()}
    return {"publisher": text}


def parse_reference(text: str) -> ParsedReference:
    """The entry for an APA reference; an unreadable one becomes @misc with the text in note."""
    text = " ".join(text.split())
    if not _balanced(text):
        text = text.replace("{", "(").replace("}", ")")
        return _misc(text, None, None, "unbalanced braces, replaced by parentheses")
    head = HEAD_RE.match(text)
    if head is None:
        return _misc(text, None, None, "no 'Authors (year).' at its start")
    notes: list[str] = []
    authors_text = head["authors"]
    if ELLIPSIS_RE.search(authors_text):
        authors_text = ELLIPSIS_RE.sub(",", authors_text)
        notes.append("the author list is abridged ('…'): complete it")
    names = parse_names(authors_text)
    if names is None and GROUP_AUTHOR_RE.match(authors_text):
        names = ["{" + authors_text.strip().rstrip(".") + "}"]  # a group author
    year = re.sub(r"^n\.\s?d\.$", "n.d.", head["year"].lower())
    if names is None:
        return _misc(text, None, year, "authors not in the form 'Surname, A. B., & Surname, C.'")
    if not year[:4].isdigit():
        notes.append(f"no year of publication ({year})")
    role = "editor" if head["editors"] else "author"
    rest = head["rest"]
    fields: dict[str, str] = {"year": year[:4] if year[:4].isdigit() else year}  # 2017a: 2017
    link = _trailing_link(rest)
    if link is not None:
        name, value, rest = link
        fields[name] = value
    advance = ADVANCE_RE.search(rest)
    if advance is not None:
        fields["note"] = "Advance online publication"
        rest = rest[: advance.start()].rstrip(SEPARATORS)
    rest = rest.strip()
    for parse in (_chapter, _article, _book):
        found = parse(rest, fields, role == "editor")
        if found is not None:
            entry_type, more = found
            break
    else:
        return _misc(text, names, year, "title and source not recognised")
    fields.update(more)
    if "{" in text or "}" in text:
        notes.append("braces in the reference were kept as BibTeX groups: check them")
    people = {role: [Person(name) for name in names]}
    if entry_type == "incollection" and "editor" in fields:
        people["editor"] = [Person(name) for name in fields.pop("editor").split(" and ")]
    ordered = {name: fields[name] for name in FIELD_ORDER if fields.get(name)}
    entry = Entry(entry_type, fields=ordered, persons=people)
    return ParsedReference(text, entry, tuple(notes))


def _trailing_link(rest: str) -> tuple[str, str, str] | None:
    """The DOI or the web address that ends a reference: its field, its value, and the text
    before it. The reference's whitespace is single spaces (`parse_reference`)."""
    words = rest.strip().split(" ")
    last = words[-1].lstrip(SEPARATORS)
    spaced = len(words) > 1 and words[-2].casefold() == "doi:"  # "doi: 10.1037/..."
    doi = DOI_RE.fullmatch(f"doi:{last}" if spaced else last)
    if doi is not None:
        return "doi", doi["doi"], " ".join(words[: -2 if spaced else -1]).rstrip(SEPARATORS)
    url = URL_RE.fullmatch(last)
    if url is None:
        return None
    before = words[:-1]
    if [word.casefold() for word in before[-2:]] == ["retrieved", "from"]:
        before = before[:-2]
    return "url", url["url"], " ".join(before).rstrip(SEPARATORS)


def _balanced(text: str) -> bool:
    """Whether braces nest: BibTeX reads any other brace as the end of the field."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _title(text: str) -> str:
    """The title field: a trailing period dropped, capitals protected, LaTeX escaped."""
    return protect_capitals(latex_escape(text.strip().removesuffix(".").strip()))


def _chapter(rest: str, fields: dict[str, str], edited: bool) -> tuple[str, dict[str, str]] | None:
    """'Title. In A. Editor (Ed.), Book (pp. 1-20). City: Publisher.'"""
    start = CHAPTER_START_RE.search(rest)
    if start is None or edited:
        return None
    found = {"title": _title(rest[: start.start()])}
    after = rest[start.end() :]
    editors = EDITORS_RE.match(after)
    if editors is not None:
        names = parse_direct_names(editors["editors"])
        if names is None:
            return None
        found["editor"] = " and ".join(names)
        after = editors["rest"]
    located = BOOK_LOCATOR_RE.match(after)
    if located is not None:
        book, publishing = located["book"], located["publishing"]
        locator = located["locator"]
        for pattern, name in (
            (PAGES_RE, "pages"),
            (CHAPTER_RE, "chapter"),
            (VOLUME_RE, "volume"),
            (LOCATOR_EDITION_RE, "edition"),
        ):
            match = pattern.search(locator)
            if match is not None:
                found[name] = _pages(match[name]) if name == "pages" else match[name]
        if not any(name in found for name in ("pages", "chapter", "volume")):
            book = f"{book} ({locator})"
    else:
        parts = SENTENCE_END_RE.split(after)
        book = " ".join(parts[:-1]) if len(parts) > 1 else after
        publishing = parts[-1] if len(parts) > 1 else ""
    found["booktitle"] = latex_escape(book.strip().removesuffix("."))
    found.update({k: latex_escape(v) for k, v in _split_publishing(publishing).items()})
    return "incollection", found


def _article(rest: str, fields: dict[str, str], edited: bool) -> tuple[str, dict[str, str]] | None:
    """'Title. Journal, 72(4), 311-325.' or, when in advance or with a DOI, 'Title. Journal.'"""
    if edited:
        return None
    ends = [boundary.span() for boundary in SENTENCE_END_RE.finditer(rest)]
    tail = JOURNAL_TAIL_RE.search(rest)
    before_tail = [span for span in ends if tail is not None and span[1] < tail.start()]
    if tail is not None and before_tail:
        (title_end, journal_start), match = before_tail[-1], tail
        found = {
            "title": _title(rest[:title_end]),
            "journal": latex_escape(rest[journal_start : tail.start()].strip()),
            "volume": match["volume"],
        }
        if match["number"]:
            found["number"] = latex_escape(match["number"].strip())
        if match["pages"]:
            found["pages"] = _pages(match["pages"].removeprefix("Article").strip())
        return "article", found
    if (
        "doi" in fields or "note" in fields
    ) and ends:  # "Title. Journal." in advance, or with a DOI
        (title_end, journal_start) = ends[-1]
        journal = rest[journal_start:].strip().removesuffix(".")
        if journal and not PUBLISHER_WORDS.search(journal):
            return "article", {"title": _title(rest[:title_end]), "journal": latex_escape(journal)}
    return None


def _book(rest: str, fields: dict[str, str], edited: bool) -> tuple[str, dict[str, str]] | None:
    """'Title (2nd ed.). City: Publisher.' or 'Title. Publisher.'"""
    parts = SENTENCE_END_RE.split(rest)
    if len(parts) < 2:
        return None
    title, publishing = " ".join(parts[:-1]), parts[-1]
    if not edited and ":" not in publishing and not PUBLISHER_WORDS.search(publishing):
        return None
    found: dict[str, str] = {}
    title = title.strip().removesuffix(".")
    edition = EDITION_RE.match(title)
    if edition is not None:
        title = edition["title"]
        found["edition"] = latex_escape(edition["edition"])
    found["title"] = _title(title)
    found.update({k: latex_escape(v) for k, v in _split_publishing(publishing).items()})
    return "book", found


def _misc(text: str, names: list[str] | None, year: str | None, why: str) -> ParsedReference:
    fields = {"note": latex_escape(text)}
    if year and year[:4].isdigit():
        fields = {"year": year[:4], **fields}
    persons = {"author": [Person(name) for name in names]} if names else {}
    entry = Entry("misc", fields=fields, persons=persons)
    return ParsedReference(text, entry, (f"reference not parsed ({why}): kept whole in note",))


def _ascii_word(text: str) -> str:
    return "".join(ascii_words(text))


def _plain(value: str) -> str:
    return re.sub(r"\\[a-z]+\{\}|[{}\\]", "", value)


def make_key(entry: Entry, taken: Collection[str]) -> str:
    """'steel2017systematic': surname, year, first significant title word; unique in `taken`.

    `taken` holds case-folded keys; a clash gets a suffix b, c, ... as APA does for years.
    """
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    if persons:
        surname = _ascii_word("".join(persons[0].prelast_names + persons[0].last_names))
    else:
        surname = _ascii_word(str(entry.fields.get("note", "")).split(" ")[0])
    year = _ascii_word(str(entry.fields.get("year", ""))) or "nd"
    title = str(entry.fields.get("title", ""))
    if not title:
        # A @misc entry: the words after "(year)." of the reference in its note.
        title = str(entry.fields.get("note", "")).partition(").")[2]
    words = (_ascii_word(word) for word in _plain(title).split())
    word = next((word for word in words if word and word not in STOPWORDS), "")
    base = f"{surname or 'anonymous'}{year}{word}"
    if base not in taken:
        return base
    for suffix in "bcdefghijklmnopqrstuvwxyz":
        if base + suffix not in taken:
            return base + suffix
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def format_entry(key: str, entry: Entry) -> str:
    """The entry as references.bib lays it out: two-space indent, one field per line."""
    values = {name: str(value) for name, value in entry.fields.items()}
    for role, people in entry.persons.items():
        values[role.lower()] = " and ".join(str(person) for person in people)
    # The editors of an edited book lead its entry, as its authors would.
    lead = "author" if "author" in values else "editor"
    order = [lead, *(name for name in FIELD_ORDER if name != lead)]
    order += sorted(set(values) - set(order))
    lines = [f"  {name} = {{{values[name]}}}," for name in order if name in values]
    lines[-1] = lines[-1].removesuffix(",")
    return "\n".join([f"@{entry.type}{{{key},", *lines, "}"]) + "\n"
