"""Sphinx itself, where the archive needs what it has no public API for.

Checked against Sphinx 9.0.0 and 9.0.4 (the lowest and the latest allowed versions, which
`make versions` builds). Private accesses: the HTML builder's per-page attributes
(`secnumbers`, `fignumbers`, `imgpath`, `dlpath`, `current_docname`), set by
`render_page_body`; `tests/ext/adapters/test_sphinx.py` fails without them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri


def render_page_body(builder: StandaloneHTMLBuilder, pagename: str, node: nodes.Node) -> str:
    """The HTML of a generated page's body.

    Workaround: `render_partial` reads per-page state that `write_doc` sets for each document
    (section and figure numbers, paths). A rebuild that writes no document has none, and the
    translator fails on the first heading; after some writes it holds another page's values.
    Set it for this page first. Remove if render_partial ever sets it itself.
    """
    builder.secnumbers = {}
    builder.fignumbers = {}
    builder.imgpath = relative_uri(builder.get_target_uri(pagename), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(pagename), "_downloads")
    builder.current_docname = pagename
    return builder.render_partial(node)["fragment"]
