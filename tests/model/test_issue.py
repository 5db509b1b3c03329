"""The newsletter's pure parts: months, the plain-text part, the MIME message."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import default

import pytest

from pprnet.model.issue import (
    WIDTH,
    Issue,
    Run,
    Summary,
    mime_message,
    no_summaries,
    parse_month,
    plain_text,
)
from pprnet.model.records import Month

BASE = "https://example.org/archive/"
LONG = " ".join(["Clinicians monitor the alliance and repair ruptures as they occur."] * 4)


def issue(**changes: object) -> Issue:
    summary = Summary(
        title="The Alliance in Adult Psychotherapy",
        url=f"{BASE}posts/2020/03-alliance.html",
        labels=(
            Run("Meta-analysis", f"{BASE}types/meta-analysis.html"),
            Run(" · "),
            Run("Alliance", f"{BASE}topics/alliance.html"),
        ),
        reference=(
            Run("Flückiger, C. (2018). The alliance. "),
            Run("Psychotherapy", emphasis=True),
            Run(", 55(4), 316–340. "),
            Run("https://doi.org/10.1037/pst0000172", "https://doi.org/10.1037/pst0000172"),
        ),
        bottom_line="Monitor the alliance.",
        implications=(LONG, "Repair ruptures."),
    )
    fields: dict[str, object] = {
        "site": "PPRNet research archive",
        "site_url": f"{BASE}index.html",
        "month": Month(2020, 3),
        "teaser": (Run("the blog summarises "), Run(summary.title, summary.url), Run(".")),
        "summaries": (summary,),
        "links": (Run("The archive", f"{BASE}index.html"),),
        "network": "Psychotherapy Practice Research Network",
        "footer": "Unsubscribe: *|UNSUB|*",
    }
    return Issue(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "month"), [("2018-01", Month(2018, 1)), ("2020-12", Month(2020, 12))]
)
def test_a_month_is_written_yyyy_mm(text: str, month: Month) -> None:
    assert parse_month(text) == month


@pytest.mark.parametrize("text", ["2018-1", "2018-13", "2018-00", "18-01", "January 2018", ""])
def test_anything_else_is_not_a_month(text: str) -> None:
    with pytest.raises(ValueError, match="write it YYYY-MM"):
        parse_month(text)


def test_a_month_without_summaries_names_the_months_with_some() -> None:
    message = no_summaries(Month(2019, 7), [Month(2021, 5), Month(2020, 3)])
    assert message == (
        "2019-07 (July 2019) has no summaries; the months that have some: 2021-05, 2020-03"
    )
    assert "neither has any other month" in no_summaries(Month(2019, 7), [])


def test_the_subject_is_the_site_and_the_month() -> None:
    assert issue().subject == "PPRNet research archive: March 2020"


def test_the_plain_text_is_wrapped_with_links_as_footnotes() -> None:
    text = plain_text(issue())
    lines = text.splitlines()
    assert all(len(line) <= WIDTH for line in lines if not line.startswith("["))
    assert lines[:2] == ["PPRNet research archive: March 2020", "=" * 35]
    flat = " ".join(text.split())
    assert "This month... the blog summarises The Alliance in Adult Psychotherapy [1]." in flat
    # The title links to the same address as the teaser: one footnote for both.
    assert "\nThe Alliance in Adult Psychotherapy [1]\nMeta-analysis [2] · Alliance [3]\n" in text
    # A DOI shown as its address needs no footnote.
    assert "316–340.\nhttps://doi.org/10.1037/pst0000172\n" in text
    assert "Bottom line: Monitor the alliance." in text
    assert text.endswith(
        "Links:\n\n"
        f"[1] {BASE}posts/2020/03-alliance.html\n"
        f"[2] {BASE}types/meta-analysis.html\n"
        f"[3] {BASE}topics/alliance.html\n"
        f"[4] {BASE}index.html\n"
    )
    assert "-- \nPsychotherapy Practice Research Network\nUnsubscribe: *|UNSUB|*\n" in text


def test_the_mime_message_parses_back_with_both_parts() -> None:
    html = "<!DOCTYPE html><html><body><p>Flückiger – “alliance”</p></body></html>\n"
    text = plain_text(issue())
    data = mime_message(issue(), html, text)
    assert data == mime_message(issue(), html, text), "the same message for the same issue"
    assert data.isascii(), "7-bit: quoted-printable parts, an encoded subject if need be"
    parsed = email.message_from_bytes(data, policy=default)
    assert isinstance(parsed, EmailMessage)
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Subject"] == "PPRNet research archive: March 2020"
    assert not [name for name in ("From", "To", "Cc", "Bcc", "Reply-To") if name in parsed]
    parts = [part for part in parsed.iter_parts() if isinstance(part, EmailMessage)]
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
    assert parts[0].get_content().replace("\r\n", "\n") == text
    assert parts[1].get_content().replace("\r\n", "\n") == html


def test_a_subject_beyond_ascii_survives() -> None:
    month_issue = issue(site="Réseau PPRNet")
    data = mime_message(month_issue, "<p>x</p>\n", "x\n")
    parsed = email.message_from_bytes(data, policy=default)
    assert parsed["Subject"] == "Réseau PPRNet: March 2020"
