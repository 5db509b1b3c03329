from __future__ import annotations

import datetime as dt

from pprnet.model.records import Archive, Month, Post


def post(docname: str, date: str, topics: tuple[str, ...], research_type: str = "rct") -> Post:
    return Post(docname, docname.title(), dt.date.fromisoformat(date), "A", topics, research_type,
                None, None, ("Do this.",))  # fmt: skip


POSTS = [
    post("b", "2017-10-01", ("alliance",)),
    post("a", "2018-01-01", ("alliance", "empathy"), "meta-analysis"),
    post("c", "2017-10-01", ("empathy",)),
]


def test_posts_are_newest_first_with_a_stable_order_within_a_day() -> None:
    archive = Archive.from_posts(POSTS)
    assert [p.docname for p in archive.posts] == ["a", "c", "b"]


def test_groupings() -> None:
    archive = Archive.from_posts(POSTS)
    assert [p.docname for p in archive.by_topic["alliance"]] == ["a", "b"]
    assert [p.docname for p in archive.by_type["rct"]] == ["c", "b"]
    assert archive.months == (Month(2018, 1), Month(2017, 10))
    assert archive.newest_month == Month(2018, 1)
    assert Month(2017, 10).label == "October 2017"


def test_previous_is_older_and_next_is_newer() -> None:
    archive = Archive.from_posts(POSTS)
    middle = archive.neighbours("c")
    assert middle.previous is not None and middle.previous.docname == "b"
    assert middle.next is not None and middle.next.docname == "a"
    assert archive.neighbours("a").next is None
    assert archive.neighbours("b").previous is None


def test_link_signature_changes_only_for_the_neighbours_of_a_retitled_post() -> None:
    before = Archive.from_posts(POSTS).link_signature()
    retitled = [POSTS[0], POSTS[1], Post(**{**POSTS[2].__dict__, "title": "New"})]
    after = Archive.from_posts(retitled).link_signature()
    assert {doc for doc in after if after[doc] != before[doc]} == {"a", "b"}


def test_an_empty_archive() -> None:
    archive = Archive.from_posts([])
    assert archive.posts == () and archive.newest_month is None
