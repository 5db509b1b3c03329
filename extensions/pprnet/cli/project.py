"""Find the archive a command works on and load its data files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pprnet.model.bibfile import Bibliography, read_bibliography
from pprnet.model.vocabulary import Vocabulary, load_vocabulary

VOCABULARY = "vocabulary.toml"
BIBLIOGRAPHY = "references.bib"
POSTS = "posts"


class ProjectError(Exception):
    """No archive here, or one of its data files cannot be read."""


@dataclass(frozen=True)
class Project:
    root: Path
    vocabulary: Vocabulary
    bibliography: Bibliography

    @property
    def posts_dir(self) -> Path:
        return self.root / POSTS

    @property
    def bibliography_path(self) -> Path:
        return self.root / BIBLIOGRAPHY

    def display(self, path: Path) -> str:
        """A path as the contributor sees it: relative to the archive when inside it."""
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "conf.py").is_file() and (folder / VOCABULARY).is_file():
            return folder
    raise ProjectError(f"no archive (conf.py and {VOCABULARY}) in {start} or above")


def load_project(start: Path) -> Project:
    root = find_root(start.resolve())
    try:
        vocabulary = load_vocabulary(root / VOCABULARY)
        bibliography = read_bibliography((root / BIBLIOGRAPHY).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ProjectError(str(error)) from None
    return Project(root, vocabulary, bibliography)
