"""`pprnet check`: the build's checks of posts and references.bib, in well under a second."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from pprnet.cli.project import Project, load_project
from pprnet.model.bibfile import unused_entries
from pprnet.model.biblint import advance_notice
from pprnet.model.checks import build_date, check_page_text, check_text
from pprnet.model.problems import Subtype, decode
from pprnet.model.records import Month, repeated, second_teaser


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="check posts and references.bib without building",
        description="Check posts and references.bib with the build's rules. Prints "
        "'file:line: error: message' for each problem and exits 1 if there is any.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="posts or folders of posts (default: the archive)"
    )
    parser.set_defaults(run=run)


def posts_in(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return found


def run(args: argparse.Namespace) -> int:
    project = load_project(Path.cwd())
    whole_archive = not args.paths
    errors = report(project, posts_in(args.paths or [project.posts_dir]), whole_archive)
    return 1 if errors else 0


def report(project: Project, posts: list[Path], whole_archive: bool) -> int:
    """Print every problem; return how many there were."""
    problems: list[tuple[str, int, str, str]] = []
    bib_name = project.bibliography_name
    for problem in project.bibliography.problems:
        problems.append((bib_name, problem.line, problem.message, problem.subtype))
    used: set[str] = set()
    titled: list[tuple[dt.date, str, int, str]] = []  # date, file, line, title
    teasers: list[tuple[dt.date, str, int, str]] = []  # date, file, line, month
    keys = project.bibliography.keys()
    today = build_date()
    for path in posts:
        try:
            text, undecodable = decode(path.read_bytes())
        except OSError as error:
            problems.append((str(path), 1, f"cannot read: {error.strerror}", Subtype.FRONT_MATTER))
            continue
        if undecodable is not None:
            problems.append((project.display(path), undecodable.line, undecodable.message,
                             undecodable.subtype))  # fmt: skip
            continue
        place = project.place(path)
        result = check_text(text, project.vocabulary, keys, today, project.context(path), place)
        name = project.display(path)
        problems += [(name, p.line, p.message, p.subtype) for p in result.problems]
        front = result.front
        if front is not None and result.title:
            titled.append((front.date, name, result.title_line, result.title))
        if front is not None and front.teaser:
            month = Month(front.date.year, front.date.month).label
            teasers.append((front.date, name, front.teaser_line, month))
        if result.front is not None and result.front.reference:
            used.add(result.front.reference.casefold())
        used.update(key.casefold() for key in result.cites)
    for path in project.pages() if whole_archive else []:
        text, undecodable = decode(path.read_bytes())
        page_problems = [undecodable] if undecodable is not None else []
        page_problems += check_page_text(text, keys, project.context(path))
        name = project.display(path)
        problems += [(name, p.line, p.message, p.subtype) for p in page_problems]
    oldest_first = sorted(titled)
    for (_, name, line, _), (_, first, _, _) in repeated((t[3], t) for t in oldest_first):
        message = f"the title is already the title of {first}: each summary has its own"
        problems.append((name, line, message, Subtype.TITLE))
    for (_, name, line, month), (_, first, _, _) in repeated((t[3], t) for t in sorted(teasers)):
        problems.append((name, line, second_teaser(month, first), Subtype.FRONT_MATTER))
    if whole_archive:
        for problem in unused_entries(project.bibliography, used):
            problems.append((bib_name, problem.line, problem.message, problem.subtype))
    for name, line, message, subtype in problems:
        print(f"{name}:{line}: error: {message} [pprnet.{subtype}]")
    # Notices ask a question; they never change the exit status (nor fail the build).
    notices = [
        (found.line, notice)
        for found in project.bibliography.entries.values()
        if (notice := advance_notice(found.entry, today)) is not None
    ]
    for line, notice in sorted(notices):
        print(f"{bib_name}:{line}: notice: {notice}")
    noun = "post" if len(posts) == 1 else "posts"
    asked = f", {len(notices)} notice(s)" if notices else ""
    print(f"checked {len(posts)} {noun}: {len(problems)} error(s){asked}", file=sys.stderr)
    return len(problems)
