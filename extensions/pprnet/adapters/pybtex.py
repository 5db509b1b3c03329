"""pybtex, as the archive uses it: its APA 7 styles registered, and its plugin look-ups cached.

Checked against pybtex 0.26.0 and 0.26.1 (`make versions`). Private access: none.
"""

from __future__ import annotations

from functools import cache

import pybtex.plugin
from pybtex.database import Person
from pybtex.richtext import Text
from pybtex.style.names import BaseNameStyle, name_part
from pybtex.style.template import join
from sphinx.application import Sphinx

from pprnet.model.apa import APAStyle, from_latex

STYLE_NAME = "pprnet-apa"
SURNAME_STYLE = "pprnet-surname"


class SurnameStyle(BaseNameStyle):  # type: ignore[misc]
    """sphinxcontrib-bibtex's "last" name style, each surname formatted once per build instead
    of once per citation: decoding its LaTeX was a quarter of the time of an in-text citation."""

    def format(self, person: Person, abbr: bool = True) -> Text:
        return _surname(tuple(person.prelast_names), tuple(person.last_names))


@cache
def _surname(prelast_names: tuple[str, ...], last_names: tuple[str, ...]) -> Text:
    template = join[
        name_part(tie=True)[[from_latex(name) for name in prelast_names]],
        name_part[[from_latex(name) for name in last_names]],
    ]
    return template.format()


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
    ("pybtex.style.names", "last"),
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
    pybtex.plugin.register_plugin("pybtex.style.names", SURNAME_STYLE, SurnameStyle)
    cache_pybtex_plugins()
