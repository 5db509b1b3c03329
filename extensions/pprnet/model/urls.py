"""Which link targets a page may have (pure, no Sphinx)."""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def is_safe_url(target: str) -> bool:
    """An http(s) or mailto URL, or a relative one; never javascript:, data:, vbscript: ..."""
    # Browsers ignore control characters and surrounding blanks when they read a scheme.
    cleaned = "".join(char for char in target if char >= " " and char != "\x7f").strip()
    scheme = urlsplit(cleaned).scheme.lower()
    return scheme in SAFE_SCHEMES or (scheme == "" and not cleaned.startswith("//"))
