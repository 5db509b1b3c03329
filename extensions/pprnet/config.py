"""The archive's configuration: every `pprnet_*` value of `conf.py`, its default, type and
meaning, in one place (no Sphinx import).

The build registers each value with Sphinx (`register`) and reads them as `Settings`; the
command line reads the same `conf.py` (`read_conf`), so that both find the posts, the
vocabulary and the bibliography in the same places.
"""

from __future__ import annotations

import runpy
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PREFIX = "pprnet_"


def _option(default: Any, rebuild: str, description: str) -> Any:
    """A setting's default; `rebuild` is what Sphinx redoes when it changes ("env": read every
    document again, "html": write every page again)."""
    return field(default=default, metadata={"rebuild": rebuild, "description": description})


@dataclass(frozen=True)
class Settings:
    """The `pprnet_*` values of a `conf.py`, without their prefix."""

    posts_dir: str = _option("posts", "env", "The folder of the posts, under the source folder.")
    vocabulary: str = _option(
        "vocabulary.toml", "env", "The file of topics and types of research, under the source."
    )
    strict: bool = _option(
        True,
        "env",
        "Leave a post with a problem out of the archive (True), or keep what is usable of it"
        " (False: only the payload tests, which prove that pages escape whatever reaches them).",
    )
    bibliography_page: str = _option(
        "", "env", "The page with the `{bibliography}` directive, which citations link to."
    )
    feed_path: str = _option(
        "atom.xml", "html", "Where the feed of the newest summaries is written in the output."
    )
    feed_length: int = _option(50, "html", "How many of the newest summaries each feed holds.")
    search_index: bool = _option(
        True,
        "",
        "Index the written site for search (Pagefind) after each build that wrote a page;"
        " False only for test builds that search nothing.",
    )
    newsletter_month: str = _option(
        "",
        "",
        "The month (YYYY-MM) whose issue the newsletter builder writes; empty: the newest"
        " (`pprnet newsletter YYYY-MM` sets it).",
    )
    newsletter_footer: str = _option(
        "To stop receiving this newsletter, reply with the word unsubscribe.",
        "",
        "The newsletter's unsubscribe line, as text: put the list provider's merge tag in it"
        " (for example *|UNSUB|*), which the provider replaces for each reader.",
    )

    def is_post(self, docname: str) -> bool:
        """Whether a document is a post (a page under `posts_dir`)."""
        return docname.startswith(self.posts_dir.rstrip("/") + "/")

    @classmethod
    def of(cls, config: Any) -> Settings:
        """The settings of a Sphinx configuration (every value registered by `register`)."""
        return cls(**{item.name: getattr(config, PREFIX + item.name) for item in fields(cls)})

    @classmethod
    def from_namespace(cls, namespace: Mapping[str, Any]) -> Settings:
        """The settings a `conf.py` sets, defaults for the others."""
        given = {item.name: PREFIX + item.name for item in fields(cls)}
        return cls(**{name: namespace[key] for name, key in given.items() if key in namespace})


def register(app: Sphinx) -> None:
    """Declare every setting as a Sphinx configuration value."""
    for item in fields(Settings):
        app.add_config_value(
            PREFIX + item.name,
            item.default,
            item.metadata["rebuild"],
            types=[type(item.default)],
            description=item.metadata["description"],
        )


@dataclass(frozen=True)
class Conf:
    """What the command line needs of a `conf.py`: the settings and the bibliography's file."""

    settings: Settings
    bibliography: str
    exclude_patterns: tuple[str, ...] = ()  # Sphinx's: what of the folder is not a page


class ConfError(Exception):
    """A `conf.py` that cannot be run or that does not name one bibliography file."""


def read_conf(confdir: Path) -> Conf:
    """Run `confdir/conf.py` as Sphinx does, and take the archive's values from it."""
    path = confdir / "conf.py"
    try:
        namespace = runpy.run_path(str(path))
    except Exception as error:  # any error of a conf.py is the contributor's to fix
        raise ConfError(f"{path}: {type(error).__name__}: {error}") from None
    bibfiles = namespace.get("bibtex_bibfiles", [])
    if not isinstance(bibfiles, list) or len(bibfiles) != 1:
        raise ConfError(f"{path}: bibtex_bibfiles must name exactly one file (references.bib)")
    excluded = namespace.get("exclude_patterns", [])
    patterns = tuple(str(p) for p in excluded) if isinstance(excluded, list | tuple) else ()
    return Conf(Settings.from_namespace(namespace), str(bibfiles[0]), patterns)
