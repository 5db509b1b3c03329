"""Related summaries and reading time: the pure ranking and arithmetic in records.py."""

from __future__ import annotations

import datetime as dt

import pytest

from pprnet.model.records import Archive, Post, reading_minutes, related_posts


def post(
    docname: str,
    date: str,
    topics: tuple[str, ...],
    reference: str | None = None,
    cites: tuple[str, ...] = (),
    title: str | None = None,
) -> Post:
    return Post(
        docname=docname,
        title=title or docname.title(),
        date=dt.date.fromisoformat(date),
        author="A",
        topics=topics,
        research_type="rct",
        reference=reference,
        contact=None,
        implications=("Do this.",),
        cites=cites,
    )


def ranked(posts: list[Post], docname: str, limit: int = 5) -> list[str]:
    archive = Archive.from_posts(posts)
    return [p.docname for p in related_posts(archive.posts, limit)[docname]]


def test_more_shared_topics_and_works_rank_higher() -> None:
    posts = [
        post("me", "2020-01-01", ("alliance", "empathy"), reference="smith2019", cites=("jones",)),
        post("one-topic", "2020-05-01", ("alliance",)),
        post("two-topics", "2010-01-01", ("alliance", "empathy")),
        post("topic-and-work", "2011-01-01", ("empathy",), cites=("Smith2019",)),
        post("cites-what-i-cite", "2012-01-01", ("depression",), reference="jones"),
    ]
    assert ranked(posts, "me") == [
        "topic-and-work",  # 1 topic + the summarised work, its key in another case: 2
        "two-topics",  # 2
        "one-topic",  # 1, newer than the next
        "cites-what-i-cite",  # 1
    ]


def test_posts_sharing_nothing_are_never_related_and_a_post_is_not_its_own() -> None:
    posts = [
        post("me", "2020-01-01", ("alliance",), reference="smith2019"),
        post("stranger", "2020-02-01", ("depression",), reference="other"),
    ]
    assert ranked(posts, "me") == []
    assert ranked(posts, "stranger") == []


def test_ties_go_to_the_newer_post_and_the_list_stops_at_five() -> None:
    posts = [post("me", "2015-01-01", ("alliance",))]
    posts += [post(f"p{month:02d}", f"2016-{month:02d}-01", ("alliance",)) for month in range(1, 8)]
    assert ranked(posts, "me") == ["p07", "p06", "p05", "p04", "p03"]
    assert ranked(posts, "me", limit=3) == ["p07", "p06", "p05"]


def test_the_archive_holds_each_posts_related_list() -> None:
    posts = [post("a", "2020-01-01", ("alliance",)), post("b", "2019-01-01", ("alliance",))]
    archive = Archive.from_posts(posts)
    assert [p.docname for p in archive.related["a"]] == ["b"]
    assert [p.docname for p in archive.related["b"]] == ["a"]


def test_related_signature_changes_for_the_posts_that_list_a_retitled_post() -> None:
    posts = [
        post("a", "2020-01-01", ("alliance",)),
        post("b", "2019-01-01", ("alliance",)),
        post("c", "2018-01-01", ("depression",)),
    ]
    before = Archive.from_posts(posts).related_signature()
    retitled = [posts[0], post("b", "2019-01-01", ("alliance",), title="New"), posts[2]]
    after = Archive.from_posts(retitled).related_signature()
    assert {doc for doc in after if after[doc] != before[doc]} == {"a"}


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (650, 4), (800, 4), (801, 5)]
)
def test_reading_time_is_rounded_up_at_200_words_a_minute(words: int, minutes: int) -> None:
    assert reading_minutes(words) == minutes
