"""Parse the text of an old blog page into month and summary records (pure, no Sphinx, no I/O).

The input is a page as a reader copies it from the browser: an introduction, the topic list,
a "This month..." preamble, then month headings ("January 2018") and, under each, summaries of
a title line, an APA reference line (absent for a commentary), the summary paragraphs, a
"Practice Implications" heading with its paragraphs, and sometimes an "Author email:" line.
Each non-blank line is one paragraph. Every record keeps the line it came from, and every
problem is reported with its line, never guessed around.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pprnet.model.records import MONTH_NAMES

MONTH_RE = re.compile(
    r"^(?P<month>" + "|".join(MONTH_NAMES) + r")\s+(?P<year>(?:19|20)\d\d)$", re.IGNORECASE
)
PRACTICE_RE = re.compile(r"^practice\s+implications?\s*:?$", re.IGNORECASE)
EMAIL_LINE_RE = re.compile(r"^authors?(?:['’]s?)?\s+e-?mails?\s*:\s*(?P<address>.*)$", re.I)
# An APA reference starts with its authors (no parentheses) and the year in parentheses,
# followed by a period: "Steel, C., ... (2017). ..." or "Norcross, J. C. (Ed.). (2011). ...".
REFERENCE_RE = re.compile(
    r"^[^\s()][^()]{0,400}?(?:\s\(Eds?\.\)\.?)?\s?"
    r"\((?:\d{4}[a-z]?|n\.\s?d\.|in press)(?:,[^()]*)?\)\.(?:\s|$)",
    re.IGNORECASE,
)
# Lines a browser copy brings along that carry no content: rules, bullets, links.
DECORATIVE_RE = re.compile(
    r"^(?:[\W_]*|read more\W*|continue reading\W*|back to top\W*)$", re.IGNORECASE
)
TOPIC_LIST_START_RE = re.compile(r"^-\s*all topics\s*\(clear\)$", re.IGNORECASE)
TOPIC_ITEM_RE = re.compile(r"^-\s*(?P<label>\S.{0,99})$")
# A title is a short line that does not end like a sentence.
TITLE_MAX_WORDS = 25


@dataclass(frozen=True)
class Line:
    """One paragraph of the page and its 1-based line number."""

    number: int
    text: str


@dataclass(frozen=True)
class Summary:
    """One summary of the old blog, as the page shows it."""

    month: dt.date  # the first day of its month
    title: Line
    reference: Line | None
    body: tuple[Line, ...]
    heading: Line  # the "Practice Implications" heading
    implications: tuple[Line, ...]
    contact: Line | None  # the address after "Author email:", with that line's number

    @property
    def line(self) -> int:
        return self.title.number


@dataclass(frozen=True)
class PageProblem:
    """Input the parser cannot read, at a 1-based line."""

    line: int
    message: str


@dataclass(frozen=True)
class Page:
    """What a page holds: its summaries, the labels of its topic list, and its problems."""

    summaries: tuple[Summary, ...]
    topic_labels: tuple[Line, ...]
    problems: tuple[PageProblem, ...]


def is_reference(text: str) -> bool:
    return REFERENCE_RE.match(text) is not None


def looks_like_title(text: str) -> bool:
    """A short line that does not end like a sentence of a paragraph."""
    return len(text.split()) <= TITLE_MAX_WORDS and not text.endswith((".", ",", ";", ":"))


def parse_page(text: str) -> Page:
    """Split a page into summaries; report what cannot be read with its line."""
    lines, topics = _content_lines(text)
    starts = [(i, m) for i, line in enumerate(lines) if (m := MONTH_RE.match(line.text))]
    problems = _check_preamble(lines[: starts[0][0]] if starts else lines)
    summaries: list[Summary] = []
    for number, (index, match) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        month = dt.date(int(match["year"]), MONTH_NAMES.index(match["month"].title()) + 1, 1)
        found, found_problems = _parse_month(month, lines[index + 1 : end])
        summaries += found
        problems += found_problems
    if not summaries and not problems:
        problems.append(
            PageProblem(
                1,
                "no summary found: a summary follows a month heading such as "
                "'January 2018' and ends with its 'Practice Implications'",
            )
        )
    return Page(tuple(summaries), tuple(topics), tuple(sorted(problems, key=lambda p: p.line)))


def _content_lines(text: str) -> tuple[list[Line], list[Line]]:
    """The page's paragraphs without decoration, and the labels of its topic list."""
    lines: list[Line] = []
    topics: list[Line] = []
    in_topic_list = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if in_topic_list:
            item = TOPIC_ITEM_RE.match(line)
            if item:
                topics.append(Line(number, item["label"].strip()))
                continue
            in_topic_list = False
        if TOPIC_LIST_START_RE.match(line):
            in_topic_list = True
        elif not DECORATIVE_RE.match(line):
            lines.append(Line(number, line))
    return lines, topics


def _check_preamble(preamble: list[Line]) -> list[PageProblem]:
    """The introduction holds no summary: a reference or a heading there is misplaced."""
    for index, line in enumerate(preamble):
        if is_reference(line.text) or PRACTICE_RE.match(line.text):
            start = preamble[index - 1] if index and is_reference(line.text) else line
            message = "a summary before any month heading (a line such as 'January 2018')"
            return [PageProblem(start.number, message)]
    return []


def _parse_month(month: dt.date, lines: list[Line]) -> tuple[list[Summary], list[PageProblem]]:
    """The summaries under one month heading."""
    headings = [index for index, line in enumerate(lines) if PRACTICE_RE.match(line.text)]
    problems: list[PageProblem] = []
    summaries: list[Summary] = []
    opening = lines[: headings[0]] if headings else lines
    for number, heading_index in enumerate(headings):
        end = headings[number + 1] if number + 1 < len(headings) else len(lines)
        after = lines[heading_index + 1 : end]
        boundary = _next_summary_start(after, last=end == len(lines))
        implications = after if boundary is None else after[:boundary]
        orphans, opening = _split_orphans(opening)
        problems += [_missing_implications(title) for title in orphans]
        summary, summary_problems = _summary(month, opening, lines[heading_index], implications)
        problems += summary_problems
        if summary is not None:
            summaries.append(summary)
        opening = [] if boundary is None else after[boundary:]
    # What follows the month's last practice implications starts summaries without them.
    orphans, opening = _split_orphans(opening)
    problems += [_missing_implications(title) for title in [*orphans, *opening[:1]]]
    return summaries, problems


def _missing_implications(title: Line) -> PageProblem:
    return PageProblem(
        title.number, f"summary {title.text!r} has no 'Practice Implications' heading"
    )


def _split_orphans(opening: list[Line]) -> tuple[list[Line], list[Line]]:
    """Titles of summaries that end where another one starts, and the last summary's opening.

    A reference line after the text of a summary starts the next summary, so the summary
    before it had no practice implications.
    """
    orphans: list[Line] = []
    first = 0  # where the summary being read starts; one pass, however many summaries
    for index, line in enumerate(opening):
        if index - first > 2 and is_reference(line.text):
            start = index - 1
            if opening[start - 1].text == opening[start].text:
                start -= 1  # the title line repeated
            orphans.append(opening[first])
            first = start
    return orphans, opening[first:]


def _next_summary_start(after: list[Line], last: bool) -> int | None:
    """Where the next summary starts among the lines after a practice-implications heading."""
    references = [i for i, line in enumerate(after) if i > 0 and is_reference(line.text)]
    if references:
        title = references[0] - 1
        if title > 0 and after[title - 1].text == after[title].text:
            title -= 1  # the title line repeated
        return title
    emails = [i for i, line in enumerate(after) if EMAIL_LINE_RE.match(line.text)]
    if emails and emails[0] + 1 < len(after):
        return emails[0] + 1
    if last:
        return None
    # A commentary has no reference line: its title is the first title-like line that
    # follows at least one paragraph of implications and precedes its own text.
    for index in range(1, len(after) - 1):
        if looks_like_title(after[index].text):
            return index
    return None


def _summary(
    month: dt.date, opening: list[Line], heading: Line, after: list[Line]
) -> tuple[Summary | None, list[PageProblem]]:
    """One summary from its opening lines (title, reference, text) and its implications."""
    problems: list[PageProblem] = []
    implications = [line for line in after if not EMAIL_LINE_RE.match(line.text)]
    emails = [line for line in after if EMAIL_LINE_RE.match(line.text)]
    if not opening:
        message = "'Practice Implications' heading without a summary (title and text) before it"
        problems.append(PageProblem(heading.number, message))
    if not implications:
        message = "'Practice Implications' heading with no text after it"
        problems.append(PageProblem(heading.number, message))
    if not opening:
        return None, problems
    title, rest = opening[0], opening[1:]
    if rest and rest[0].text == title.text:
        rest = rest[1:]  # the title line repeated
    reference = rest[0] if rest and is_reference(rest[0].text) else None
    body = rest[1:] if reference is not None else rest
    if is_reference(title.text):
        message = "a reference line without a title line before it"
        problems.append(PageProblem(title.number, message))
    elif len(title.text.split()) > TITLE_MAX_WORDS:
        message = (
            f"a summary starts with its title: this line has more than {TITLE_MAX_WORDS} words"
        )
        problems.append(PageProblem(title.number, message))
    elif not body:
        message = f"summary {title.text!r} has no text before its 'Practice Implications'"
        problems.append(PageProblem(title.number, message))
    if problems:
        return None, problems
    contact = None
    if emails:
        match = EMAIL_LINE_RE.match(emails[0].text)
        assert match is not None
        contact = Line(emails[0].number, match["address"].strip())
    summary = Summary(month, title, reference, tuple(body), heading, tuple(implications), contact)
    return summary, problems
