"""pybtex, as the archive uses it: its APA 7 style registered, and its plugin look-ups cached.

Checked against pybtex 0.26.0 and 0.26.1 (`make versions`). Private access: none.
"""

from __future__ import annotations

import pybtex.plugin
from sphinx.application import Sphinx

from pprnet.model.apa import APAStyle

STYLE_NAME = "pprnet-apa"


# The pybtex plugins that sphinxcontrib-bibtex and the archive look up while building.
PYBTEX_PLUGINS = (
    ("pybtex.backends", "plaintext"),
    ("pybtex.backends", "text"),
    ("pybtex.backends", "html"),
    ("pybtex.backends", "docutils"),
    ("pybtex.database.input", "bibtex"),
    ("pybtex.database.output", "bibtex"),
    ("pybtex.style.labels", "alpha"),
    ("pybtex.style.names", "plain"),
    ("pybtex.style.sorting", "none"),
)


def cache_pybtex_plugins() -> None:
    """Workaround: pybtex's `find_plugin` reads every installed package's entry points on each
    call (about 5 ms), and sphinxcontrib-bibtex calls it for every citation it resolves, so a
    1,000-post build spent most of its time there. Registering the same classes as run-time
    plugins makes each look-up a dictionary access. Remove when pybtex caches its look-ups."""
    for group, name in PYBTEX_PLUGINS:
        plugin = pybtex.plugin.find_plugin(group, name)
        pybtex.plugin.register_plugin(group, name, plugin, force=True)


def setup_pybtex(app: Sphinx) -> None:
    # Registered at run time rather than as entry points: pybtex looks entry points up again
    # for every formatted citation, which is slow (see cache_pybtex_plugins).
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, APAStyle)
    cache_pybtex_plugins()
