"""The real archive, edited between two builds as a contributor previews: every page of the
rebuild equals the page of a clean build (with ablog, sphinxcontrib-bibtex and the workarounds
for both, as `make serve` builds serially and `make html` in parallel)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import PROJECT, assert_same_outputs, sphinx_build

POST = "posts/2017/10-alliance-adolescents.md"
IGNORED = shutil.ignore_patterns(".*", "_build", "tests", "benchmarks", "*.egg-info", "__pycache__")


@pytest.mark.parametrize("jobs", ["1", "auto"])
def test_a_rebuild_after_editing_a_title_and_topics_equals_a_clean_build(
    tmp_path: Path, jobs: str
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(PROJECT, srcdir, ignore=IGNORED)
    assert sphinx_build(srcdir, tmp_path / "incremental", "-j", jobs).stderr == ""
    post = srcdir / POST
    text = post.read_text(encoding="utf-8")
    text = text.replace("# Therapeutic Alliance in the Treatment of Adolescents", "# Adolescents")
    text = text.replace("tags: [alliance, ", "tags: [empathy, alliance, ")
    post.write_text(text, encoding="utf-8")
    incremental = sphinx_build(srcdir, tmp_path / "incremental", "-j", jobs)
    clean = sphinx_build(srcdir, tmp_path / "clean", "-j", jobs)
    assert incremental.stderr == clean.stderr == ""
    assert_same_outputs(clean.outdir, incremental.outdir)
    # The edit reached the pages that list the post.
    assert "Adolescents</a>" in (clean.outdir / "topics/empathy.html").read_text("utf-8")
