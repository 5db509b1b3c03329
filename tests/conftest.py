"""Shared fixtures: Sphinx's test fixtures, the test roots, the real site built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import PROJECT, ROOTS, BuildResult, sphinx_build

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def archive_variant(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy the `test-archive` root, apply file changes, and build it with -W."""

    def build(files: dict[str, str | bytes | None], *options: str) -> BuildResult:
        srcdir = tmp_path / "src"
        shutil.copytree(ROOTS / "test-archive", srcdir)
        for name, text in files.items():
            path = srcdir / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return sphinx_build(srcdir, tmp_path / "out", *options)

    return build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real archive, built once per test session as `make html` builds it (in parallel)."""
    return sphinx_build(PROJECT, tmp_path_factory.mktemp("site"), "-j", "auto")


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Script payloads in every field a contributor controls, built in report-only mode."""
    return sphinx_build(ROOTS / "test-payloads", tmp_path_factory.mktemp("payloads"), strict=False)
