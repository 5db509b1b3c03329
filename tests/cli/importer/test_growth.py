"""`pprnet import` takes time in proportion to its input: an input 20 times longer takes about
20 times longer, whatever its shape (long reference lines, runs of punctuation, pages of many
summaries). Measured by growth, not by a wall-clock limit: each input is timed at two sizes,
the best of three runs each, and the ratio is compared with the ratio of the sizes. A quadratic
step (a search retried from every character, an archive scanned for every summary) gives about
400 times at 20 times the input. The time of 1 MB inputs is in `make bench`."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from pprnet.cli.importer.apaparse import parse_reference
from pprnet.cli.importer.command import Importer
from pprnet.cli.importer.legacy import parse_page
from pprnet.cli.project import load_project
from pprnet.model.bibfile import read_bibliography
from support import PROJECT

GROWTH = 20
# Linear within the noise of a shared machine; a quadratic step is an order of magnitude above.
MOST = 2 * GROWTH
HEAD = "Smith, A. B. (2017). "
JOURNAL = "A title. Journal of Studies, 12(3), 45-67. "
# Repeated units that exercise each expression of the parsers: punctuation runs before a DOI or
# an address, sentence ends before a journal, parentheses, initials, digits, long words.
UNITS = (".", ",", ";", ". .", "A. ", "(2017). ", "pp. 1", ", 1(x", ", 1111", "doi:10.1234/",
         ".doi:10.1234/", "Retrieved from ", "....a", "In ", "(Ed.) ", "x (1st ed.) ", "&",
         "word ")  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def best_time(function: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return best


def growth(function: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    return best_time(function, make(GROWTH * n)) / best_time(function, make(n))


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize(
    "where",
    [
        pytest.param(lambda unit, n: unit * n, id="alone"),
        pytest.param(lambda unit, n: HEAD + unit * n, id="after-authors"),
        pytest.param(lambda unit, n: HEAD + JOURNAL + unit * n, id="after-journal"),
    ],
)
def test_a_reference_line_is_read_in_linear_time(
    unit: str, where: Callable[[str, int], str]
) -> None:
    n = 12_000 // len(unit)
    assert growth(parse_reference, lambda k: where(unit, k), n) <= MOST


@pytest.mark.parametrize("unit", UNITS)
def test_a_page_line_is_read_in_linear_time(unit: str) -> None:
    def page(k: int) -> str:
        summary = f"Title\n{HEAD}{unit * k}\nText.\nPractice Implications\nMore.\n"
        return f"January 2018\n{summary}"

    assert growth(parse_page, page, 12_000 // len(unit)) <= MOST


def summary(index: int, implications: bool = True) -> str:
    """A summary unlike every other: its own title, authors, year and words."""
    name = f"Author{index:05d}".replace("0", "o")
    reference = (
        f"{name}, A. B. ({1950 + index % 70}). Study {index} of change. "
        f"Journal of Studies, {index % 90 + 1}, {index}-{index + 9}."
    )
    text = f"The {index}th study of clients in therapy found that the alliance mattered."
    heading = (
        "Practice Implications\nTherapists may attend to the alliance.\n" if implications else ""
    )
    return f"Study {index} of Change\n{reference}\n{text}\n{heading}"


@pytest.fixture(scope="module")
def plan() -> Callable[[str], object]:
    """Plan a page's posts against the archive, as `pprnet import --dry-run` does."""
    project = load_project(PROJECT)
    bibliography = read_bibliography(project.bibliography_path.read_text(encoding="utf-8"))

    def add(text: str) -> object:
        importer = Importer(project, bibliography, project.posts_dir, "Author")
        return importer.add_page("page.txt", text)

    return add


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            lambda k: "".join(f"{MONTHS[i % 12]} {1950 + i // 12}\n{summary(i)}" for i in range(k)),
            id="a-month-each",
        ),
        pytest.param(lambda k: "January 2018\n" + "".join(map(summary, range(k))), id="one-month"),
        pytest.param(
            lambda k: (
                "January 2018\n" + "".join(summary(i, implications=i == k - 1) for i in range(k))
            ),
            id="without-implications",
        ),
    ],
)
def test_a_page_of_many_summaries_is_planned_in_linear_time(
    plan: Callable[[str], object], page: Callable[[int], str]
) -> None:
    assert growth(plan, page, 8) <= MOST


def test_the_shapes_are_read_as_summaries(plan: Callable[[str], object]) -> None:
    """The growth above is that of real work: the pages hold summaries the importer reads."""
    assert parse_page("January 2018\n" + "".join(map(summary, range(3)))).summaries
    assert len(parse_page("January 2018\n" + summary(1) + summary(2)).summaries) == 2
    assert parse_reference(HEAD + JOURNAL.strip()).entry.type == "article"
