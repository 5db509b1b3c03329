"""The monthly newsletter: one month's issue as plain data, its plain-text part and the MIME
message that carries both parts (pure, no Sphinx).

The build assembles an `Issue` from the archive's records, with every link already absolute;
the HTML part is rendered from it by the build (stages/newsletter/), the plain text here.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP

from pprnet.model.records import Month

WIDTH = 72  # columns of the plain-text part
TEASER_LEAD = "This month..."
IMPLICATIONS = "Practice Implications"
BOTTOM_LINE = "Bottom line:"

_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")


def parse_month(value: str) -> Month:
    """`YYYY-MM` as a month; a ValueError that says how to write one otherwise."""
    match = _MONTH_RE.fullmatch(value.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{value!r} is not a month: write it YYYY-MM, as in 2018-01")
    return Month(int(match.group(1)), int(match.group(2)))


def no_summaries(month: Month, months: Sequence[Month]) -> str:
    """The problem of an issue for a month without summaries, naming the months with some."""
    if not months:
        return f"{month.slug} has no summaries, and neither has any other month yet"
    having = ", ".join(other.slug for other in months)
    return f"{month.slug} ({month.label}) has no summaries; the months that have some: {having}"


@dataclass(frozen=True)
class Run:
    """A stretch of text of one kind: plain, italic, or a link to an absolute address."""

    text: str
    href: str | None = None
    emphasis: bool = False


@dataclass(frozen=True)
class Summary:
    """What the issue shows of one post."""

    title: str
    url: str
    labels: tuple[Run, ...]  # its type of research, then its topics, each linked to its page
    reference: tuple[Run, ...]  # the APA reference of the summarised article; none: commentary
    bottom_line: str | None
    implications: tuple[str, ...]


@dataclass(frozen=True)
class Issue:
    """One month's issue: its teaser, its summaries, the ways into the archive, the footer."""

    site: str
    site_url: str
    month: Month
    teaser: tuple[Run, ...]
    summaries: tuple[Summary, ...]
    links: tuple[Run, ...]  # the archive, its months, its topics, the feed
    network: str
    footer: str
    language: str = "en"

    @property
    def subject(self) -> str:
        return f"{self.site}: {self.month.label}"


class Footnotes:
    """The links of the plain text, numbered in order of first appearance (one number a URL)."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def mark(self, url: str) -> int:
        if url not in self.urls:
            self.urls.append(url)
        return self.urls.index(url) + 1

    def text(self, runs: Iterable[Run]) -> str:
        """The runs as text, each link followed by its footnote's number; a link whose text is
        its address (a DOI) is already readable and gets none."""
        parts = []
        for run in runs:
            parts.append(run.text)
            if run.href and run.href != run.text.strip():
                parts.append(f" [{self.mark(run.href)}]")
        return "".join(parts)


def wrap(text: str, indent: str = "") -> list[str]:
    """Lines of at most WIDTH columns; an address longer than a line stays whole on its own."""
    return textwrap.wrap(
        " ".join(text.split()),
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def plain_text(issue: Issue) -> str:
    """The plain-text part: wrapped at WIDTH columns, links listed as footnotes at the end."""
    notes = Footnotes()
    rule = "-" * WIDTH
    heading = issue.subject
    lines = [*wrap(heading), "=" * min(len(heading), WIDTH), ""]
    lines += [*wrap(f"{TEASER_LEAD} {notes.text(issue.teaser)}"), ""]
    for summary in issue.summaries:
        lines += [rule, ""]
        lines += wrap(notes.text([Run(summary.title, summary.url)]))
        lines += [*wrap(notes.text(summary.labels)), ""]
        if summary.reference:
            lines += [*wrap(notes.text(summary.reference)), ""]
        if summary.bottom_line:
            lines += [*wrap(f"{BOTTOM_LINE} {summary.bottom_line}"), ""]
        lines += [IMPLICATIONS, ""]
        for paragraph in summary.implications:
            lines += [*wrap(paragraph), ""]
    lines += [rule, ""]
    lines += [*wrap(notes.text(issue.links)), ""]
    lines += ["-- ", *wrap(issue.network), *wrap(issue.footer), ""]
    if notes.urls:
        lines += ["Links:", ""]
        lines += [f"[{number}] {url}" for number, url in enumerate(notes.urls, start=1)]
    return "\n".join(lines).rstrip("\n") + "\n"


def mime_message(issue: Issue, html: str, text: str) -> bytes:
    """One multipart/alternative message with both parts, the subject and no addresses: the
    mailing tool or the client that sends it adds the sender and the list."""
    message = EmailMessage()
    message["Subject"] = issue.subject
    message["Content-Language"] = issue.language
    # Outlook opens a file with this header as a message to send, not as one received.
    message["X-Unsent"] = "1"
    # Quoted-printable: 7-bit lines that any mail system carries, the text still legible.
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # A boundary made from the content, not a random one, so that two builds of the same
    # commit write the same file. "=_" never occurs in quoted-printable or base64 text.
    digest = hashlib.sha256(f"{text}\0{html}".encode()).hexdigest()[:32]
    message.set_boundary(f"=_pprnet_{digest}")
    return message.as_bytes(policy=SMTP)
