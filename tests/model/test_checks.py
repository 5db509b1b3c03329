from __future__ import annotations

import datetime as dt

import pytest

from pprnet.model.checks import check_text
from pprnet.model.vocabulary import load_vocabulary
from support import PROJECT

VOCABULARY = load_vocabulary(PROJECT / "vocabulary.toml")
KEYS = {"steel2017systematic": "steel2017systematic", "murphy2017therapist": "murphy2017therapist"}
TODAY = dt.date(2026, 1, 1)

FRONT = """---
blogpost: true
date: 2018-01-01
author: Giorgio A. Tasca
tags: [attachment]
category: systematic-review
reference: steel2017systematic
---
"""
BODY = """
# A Title

A summary citing {cite:p}`murphy2017therapist`
and, on the next line, {cite:t}`{see}steel2017systematic{p. 3}`.

:::{practice-implications}
Do this.
:::
"""


def check(body: str = BODY):  # type: ignore[no-untyped-def]
    return check_text(FRONT + body, VOCABULARY, KEYS, TODAY)


def test_a_good_post() -> None:
    result = check()
    assert result.problems == ()
    assert result.title == "A Title"
    assert result.cites == ("murphy2017therapist", "steel2017systematic")


@pytest.mark.parametrize(
    ("old", "new", "subtype", "line", "words"),
    [
        ("# A Title", "# A *Title*", "title", 10, "plain text"),
        ("# A Title", "# A [Title](https://example.org)", "title", 10, "plain text"),
        ("# A Title", "# Q & A", "title", 10, "characters"),
        ("# A Title", "## A Title", "title", 10, "'# Title'"),
        ("`murphy2017therapist`", "`murphy2017`", "cite", 12, "'murphy2017'"),
        ("{cite:t}`{see}steel2017systematic{p. 3}`", "{cite:t}`nobody`", "cite", 13, "'nobody'"),
        ("{cite:t}`{see}steel2017systematic{p. 3}`", "{cite:t}`Steel2017Systematic`", "cite", 13,
         "spelled 'steel2017systematic'"),
        ("A summary", ":::{note}\nAs {cite:t}`steel2017`.\n:::\n\nA summary", "cite", 13,
         "'steel2017'"),
        (":::{practice-implications}\nDo this.\n:::\n", "", "practice-implications", 15, "needs"),
        (":::\n", ":::\n\n```{practice-implications}\nAgain.\n```\n", "practice-implications",
         19, "another"),
        ("A summary", "<script>alert(1)</script>\n\nA summary", "raw-html", 12, "raw HTML"),
        ("and, on", "and <img src=x onerror=alert(1)>, on", "raw-html", 13, "raw HTML"),
        ("A summary", "```{raw} html\n<b>x</b>\n```\n\nA summary", "directive", 12, "{raw}"),
        ("A summary", ":::{include} /etc/passwd\n:::\n\nA summary", "directive", 12, "{include}"),
        ("A summary", "```{eval-rst}\n`x <javascript:alert(1)>`_\n```\n\nA summary",
         "directive", 12, "{eval-rst}"),
        ("and, on", "and ![x](//evil.example/x.svg), on", "link", 13, "'//evil.example/x.svg'"),
    ],
)  # fmt: skip
def test_each_body_problem_is_located(
    old: str, new: str, subtype: str, line: int, words: str
) -> None:
    result = check(BODY.replace(old, new))
    assert [(p.subtype, p.line) for p in result.problems] == [(subtype, line)]
    assert words in result.problems[0].message


def test_a_practice_implications_block_inside_a_code_example_is_a_code_block() -> None:
    body = BODY + "\n````markdown\n:::{practice-implications}\nExample.\n:::\n````\n"
    assert [problem.subtype for problem in check(body).problems] == ["markup"]


def test_markdown_itself_never_makes_a_javascript_link() -> None:
    # markdown-it refuses such targets, so the text is shown as written and nothing is flagged.
    result = check(BODY.replace("and, on", "and [click](javascript:alert(1)), on"))
    assert result.problems == ()


@pytest.mark.parametrize(
    ("role", "words"),
    [("label", "has no APA form"), ("empty", "has no APA form"), ("t", "write keys as")],
)
def test_a_citation_without_an_apa_form_is_located(role: str, words: str) -> None:
    target = "a b" if role == "t" else "steel2017systematic"
    result = check(BODY.replace("and, on", f"and {{cite:{role}}}`{target}`, on"))
    assert [(p.subtype, p.line) for p in result.problems] == [("cite", 13)]
    assert words in result.problems[0].message


def test_cite_alone_is_a_parenthetical_citation() -> None:
    result = check(BODY.replace("and, on", "and {cite}`steel2017systematic`, on"))
    assert result.problems == ()
    assert result.cites == ("murphy2017therapist", "steel2017systematic")
