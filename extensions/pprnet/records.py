"""Post records and the indexes derived from them once per build (pure, no Sphinx)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Post:
    """What the archive knows of one summary, collected when its page is read."""

    docname: str
    title: str
    date: dt.date
    author: str
    topics: tuple[str, ...]
    kind: str
    reference: str | None
    contact: str | None
    implications: tuple[str, ...]
    cites: tuple[str, ...] = ()  # keys of the works cited in the text, in order

    @property
    def month(self) -> Month:
        return Month(self.date.year, self.date.month)

    def sort_key(self) -> tuple[dt.date, str]:
        return (self.date, self.docname)


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month: the blog's monthly issue."""

    year: int
    month: int

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def slug(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Neighbours:
    """The previous (older) and next (newer) posts of a post, by date."""

    previous: Post | None
    next: Post | None


@dataclass(frozen=True)
class Archive:
    """Every post, newest first, with the groupings the pages show."""

    posts: tuple[Post, ...] = ()
    by_docname: dict[str, Post] = field(default_factory=dict)
    by_topic: dict[str, tuple[Post, ...]] = field(default_factory=dict)
    by_kind: dict[str, tuple[Post, ...]] = field(default_factory=dict)
    by_month: dict[Month, tuple[Post, ...]] = field(default_factory=dict)
    links: dict[str, Neighbours] = field(default_factory=dict)

    @classmethod
    def from_posts(cls, posts: Iterable[Post]) -> Archive:
        ordered = tuple(sorted(posts, key=Post.sort_key, reverse=True))
        by_topic: dict[str, list[Post]] = {}
        by_kind: dict[str, list[Post]] = {}
        by_month: dict[Month, list[Post]] = {}
        for post in ordered:
            for topic in post.topics:
                by_topic.setdefault(topic, []).append(post)
            by_kind.setdefault(post.kind, []).append(post)
            by_month.setdefault(post.month, []).append(post)
        return cls(
            posts=ordered,
            by_docname={post.docname: post for post in ordered},
            by_topic={key: tuple(value) for key, value in by_topic.items()},
            by_kind={key: tuple(value) for key, value in by_kind.items()},
            by_month={key: tuple(value) for key, value in by_month.items()},
            links={
                post.docname: Neighbours(
                    previous=ordered[index + 1] if index + 1 < len(ordered) else None,
                    next=ordered[index - 1] if index > 0 else None,
                )
                for index, post in enumerate(ordered)
            },
        )

    @property
    def months(self) -> tuple[Month, ...]:
        """Months that have posts, newest first."""
        return tuple(sorted(self.by_month, reverse=True))

    @property
    def newest_month(self) -> Month | None:
        return self.months[0] if self.by_month else None

    def neighbours(self, docname: str) -> Neighbours:
        return self.links[docname]

    def link_signature(self) -> dict[str, tuple[str, ...]]:
        """What each post's previous/next links show, to find pages whose links changed."""
        return {
            docname: tuple(
                f"{post.docname}\n{post.title}" if post else ""
                for post in (links.previous, links.next)
            )
            for docname, links in self.links.items()
        }
