"""Readable ASCII names made from titles: post file names and BibTeX keys (pure, no Sphinx)."""

from __future__ import annotations

import re
import unicodedata

# Short words that a file name or a key skips to reach the title's significant words.
STOPWORDS = frozenset(
    "a an the of on in at to for from by with and or but is are was were be do does did as "
    "into about".split()
)


def ascii_words(text: str) -> list[str]:
    """The lowercase ASCII words of a text; an apostrophe joins ("therapists’" is one word)."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "").replace("'", ""))
    return re.findall(r"[a-z0-9]+", folded.encode("ascii", "ignore").decode("ascii").lower())


def slugify(title: str, max_words: int = 5, max_length: int = 50) -> str:
    """A short file name from a title: its first significant words joined by '-'."""
    words = ascii_words(title)
    words = [word for word in words if word not in STOPWORDS] or words
    slug = ""
    for word in words[:max_words]:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > max_length:
            break
        slug = longer
    return slug or (words[0][:max_length] if words else "")
