"""RIS export of a bibliography entry, for reference managers (pure, no Sphinx)."""

from __future__ import annotations

from pybtex.database import Entry, Person

from pprnet.model.apa import plain as _plain

_TYPES = {
    "article": "JOUR",
    "incollection": "CHAP",
    "inbook": "CHAP",
    "book": "BOOK",
    "inproceedings": "CPAPER",
    "techreport": "RPRT",
    "phdthesis": "THES",
    "mastersthesis": "THES",
}
_FIELDS = (
    ("volume", "VL"),
    ("number", "IS"),
    ("publisher", "PB"),
    ("address", "CY"),
    ("edition", "ET"),
    ("url", "UR"),
)


def _name(person: Person) -> str:
    surname = " ".join(_plain(name) for name in person.prelast_names + person.last_names)
    given = " ".join(_plain(name) for name in person.first_names + person.middle_names)
    return f"{surname}, {given}" if given else surname


def to_ris(entry: Entry) -> str:
    """One RIS record (CRLF line ends are not required by current reference managers)."""
    fields = entry.fields
    lines = [f"TY  - {_TYPES.get(entry.type.lower(), 'GEN')}"]
    lines += [f"AU  - {_name(person)}" for person in entry.persons.get("author", [])]
    lines += [f"A2  - {_name(person)}" for person in entry.persons.get("editor", [])]
    if fields.get("year"):
        lines.append(f"PY  - {_plain(fields['year'])}")
    lines.append(f"TI  - {_plain(fields.get('title', ''))}")
    container = fields.get("journal") or fields.get("booktitle")
    if container:
        lines.append(f"T2  - {_plain(container)}")
    for field, tag in _FIELDS:
        if fields.get(field):
            lines.append(f"{tag}  - {_plain(fields[field])}")
    if fields.get("pages"):
        start, _, end = _plain(fields["pages"]).partition("–")
        lines.append(f"SP  - {start.strip()}")
        if end.strip():
            lines.append(f"EP  - {end.strip()}")
    if fields.get("doi"):
        lines.append(f"DO  - {_plain(fields['doi'])}")
    if fields.get("note"):
        lines.append(f"N1  - {_plain(fields['note'])}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"
