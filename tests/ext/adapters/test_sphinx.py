"""The adaptation of Sphinx itself: generated pages rendered when no document was written."""

from __future__ import annotations

import shutil
from pathlib import Path

from support import ROOTS, sphinx_build

STAMP = ".pprnet-generated"  # speed/freshness.py: what the last build generated


def test_generated_pages_render_in_a_build_that_writes_no_document(tmp_path: Path) -> None:
    """Without the builder's per-page state set by hand, rendering a topic page in a build that
    wrote no document crashes (`adapters/sphinx.render_page_body`)."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    first = sphinx_build(srcdir, tmp_path / "out")
    assert (first.returncode, first.stderr) == (0, "")
    page = first.outdir / "topics" / "alliance.html"
    before = page.read_bytes()
    (first.outdir / STAMP).unlink()  # every generated page is made again; no document is
    page.unlink()

    again = sphinx_build(srcdir, tmp_path / "out")
    assert (again.returncode, again.stderr) == (0, "")
    assert page.read_bytes() == before
