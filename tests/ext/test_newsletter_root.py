"""The monthly newsletter of the `test-archive` root: the three files, what each shows, e-mail
safety (inlined styles, contrast as written and inverted), the MIME message, and its errors."""

from __future__ import annotations

import email
import re
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from pprnet.model.contrast import MINIMUM, contrast, inverted, parse_colour
from support import NEWSLETTER_BASE, ROOTS, BuildResult, addresses_in, newsletter_build

NETWORK = "Psychotherapy Practice Research Network"
FOOTER = "Unsubscribe: *|UNSUB|*"
OPTIONS = ("-D", f"author={NETWORK}", "-D", f"pprnet_newsletter_footer={FOOTER}")
TITLES = ("Therapist Empathy and Client Outcome", "Why Adherence Is Not Enough")
URL_RE = re.compile(r"https?://\S+")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    tmp = tmp_path_factory.mktemp("newsletter")
    first = newsletter_build(ROOTS / "test-archive", tmp, "2020-03", *OPTIONS)
    assert first.returncode == 0, first.stderr
    return newsletter_build(ROOTS / "test-archive", tmp, "2021-05", *OPTIONS)


def html(built: BuildResult, month: str = "2021-05") -> BeautifulSoup:
    text = (built.outdir / f"{month}.html").read_text(encoding="utf-8")
    return BeautifulSoup(text, "html.parser")


def text(built: BuildResult, month: str = "2021-05") -> str:
    return (built.outdir / f"{month}.txt").read_text(encoding="utf-8")


def message(built: BuildResult, month: str = "2021-05") -> EmailMessage:
    parsed = email.message_from_bytes((built.outdir / f"{month}.eml").read_bytes(), policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def styles(element: Tag) -> dict[str, str]:
    declarations = (part.partition(":") for part in str(element.get("style", "")).split(";"))
    return {name.strip(): value.strip() for name, _, value in declarations if value.strip()}


def test_writes_the_three_files_without_warnings(built: BuildResult) -> None:
    assert built.stderr == ""
    names = sorted(path.name for path in built.outdir.iterdir() if path.is_file())
    assert names == [f"{month}.{suffix}" for month in ("2020-03", "2021-05")
                     for suffix in ("eml", "html", "txt")]  # fmt: skip


def test_the_html_shows_teaser_summaries_ways_in_and_footer(built: BuildResult) -> None:
    page = html(built)
    teaser = page.select_one(".pprnet-teaser").get_text(" ", strip=True)
    assert teaser == f"This month... the blog summarises {TITLES[0]} and {TITLES[1]} ."
    summaries = page.select(".pprnet-summary")
    assert [(s.h2.a.get_text(), s.h2.a["href"]) for s in summaries] == [
        (TITLES[0], f"{NEWSLETTER_BASE}posts/2021/05-empathy.html"),
        (TITLES[1], f"{NEWSLETTER_BASE}posts/2021/05-commentary.html"),
    ]
    empathy, commentary = summaries
    labels = empathy.select_one(".pprnet-labels")
    assert labels.get_text() == "Meta-analysis · Empathy · Alliance and Therapeutic Relationship"
    assert labels.a["href"] == f"{NEWSLETTER_BASE}types/meta-analysis.html"
    reference = empathy.select_one(".pprnet-reference").get_text()
    assert reference.startswith("Elliott, R., Bohart, A. C., Watson, J. C., & Murphy, D. (2018).")
    assert empathy.select_one(".pprnet-bottom-line") is None, "only a written bottom line"
    assert commentary.select_one(".pprnet-reference") is None, "a commentary has none"
    bottom = commentary.select_one(".pprnet-bottom-line").get_text()
    assert bottom == "Bottom line: Follow the manual, and follow the client more closely still."
    assert empathy.select_one("h3").get_text() == "Practice Implications"
    assert (
        empathy.select("p")[-1].get_text() == "Attend to the client’s experience moment by moment."
    )
    ways = {a.get_text(): a["href"] for a in page.select(".pprnet-ways a")}
    assert ways == {
        "The archive": f"{NEWSLETTER_BASE}index.html",
        "Atom feed": f"{NEWSLETTER_BASE}atom.xml",
    }
    footer = [p.get_text() for p in page.select(".pprnet-footer p")]
    assert footer == [NETWORK, FOOTER]
    assert page.title.get_text() == "PPRNet Blog: May 2021"


def test_a_reference_carries_its_doi(built: BuildResult) -> None:
    reference = html(built, "2020-03").select_one(".pprnet-reference a")
    assert reference["href"] == reference.get_text() == "https://doi.org/10.1037/pst0000172"


def test_the_html_is_e_mail_safe(built: BuildResult) -> None:
    source = (built.outdir / "2021-05.html").read_text(encoding="utf-8")
    page = BeautifulSoup(source, "html.parser")
    assert page.find_all(["script", "style", "link", "img", "iframe", "object", "form"]) == []
    assert "@font-face" not in source and "@import" not in source
    assert "class=" in source and "style=" in source  # the stylesheet was inlined
    column = page.select_one("table.pprnet-column")
    assert column["role"] == "presentation" and column["width"] == "600"
    assert styles(column)["max-width"] == "600px"
    for anchor in page.find_all("a"):
        assert anchor["href"].startswith(("https://example.org/archive/", "https://doi.org/"))
    assert not any(name.startswith("on") for tag in page.find_all(True) for name in tag.attrs)


def declared_colours(page: BeautifulSoup) -> list[tuple[Tag, dict[str, str]]]:
    return [(tag, styles(tag)) for tag in page.find_all(style=True)]


def inherited(tag: Tag, name: str) -> str:
    """A property's value on the element or the nearest ancestor that sets it."""
    for element in (tag, *tag.parents):
        if isinstance(element, Tag) and name in (style := styles(element)):
            return style[name]
    raise AssertionError(f"no {name} on <{tag.name}> or around it")


@pytest.mark.parametrize("month", ["2020-03", "2021-05"])
def test_every_colour_has_its_background_and_contrast_written_and_inverted(
    built: BuildResult, month: str
) -> None:
    page = html(built, month)
    pairs = set()
    for tag, style in declared_colours(page):
        if "color" in style:
            assert "background-color" in style, f"<{tag.name}> sets a colour, no background"
            pairs.add((style["color"], style["background-color"]))
    # And each text's colour against the background it is shown on, however inherited.
    for tag in page.body.find_all(True):
        if tag.find(string=re.compile(r"\S"), recursive=False):
            pairs.add((inherited(tag, "color"), inherited(tag, "background-color")))
    assert len(pairs) >= 5
    for colour, background in sorted(pairs):
        fg, bg = parse_colour(colour), parse_colour(background)
        assert contrast(fg, bg) >= MINIMUM, (colour, background)
        assert contrast(inverted(fg), inverted(bg)) >= MINIMUM, ("inverted", colour, background)


def test_the_plain_text_holds_every_title_reference_and_link(built: BuildResult) -> None:
    page, plain = html(built), text(built)
    flat = " ".join(plain.split())
    for title in TITLES:
        assert title in flat
    reference = page.select_one(".pprnet-reference").get_text()
    assert " ".join(reference.split()) in flat
    assert "Attend to the client’s experience moment by moment." in flat
    hrefs = {a["href"] for a in page.find_all("a")}
    assert hrefs <= set(URL_RE.findall(plain))
    notes = re.findall(r"^\[(\d+)\] (\S+)$", plain, flags=re.MULTILINE)
    assert [int(number) for number, _ in notes] == list(range(1, len(notes) + 1))
    assert f"{TITLES[0]} [1]" in flat
    for line in plain.splitlines():
        assert len(line) <= 72 or URL_RE.search(line), line


def test_the_mime_message_carries_both_parts(built: BuildResult) -> None:
    parsed = message(built)
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Subject"] == "PPRNet Blog: May 2021"
    assert parsed["From"] is None and parsed["To"] is None and parsed["Cc"] is None
    plain, rich = parsed.iter_parts()
    assert isinstance(plain, EmailMessage) and isinstance(rich, EmailMessage)
    assert plain.get_content_type() == "text/plain"
    assert rich.get_content_type() == "text/html"
    assert plain.get_content_charset() == rich.get_content_charset() == "utf-8"
    # Line ends aside (the message's are CRLF), UTF-8 intact: "client’s", "·".
    assert plain.get_content().replace("\r\n", "\n") == text(built)
    expected = (built.outdir / "2021-05.html").read_text(encoding="utf-8")
    assert rich.get_content().replace("\r\n", "\n") == expected
    assert "client’s" in plain.get_content()


def test_no_address_is_published(built: BuildResult) -> None:
    assert addresses_in(built.outdir) == {}
    parts = [part.get_content() for part in message(built).iter_parts()]
    assert not any("r.elliott@example.org" in part or "mailto:" in part for part in parts)


def test_two_builds_write_the_same_bytes(built: BuildResult, tmp_path: Path) -> None:
    again = newsletter_build(ROOTS / "test-archive", tmp_path, "2021-05", *OPTIONS)
    assert again.returncode == 0, again.stderr
    for suffix in ("html", "txt", "eml"):
        name = f"2021-05.{suffix}"
        assert (again.outdir / name).read_bytes() == (built.outdir / name).read_bytes(), name


def test_a_month_without_summaries_names_those_with_some_and_writes_nothing(
    tmp_path: Path,
) -> None:
    result = newsletter_build(ROOTS / "test-archive", tmp_path, "2019-07")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "2019-07 (July 2019) has no summaries; the months that have some: 2021-05, 2020-03" in (
        result.stderr
    )
    assert "[pprnet.newsletter]" in result.stderr
    assert not result.outdir.exists() or list(result.outdir.iterdir()) == []


def test_an_archive_without_its_address_is_told_to_set_it(tmp_path: Path) -> None:
    result = newsletter_build(ROOTS / "test-archive", tmp_path, "2021-05", "-D", "html_baseurl=")
    assert result.returncode == 1
    assert "set html_baseurl in conf.py [pprnet.newsletter]" in result.stderr
    assert not result.outdir.exists() or list(result.outdir.iterdir()) == []
