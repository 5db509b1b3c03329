"""The PPRNet research archive: its Sphinx extension and its contributors' command line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here, not above: the command line imports this package and needs no Sphinx.
    from .extension import wire

    wire(app)
    return {
        "version": __version__,
        # Bump when the shape of the stored records changes (records.Post and domain data).
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
