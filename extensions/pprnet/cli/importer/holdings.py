"""What the archive holds, and what an import adds, to recognise a summary seen before."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
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
    # The entries by DOI and by title, so that recognising a work costs the same whatever the
    # size of the archive (an import of thousands of summaries stays linear).
    key_of_doi: dict[str, str] = field(default_factory=dict)
    keys_of_title: dict[str, list[str]] = field(default_factory=dict)

    def add_entry(self, key: str, entry: Entry) -> None:
        self.entries[key.casefold()] = (key, entry)
        doi = doi_of(str(entry.fields.get("doi", "")))
        if doi:
            self.key_of_doi.setdefault(doi, key)
        title = normal_title(str(entry.fields.get("title", "")))
        if title:
            self.keys_of_title.setdefault(title, []).append(key)

    def add_post(self, where: str, title: str, key: str | None, path: Path) -> None:
        if normal_title(title):
            self.post_of_title.setdefault(normal_title(title), where)
        if key:
            self.post_of_key.setdefault(key.casefold(), where)
        self.files.add(path)

    def keys(self, adding: str | None = None) -> Mapping[str, str]:
        """Each key case-folded, with its spelling (as `Bibliography.keys`), and the key
        `adding` about to be added: a view, not a copy (an import checks one post at a time)."""
        return _Spellings(self.entries, {adding.casefold(): adding} if adding else {})


@dataclass(frozen=True)
class _Spellings(Mapping[str, str]):
    entries: dict[str, tuple[str, Entry]]
    adding: dict[str, str]

    def __getitem__(self, folded: str) -> str:
        return self.adding[folded] if folded in self.adding else self.entries[folded][0]

    def __iter__(self) -> Iterator[str]:
        yield from self.adding
        yield from (folded for folded in self.entries if folded not in self.adding)

    def __len__(self) -> int:
        return len(self.entries) + sum(folded not in self.entries for folded in self.adding)


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
