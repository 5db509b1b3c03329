"""`pprnet import` on 1 MB inputs: an old-blog page of about a thousand summaries, and one
reference line of 1 MB (a paste gone wrong), each planned as `pprnet import --dry-run` plans it
(read, parsed, checked against the archive, topics suggested), and the same inputs at 1/20 of
the size: the ratio shows how the time grows (20x for linear). The shapes that once made it
quadratic are in `tests/cli/importer/test_growth.py`."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from generate import PROJECT, Words, make_references, paragraph

from pprnet.cli.importer.apaparse import parse_reference
from pprnet.cli.importer.command import Importer
from pprnet.cli.project import load_project
from pprnet.model.bibfile import read_bibliography

MB = 1_000_000
GROWTH = 20
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
HEADER = ("input", "size (kB)", "seconds", "at 1/20 (s)", "growth")


def old_page(words: Words, size: int) -> str:
    """Months of two summaries each, newest first, as the old blog's pages are, of `size`
    characters or a little more."""
    rng = random.Random(2013)  # noqa: S311 (test data, not security)
    parts: list[str] = []
    total, index = 0, 0
    while total < size:
        if index % 2 == 0:
            parts.append(f"{MONTHS[11 - index // 2 % 12]} {2026 - index // 24}")
        (reference,) = make_references(rng, words, 1)
        authors = ", ".join(reference.authors[:-1])
        authors = f"{authors}, & {reference.authors[-1]}" if authors else reference.authors[0]
        parts += [
            f"{reference.title.title()} {index}",
            f"{authors} ({reference.year}). {reference.title} {index}. {reference.journal}, "
            f"{reference.year - 1960}, {index}-{index + 19}.",
            paragraph(rng, words, 250),
            "Practice Implications",
            paragraph(rng, words, 80),
        ]
        total = sum(len(part) + 1 for part in parts)
        index += 1
    return "\n".join(parts) + "\n"


def long_reference(words: Words, size: int) -> str:
    rng = random.Random(2013)  # noqa: S311 (test data, not security)
    title = paragraph(rng, words, size // 6)[:size]
    return f"Smith, A. B. (2017). {title} Journal of Studies, 12(3), 45-67."


def seconds(function: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    function(text)
    return time.perf_counter() - start


def import_rows(words: Words) -> list[tuple[str, ...]]:
    project = load_project(PROJECT)
    bibliography = read_bibliography(project.bibliography_path.read_text(encoding="utf-8"))

    def plan(text: str) -> object:
        importer = Importer(project, bibliography, project.posts_dir, "Author")
        return importer.add_page("page.txt", text)

    rows = []
    for name, make, function in (
        ("old-blog page", old_page, plan),
        ("one reference line", long_reference, parse_reference),
    ):
        big, small = make(words, MB), make(words, MB // GROWTH)
        big_s, small_s = seconds(function, big), seconds(function, small)
        rows.append((name, f"{len(big) / 1e3:.0f}", f"{big_s:.2f}", f"{small_s:.3f}",
                     f"{big_s / small_s:.1f}x"))  # fmt: skip
    return rows
