"""Find the archive a command works on, read its `conf.py` and load its data files."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pprnet.config import ConfError, Settings, read_conf
from pprnet.model.bibfile import Bibliography, read_bibliography
from pprnet.model.files import Context
from pprnet.model.problems import decode
from pprnet.model.vocabulary import Vocabulary, load_vocabulary

DEFAULT_AUTHOR = "Giorgio A. Tasca"  # the blog's author since 2013


class ProjectError(Exception):
    """No archive here, or its configuration or one of its data files cannot be read."""


@dataclass(frozen=True)
class Project:
    root: Path
    settings: Settings
    vocabulary: Vocabulary
    bibliography: Bibliography
    bibliography_path: Path
    exclude_patterns: tuple[str, ...] = ()

    @property
    def posts_dir(self) -> Path:
        return self.root / self.settings.posts_dir

    @property
    def bibliography_name(self) -> str:
        """The bibliography's file as the contributor sees it (`references.bib`)."""
        return self.display(self.bibliography_path)

    def context(self, path: Path) -> Context:
        """Where a page is, for the checks of the files it shows or links to."""
        folder = path.resolve().parent
        if not folder.is_relative_to(self.root):  # a page outside the archive
            return Context(folder, PurePosixPath())
        return Context(self.root, PurePosixPath(folder.relative_to(self.root).as_posix()))

    def place(self, path: Path) -> PurePosixPath | None:
        """A post's file under the posts folder (`2020/03-alliance.md`); None outside it."""
        resolved = path.resolve()
        posts = self.posts_dir.resolve()
        if not resolved.is_relative_to(posts):
            return None
        return PurePosixPath(resolved.relative_to(posts).as_posix())

    def pages(self) -> list[Path]:
        """The site's own Markdown pages (every document Sphinx reads that is not a post)."""
        excluded = [*self.exclude_patterns, self.settings.posts_dir, "_build", ".*", "**/.*"]
        patterns = [_glob_re(pattern) for pattern in excluded]
        found: list[Path] = []
        for folder, subfolders, files in os.walk(self.root):
            relative = Path(folder).relative_to(self.root)
            # Pruned as Sphinx prunes them: an excluded folder is not walked.
            subfolders[:] = sorted(
                name for name in subfolders
                if not any(p.fullmatch((relative / name).as_posix()) for p in patterns)
            )  # fmt: skip
            for name in sorted(files):
                path = (relative / name).as_posix()
                if name.endswith(".md") and not any(p.fullmatch(path) for p in patterns):
                    found.append(self.root / path)
        return found

    def display(self, path: Path) -> str:
        """A path as the contributor sees it: relative to the archive when inside it."""
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)


def _glob_re(pattern: str) -> re.Pattern[str]:
    """A pattern of `exclude_patterns` as Sphinx reads it (`sphinx.util.matching`, not imported
    by the command line): `**` any path, `*` and `?` within one folder name."""
    parts = re.split(r"(\*\*|\*|\?)", pattern)
    wildcards = {"**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wildcards.get(part, re.escape(part)) for part in parts))


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "conf.py").is_file():
            return folder
    raise ProjectError(f"no archive (a folder with conf.py) in {start} or above")


def load_project(start: Path) -> Project:
    """The archive at or above `start`, as its `conf.py` describes it."""
    root = find_root(start.resolve())
    try:
        conf = read_conf(root)
        bibliography_path = root / conf.bibliography
        vocabulary = load_vocabulary(root / conf.settings.vocabulary)
        text, undecodable = decode(bibliography_path.read_bytes())
        bibliography = read_bibliography(text)
        if undecodable is not None:
            bibliography.problems.insert(0, undecodable)
    except (ConfError, OSError, ValueError) as error:
        raise ProjectError(str(error)) from None
    return Project(
        root, conf.settings, vocabulary, bibliography, bibliography_path, conf.exclude_patterns
    )
