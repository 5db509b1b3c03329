"""What the archive holds, and what an import adds, to recognise a summary seen before."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import Entry


@dataclass
class Holdings:
    """What the archive holds, and what this run adds, to recognise a summary seen before."""

    entries: dict[str, tuple[str, Entry]] = field(default_factory=dict)  # folded key -> entry
    post_of_key: dict[str, str] = field(default_factory=dict)  # folded key -> post
    post_of_title: dict[str, str] = field(default_factory=dict)  # normalised title -> post
    files: set[Path] = field(default_factory=set)

    def add_entry(self, key: str, entry: Entry) -> None:
        self.entries[key.casefold()] = (key, entry)

    def add_post(self, where: str, title: str, key: str | None, path: Path) -> None:
        if normal_title(title):
            self.post_of_title.setdefault(normal_title(title), where)
        if key:
            self.post_of_key.setdefault(key.casefold(), where)
        self.files.add(path)

    def keys(self) -> dict[str, str]:
        """Each key case-folded, with its spelling (as `Bibliography.keys`)."""
        return {folded: key for folded, (key, _) in self.entries.items()}


def normal_title(title: str) -> str:
    """A title compared case-insensitively, without punctuation or quote style."""
    return " ".join(re.sub(r"[\W_]+", " ", _plain(title).casefold()).split())


def _plain(value: str) -> str:
    """BibTeX field text without braces and escapes, enough to compare titles and DOIs."""
    value = re.sub(r"\\textbackslash\{\}", "\\\\", value)
    value = re.sub(r"\\textasciitilde\{\}", "~", value)
    return re.sub(r"\\([%&#$_])", r"\1", value).replace("{", "").replace("}", "")


def doi_of(value: str) -> str:
    value = _plain(value).strip().casefold()
    return re.sub(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", "", value)


def surname_of(entry: Entry) -> str:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    if not persons:
        return ""
    name = "".join(persons[0].prelast_names + persons[0].last_names)
    return re.sub(r"[\W_]+", "", _plain(name).casefold())
