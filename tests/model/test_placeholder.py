from __future__ import annotations

import datetime as dt

from pprnet.model.checks import PLACEHOLDER_IMPLICATIONS, PLACEHOLDER_SUMMARY, check_text
from pprnet.model.vocabulary import load_vocabulary
from support import PROJECT

VOCABULARY = load_vocabulary(PROJECT / "vocabulary.toml")
KEYS = {"steel2017systematic": "steel2017systematic"}
TODAY = dt.date(2026, 1, 1)

POST = f"""---
blogpost: true
date: 2018-01-01
author: Giorgio A. Tasca
tags: [attachment]
category: systematic-review
reference: steel2017systematic
---

# A Title

{PLACEHOLDER_SUMMARY}

:::{{practice-implications}}
{PLACEHOLDER_IMPLICATIONS}
:::
"""
MESSAGE = "replace the placeholder text written by 'pprnet new'"


def placeholders(text: str) -> list[tuple[int, str]]:
    problems = check_text(text, VOCABULARY, KEYS, TODAY).problems
    return [(p.line, p.message) for p in problems if p.subtype == "placeholder"]


def test_each_placeholder_left_is_an_error_at_its_line() -> None:
    result = check_text(POST, VOCABULARY, KEYS, TODAY)
    assert {p.subtype for p in result.problems} == {"placeholder"}
    assert placeholders(POST) == [(12, MESSAGE), (15, MESSAGE)]


def test_a_placeholder_inside_a_written_paragraph_is_still_found() -> None:
    text = POST.replace(PLACEHOLDER_SUMMARY, f"Steel and colleagues found. {PLACEHOLDER_SUMMARY}")
    text = text.replace(PLACEHOLDER_IMPLICATIONS, "Supervision helps.")
    assert placeholders(text) == [(12, MESSAGE)]


def test_a_post_with_both_sentences_replaced_passes() -> None:
    text = POST.replace(PLACEHOLDER_SUMMARY, "Steel and colleagues reviewed 22 studies.")
    text = text.replace(PLACEHOLDER_IMPLICATIONS, "Supervision helps.")
    assert check_text(text, VOCABULARY, KEYS, TODAY).problems == ()
