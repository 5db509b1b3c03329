"""Each page loads only the stylesheets and scripts it uses.

Sphinx links every stylesheet and script an extension adds on every page. Four serve only some
pages: Pygments' colours (code blocks; the archive has none today), sphinx-design's stylesheet
(badges, cards, grids, dropdowns) and its tab script (tab sets), and the archive's own script
(e-mail addresses made links again, the cite box's copy button). A page whose HTML has none of
their elements does not load them.

sphinx-design's stylesheet holds every component, colour and breakpoint it offers (55 kB); a
post used 7% of it, the home page 9.7%. Pages that show its components load `pprnet-design.css`
instead: its rules for the classes the archive emits (DESIGN_CLASSES), cut with tinycss2 when a
build starts. A site test checks that every sphinx-design class on every page is among them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sphinx_design
import tinycss2
from sphinx.application import Sphinx
from sphinx_design.shared import SEMANTIC_COLORS

PYGMENTS_CSS = "_static/pygments.css"
DESIGN_CSS = "_static/sphinx-design.min.css"
DESIGN_TABS_JS = "_static/design-tabs.js"
PPRNET_JS = "_static/pprnet.js"
CUT_DESIGN_CSS = "pprnet-design.css"

# What each optional asset styles or runs, as it appears in a page's HTML.
USED_BY = {
    PYGMENTS_CSS: re.compile(r'class="[^"]*\bhighlight'),
    DESIGN_CSS: re.compile(r'class="[^"]*\bsd-'),
    DESIGN_TABS_JS: re.compile(r'class="[^"]*\bsd-tab-set\b'),
    PPRNET_JS: re.compile(r'class="[^"]*\bpprnet-(?:email|cite-this)\b'),
}
_COLOURS = "|".join(SEMANTIC_COLORS)
# The sphinx-design classes the archive emits: badges of every colour, filled or outlined (the
# type and topic badges, and the text badges contributors may write: model/contents.py), the
# home page's cards in a grid (render/home.py), and dropdowns (allowed in posts).
DESIGN_CLASSES = re.compile(
    r"sd-(?:sphinx-override|badge|(?:bg|bg-text|outline|text)-(?:" + _COLOURS + r")"
    r"|container-fluid|row|row-cols-1|row-cols-md-2|g-3|col|d-flex-row|mb-3|mb-4|shadow-sm|h-100"
    r"|card|card-(?:title|body|header|footer|text)|font-weight-bold|stretched-link"
    r"|dropdown|dropdown-[a-z-]+|summary-[a-z-]+|octicon|octicon-[a-z-]+|fade-in[a-z-]*"
    r"|slide-down|animate|animate-[a-z-]+)"
)
_CLASS = re.compile(r"\.(sd-[\w-]+)")


def _selectors(prelude: list[Any]) -> list[str]:
    """A rule's selectors: its prelude split at the commas outside brackets."""
    selectors: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [tinycss2.serialize(tokens).strip() for tokens in selectors]


def _kept(rule: Any) -> Any:
    """The rule with only its selectors whose classes are all kept, an @media rule with only
    its kept rules, or None."""
    if rule.type == "qualified-rule":
        kept = [
            selector
            for selector in _selectors(rule.prelude)
            if all(DESIGN_CLASSES.fullmatch(name) for name in _CLASS.findall(selector))
        ]
        if not kept:
            return None
        return f"{','.join(kept)}{{{tinycss2.serialize(rule.content)}}}"
    if rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content is not None:
        inner = [kept for r in tinycss2.parse_blocks_contents(rule.content) if (kept := _kept(r))]
        if not inner:
            return None
        return f"@media{tinycss2.serialize(rule.prelude)}{{{''.join(map(_text, inner))}}}"
    return rule  # @keyframes: the animations of the dropdowns


def _text(rule: Any) -> str:
    return rule if isinstance(rule, str) else tinycss2.serialize([rule])


def cut_design_css(css: str) -> str:
    """sphinx-design's stylesheet with only the rules whose classes are all DESIGN_CLASSES."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(_text(kept) for rule in rules if (kept := _kept(rule)) is not None) + "\n"


def write_design_css(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    source = Path(sphinx_design.__file__).parent / "static" / Path(DESIGN_CSS).name
    target = Path(app.outdir) / "_static" / CUT_DESIGN_CSS
    text = cut_design_css(source.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def _unused(filename: str, body: str) -> bool:
    pattern = USED_BY.get(filename)
    return pattern is not None and pattern.search(body) is None


def trim_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body", "")
    if not _unused(DESIGN_CSS, body):
        app.add_css_file(CUT_DESIGN_CSS)  # for this page only (in html-page-context)
    # New lists: the builder's own are shared by every page.
    context["css_files"] = [
        css
        for css in context.get("css_files", ())
        if css.filename != DESIGN_CSS and not _unused(css.filename, body)
    ]
    context["script_files"] = [
        js for js in context.get("script_files", ()) if not _unused(js.filename, body)
    ]


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", write_design_css)
    # After every handler that adds a file to a page (the default priority, 500).
    app.connect("html-page-context", trim_assets, priority=800)
