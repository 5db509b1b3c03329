"""`pprnet newsletter YYYY-MM`: the month's issue as an e-mail, written by the build itself.

It runs `sphinx-build -b newsletter` (stages/newsletter/), which reads the archive as every build
does, into a staging folder, and moves the three files into `_build/newsletter/` only when the
build passes with warnings as errors: a failed build writes nothing there. The build keeps its
state in `_build/doctrees-newsletter`, apart from the HTML build's, so that neither disturbs
the other.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from pprnet.cli.project import find_root
from pprnet.model.issue import parse_month

BUILD = "_build"
OUTPUT = f"{BUILD}/newsletter"
DOCTREES = f"{BUILD}/doctrees-newsletter"
SUFFIXES = (".html", ".txt", ".eml")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "newsletter",
        help="write a month's issue as an e-mail (HTML, plain text, MIME) into _build/newsletter",
    )
    parser.add_argument("month", type=_month, metavar="YYYY-MM", help="the month of the issue")
    parser.set_defaults(run=run)


def _month(value: str) -> str:
    try:
        return parse_month(value).slug
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def sphinx_command(root: Path, month: str, outdir: Path) -> list[str]:
    return [
        sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-j", "auto",
        "-b", "newsletter", "-D", f"pprnet_newsletter_month={month}",
        "-d", str(root / DOCTREES), str(root), str(outdir),
    ]  # fmt: skip


def run(args: argparse.Namespace) -> int:
    root = find_root(Path.cwd().resolve())
    month: str = args.month
    (root / BUILD).mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root / BUILD, prefix=".newsletter-") as staging:
        # The build's own messages (warnings, with their files and lines) go to stderr as is.
        command = sphinx_command(root, month, Path(staging))
        done = subprocess.run(command, check=False)  # noqa: S603 (the archive's own build)
        names = [f"{month}{suffix}" for suffix in SUFFIXES]
        if done.returncode != 0 or not all((Path(staging) / n).is_file() for n in names):
            print("pprnet newsletter: the build failed; nothing was written", file=sys.stderr)
            return 1
        output = root / OUTPUT
        output.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(staging) / name, output / name)
    for name in names:
        print(f"{OUTPUT}/{name}")
    return 0
