from __future__ import annotations

from pybtex.database.input.bibtex import Parser

from pprnet.model.bibfile import read_bibliography
from support import PROJECT

REFERENCES = PROJECT / "references.bib"

ENTRY = (
    "@article{{{key},\n  author = {{Doe, J.}},\n  title = {{T}}, journal = {{J}},\n"
    "  year = {{2020}}\n}}\n"
)


def test_the_archive_bibliography_reads_without_problems() -> None:
    bib = read_bibliography(REFERENCES.read_text(encoding="utf-8"))
    assert bib.problems == []
    assert len(bib.entries) == 6


def test_a_duplicate_key_names_both_lines_and_keeps_later_entries() -> None:
    text = ENTRY.format(key="doe2020") + ENTRY.format(key="Doe2020") + ENTRY.format(key="roe2021")
    bib = read_bibliography(text)
    assert [(p.subtype, p.line) for p in bib.problems] == [("bib-duplicate", 6)]
    assert "line 1" in bib.problems[0].message
    assert "roe2021" in bib and "doe2020" in bib


def test_a_syntax_error_is_located_and_does_not_hide_other_entries() -> None:
    text = (
        ENTRY.format(key="a")
        + "@article{b,\n  title = {T} year = 2020\n}\n"
        + ENTRY.format(key="c")
    )
    bib = read_bibliography(text)
    assert [(p.subtype, p.line) for p in bib.problems] == [("bib-syntax", 6)]
    assert "a" in bib and "c" in bib and "b" not in bib


def test_an_unclosed_entry_is_located() -> None:
    bib = read_bibliography(ENTRY.format(key="a") + "@book{b,\n  title = {T\n")
    assert [(p.subtype, p.line) for p in bib.problems] == [("bib-syntax", 6)]


def test_an_entry_inside_a_comment_is_read_as_pybtex_reads_it() -> None:
    # `@comment` is only a word in BibTeX: what its braces hold is read, so an entry there
    # is shown by the bibliography, and must be checked like any other.
    text = (
        "@comment{@misc{hidden2020,\n  title = {Hidden},\n  year = {2020}\n}}\n"
        "@comment{a note, with {braces}}\n"
        '@preamble{"@article{inpreamble, title={P}}"}\n'
        "@misc{shown2021,\n  title = {Shown},\n  year = {2021}\n}\n"
    )
    bib = read_bibliography(text)
    assert sorted(entry.key for entry in bib.entries.values()) == ["hidden2020", "shown2021"]
    assert sorted(Parser().parse_string(text).entries) == ["hidden2020", "shown2021"]
    assert bib.get("hidden2020") is not None and bib.get("hidden2020").line == 1
