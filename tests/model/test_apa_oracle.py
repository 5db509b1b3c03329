"""The APA formatter against an oracle nobody here wrote: citeproc-js with the APA 7th edition
CSL style, over the corpus in `tests/fixtures/apa/` and the archive's references.bib (its
`generate.mjs` made `expected.json`; no Node is needed here).

Where APA and citeproc-js (or citation-js's conversion of BibTeX) part, EXCEPTIONS rewrites the
oracle's string, naming the section of the APA manual (7th edition) that decides. At most ten.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from pybtex.database import Entry

from pprnet.model.bibfile import read_bibliography
from pprnet.model.intext import Cited, citation_text, format_citation
from pprnet.model.reference_list import References
from support import FIXTURES, PROJECT

ORACLE = FIXTURES / "apa"
EXPECTED = json.loads((ORACLE / "expected.json").read_text(encoding="utf-8"))
ENTRIES: dict[str, Entry] = {
    found.key: found.entry
    for path in (ORACLE / "corpus.bib", PROJECT / "references.bib")
    for found in read_bibliography(path.read_text(encoding="utf-8")).entries.values()
}
REFERENCES = References(ENTRIES)


@dataclass(frozen=True)
class Rewrite:
    section: str  # of the APA Publication Manual, 7th edition
    why: str
    applies: Callable[[str], bool]  # to a key ("reference") or a cluster ("t: key, key")
    rewrite: Callable[[str], str]


def _sub(pattern: str, replacement: str | Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    return lambda text: re.sub(pattern, replacement, text)


def _in(*names: str) -> Callable[[str], bool]:
    return lambda name: name in names


EXCEPTIONS = (
    Rewrite(
        "9.34",
        "a DOI as https://doi.org/ whatever prefix it was typed with",
        lambda key: True,
        _sub(
            r"https://doi\.org/(?:doi:\s*|DOI:\s*|https?://(?:dx\.)?doi\.org/)", "https://doi.org/"
        ),
    ),
    Rewrite(
        "9.35",
        "an address exactly as typed (the oracle escapes its %)",
        _in("nimh2020web"),
        lambda text: text.replace("%252C", "%2C"),
    ),
    Rewrite(
        "10.6",
        "a thesis's kind and school in brackets",
        _in("nilsen2016thesis", "brown2019thesis"),
        lambda text: re.sub(
            r"\[(Phd|Ma)thesis\]\. ([^.]+)\.",
            lambda m: (
                f"[{'Doctoral dissertation' if m[1] == 'Phd' else 'Master’s thesis'}, {m[2]}]."
            ),
            text,
        ),
    ),
    Rewrite(
        "9.24, 10.4",
        "a group author that is also the publisher is not repeated; a "
        "report's number as 'Report No.', its institution as publisher",
        _in("who2017depression", "apa2020manual", "cadth2015report"),
        lambda text: re.sub(
            r"^(.+?)\. \((.*) \1\.", r"\1. (\2", text.replace("(Techreport ", "(Report No. ")
        ).replace("RC0671).", "RC0671). Canadian Agency for Drugs and Technologies in Health."),
    ),
    Rewrite(
        "9.25",
        "a journal numbered by issue only: the issue in parentheses",
        _in("fosha2004issue"),
        lambda text: text.replace("<i>7</i>, 11", "(7), 11"),
    ),
    Rewrite(
        "10.1 (example 7)",
        "'Advance online publication.' when the entry says so or nothing locates the article",
        _in("owen2019advance", "hill2020nothing", "steel2017systematic", "murphy2017therapist"),
        _sub(r"(</i>\.)( https://doi|$)", r"\1 Advance online publication.\2"),
    ),
    Rewrite(
        "10.5",
        "a paper in published proceedings as a chapter of the book",
        _in("gomez2018proceedings"),
        lambda text: text.replace("<i>Proceedings", "In <i>Proceedings").replace(
            "</i>, 44–52.", "</i> (pp. 44–52). Association for Computational Linguistics."
        ),
    ),
    Rewrite(
        "8.19",
        "works of the same authors and year in the order of their letters",
        _in("p: zhou2018b, zhou2018a"),
        lambda text: text.replace("2018b, 2018a", "2018a, 2018b"),
    ),
    Rewrite(
        "9.47",
        "works of the same authors and year lettered by title without a leading "
        "A, An or The (citeproc-js keeps it)",
        _in("lambert2013chapter", "lambert2013efficacy", "t: lambert2013efficacy"),
        _sub(r"2013([ab])", lambda m: "2013" + ("b" if m[1] == "a" else "a")),
    ),
    Rewrite(
        "8.17",
        "'and' between the authors of a narrative citation",
        lambda name: name.startswith("t:"),
        lambda text: text.replace(" & ", " and "),
    ),
)


def oracle(name: str, text: str) -> str:
    text = html.unescape(re.sub(r"</?div[^>]*>", "", text)).strip()
    for exception in EXCEPTIONS:
        if exception.applies(name):
            text = exception.rewrite(text)
    return text


def ours_html(key: str) -> str:
    rendered = REFERENCES.format(key).render_as("html")
    rendered = re.sub(r'<a href="[^"]*">([^<]*)</a>', r"\1", rendered)
    # Braces that protect capitals in BibTeX, a span in pybtex's HTML: not part of the text.
    rendered = re.sub(r'<span class="bibtex-protected">([^<]*)</span>', r"\1", rendered)
    return html.unescape(rendered.replace("<em>", "<i>").replace("</em>", "</i>"))


def test_there_are_at_most_ten_exceptions_each_with_its_apa_section() -> None:
    assert len(EXCEPTIONS) <= 10
    assert all(re.fullmatch(r"\d+\.\d+.*", exception.section) for exception in EXCEPTIONS)


def test_every_entry_of_the_corpus_and_the_archive_is_in_the_oracle() -> None:
    assert set(EXPECTED["references"]) == set(ENTRIES)
    assert len(ENTRIES) >= 60


@pytest.mark.parametrize("key", sorted(EXPECTED["references"]))
def test_reference(key: str) -> None:
    assert ours_html(key) == oracle(key, EXPECTED["references"][key])


def test_reference_list_order() -> None:
    expected = list(EXPECTED["order"])
    chapter, efficacy = expected.index("lambert2013chapter"), expected.index("lambert2013efficacy")
    expected[chapter], expected[efficacy] = expected[efficacy], expected[chapter]  # APA 9.47
    assert REFERENCES.order() == expected


@pytest.mark.parametrize(
    "citation",
    EXPECTED["citations"],
    ids=[f"{c['form']}: {', '.join(c['keys'])}" for c in EXPECTED["citations"]],
)
def test_in_text_citation(citation: dict[str, object]) -> None:
    form, keys = str(citation["form"]), [str(key) for key in citation["keys"]]  # type: ignore[attr-defined]
    parts = format_citation(form, [Cited(key) for key in keys], REFERENCES)
    name = f"{form}: {', '.join(keys)}"
    assert citation_text(parts) == oracle(name, str(citation["text"]))
