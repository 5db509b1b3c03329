"""The payload sweep: whatever a contributor writes, no page or feed runs script.

`tests/ext/roots/test-payloads` puts script payloads in every field a contributor controls (title,
body, tags, type, author, contact, BibTeX fields, link targets) and builds with validation in
report-only mode, so that each payload reaches every page, template and feed it can reach.
"""

from __future__ import annotations

import email
import re
import xml.etree.ElementTree as ET
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from support import PAYLOAD_PAGES, ROOTS, BuildResult, newsletter_build, sphinx_build

UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
# The one data: URL a page may have: a download link's BibTeX or RIS file, which browsers save
# (it names a file) and never render; any payload in it is percent-encoded text.
CITATION_DOWNLOAD = re.compile(
    r"data:application/(x-bibtex|x-research-info-systems);charset=utf-8,[A-Za-z0-9%._~-]*"
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcdoc")
ATOM = "{http://www.w3.org/2005/Atom}"


def live_payloads(html: str) -> list[str]:
    """What in an HTML document would run script: inline scripts that call alert, event
    handler attributes, and script-scheme URLs."""
    found = []
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        if "alert(" in script.get_text() or UNSAFE_SCHEME.match(script.get("src", "")):
            found.append(str(script)[:80])
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}=...>")
            if name.lower() in URL_ATTRIBUTES and UNSAFE_SCHEME.match(str(value)):
                if not is_citation_download(element, name, str(value)):
                    found.append(f"<{element.name} {name}={value!r}>")
    for frame in page.find_all(["iframe", "object", "embed", "svg", "img"]):
        if any(word in str(frame) for word in ("alert(", "onerror", "onload")):
            found.append(str(frame)[:80])
    return found


def is_citation_download(element: Any, name: str, value: str) -> bool:
    return (
        element.name == "a"
        and name == "href"
        and bool(element.get("download"))
        and CITATION_DOWNLOAD.fullmatch(value) is not None
    )


def test_report_only_build_gets_every_payload_through(payload_site: BuildResult) -> None:
    assert payload_site.returncode == 0, payload_site.stderr
    for subtype in ("title", "author", "topic", "type", "contact", "raw-html", "directive"):
        assert f"[pprnet.{subtype}]" in payload_site.stderr, subtype
    # The payloads really reached the pages (as text), or this sweep would prove nothing.
    post = (payload_site.outdir / "posts/2020/01-title.html").read_text(encoding="utf-8")
    assert "Payload &lt;script&gt;alert(1)&lt;/script&gt;" in post


def test_no_page_runs_contributor_script(payload_site: BuildResult) -> None:
    pages = sorted(payload_site.outdir.rglob("*.html"))
    assert {str(page.relative_to(payload_site.outdir)) for page in pages} >= PAYLOAD_PAGES
    found = {
        str(page.relative_to(payload_site.outdir)): live
        for page in pages
        if (live := live_payloads(page.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_no_feed_entry_runs_contributor_script(payload_site: BuildResult) -> None:
    feeds = sorted(payload_site.outdir.rglob("*.xml"))
    assert feeds, "the payload site has feeds"
    for feed in feeds:
        root = ET.parse(feed).getroot()  # noqa: S314 (our own build output)
        for element in root.iter():
            is_html = element.get("type") == "html"  # type "text" (the default) shows as text
            if element.tag in (f"{ATOM}content", f"{ATOM}summary") and is_html and element.text:
                assert live_payloads(element.text) == [], feed
            if element.tag == f"{ATOM}link":
                assert not UNSAFE_SCHEME.match(element.get("href", "")), feed


def test_no_newsletter_runs_contributor_script(tmp_path: Path) -> None:
    """The month of the payload post (the other's payload type leaves it out of the archive)
    as the newsletter: its HTML part, in the file and in the MIME message, shows every payload
    as text, and every link is percent-encoded."""
    built = newsletter_build(ROOTS / "test-payloads", tmp_path, "2020-01", strict=False)
    assert built.returncode == 0, built.stderr
    page = (built.outdir / "2020-01.html").read_text(encoding="utf-8")
    assert live_payloads(page) == []
    assert "<script" not in page.lower() and "<img" not in page.lower()
    message = email.message_from_bytes((built.outdir / "2020-01.eml").read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    html_part = message.get_body(("html",))
    assert isinstance(html_part, EmailMessage) and live_payloads(html_part.get_content()) == []
    # The payloads reached the message (as text), or this sweep would prove nothing.
    assert "Payload &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "https://doi.org/10.1000/%22%3E%3Cscript%3Ealert(1)%3C/script%3E" in page


def test_the_same_corpus_fails_a_validating_build(tmp_path: Path) -> None:
    result = sphinx_build(ROOTS / "test-payloads", tmp_path, "-D", "pprnet_strict=1")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "left out of the archive" in result.stderr
