"""The last line of defence, on the HTML as written: no page runs script it was not built with,
and each carries a Content-Security-Policy that lets it run nothing else.

The allow-list (`model/contents.py`) keeps contributors' markup out of the pages; this checks
what every page written in the build holds, whatever wrote it (a template, a dependency, a
listing): no event-handler attribute, no `javascript:` or `vbscript:` address nor a `data:`
address of a page or a script, no `<script>` from another site nor inline in the page's
content (the part of the page made from its document, which `mark_content` marks; the
theme's templates around it are code), no `<meta http-equiv="refresh">`, no `<base>`,
`<iframe>`, `<object>` or `<embed>`. Each is a warning with the page (the strict build fails).

The policy is a `<meta>` element (GitHub Pages sets no headers): scripts from the site itself
and, by their SHA-256 hashes computed for each page, the inline scripts it has; no plugins;
no `<base>` from elsewhere. Pages are read with regular expressions rather than an HTML
parser: they are the HTML writer's and the theme's output, every attribute quoted and every
`<` of text escaped, and the expressions respect quotes, so a `>` inside a value ends no tag.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from pprnet.model.problems import Subtype

logger = logging.getLogger(__name__)

TAG_RE = re.compile(r"""<([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")
ATTRIBUTE_RE = re.compile(r"""([^\s=/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
# Around the page's content, which only the HTML writer makes (contributors cannot write a
# comment: raw HTML is shown as text).
CONTENT_START = "<!-- pprnet: content -->"
CONTENT_END = "<!-- pprnet: end of content -->"
FORBIDDEN_ELEMENTS = frozenset({"base", "iframe", "object", "embed", "frame", "frameset"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster"})
# A `data:` address may hold a file to save (the cite-this RIS download), not a page or script.
ACTIVE_DATA_RE = re.compile(r"^data:\s*(text/html|[^,;]*xml|[^,;]*script)", re.IGNORECASE)
CHARSET_RE = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
POLICY = "script-src 'self'{hashes}; object-src 'none'; base-uri 'self'"
POLICY_META = '<meta http-equiv="Content-Security-Policy"'
# When each build began: the pages written since are the ones it wrote (`pages_written`).
_started: WeakKeyDictionary[Sphinx, float] = WeakKeyDictionary()


def scripts_of(html: str) -> list[tuple[int, str | None, str]]:
    """Each `<script>` of a page: its offset, its `src` (None if inline) and its text."""
    return [
        (script.start(), _attribute(script.group(1), "src"), script.group(2))
        for script in SCRIPT_RE.finditer(html)
    ]


def problems_of(html: str, scripts: list[tuple[int, str | None, str]]) -> list[tuple[int, str]]:
    """What a written page holds that it must not, each with its offset in the page."""
    found: list[tuple[int, str]] = []
    for match in TAG_RE.finditer(html):
        name = match.group(1).lower()
        if name in FORBIDDEN_ELEMENTS:
            found.append((match.start(), f"a <{name}> element"))
        for attribute in ATTRIBUTE_RE.finditer(match.group(2) or ""):
            key = attribute.group(1).lower()
            if key.startswith("on"):
                found.append((match.start(), f"an event-handler attribute {key!r} on <{name}>"))
                continue
            if key not in URL_ATTRIBUTES and key != "http-equiv":
                continue  # most attributes (class, id, ...): their values are not looked at
            address = "".join(_value(attribute).split()).lower()
            if key in URL_ATTRIBUTES and address.startswith(("javascript:", "vbscript:")):
                found.append((match.start(), f"a script address in {key!r} of <{name}>"))
            elif key in URL_ATTRIBUTES and ACTIVE_DATA_RE.match(address):
                found.append(
                    (match.start(), f"a data: address of a page or script in {key!r} of <{name}>")
                )
            elif name == "meta" and key == "http-equiv" and address == "refresh":
                found.append((match.start(), "a <meta http-equiv='refresh'>"))
    start, end = _content(html)
    for offset, source, _ in scripts:
        if source is None and start <= offset < end:
            found.append((offset, "an inline <script> in the page's content"))
        elif source is not None and ("://" in source or source.startswith("//")):
            found.append((offset, f"a <script> from another site ({source})"))
    return found


def _content(html: str) -> tuple[int, int]:
    """Where the page's content is (`mark_content`); nowhere on a page without one."""
    start = html.find(CONTENT_START)
    return (start, html.find(CONTENT_END, start)) if start != -1 else (0, 0)


def mark_content(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Mark where the page's own content is, for `problems_of`."""
    if isinstance(context.get("body"), str):
        context["body"] = f"{CONTENT_START}{context['body']}{CONTENT_END}"


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _value(attribute: re.Match[str]) -> str:
    """An attribute's value, however it is quoted ("" for one without a value)."""
    return next((v for v in attribute.groups()[1:] if v is not None), "")


def _attribute(attributes: str, wanted: str) -> str | None:
    for attribute in ATTRIBUTE_RE.finditer(attributes):
        if attribute.group(1).lower() == wanted:
            return _value(attribute)
    return None


def with_policy(html: str, scripts: list[tuple[int, str | None, str]]) -> str:
    """The page with its Content-Security-Policy first in `<head>`: its own inline scripts
    allowed by hash, nothing else inline."""
    hashes = sorted({f"'sha256-{_sha256(body)}'" for _, source, body in scripts if source is None})
    policy = POLICY.format(hashes="".join(f" {h}" for h in hashes))
    meta = f'{POLICY_META} content="{policy}" />'
    charset = CHARSET_RE.search(html)
    assert charset is not None, "checked by the caller"
    return f"{html[: charset.end()]}\n    {meta}{html[charset.end() :]}"


def note_start(app: Sphinx) -> None:
    _started[app] = time.time()


def pages_written(app: Sphinx) -> list[Path]:
    """The pages this build wrote: those written since it began (pages written by parallel
    writers included, which report nothing back to the main process)."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    since = _started.get(app, 0.0)
    return [
        path
        for path in Path(builder.outdir).rglob(f"*{builder.out_suffix}")
        if "_static" not in path.parts and path.stat().st_mtime >= since
    ]


def check_written_pages(app: Sphinx, exception: Exception | None) -> None:
    """Check each page this build wrote and give it its policy."""
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    for path in pages_written(app):
        html = path.read_text(encoding="utf-8")
        scripts = scripts_of(html)
        for offset, problem in problems_of(html, scripts):
            logger.warning(
                f"the written page has {problem}; no page may run script it was not built with",
                type="pprnet",
                subtype=Subtype.PAGE,
                location=f"{path}:{html.count(chr(10), 0, offset) + 1}",
            )
        if POLICY_META in html:
            continue
        if CHARSET_RE.search(html) is None:
            logger.warning(
                "the written page declares no UTF-8 charset, after which its "
                "Content-Security-Policy belongs; the theme's template must write one",
                type="pprnet",
                subtype=Subtype.PAGE,
                location=str(path),
            )
            continue
        path.write_text(with_policy(html, scripts), encoding="utf-8")


def setup_gate(app: Sphinx) -> None:
    app.connect("builder-inited", note_start)
    app.connect("html-page-context", mark_content, priority=900)
    app.connect("build-finished", check_written_pages)
