"""Sphinx itself, where the archive needs what it has no public API for, or where its public
behaviour ends a build with a traceback.

Checked against Sphinx 9.0.0 and 9.0.4 (the lowest and the latest allowed versions, which
`make versions` builds). Private accesses: the HTML builder's per-page attributes
(`secnumbers`, `fignumbers`, `imgpath`, `dlpath`, `current_docname`), set by
`render_page_body`; `tests/ext/adapters/test_sphinx.py` fails without them. The HTML builder's
`search` attribute, which `without_sphinx_search` clears (no configuration value does);
`tests/site/test_search_index.py` fails if Sphinx writes `searchindex.js` again.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.util.osutil import relative_uri

# UTF-8 (a byte-order mark skipped), with each byte that is not UTF-8 read as U+FFFD.
READ_ENCODING = "pprnet-utf-8"


class _ReplacingDecoder(encodings.utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _find_codec(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != READ_ENCODING:
        return None
    utf8 = codecs.lookup("utf-8-sig")

    def decode(data: Any, errors: str = "strict") -> tuple[str, int]:
        return utf8.decode(data, "replace")

    return codecs.CodecInfo(
        utf8.encode, decode, name=READ_ENCODING, incrementaldecoder=_ReplacingDecoder,
        incrementalencoder=utf8.incrementalencoder,
    )  # fmt: skip


def read_sources_leniently(app: Sphinx, config: Config) -> None:
    """Workaround: Sphinx 9 reads a source file with strict decoding, so one byte that is not
    UTF-8 (a post saved as Windows-1252) ends the build with a traceback that names no file.
    Sources are read with a codec that puts U+FFFD in its place; the read stage then reports
    the byte with its file and line (`stages/read/pages.py`). Kept when `conf.py` chooses
    another encoding than UTF-8. Remove when Sphinx reports undecodable sources itself."""
    if codecs.lookup(config.source_encoding).name in ("utf-8", "utf-8-sig"):
        config.source_encoding = READ_ENCODING


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


def without_sphinx_search(app: Sphinx) -> None:
    """Sphinx's search index is not made: the archive's search is Pagefind's, over the written
    pages (`stages/render/search.py`). Indexing every document costs a tenth of a build, and
    its `searchindex.js` is rewritten by every build, even one that writes no page. The HTML
    builder has no setting for it; its `search` attribute, which builders without search
    (HTML Help) clear, is cleared. Remove if Sphinx gains a setting."""
    if isinstance(app.builder, StandaloneHTMLBuilder):
        app.builder.search = False


def setup_sphinx(app: Sphinx) -> None:
    codecs.register(_find_codec)
    # After Sphinx 9's warning about encodings other than UTF-8 (790): this one is UTF-8.
    app.connect("config-inited", read_sources_leniently, priority=800)
    app.connect("builder-inited", without_sphinx_search)
