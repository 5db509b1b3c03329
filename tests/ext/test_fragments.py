"""Snapshots of the rendered HTML fragments readers rely on, one per fixture file.

The `test-archive` root is built once; each test selects one fragment of one page (never a whole
page), normalises it and compares it with `tests/ext/fragments/NAME.html`.

To create or update the fixture files after an intended change of the rendering, run

    PPRNET_UPDATE_FRAGMENTS=1 .venv/bin/python -m pytest tests/ext/test_fragments.py

which writes them instead of comparing, and review their diff before committing.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString, PageElement

from support import PROJECT, ROOTS, BuildResult, sphinx_build

FRAGMENTS_DIR = Path(__file__).parent / "fragments"
MODULE = Path(__file__).relative_to(PROJECT)
UPDATE = os.environ.get("PPRNET_UPDATE_FRAGMENTS") == "1"

# The empathy post has the most to show: a summarised reference, two topics, a narrative and a
# parenthetical citation, a contact. The alliance post's entries add a DOI link.
EMPATHY = "posts/2021/05-empathy.html"
FRAGMENTS: dict[str, tuple[str, str]] = {
    "post-practice-implications": (EMPATHY, '[role="main"] .pprnet-practice-implications'),
    "post-header": (EMPATHY, '[role="main"] .pprnet-post-header'),
    # The summary's paragraph with a narrative and a parenthetical in-text citation.
    "post-citations": (EMPATHY, '[role="main"] section > p:has(.bibtex-citation)'),
    "post-references": (EMPATHY, '[role="main"] section.pprnet-references'),
    "post-cite-this": (EMPATHY, '[role="main"] .pprnet-cite-this'),
    "topic-digest-entry": ("topics/empathy.html", "section.pprnet-digest-entry"),
    "type-digest-entry": (
        "types/meta-analysis.html",
        "section.pprnet-digest-entry#posts-2020-03-alliance",
    ),
    "bibliography-entry": (
        "bibliography.html",
        "li.pprnet-bibliography-entry#ref-fluckiger2018alliance",
    ),
}

BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
VOID = frozenset({"br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})
# HTML's whitespace, which a browser collapses; not Python's \s, which includes no-break spaces.
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _escape(text: str, *, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _start_tag(tag: Tag) -> str:
    attrs = ""
    for name, value in tag.attrs.items():
        text = " ".join(value) if isinstance(value, list) else str(value)
        attrs += f' {name}="{_escape(text, quote=True)}"'
    return f"<{tag.name}{attrs}>"


def _is_block(tag: Tag) -> bool:
    return tag.name in BLOCK or tag.find(list(BLOCK)) is not None


def _inline(node: PageElement) -> str:
    if isinstance(node, Comment):
        return f"<!--{node}-->"
    if isinstance(node, NavigableString):
        return _escape(HTML_SPACE.sub(" ", str(node)))
    assert isinstance(node, Tag)
    if node.name in VOID:
        return _start_tag(node)
    inner = "".join(_inline(child) for child in node.children)
    return f"{_start_tag(node)}{inner}</{node.name}>"


def _lines(tag: Tag, depth: int) -> list[str]:
    pad = "  " * depth
    if tag.name == "pre":
        return [pad + tag.decode()]  # its whitespace is content
    if tag.name in VOID:
        return [pad + _start_tag(tag)]
    lines = [pad + _start_tag(tag)]
    run: list[str] = []

    def flush() -> None:
        # Whitespace at a block's edges is invisible; inside a run it is kept, collapsed.
        text = "".join(run).strip(" ")
        if text:
            lines.append(pad + "  " + text)
        run.clear()

    for child in tag.children:
        if isinstance(child, Tag) and _is_block(child):
            flush()
            lines.extend(_lines(child, depth + 1))
        else:
            run.append(_inline(child))
    flush()
    lines.append(f"{pad}</{tag.name}>")
    return lines


def normalise(fragment: Tag) -> str:
    """The fragment with each block on its own indented line and each run of inline content on
    one line, its whitespace collapsed as a browser shows it; text and attributes unchanged.

    Unlike `prettify()`, it keeps the difference between `</em>, <em>` and `</em> ,<em>`.
    """
    return "\n".join(_lines(fragment, 0)) + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The `test-archive` root, built once for the module, without warnings."""
    result = sphinx_build(ROOTS / "test-archive", tmp_path_factory.mktemp("fragments"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result


def test_normalise_keeps_what_a_reader_sees() -> None:
    def run(html: str) -> str:
        tag = BeautifulSoup(html, "html.parser").p
        assert tag is not None
        return normalise(tag)

    assert (
        run("<p>\n  <em>A</em>,\n <em>5</em>(4)</p>") == "<p>\n  <em>A</em>, <em>5</em>(4)\n</p>\n"
    )
    assert run("<p><em>A</em> ,<em>5</em></p>") != run("<p><em>A</em>, <em>5</em></p>")
    assert run("<p>a\u00a0b &amp; c</p>") == "<p>\n  a\u00a0b &amp; c\n</p>\n"


@pytest.mark.parametrize("name", list(FRAGMENTS))
def test_fragment_matches_its_fixture_file(built: BuildResult, name: str) -> None:
    page, selector = FRAGMENTS[name]
    html = (built.outdir / page).read_text(encoding="utf-8")
    matches = BeautifulSoup(html, "html.parser").select(selector)
    assert len(matches) == 1, f"{selector!r} matches {len(matches)} elements of {page}"
    actual = f"<!-- {page} {selector} -->\n{normalise(matches[0])}"
    fixture = FRAGMENTS_DIR / f"{name}.html"

    if UPDATE:
        if not fixture.exists() or fixture.read_text(encoding="utf-8") != actual:
            FRAGMENTS_DIR.mkdir(exist_ok=True)
            fixture.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not fixture.exists():
        pytest.fail(
            f"{fixture.relative_to(PROJECT)} is missing; create it with\n"
            f"  PPRNET_UPDATE_FRAGMENTS=1 .venv/bin/python -m pytest {MODULE} -k {name}\n"
            "and review it before committing.",
            pytrace=False,
        )
    expected = fixture.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=str(fixture.relative_to(PROJECT)),
            tofile=f"rendered {page}",
        )
        pytest.fail(
            f"{name} differs from its fixture file:\n{''.join(diff)}\n"
            "If the change is intended, run with PPRNET_UPDATE_FRAGMENTS=1 to update it.",
            pytrace=False,
        )
