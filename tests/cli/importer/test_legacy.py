"""The old blog's pages as month and summary records, with the line each part came from."""

from __future__ import annotations

import datetime as dt

import pytest

from pprnet.cli.importer.legacy import Line, PageProblem, is_reference, parse_page
from support import FIXTURES

LEGACY = FIXTURES / "legacy"


def fixture(name: str) -> str:
    return (LEGACY / name).read_text(encoding="utf-8")


def test_the_seed_page_holds_six_summaries_in_four_months() -> None:
    page = parse_page(fixture("seed.txt"))  # a copy of the old blog's page in ../shared/seeds
    assert page.problems == ()
    assert [(s.month, s.title.number, s.title.text) for s in page.summaries] == [
        (dt.date(2018, 1, 1), 46, "The Effect of Therapists’ Internalized Models of Relationships"),
        (dt.date(2017, 11, 1), 53, "Therapist Multicultural Orientation and Client Outcomes"),
        (dt.date(2017, 10, 1), 59, "Therapists’ Appropriate Responsiveness to Clients"),
        (dt.date(2017, 10, 1), 64, "Therapeutic Alliance in the Treatment of Adolescents"),
        (dt.date(2017, 6, 1), 70, "Is the Alliance Really Therapeutic?"),
        (
            dt.date(2017, 2, 1),
            76,
            "The Importance of Psychosocial Factors in Mental Health Treatment",
        ),
    ]
    steel, *_, greenberg = page.summaries
    assert steel.reference is not None and steel.reference.number == 47
    assert steel.reference.text.startswith("Steel, C., Macdonald, J., & Schroder, T. (2017).")
    # The text is kept as the blog printed it, a missing space after a period included.
    assert [line.number for line in steel.body] == [48]
    assert "unconscious processes.Relational theory" in steel.body[0].text
    assert steel.implications[0].text.startswith("Therapist effects (i.e., the differences")
    assert steel.contact == Line(51, "katiecatherinesteel@gmail.com")
    assert page.summaries[3].heading == Line(67, "Practice Implication")
    assert greenberg.contact is None
    assert greenberg.implications[-1].text.endswith("why patients get better.")
    # The introduction, the preamble and the topic list are not summaries.
    assert len(page.topic_labels) == 36
    assert page.topic_labels[0] == Line(9, "Adherance")


def test_repeats_decorations_singular_heading_and_months_across_years() -> None:
    page = parse_page(fixture("months.txt"))
    assert page.problems == ()
    group, dropout, empathy = page.summaries
    assert group.month == dt.date(2017, 1, 1)
    assert group.title == Line(14, "Group Therapy for Depression")  # the repeat on 15 dropped
    assert group.reference is not None and group.reference.number == 16
    # The blank line, "•" and "———" are not paragraphs.
    assert [line.number for line in group.body] == [18, 20]
    assert group.heading == Line(21, "Practice Implication")
    assert [line.number for line in group.implications] == [22]
    assert group.contact == Line(23, "y.okumura@example.org")
    # "Read more" (24) is neither the end of the implications nor the next title.
    assert dropout.title == Line(25, "Dropping Out of Psychotherapy")
    assert dropout.month == dt.date(2017, 1, 1)
    assert [line.number for line in dropout.implications] == [29]
    assert empathy.month == dt.date(2016, 12, 1)
    assert empathy.title.number == 31
    assert [label.text for label in page.topic_labels] == [
        "Adherance",
        "Depression and Depressive Symptoms",
        "Group Psychotherapy",
    ]


def test_commentaries_have_no_reference_and_end_at_the_next_title() -> None:
    page = parse_page(fixture("commentary.txt"))
    assert page.problems == ()
    first, second, third = page.summaries
    assert first.reference is None
    assert [line.number for line in first.body] == [3, 4]
    assert [line.number for line in first.implications] == [6, 7]
    assert second.title == Line(8, "Therapist Responsiveness and the Alliance")
    assert second.reference is None
    assert [line.number for line in second.implications] == [11]
    assert third.title == Line(12, "Alliance Ruptures")
    assert third.reference is not None and third.reference.number == 13


def test_text_that_looks_like_markup_is_kept_verbatim() -> None:
    page = parse_page(fixture("markdown.txt"))
    (summary,) = page.summaries
    assert summary.title.text == "Notes on *Stars*, [Brackets] and `Ticks`"
    assert [line.text.split(" ")[0] for line in summary.body] == ["1.", "-", "#", "%", ":::"]
    assert summary.body[3].text.endswith("50% of “quoted” text – with en dashes — survives.")
    assert summary.implications[0].text == "> A quotation-like start, then text."


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        (
            "error_before_month.txt",
            [(2, "a summary before any month heading (a line such as 'January 2018')")],
        ),
        (
            "error_no_implications.txt",
            [
                (
                    2,
                    "summary 'A Summary Without Implications' has no "
                    "'Practice Implications' heading",
                )
            ],
        ),
        (
            "error_empty_implications.txt",
            [(5, "'Practice Implications' heading with no text after it")],
        ),
        (
            "error_no_text.txt",
            [
                (
                    2,
                    "summary 'A Summary With No Text' has no text before its "
                    "'Practice Implications'",
                )
            ],
        ),
    ],
)
def test_each_malformed_page_has_its_located_problem(
    name: str, problems: list[tuple[int, str]]
) -> None:
    page = parse_page(fixture(name))
    assert [(p.line, p.message) for p in page.problems] == problems


def test_a_summary_after_a_broken_one_is_still_read() -> None:
    page = parse_page(fixture("error_no_implications.txt"))
    assert [summary.title.text for summary in page.summaries] == ["A Complete Summary"]
    page = parse_page(fixture("error_empty_implications.txt"))
    assert [summary.title.text for summary in page.summaries] == ["Another Summary"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Just an introduction.\nNothing else.\n", PageProblem(1, "no summary found: a summary "
         "follows a month heading such as 'January 2018' and ends with its 'Practice "
         "Implications'")),
        ("June 2017\nPractice Implications\nText.\n", PageProblem(
            2, "'Practice Implications' heading without a summary (title and text) before it")),
        ("June 2017\nSmith, A. (2016). A study. Psychotherapy, 53, 1-10.\nText.\n"
         "Practice Implications\nDo this.\n",
         PageProblem(2, "a reference line without a title line before it")),
        ("June 2017\nA Title\nSmith, A. (2016). A study. Psychotherapy, 53, 1-10.\nText.\n",
         PageProblem(2, "summary 'A Title' has no 'Practice Implications' heading")),
        ("June 2017\n" + "word " * 30 + "\nText.\nPractice Implications\nDo this.\n",
         PageProblem(2, "a summary starts with its title: this line has more than 25 words")),
    ],
)  # fmt: skip
def test_problems_of_inline_pages(text: str, problem: PageProblem) -> None:
    assert parse_page(text).problems == (problem,)


def test_windows_line_ends_and_trailing_spaces_change_nothing() -> None:
    text = fixture("commentary.txt")
    crlf = "\r\n".join(line + "  " for line in text.splitlines())
    assert parse_page(crlf) == parse_page(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Steel, C., Macdonald, J., & Schroder, T. (2017). A systematic review.", True),
        ("Greenberg, R.P. (2016). The rebirth.", True),
        ("Norcross, J. C. (Ed.). (2011). Psychotherapy relationships that work.", True),
        ("Barkham, M. (n.d.). Practice-based evidence.", True),
        ("Therapists (i.e., all of them) respond differently (2017).", False),
        ("In 2017 (a good year). Nothing here.", False),
        ("Is the Alliance Really Therapeutic?", False),
    ],
)
def test_what_counts_as_a_reference_line(line: str, expected: bool) -> None:
    assert is_reference(line) is expected
