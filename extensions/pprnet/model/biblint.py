"""What an entry of `references.bib` must hold for its APA reference to be complete (pure, no
Sphinx): the fields its type needs, and a DOI that is a DOI. Errors, in the build and in
`pprnet check` alike. And a notice, for `pprnet check` only, for an entry still "in advance"
long after it appeared: the article has most likely been published in an issue since."""

from __future__ import annotations

import datetime as dt
import re

from pybtex.database import Entry

from pprnet.model.apa import plain
from pprnet.model.problems import Problem, Subtype

# The fields without which APA's reference of each type has a hole (APA 9.4: author, date,
# title and source; the source of each type is what it names here).
REQUIRED = {
    "article": ("title", "journal"),
    "book": ("title", "publisher"),
    "incollection": ("title", "booktitle", "publisher"),
    "inbook": ("title", "booktitle", "publisher"),
    "inproceedings": ("title", "booktitle"),
    "phdthesis": ("title", "school"),
    "mastersthesis": ("title", "school"),
    "techreport": ("title", "institution"),
}
DOI_PREFIX_RE = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
DOI_RE = re.compile(r"10\.\d{4,9}/\S+")
ADVANCE_YEARS = 2


def field_line(source: str, start: int, name: str) -> int:
    """The line of field `name` in an entry's text that starts on line `start` (the entry's
    first line when the field is not there)."""
    match = re.search(rf"^\s*{re.escape(name)}\s*=", source, re.MULTILINE | re.IGNORECASE)
    return start + source.count("\n", 0, match.start()) if match else start


def lint_entry(entry: Entry, source: str, line: int) -> list[Problem]:
    """The fields missing for the entry's type, and a DOI that is not one; `source` is the
    entry's text, which starts on line `line`."""
    problems: list[Problem] = []
    kind = entry.type.lower()
    missing = [name for name in REQUIRED.get(kind, ()) if not _value(entry, name)]
    if missing:
        names = " and ".join(f"'{name}'" for name in missing)
        them = "them" if len(missing) > 1 else "it"
        message = f"@{kind} entry without {names}: its APA reference needs {them}"
        problems.append(Problem(Subtype.BIB_FIELD, line, message))
    doi = _value(entry, "doi")
    if doi and not DOI_RE.fullmatch(DOI_PREFIX_RE.sub("", doi)):
        message = (
            f"doi {doi!r} is not a DOI: write it as 10.xxxx/... "
            "(with or without https://doi.org/ before it)"
        )
        problems.append(Problem(Subtype.BIB_FIELD, field_line(source, line, "doi"), message))
    return problems


def _value(entry: Entry, name: str) -> str:
    return plain(entry.fields.get(name, "")).strip()


def advance_notice(entry: Entry, today: dt.date) -> str | None:
    """A notice for an article "in advance" for more than two years, or None."""
    note, year = _value(entry, "note").lower(), _value(entry, "year")
    if "advance online" not in note or not year.isdigit():
        return None
    if today.year - int(year) <= ADVANCE_YEARS:
        return None
    return (
        f"'Advance online publication' since {year}: now published? add its volume, issue and "
        "pages, and remove the note"
    )
