"""The last check of written pages, and their Content-Security-Policy (stages/render/gate.py)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from pprnet.stages.render.gate import problems_of, scripts_of, with_policy

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8" />
<script>document.documentElement.dataset.mode = "";</script>
<script src="_static/pprnet.js"></script>
</head><body>
<article class="bd-article"><!-- pprnet: content -->
{content}<!-- pprnet: end of content --></article>
<script defer src="_static/scripts/bootstrap.js"></script>
</body></html>
"""

BAD = {
    "event handler": '<img src="x.png" onerror="alert(1)">',
    "event handler in capitals": '<svg ONLOAD="alert(1)"></svg>',
    "javascript address": '<a href=" java\nscript:alert(1)">x</a>',
    "vbscript address": "<a href='vbscript:msgbox'>x</a>",
    "page as data": '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "svg as data": '<img src="data:image/svg+xml,<svg/>">',
    "refresh": '<meta http-equiv="refresh" content="0; url=https://evil.example">',
    "frame": '<iframe src="https://evil.example"></iframe>',
    "object": '<object data="x.swf"></object>',
    "base": '<base href="https://evil.example/">',
    "inline script in the content": "<script>alert(1)</script>",
    "script from another site": '<script src="https://cdn.example/x.js"></script>',
}


@pytest.mark.parametrize("content", BAD.values(), ids=BAD.keys())
def test_each_script_vector_in_a_written_page_is_found_on_its_line(content: str) -> None:
    html = PAGE.format(content="\n" + content)
    found = problems_of(html, scripts_of(html))
    assert len(found) == 1, found
    offset, _ = found[0]
    assert html.count("\n", 0, offset) + 1 == 9


def test_a_page_with_only_the_theme_and_site_scripts_passes() -> None:
    content = '<p>A <a href="https://doi.org/10.1">DOI</a>, onerror= as text, and a file: '
    content += '<a href="data:application/x-research-info-systems;charset=utf-8,TY">RIS</a></p>'
    page = PAGE.format(content=content)
    assert problems_of(page, scripts_of(page)) == []


def test_the_policy_comes_first_and_allows_exactly_the_page_inline_scripts() -> None:
    page = PAGE.format(content="<p>Text</p>")
    html = with_policy(page, scripts_of(page))
    head = html[: html.index("</head>")]
    assert head.index("Content-Security-Policy") < head.index("<script")
    policy = re.search(r'content="([^"]*)"', head[head.index("Content-Security-Policy") :])[1]
    inline = 'document.documentElement.dataset.mode = "";'
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert policy == f"script-src 'self' 'sha256-{digest}'; object-src 'none'; base-uri 'self'"
    assert "unsafe-inline" not in policy
