"""The workarounds for ablog (extensions/pprnet/ablog_workarounds.py), on the real archive."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from support import PROJECT, BuildResult, assert_same_outputs, sphinx_build


def test_a_parallel_build_writes_what_a_serial_build_writes(
    site: BuildResult, tmp_path: Path
) -> None:
    # `site` is built as `make html` builds it: with -j auto, so ablog reads in parallel.
    serial = sphinx_build(PROJECT, tmp_path, "-j", "1")
    assert serial.returncode == site.returncode == 0, serial.stderr + site.stderr
    assert serial.stderr == site.stderr == ""
    assert_same_outputs(serial.outdir, site.outdir)


def test_ablog_records_every_post_without_copies_of_its_doctree(site: BuildResult) -> None:
    with (site.outdir.parent / ".doctrees/environment.pickle").open("rb") as stored:
        env = pickle.load(stored)  # noqa: S301 (the environment this test session built)
    posts = sorted(
        str(p.relative_to(PROJECT).with_suffix("")) for p in PROJECT.glob("posts/*/*.md")
    )
    assert sorted(env.ablog_posts) == posts
    for records in env.ablog_posts.values():
        assert [(r["doctree"], r["excerpt"]) for r in records] == [(None, [])]


def test_ablog_writes_no_collection_pages(site: BuildResult) -> None:
    # The topic, type and month pages list the posts instead.
    assert not (site.outdir / "blog.html").exists()
    # The feed, and the folder of its archive documents (one a year).
    assert sorted(p.name for p in (site.outdir / "blog").iterdir()) == ["atom", "atom.xml"]


@pytest.mark.sphinx(
    "html",
    testroot="archive",
    confoverrides={
        "extensions": ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "ablog", "pprnet"],
        "html_sidebars": {"**": ["ablog/postcard.html"]},
    },
)
def test_a_sidebar_of_ablog_is_refused(app: SphinxTestApp) -> None:
    warnings = app.warning.getvalue()
    assert "html_sidebars names ablog's templates (ablog/postcard.html)" in warnings
    assert "[pprnet.config]" in warnings
