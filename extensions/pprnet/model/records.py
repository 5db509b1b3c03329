"""Post records and the indexes derived from them once per build (pure, no Sphinx)."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


T = TypeVar("T")


def repeated(keyed: Iterable[tuple[str, T]]) -> list[tuple[T, T]]:
    """Of things in order (posts, oldest first), each whose key (a title, a month; letter case
    and spacing aside) one before it has, with the first that has it."""
    first: dict[str, T] = {}
    again = []
    for key, thing in keyed:
        folded = " ".join(key.casefold().split())
        if folded in first:
            again.append((thing, first[folded]))
        else:
            first[folded] = thing
    return again


def second_teaser(month: str, first: str) -> str:
    """The problem of a second teaser for one month, in the build's and the check's words."""
    return f"{month} already has its teaser, in {first}: one post of a month gives it"


def first_sentence(paragraphs: tuple[str, ...]) -> str:
    """The first sentence of the first paragraph."""
    text = paragraphs[0] if paragraphs else ""
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


@dataclass(frozen=True)
class Post:
    """What the archive knows of one summary, collected when its page is read."""

    docname: str
    title: str
    date: dt.date
    author: str
    topics: tuple[str, ...]
    research_type: str  # the slug of its type of research (front matter: `category`)
    reference: str | None
    contact: str | None
    implications: tuple[str, ...]
    cites: tuple[str, ...] = ()  # keys of the works cited in the text, in order
    summary: tuple[str, ...] = ()  # each paragraph's text, practice implications aside
    reading_minutes: int = 1  # of the summary and its practice implications
    title_line: int = 1  # where its title is in its file, for the whole archive's checks
    bottom_line: str | None = None  # the author's take-home (front matter), if written
    teaser: str | None = None  # its month's "This month..." line (front matter), if written
    teaser_line: int = 1

    @property
    def take_home(self) -> str:
        """What a reader should take away: the author's bottom line, or else the first
        sentence of the practice implications (nothing else is invented)."""
        return self.bottom_line or first_sentence(self.implications)

    @property
    def month(self) -> Month:
        return Month(self.date.year, self.date.month)

    def work_keys(self) -> frozenset[str]:
        """The case-folded keys of the works it summarises and cites."""
        keys = (self.reference, *self.cites) if self.reference else self.cites
        return frozenset(key.casefold() for key in keys)

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


WORDS_PER_MINUTE = 200
RELATED_LIMIT = 5


def reading_minutes(words: int) -> int:
    """Minutes to read `words` words at 200 words a minute, rounded up, at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def related_posts(posts: Sequence[Post], limit: int = RELATED_LIMIT) -> dict[str, tuple[Post, ...]]:
    """For each post, up to `limit` others sharing the most topics plus summarised or cited works.

    `posts` come newest first; equal scores keep that order, so the newer post ranks first.
    A post shares nothing with itself and posts sharing nothing are never related.
    """
    by_feature: dict[tuple[str, str], list[int]] = {}
    features = [
        {("topic", topic) for topic in post.topics} | {("work", key) for key in post.work_keys()}
        for post in posts
    ]
    for index, shared in enumerate(features):
        for feature in shared:
            by_feature.setdefault(feature, []).append(index)
    related: dict[str, tuple[Post, ...]] = {}
    for index, post in enumerate(posts):
        scores: Counter[int] = Counter()
        for feature in features[index]:
            scores.update(other for other in by_feature[feature] if other != index)
        ranked = sorted(scores, key=lambda other: (-scores[other], other))[:limit]
        related[post.docname] = tuple(posts[other] for other in ranked)
    return related


def citing_posts(posts: Sequence[Post]) -> dict[str, tuple[Post, ...]]:
    """For each case-folded key, the posts that summarise it (first), then those citing it."""
    result: dict[str, list[Post]] = {}
    for post in posts:
        if post.reference:
            result.setdefault(post.reference.casefold(), []).append(post)
    for post in posts:
        for key in {key.casefold() for key in post.cites}:
            if post not in result.setdefault(key, []):
                result[key].append(post)
    return {key: tuple(value) for key, value in result.items()}


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
    by_type: dict[str, tuple[Post, ...]] = field(default_factory=dict)
    by_month: dict[Month, tuple[Post, ...]] = field(default_factory=dict)
    links: dict[str, Neighbours] = field(default_factory=dict)
    related: dict[str, tuple[Post, ...]] = field(default_factory=dict)
    # Case-folded key -> the posts summarising the work (first), then those citing it.
    cited_by: dict[str, tuple[Post, ...]] = field(default_factory=dict)

    @classmethod
    def from_posts(cls, posts: Iterable[Post]) -> Archive:
        ordered = tuple(sorted(posts, key=Post.sort_key, reverse=True))
        by_topic: dict[str, list[Post]] = {}
        by_type: dict[str, list[Post]] = {}
        by_month: dict[Month, list[Post]] = {}
        for post in ordered:
            for topic in post.topics:
                by_topic.setdefault(topic, []).append(post)
            by_type.setdefault(post.research_type, []).append(post)
            by_month.setdefault(post.month, []).append(post)
        return cls(
            posts=ordered,
            by_docname={post.docname: post for post in ordered},
            by_topic={key: tuple(value) for key, value in by_topic.items()},
            by_type={key: tuple(value) for key, value in by_type.items()},
            by_month={key: tuple(value) for key, value in by_month.items()},
            links={
                post.docname: Neighbours(
                    previous=ordered[index + 1] if index + 1 < len(ordered) else None,
                    next=ordered[index - 1] if index > 0 else None,
                )
                for index, post in enumerate(ordered)
            },
            related=related_posts(ordered),
            cited_by=citing_posts(ordered),
        )

    @property
    def months(self) -> tuple[Month, ...]:
        """Months that have posts, newest first."""
        return tuple(sorted(self.by_month, reverse=True))

    @property
    def newest_month(self) -> Month | None:
        return self.months[0] if self.by_month else None

    def same_titles(self) -> list[tuple[Post, Post]]:
        """Each post whose title an older post already has, with the oldest one."""
        return repeated((post.title, post) for post in reversed(self.posts))

    def teaser(self, month: Month) -> str | None:
        """The month's teaser, if one of its posts has one (the oldest first)."""
        oldest_first = reversed(self.by_month.get(month, ()))
        return next((post.teaser for post in oldest_first if post.teaser), None)

    def second_teasers(self) -> list[tuple[Post, Post]]:
        """Each post with a teaser for a month that an older post already gave one."""
        oldest_first = reversed(self.posts)
        return repeated((post.month.label, post) for post in oldest_first if post.teaser)

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

    def related_signature(self) -> dict[str, tuple[str, ...]]:
        """What each post's related list shows, to find pages whose list changed."""
        return {
            docname: tuple(f"{post.docname}\n{post.title}\n{post.month.label}" for post in posts)
            for docname, posts in self.related.items()
        }
