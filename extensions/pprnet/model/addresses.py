"""E-mail addresses in what contributors write, shown so that no harvester reads them (pure,
no Sphinx).

Pages, feeds, search data and explorer data carry an address only as words ("r.elliott at
example dot org"), which readers can still type; on the page, `_static/pprnet.js` turns each
back into a link (`.pprnet-email`). Entity encoding is not enough: harvesters decode entities.
"""

from __future__ import annotations

import re

ADDRESS_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def spoken(address: str) -> str:
    """An address as words: "r.elliott at example dot org"."""
    local, _, domain = address.partition("@")
    return f"{local} at {' dot '.join(domain.split('.'))}"
