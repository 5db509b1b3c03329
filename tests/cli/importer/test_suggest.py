"""Topics and type of research suggested from a summary's text, only ever as known slugs."""

from __future__ import annotations

import pytest

from pprnet.cli.importer.suggest import (
    FALLBACK_TOPIC,
    FALLBACK_TYPE,
    GENERIC_TYPE_RULES,
    TOPIC_RULES,
    TYPE_BY_ENTRY,
    TYPE_RULES,
    suggest,
)
from pprnet.model.vocabulary import load_vocabulary, parse_vocabulary
from support import PROJECT, ROOTS

ROOT = PROJECT
VOCABULARY = load_vocabulary(ROOT / "vocabulary.toml")
SMALL = load_vocabulary(ROOTS / "test-archive" / "vocabulary.toml")
ARTICLE = "Smith, A. (2016). {}. Psychotherapy, 53, 1-10."


def test_every_rule_names_a_slug_of_the_vocabulary() -> None:
    assert {rule.slug for rule in TOPIC_RULES} | {FALLBACK_TOPIC} <= {
        term.slug for term in VOCABULARY.topics
    }
    type_slugs = {rule.slug for rule in (*TYPE_RULES, *GENERIC_TYPE_RULES)}
    type_slugs |= {FALLBACK_TYPE, "commentary", *TYPE_BY_ENTRY.values()}
    assert type_slugs <= {term.slug for term in VOCABULARY.types}


@pytest.mark.parametrize(
    ("title", "entry_type", "text", "research_type"),
    [
        # In the reference the order of the rules decides: both words, a meta-analysis.
        ("A systematic review and meta-analysis", "article", "", "meta-analysis"),
        ("A systematic review", "article", "meta analyses were not done", "systematic-review"),
        ("Effects of therapy", "article", "In this randomised trial, patients", "rct"),
        ("Effects of therapy", "incollection", "", "book-chapter"),
        ("The great debate", "book", "", "book"),
        # In the text the earliest mention decides: an RCT citing earlier meta-analyses.
        ("Effects", "article", "This randomized trial extends meta-analyses", "rct"),
        ("Effects", "article", "Meta-analyses motivated a randomized trial", "meta-analysis"),
        # "review" alone is weak evidence, taken only when nothing more specific is said.
        ("Effects", "article", "Smith reviews a qualitative study.", "qualitative-study"),
        ("Effects", "article", "In this thoughtful piece, Smith reviews it.", "narrative-review"),
    ],
)  # fmt: skip
def test_type_of_research(title: str, entry_type: str, text: str, research_type: str) -> None:
    found = suggest(VOCABULARY, title, ARTICLE.format(title), text, entry_type)
    assert found.research_type == research_type
    assert found.reasons == () or found.reasons[0].startswith("no topic")


def test_a_chapter_that_fell_back_to_misc_is_still_a_chapter_by_its_eds() -> None:
    reference = "Hill, C. (2017). A chapter. In A. B. Name (Eds.) Book, pages. Somewhere."
    assert suggest(VOCABULARY, "A Chapter", reference, "", "misc").research_type == "book-chapter"


def test_a_summary_without_a_reference_is_a_commentary() -> None:
    found = suggest(VOCABULARY, "Why Adherence Is Not Enough", None, "Adherence to a manual.")
    assert found.research_type == "commentary"
    assert found.topics == ("adherence",)
    assert not found.weak


def test_topics_rank_by_weighted_mentions_and_stop_at_four() -> None:
    # A mention in the title counts 3, in the reference 2, in the text 1.
    found = suggest(VOCABULARY, "Empathy", "Smith, A. (2016). Trauma. J, 1, 1.", "alliance")
    assert found.topics == ("empathy", "trauma-ptsd")  # alliance: 1, below the floor of 2
    text = " ".join(["alliance depression empathy placebo training termination"] * 2)
    found = suggest(VOCABULARY, "Notes", None, text)
    assert found.topics == ("alliance", "depression", "empathy", "placebo")  # ties: in order
    # A topic scoring under a quarter of the best one is left out.
    found = suggest(VOCABULARY, "Notes", None, "alliance " * 12 + "empathy empathy")
    assert found.topics == ("alliance",)


def test_keywords_match_word_starts_aliases_and_acronyms_only_as_written() -> None:
    assert suggest(VOCABULARY, "Adherance Matters", None, "").topics == ("adherence",)
    assert suggest(VOCABULARY, "Why Therapy", None, "The CBT protocol. CBT works.").topics == (
        "cbt",
    )
    # "CT" as a word of capitals is the acronym; "ct" inside "effect" is not.
    weak = suggest(VOCABULARY, "Effects", None, "an effect, in fact, a direct act")
    assert weak.topics == ("miscellaneous",)
    # "monitor" finds "monitoring" but "rupture" does not find "interrupted".
    assert "alliance" not in suggest(VOCABULARY, "Interrupted", None, "interrupted twice").topics


def test_weak_suggestions_say_why() -> None:
    found = suggest(VOCABULARY, "Notes", "Doe, J. (2015). Notes. Somewhere.", "Various notes.")
    assert found.topics == ("miscellaneous",)
    assert found.research_type == "observational-study"
    assert found.reasons == (
        "no topic rule matched: tagged 'miscellaneous'",
        "no type rule matched: category 'observational-study' is a guess",
    )
    assert found.weak


def test_a_smaller_vocabulary_gets_only_its_own_slugs() -> None:
    text = "In this systematic review of depression and group therapy, the alliance mattered."
    found = suggest(SMALL, "Group Therapy", ARTICLE.format("A systematic review"), text)
    assert set(found.topics) <= {term.slug for term in SMALL.topics}
    assert found.topics == ("alliance",)
    assert found.research_type in {term.slug for term in SMALL.types}
    # Nothing matched and the vocabulary has no "miscellaneous": its first topic, flagged.
    bare = suggest(SMALL, "Notes", "Doe, J. (2015). Notes. Somewhere.", "Various notes.")
    assert bare.topics == ("adherence",) and bare.research_type == "meta-analysis"
    assert len(bare.reasons) == 2


def test_a_vocabulary_without_commentary_still_gets_a_known_type() -> None:
    vocabulary = parse_vocabulary(
        '[[topics]]\nslug = "alliance"\nlabel = "Alliance"\n'
        '[[types]]\nslug = "rct"\nlabel = "Randomized controlled trial"\n'
    )
    found = suggest(vocabulary, "A Commentary", None, "Thoughts on the alliance.")
    assert (found.topics, found.research_type) == (("alliance",), "rct")
    assert found.weak
