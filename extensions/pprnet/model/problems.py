"""What can be wrong with the archive's input: one registry of warning subtypes (pure, no Sphinx).

Every warning of the archive is `pprnet.<subtype>`, in the build (where `-W` fails on it and
`suppress_warnings` can name it) and in `pprnet check`. CONTRIBUTING.md explains each one in
a table, which a test keeps equal to this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Subtype(StrEnum):
    """The subtypes of the archive's warnings."""

    ENCODING = "encoding"
    FRONT_MATTER = "front-matter"
    DATE = "date"
    FUTURE_DATE = "future-date"
    AUTHOR = "author"
    TOPIC = "topic"
    TYPE = "type"
    REFERENCE = "reference"
    CONTACT = "contact"
    TITLE = "title"
    PRACTICE_IMPLICATIONS = "practice-implications"
    PLACEHOLDER = "placeholder"
    CITE = "cite"
    RAW_HTML = "raw-html"
    MARKUP = "markup"
    DIRECTIVE = "directive"
    ROLE = "role"
    LINK = "link"
    FILE = "file"
    PAGE = "page"
    BIB_SYNTAX = "bib-syntax"
    BIB_DUPLICATE = "bib-duplicate"
    BIB_FIELD = "bib-field"
    BIB_UNUSED = "bib-unused"
    CONFIG = "config"
    NEWSLETTER = "newsletter"
    SEARCH = "search"


def decode(data: bytes) -> tuple[str, Problem | None]:
    """A file's text, and the problem at the line of its first byte that is not UTF-8 (the text
    then has a replacement character in its place, and every other line is still read)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"byte 0x{data[error.start]:02x} is not UTF-8: save the file as UTF-8"
        return data.decode("utf-8-sig", "replace"), Problem(Subtype.ENCODING, line, message)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a post or an entry: its subtype, a 1-based line and a message."""

    subtype: Subtype
    line: int
    message: str
