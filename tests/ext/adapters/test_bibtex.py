"""sphinxcontrib-bibtex's domain with lookups by key and no-change work skipped
(extensions/pprnet/bibtex_workarounds.py): every rebuild writes what a clean build writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from pprnet.adapters.bibtex import IndexedBibtexDomain
from support import ROOTS, assert_same_outputs, sphinx_build

EMPATHY = "posts/2021/05-empathy.md"


def replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(srcdir: Path) -> None:
        path = srcdir / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def citations(page: Path) -> list[str]:
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [span.get_text() for span in html.select("span.bibtex-citation")]


def nothing(srcdir: Path) -> None:
    pass


EDITS = {
    "no change": (nothing, None),
    "a cited entry's year": (
        replace(
            "references.bib",
            "year = {2018},\n  title = {Psychotherapy",
            "year = {2019},\n  title = {Psychotherapy",
        ),
        "(Norcross & Lambert, 2019)",
    ),
    "a citation added to a post": (
        replace(
            EMPATHY,
            "Attend to the client's",
            "Attend, as {cite:t}`elliott2018empathy` show, to the client's",
        ),
        "Elliott et al. (2018)",
    ),
    "a post's text, not its citations": (
        replace(EMPATHY, "Empathy is a moderately", "Empathy, it seems, is a moderately"),
        "Flückiger et al. (2018)",
    ),
    "a citation removed from a post": (
        replace(EMPATHY, " and in {cite:p}`norcross2018relationships`", ""),
        None,
    ),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_rebuild_writes_what_a_clean_build_writes(tmp_path: Path, edit: str) -> None:
    change, shown = EDITS[edit]
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    assert sphinx_build(srcdir, tmp_path / "incremental").stderr == ""
    change(srcdir)
    incremental = sphinx_build(srcdir, tmp_path / "incremental")
    clean = sphinx_build(srcdir, tmp_path / "clean")
    assert incremental.stderr == clean.stderr == ""
    assert_same_outputs(clean.outdir, incremental.outdir)
    if shown is not None:
        assert shown in citations(clean.outdir / EMPATHY.replace(".md", ".html"))


@pytest.mark.sphinx("html", testroot="archive")
def test_the_domain_answers_for_sphinxcontrib_bibtex(app: SphinxTestApp) -> None:
    assert isinstance(app.env.domains["cite"], IndexedBibtexDomain)
    app.build()
    assert citations(app.outdir / EMPATHY.replace(".md", ".html")) == [
        "Flückiger et al. (2018)",
        "(Norcross & Lambert, 2018)",
    ]
