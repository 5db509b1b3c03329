from __future__ import annotations

import datetime as dt

import pytest

from pprnet.model.frontmatter import check_front_matter
from pprnet.model.source import parse_post
from pprnet.model.vocabulary import load_vocabulary
from support import PROJECT

VOCABULARY = load_vocabulary(PROJECT / "vocabulary.toml")
TODAY = dt.date(2026, 1, 1)
KEYS = {"steel2017systematic": "steel2017systematic"}

GOOD = """---
blogpost: true
date: 2018-01-01
author: Giorgio A. Tasca
tags: [therapist-factors, attachment]
category: systematic-review
reference: steel2017systematic
contact: someone@example.org
---

# Title
"""


def read(text: str):  # type: ignore[no-untyped-def]
    return check_front_matter(parse_post(text).front, VOCABULARY, KEYS, TODAY)


def with_line(field: str, value: str) -> str:
    lines = GOOD.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[index] = f"{field}: {value}\n"
    return "".join(lines)


def test_a_good_post_gives_its_record() -> None:
    front, problems = read(GOOD)
    assert problems == []
    assert front is not None
    assert front.date == dt.date(2018, 1, 1)
    assert front.topics == ("therapist-factors", "attachment")
    assert front.research_type == "systematic-review"
    assert front.reference == "steel2017systematic"


@pytest.mark.parametrize(
    "tags", ["therapist-factors, attachment", '["therapist-factors", "attachment"]']
)
def test_tags_as_a_comma_list_or_json_list(tags: str) -> None:
    front, problems = read(with_line("tags", f"'{tags}'" if tags.startswith("[") else tags))
    assert problems == [] and front is not None
    assert front.topics == ("therapist-factors", "attachment")


def test_a_reference_key_in_another_case_is_located_with_its_spelling() -> None:
    front, problems = read(with_line("reference", "Steel2017Systematic"))
    assert front is None
    assert [problem.subtype for problem in problems] == ["reference"]
    assert "spelled 'steel2017systematic'" in problems[0].message


@pytest.mark.parametrize(
    ("field", "value", "subtype", "line", "words"),
    [
        ("date", "'2018-13-45'", "date", 3, "does not exist"),
        ("date", "2018-13-45", "date", 3, "does not exist"),
        ("date", "2018-02-30", "date", 3, "does not exist"),
        ("date", "01/02/2017", "date", 3, "YYYY-MM-DD"),
        ("date", "January 2018", "date", 3, "YYYY-MM-DD"),
        ("date", "2030-01-01", "future-date", 3, "draft"),
        ("tags", "[aliance]", "topic", 5, "did you mean 'alliance'"),
        ("tags", "[]", "topic", 5, "1 to 4"),
        ("tags", "[alliance, empathy, training, termination, placebo]", "topic", 5, "at most 4"),
        ("category", "metaanalysis", "type", 6, "did you mean 'meta-analysis'"),
        ("reference", "nobody2020", "reference", 7, "not a key of references.bib"),
        ("contact", "not-an-address", "contact", 8, "e-mail"),
        ("author", "<b>Tasca</b>", "author", 4, "markup"),
        ("blogpost", "false", "front-matter", 2, "blogpost: true"),
    ],
)
def test_each_bad_field_is_one_located_problem(
    field: str, value: str, subtype: str, line: int, words: str
) -> None:
    front, problems = read(with_line(field, value))
    assert front is None
    assert [(p.subtype, p.line) for p in problems] == [(subtype, line)]
    assert words in problems[0].message


def test_missing_date_and_unknown_field() -> None:
    text = GOOD.replace("date: 2018-01-01\n", "").replace("contact:", "contakt:")
    front, problems = read(text)
    assert front is None
    assert {(p.subtype, p.line) for p in problems} == {("front-matter", 7), ("date", 1 + 1)}


def test_no_front_matter() -> None:
    front, problems = read("# Title\n")
    assert front is None and [(p.subtype, p.line) for p in problems] == [("front-matter", 1)]


def test_invalid_yaml_is_located() -> None:
    front, problems = read(GOOD.replace("author: Giorgio A. Tasca", "author: [unclosed"))
    assert front is None
    assert [p.subtype for p in problems] == ["front-matter"]
    assert problems[0].line in (4, 5)
