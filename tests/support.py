"""Helpers shared by the tests: where the roots are, and building a site as a contributor does."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOTS = Path(__file__).parent / "roots"
PROJECT = Path(__file__).parent.parent
# The payload root's pages that the sweeps must reach: every post and each kind of listing page.
PAYLOAD_PAGES = frozenset({
    "index.html", "bibliography.html", "search.html", "topics/alliance.html",
    "types/meta-analysis.html", "posts/2020/01-title.html", "posts/2020/02-category.html",
})  # fmt: skip


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    stderr: str
    srcdir: Path
    outdir: Path


def sphinx_build(
    srcdir: Path,
    outdir: Path,
    *options: str,
    strict: bool = True,
    env: dict[str, str] | None = None,
) -> BuildResult:
    """Run `sphinx-build -n` as a contributor does, with -W unless not `strict`, in a separate
    process."""
    command = [sys.executable, "-m", "sphinx", *(["-W"] if strict else []), "-n", "-q"]
    command += ["--no-color", "-b", "html", *options]
    command += ["-d", str(outdir / ".doctrees"), str(srcdir), str(outdir / "html")]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, **(env or {})},
    )
    return BuildResult(done.returncode, done.stderr, srcdir, outdir / "html")
