"""pybtex, as the archive uses it: its APA 7 style registered.

Checked against pybtex 0.26.0 and 0.26.1 (`make versions`). Private access: none.
"""

from __future__ import annotations

import pybtex.plugin
from sphinx.application import Sphinx

from pprnet.model.reference_list import APAStyle

STYLE_NAME = "pprnet-apa"


def setup_pybtex(app: Sphinx) -> None:
    # Registered at run time: the package declares no entry points of its own.
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, APAStyle)
