"""The issue as an e-mail-safe HTML message: one centred column of tables at most 600 px wide,
its stylesheet inlined into `style` attributes by css-inline, no script, font or image.

Every rule that sets a colour sets its background too, and each pair keeps a contrast of 4.5:1
both as written and inverted, as mail clients that force a dark scheme invert it (the
newsletter's tests measure the written message). The document is built with ElementTree, which
escapes all text and attributes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

import css_inline

from pprnet.model.issue import BOTTOM_LINE, IMPLICATIONS, TEASER_LEAD, Issue, Run, Summary

FONTS = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'
PAGE = "#f2efe8"  # around the column, and the footer
PAPER = "#ffffff"
INK = "#1f2328"
MUTED = "#4f565e"
LINK = "#0b4f8a"
TEASER = "#fbf3dc"
ACCENT = "#7a2e0e"
RULE = "#d8d2c4"

STYLESHEET = f"""
body {{ margin: 0; padding: 0; width: 100%; color: {INK}; background-color: {PAGE}; }}
table {{ border-collapse: collapse; }}
td {{ font-family: {FONTS}; font-size: 16px; line-height: 1.5;
      overflow-wrap: anywhere; word-break: break-word; }}
p {{ margin: 0 0 12px; }}
a {{ color: {LINK}; background-color: {PAPER}; text-decoration: underline; }}
.pprnet-outer {{ width: 100%; background-color: {PAGE}; }}
.pprnet-outer-cell {{ padding: 16px 8px; }}
.pprnet-column {{ width: 100%; max-width: 600px; margin: 0 auto; }}
.pprnet-masthead {{ padding: 24px 24px 8px; color: {INK}; background-color: {PAPER}; }}
.pprnet-site {{ margin: 0; font-size: 14px; font-weight: bold; }}
.pprnet-site a {{ color: {ACCENT}; background-color: {PAPER}; text-decoration: none; }}
.pprnet-issue {{ margin: 4px 0 0; font-size: 26px; line-height: 1.25; }}
.pprnet-teaser {{ padding: 16px 24px; color: {INK}; background-color: {TEASER}; }}
.pprnet-teaser p {{ margin: 0; }}
.pprnet-teaser a {{ color: {LINK}; background-color: {TEASER}; }}
.pprnet-summary {{ padding: 20px 24px 8px; color: {INK}; background-color: {PAPER};
                   border-top: 1px solid {RULE}; }}
.pprnet-summary h2 {{ margin: 0 0 6px; font-size: 20px; line-height: 1.3; }}
.pprnet-summary h2 a {{ text-decoration: none; }}
.pprnet-labels {{ font-size: 14px; color: {MUTED}; background-color: {PAPER}; }}
.pprnet-reference {{ font-size: 14px; }}
.pprnet-implications {{ margin: 16px 0 4px; font-size: 16px; color: {ACCENT};
                        background-color: {PAPER}; }}
.pprnet-ways {{ padding: 16px 24px; font-size: 14px; color: {INK}; background-color: {PAPER};
                border-top: 1px solid {RULE}; }}
.pprnet-ways p {{ margin: 0; }}
.pprnet-footer {{ padding: 16px 24px 24px; font-size: 13px; color: {MUTED};
                  background-color: {PAGE}; }}
"""


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _text(parent: ET.Element, text: str) -> None:
    """Append text after the element's last child (or as its text)."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def add_runs(parent: ET.Element, runs: Iterable[Run]) -> None:
    for run in runs:
        if run.href:
            _sub(parent, "a", run.text, href=run.href)
        elif run.emphasis:
            _sub(parent, "em", run.text)
        else:
            _text(parent, run.text)


def _table(parent: ET.Element, css_class: str, **attributes: str) -> ET.Element:
    """A layout table (read by screen readers as no table at all)."""
    return _sub(
        parent,
        "table",
        role="presentation",
        cellpadding="0",
        cellspacing="0",
        border="0",
        **{"class": css_class, **attributes},
    )


def _row(table: ET.Element, css_class: str) -> ET.Element:
    return _sub(_sub(table, "tr"), "td", **{"class": css_class})


def _summary(column: ET.Element, summary: Summary) -> None:
    cell = _row(column, "pprnet-summary")
    _sub(_sub(cell, "h2"), "a", summary.title, href=summary.url)
    add_runs(_sub(cell, "p", **{"class": "pprnet-labels"}), summary.labels)
    if summary.reference:
        add_runs(_sub(cell, "p", **{"class": "pprnet-reference"}), summary.reference)
    if summary.bottom_line:
        bottom = _sub(cell, "p", **{"class": "pprnet-bottom-line"})
        _sub(bottom, "strong", BOTTOM_LINE)
        _text(bottom, f" {summary.bottom_line}")
    _sub(cell, "h3", IMPLICATIONS, **{"class": "pprnet-implications"})
    for paragraph in summary.implications:
        _sub(cell, "p", paragraph)


def document(issue: Issue) -> ET.Element:
    """The message's HTML document, before its stylesheet is inlined."""
    html = ET.Element("html", lang=issue.language)
    head = _sub(html, "head")
    _sub(head, "meta", charset="utf-8")
    _sub(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    # Light only: the colours are chosen to survive a client's inversion, not to be replaced.
    _sub(head, "meta", name="color-scheme", content="light")
    _sub(head, "meta", name="supported-color-schemes", content="light")
    _sub(head, "title", issue.subject)
    _sub(head, "style", STYLESHEET)
    body = _sub(html, "body")
    outer = _table(body, "pprnet-outer", width="100%")
    centred = _sub(_sub(outer, "tr"), "td", align="center", **{"class": "pprnet-outer-cell"})
    # The width attribute is for clients that ignore max-width (Outlook on Windows).
    column = _table(centred, "pprnet-column", width="600")
    masthead = _row(column, "pprnet-masthead")
    _sub(_sub(masthead, "p", **{"class": "pprnet-site"}), "a", issue.site, href=issue.site_url)
    _sub(masthead, "h1", issue.month.label, **{"class": "pprnet-issue"})
    teaser = _sub(_row(column, "pprnet-teaser"), "p")
    _sub(teaser, "strong", TEASER_LEAD)
    _text(teaser, " ")
    add_runs(teaser, issue.teaser)
    for summary in issue.summaries:
        _summary(column, summary)
    add_runs(_sub(_row(column, "pprnet-ways"), "p"), issue.links)
    footer = _row(column, "pprnet-footer")
    _sub(footer, "p", issue.network)
    _sub(footer, "p", issue.footer)
    return html


def email_html(issue: Issue) -> str:
    """The HTML part: the document with its stylesheet inlined, the `<style>` element gone."""
    html = ET.tostring(document(issue), encoding="unicode", method="html")
    inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
    inlined: str = inliner.inline(f"<!DOCTYPE html>\n{html}")
    return inlined.rstrip("\n") + "\n"  # a text file, as the message carries it
