"""The summarised article of a new post: a key of references.bib, or a new entry read from a
file or the terminal, checked against the bibliography, laid out as the file lays out its
entries and appended to it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexError

from pprnet.model.bibfile import Bibliography, read_bibliography
from pprnet.model.problems import Subtype


class InputError(Exception):
    """A value given or typed cannot be used; the message says why."""


@dataclass(frozen=True)
class Article:
    """The summarised article: a key of references.bib (maybe a new entry), or none."""

    key: str | None
    new_entry: str | None = None


def parse_reference(key: str, bib: Bibliography) -> Article:
    entry = bib.get(key.strip())
    if entry is None:
        raise InputError(
            f"{key.strip()!r} is not a key of references.bib; give the entry with --bibtex"
        )
    return Article(entry.key)


def parse_article_answer(text: str, bib: Bibliography) -> Article:
    answer = text.strip()
    if answer == "none":
        return Article(None)
    if answer == "-":
        return read_bibtex("-", bib, interactive=True)
    return parse_reference(answer, bib)


def read_bibtex(name: str, bib: Bibliography, interactive: bool) -> Article:
    """A new entry from a file or standard input, checked against references.bib."""
    if any(problem.subtype == Subtype.BIB_SYNTAX for problem in bib.problems):
        # An entry appended after an unclosed one would be swallowed by it.
        raise InputError("references.bib has syntax errors; 'pprnet check' shows where")
    if name == "-":
        source = "stdin"
        text = read_pasted_entry() if interactive else sys.stdin.read()
    else:
        source = name
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read {name}: {error}") from None
    return parse_bibtex(text, source, bib)


def read_pasted_entry() -> str:
    """Lines typed or pasted on the terminal, up to the brace that closes the entry."""
    print("Paste the BibTeX entry (it ends at its closing brace):", file=sys.stderr)
    lines: list[str] = []
    while True:
        lines.append(input())
        text = "\n".join(lines) + "\n"
        if "{" in text and text.count("{") <= text.count("}"):
            return text


def parse_bibtex(text: str, source: str, bib: Bibliography) -> Article:
    """The one entry of a BibTeX text, formatted as references.bib lays entries out."""
    parsed = read_bibliography(text)
    if parsed.problems:
        raise InputError(
            "\n".join(
                f"{source}:{p.line}: {p.message} [pprnet.{p.subtype}]" for p in parsed.problems
            )
        )
    if len(parsed.entries) != 1:
        raise InputError(f"{source} holds {len(parsed.entries)} BibTeX entries; give exactly one")
    new = next(iter(parsed.entries.values()))
    earlier = bib.get(new.key)
    if earlier is not None:
        raise InputError(
            f"key {new.key!r} is already used by {earlier.key!r} on line {earlier.line} of "
            f"references.bib (keys compare case-insensitively); cite it with --reference "
            f"{earlier.key}, or give the new entry another key"
        )
    return Article(new.key, format_entry(text))


def format_entry(text: str) -> str:
    """An entry with two-space indent and one field per line, in its own field order."""
    try:
        # Person fields parsed as text keep their place and spelling among the fields.
        data = Parser(person_fields=()).parse_string(text)
    except PybtexError as error:  # read_bibliography accepted it; kept for a clear message
        raise InputError(f"cannot parse entry: {error}") from None
    key, entry = next(iter(data.entries.items()))
    fields = [f"  {name.lower()} = {{{value}}}" for name, value in entry.fields.items()]
    body = ",\n".join(fields)
    formatted = f"@{entry.original_type.lower()}{{{key},\n{body}\n}}\n"
    # The formatted entry must read back as the same entry, or it is not appended.
    again = read_bibliography(formatted)
    if again.problems or [e.key for e in again.entries.values()] != [key]:
        raise InputError(f"entry {key!r} cannot be written back as BibTeX; check its braces")
    return formatted


def append_entry(path: Path, entry: str) -> None:
    """Append an entry after a blank line, as the file separates its entries."""
    text = path.read_text(encoding="utf-8")
    if not text.strip() or text.endswith("\n\n"):
        separator = ""
    elif text.endswith("\n"):
        separator = "\n"
    else:
        separator = "\n\n"
    with path.open("a", encoding="utf-8") as file:
        file.write(separator + entry)
