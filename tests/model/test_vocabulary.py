from __future__ import annotations

import pytest

from pprnet.model.vocabulary import VocabularyError, load_vocabulary, parse_vocabulary
from support import PROJECT

VOCABULARY = PROJECT / "vocabulary.toml"
SEED_TOPIC_LINES = 37  # the old blog's list, "ALL Topics (clear)" included


def test_the_archive_vocabulary_has_the_old_blogs_36_topics_in_order() -> None:
    vocabulary = load_vocabulary(VOCABULARY)
    labels = [term.label for term in vocabulary.topics]
    assert len(labels) == SEED_TOPIC_LINES - 1 == 36
    assert labels[:3] == ["Adherence", "Alliance and Therapeutic Relationship", "Anxiety Disorders"]
    assert labels[-1] == "Treatment Length and Frequency"
    assert "Attendance, Attrition, and Drop-Out" in labels


def test_adherance_is_only_an_alias() -> None:
    topics = load_vocabulary(VOCABULARY).topics
    term = topics.by_label("Adherance")
    assert term is not None and term.slug == "adherence" and term.label == "Adherence"
    assert "Adherance" not in [term.label for term in topics]


def test_the_types_of_research_the_archive_needs_are_there() -> None:
    types = load_vocabulary(VOCABULARY).types
    for label in ("Meta-analysis", "Systematic review", "Randomized controlled trial",
                  "Practice-based study", "Qualitative study", "Narrative review",
                  "Book chapter", "Book", "Commentary"):  # fmt: skip
        assert types.by_label(label) is not None, label


@pytest.mark.parametrize(
    ("typo", "expected"),
    [("aliance", "alliance"), ("Empathie", "empathy"), ("ptsd-trauma", "trauma-ptsd")],
)
def test_suggestions_for_a_misspelled_topic(typo: str, expected: str) -> None:
    assert load_vocabulary(VOCABULARY).topics.suggest(typo) == expected


def test_no_suggestion_for_nonsense() -> None:
    assert load_vocabulary(VOCABULARY).topics.suggest("zzzzqqq") is None


MINIMAL = '[[topics]]\nslug = "a"\nlabel = "A"\n[[types]]\nslug = "b"\nlabel = "B"\n'


def test_search_terms_are_groups_of_words_that_mean_the_same() -> None:
    vocabulary = parse_vocabulary(
        f'search_terms = [["CBT", "cognitive  behavioural therapy"], ["dropout", "drop-out"]]\n'
        f"{MINIMAL}"
    )
    assert vocabulary.search_terms == (
        ("CBT", "cognitive behavioural therapy"),
        ("dropout", "drop-out"),
    )
    assert parse_vocabulary(MINIMAL).search_terms == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[topics]]\nslug = "Bad Slug"\nlabel = "x"\n[[types]]\nslug="a"\nlabel="A"', "slug"),
        ('[[topics]]\nslug = "a"\nlabel = "x"\n[[topics]]\nslug = "a"\nlabel = "y"\n'
         '[[types]]\nslug="a"\nlabel="A"', "duplicate slug"),
        ('[[topics]]\nslug = "a"\nlabel = "x"', "types"),
        ("topics = [", "vocabulary"),
        (f'search_terms = [["CBT"]]\n{MINIMAL}', "at least two different words"),
        (f'search_terms = [["CBT", "cbt"]]\n{MINIMAL}', "at least two different words"),
        (f'search_terms = [["CT", "cognitive therapy"], ["ct", "CBT"]]\n{MINIMAL}',
         "'ct' is already in group 1"),
        (f'search_terms = ["CBT"]\n{MINIMAL}', "group 1 must be a list of words"),
        (f'search_terms = "CBT"\n{MINIMAL}', "must be a list of lists"),
        # Compared as a search compares them: case, accents and punctuation aside.
        (f'search_terms = [["drop-out", "Drop  out"]]\n{MINIMAL}', "two different words"),
        (f'search_terms = [["meta-analysis", "MA"], ["méta analysis", "x"]]\n{MINIMAL}',
         "'méta analysis' is already in group 1"),
        (f'search_terms = [["--", "x"]]\n{MINIMAL}', "needs a letter or a digit"),
    ],
)  # fmt: skip
def test_a_malformed_vocabulary_is_refused_with_its_reason(text: str, message: str) -> None:
    with pytest.raises(VocabularyError, match=message):
        parse_vocabulary(text)
