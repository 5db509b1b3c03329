"""Shared fixtures: Sphinx's test fixtures, the test roots, and building a root variant."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
PROJECT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    stderr: str
    srcdir: Path
    outdir: Path


def sphinx_build(srcdir: Path, outdir: Path, *options: str) -> BuildResult:
    """Run `sphinx-build -W -n` as a contributor does, in a separate process."""
    command = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", *options]
    command += ["-d", str(outdir / ".doctrees"), str(srcdir), str(outdir / "html")]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    return BuildResult(done.returncode, done.stderr, srcdir, outdir / "html")


@pytest.fixture
def archive_variant(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy the `test-archive` root, apply file changes, and build it with -W."""

    def build(files: dict[str, str | None], *options: str) -> BuildResult:
        srcdir = tmp_path / "src"
        shutil.copytree(ROOTS / "test-archive", srcdir)
        for name, text in files.items():
            path = srcdir / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        return sphinx_build(srcdir, tmp_path / "out", *options)

    return build
