"""What files a page may show or link to (pure, no Sphinx): raster images and PDF, what their
name says, in the page's folder or under /_static/, small, and never from outside the source
folder (no '..', no symbolic link). `contents.py` asks for every image and linked file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# How each kind of file starts: a file is what its name says, not a page or a script renamed.
MAGIC: dict[str, Callable[[bytes], bool]] = {
    ".png": lambda start: start.startswith(b"\x89PNG\r\n\x1a\n"),
    ".jpg": lambda start: start.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda start: start.startswith(b"\xff\xd8\xff"),
    ".gif": lambda start: start[:6] in (b"GIF87a", b"GIF89a"),
    ".webp": lambda start: start[:4] == b"RIFF" and start[8:12] == b"WEBP",
    ".pdf": lambda start: start.startswith(b"%PDF-"),
}
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif"})
FILE_SUFFIXES = frozenset(MAGIC)  # what a link may download: images and PDF
STATIC = "_static"
MAX_FILE_BYTES = 1_000_000  # an image or a file a post links to


@dataclass(frozen=True)
class Context:
    """Where the page is: the source root, and the page's folder under it."""

    root: Path
    folder: PurePosixPath

    def file_start(self, path: PurePosixPath) -> tuple[int, bytes] | None:
        """The size and first bytes of a file under the root; None if there is none, or if it
        or a folder on its way is a symbolic link (which could publish a file from outside)."""
        current = self.root
        for part in path.parts:
            current = current / part
            if current.is_symlink():
                return None
        if not current.is_file():
            return None
        with current.open("rb") as file:
            return current.stat().st_size, file.read(12)


def file_problem(
    path: PurePosixPath, suffixes: frozenset[str], context: Context | None
) -> str | None:
    """What is wrong with a file a page names, if anything: in the page's folder or /_static/,
    no '..', one of `suffixes`, at most MAX_FILE_BYTES, what its name says. Without a
    `context`, only the name is checked."""
    if ".." in path.parts or "\\" in str(path):
        return "a path must not go up ('..')"
    if path.is_absolute() and path.parts[1:2] != (STATIC,):
        return f"a file is in the post's own folder or in /{STATIC}/"
    if path.suffix.lower() not in suffixes:
        return f"only {', '.join(sorted(suffixes))} files"
    if context is None:
        return None
    under_root = PurePosixPath(*path.parts[1:]) if path.is_absolute() else None
    found = context.file_start(under_root or context.folder / path)
    if found is None:
        return "no such file"
    if found[0] > MAX_FILE_BYTES:
        return f"{found[0]:,} bytes, over the limit of {MAX_FILE_BYTES:,}"
    if not MAGIC[path.suffix.lower()](found[1]):
        return f"the file is not what its name says ({path.suffix})"
    return None
