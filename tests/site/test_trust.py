"""What the archive publishes: no build state, no address in clear text, the same bytes from
the same commit, and no post lost on the way."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from support import PROJECT, BuildResult, sphinx_build

pytestmark = pytest.mark.site

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        ["make", "-s", "dist", f"BUILDDIR={build}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return build / "dist"


def test_the_published_tree_holds_no_build_state_or_sources(dist: Path) -> None:
    names = set(files(dist))
    assert "index.html" in names
    assert not [n for n in names if n.startswith((".buildinfo", ".doctrees", "_sources"))]
    assert not [n for n in names if n.endswith((".pickle", ".doctree", ".md", ".bib.txt"))]


def test_no_email_address_in_clear_text_anywhere(dist: Path) -> None:
    leaks = {
        name: EMAIL.findall(content.decode("utf-8", "replace"))
        for name, content in files(dist).items()
        if not name.endswith((".woff", ".woff2", ".png", ".ico", ".svg"))
    }
    assert {name: found for name, found in leaks.items() if found} == {}


def test_two_builds_of_one_commit_are_identical(site: BuildResult, tmp_path: Path) -> None:
    other = sphinx_build(
        PROJECT, tmp_path, env={"PYTHONHASHSEED": "4242", "TZ": "Pacific/Auckland"}
    )
    assert other.returncode == 0, other.stderr
    first, second = files(site.outdir), files(other.outdir)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
