"""Find the archive a command works on, read its `conf.py` and load its data files."""

from __future__ import annotations

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

    def display(self, path: Path) -> str:
        """A path as the contributor sees it: relative to the archive when inside it."""
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)


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
    return Project(root, conf.settings, vocabulary, bibliography, bibliography_path)
