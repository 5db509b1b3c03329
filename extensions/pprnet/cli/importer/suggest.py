"""Suggest a summary's topics and type of research from its text (pure, no Sphinx).

The rules are data: a small, explicit table of keywords for each slug, read top to bottom.
Every suggestion is a slug of the archive's vocabulary; a rule whose slug the vocabulary lacks
is skipped. A suggestion that no rule supports says so in `reasons`, for a person to review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pprnet.model.frontmatter import MAX_TOPICS
from pprnet.model.vocabulary import Terms, Vocabulary

FALLBACK_TOPIC = "miscellaneous"
FALLBACK_TYPE = "observational-study"
COMMENTARY = "commentary"
# Where a word counts more: the title names the subject, the reference the study.
WEIGHTS = {"title": 3, "reference": 2, "text": 1}
# A topic is kept when it scores at least this share of the best topic's score (and 2).
MIN_SHARE = 0.25
MIN_SCORE = 2


@dataclass(frozen=True)
class Rule:
    """Keywords that suggest a slug.

    A keyword matches at the start of a word, case-insensitively ("depress" finds
    "depressive"); a keyword in capitals is an acronym and matches only the whole word, as
    written ("CBT").
    """

    slug: str
    keywords: tuple[str, ...]


# The type of research the BibTeX entry type implies.
TYPE_BY_ENTRY = {"incollection": "book-chapter", "inbook": "book-chapter", "book": "book"}
# Read in order in the reference (the first rule that matches wins: a "systematic review and
# meta-analysis" is a meta-analysis); in the text the earliest mention wins.
TYPE_RULES = (
    Rule("book-chapter", ("(eds.)", "(ed.)")),
    Rule("meta-analysis", ("meta-analy", "meta analy", "metaanaly")),
    Rule("systematic-review", ("systematic review", "scoping review")),
    Rule("rct", ("randomized", "randomised", "randomly assigned", "randomly allocated", "RCT")),
    Rule("qualitative-study", ("qualitative", "thematic analysis", "grounded theory")),
    Rule(
        "practice-based-study",
        ("practice-based", "practice based", "practice research network", "routine practice"),
    ),
    Rule("observational-study", ("longitudinal", "cohort", "naturalistic", "prospective study")),
)
# Weaker evidence, used only when no rule above matches.
GENERIC_TYPE_RULES = (
    Rule("narrative-review", ("review", "this thoughtful piece", "this article", "this paper")),
)
TOPIC_RULES = (
    Rule("adherence", ("adherence", "adherance", "treatment fidelity", "fidelity", "manual")),
    Rule("alliance", ("alliance", "therapeutic relationship", "therapeutic bond", "rupture")),
    Rule("anxiety-disorders", ("anxiety", "anxious", "panic", "phobi", "obsessive", "OCD", "GAD")),
    Rule("attachment", ("attachment", "internal working model", "attached")),
    Rule(
        "attendance-attrition-dropout",
        ("drop out", "dropout", "drop-out", "attrition", "attendance", "premature termination"),
    ),
    Rule(
        "client-factors",
        (
            "client characteristic",
            "client factor",
            "client trait",
            "patient characteristic",
            "client culture",
            "cultural identity",
            "trait-like",
        ),
    ),
    Rule("client-preferences", ("preference", "prefer")),
    Rule("cbt", ("cognitive-behavio", "cognitive behavio", "cognitive therap", "CBT", "CT")),
    Rule("combination-therapy", ("combination therap", "combined treatment", "combined therap")),
    Rule(
        "common-factors",
        (
            "common factor",
            "nonspecific factor",
            "non-specific factor",
            "relationship factor",
            "relational/contextual",
            "contextual factor",
            "expectation",
            "psychosocial factor",
        ),
    ),
    Rule("cost-effectiveness", ("cost-effective", "cost effective", "cost-benefit", "costs")),
    Rule("depression", ("depress", "antidepress", "dysthymi")),
    Rule("efficacy", ("efficacy", "efficacious", "controlled trial")),
    Rule("empathy", ("empath",)),
    Rule(
        "feedback-progress-monitoring",
        ("feedback", "progress monitoring", "outcome monitoring", "monitor"),
    ),
    Rule("group-psychotherapy", ("group therap", "group psychotherap", "group treatment")),
    Rule(
        "medical-comorbidities",
        (
            "medical illness",
            "chronic illness",
            "physical illness",
            "comorbid",
            "cancer",
            "chronic pain",
            "diabetes",
            "cardiac",
            "medical condition",
        ),
    ),
    Rule("ipt", ("interpersonal psychotherapy", "interpersonal therapy", "IPT")),
    Rule("long-term-outcomes", ("long-term", "long term", "follow-up", "follow up")),
    Rule("medications", ("medication", "antidepressant", "pharmacotherap", "drug")),
    Rule("neuroscience", ("neuroscien", "neurobiolog", "neuroimaging", "brain", "fMRI", "neural")),
    Rule("outcomes-deterioration", ("outcome", "deteriorat", "symptom change", "get worse")),
    Rule("personality-disorders", ("personality disorder", "borderline", "BPD")),
    Rule("placebo", ("placebo",)),
    Rule(
        "practice-based-research",
        ("practice-based", "practice based", "practice research network", "PRN"),
    ),
    Rule("psychodynamic-therapy", ("psychodynamic", "psychoanaly", "PDT")),
    Rule("resistance-reactance", ("resistance", "reactance")),
    Rule(
        "self-reflection",
        ("self-reflect", "self reflect", "self-awareness", "self awareness", "reflective"),
    ),
    Rule("suicide-crisis", ("suicid", "self-harm", "self harm", "crisis")),
    Rule("termination", ("termination", "ending therapy", "ending treatment")),
    Rule(
        "therapist-factors",
        (
            "therapist effect",
            "therapist factor",
            "therapist characteristic",
            "therapist variab",
            "differences between therapists",
            "therapist attachment",
            "therapist skill",
        ),
    ),
    Rule("training", ("training", "trainee", "supervision", "supervisor")),
    Rule("transference-countertransference", ("transference", "countertransference")),
    Rule("trauma-ptsd", ("trauma", "posttraumatic", "post-traumatic", "PTSD")),
    Rule(
        "treatment-length-frequency",
        (
            "number of sessions",
            "session frequency",
            "treatment length",
            "length of treatment",
            "dose-effect",
            "dose-response",
        ),
    ),
)


@dataclass(frozen=True)
class Suggestion:
    """Suggested topic slugs and type slug; `reasons` say why a person should review them."""

    topics: tuple[str, ...]
    research_type: str
    reasons: tuple[str, ...] = ()

    @property
    def weak(self) -> bool:
        return bool(self.reasons)


_PLAIN_PUNCTUATION = str.maketrans({"\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"})


@cache
def _pattern(keyword: str) -> re.Pattern[str]:
    if keyword.isupper() and keyword.isalpha():
        return re.compile(rf"\b{re.escape(keyword)}\b")
    return re.compile(rf"(?<!\w){re.escape(keyword)}", re.IGNORECASE)


def _normalise(text: str) -> str:
    """Curly apostrophes and dashes as plain ones, so that one keyword finds both."""
    return text.translate(_PLAIN_PUNCTUATION)


def _matches(keywords: Iterable[str], text: str) -> list[int]:
    """Where the keywords occur in a text: start offsets, each counted once."""
    found = {match.start() for keyword in keywords for match in _pattern(keyword).finditer(text)}
    return sorted(found)


def _label_keywords(terms: Terms, slug: str) -> tuple[str, ...]:
    """A topic's own label and aliases ("Placebo Effect", "Adherance") count as keywords."""
    term = terms.get(slug)
    return tuple(name for name in (term.label, *term.aliases) if len(name.split()) <= 3)


def suggest_topics(
    topics: Terms, title: str, reference: str | None, text: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Up to four topic slugs, best first, and the reasons to review them."""
    parts = {"title": _normalise(title), "reference": _normalise(reference or ""), "text": ""}
    parts["text"] = _normalise(text)
    scores: dict[str, int] = {}
    for rule in TOPIC_RULES:
        if rule.slug not in topics:
            continue
        keywords = (*rule.keywords, *_label_keywords(topics, rule.slug))
        score = sum(WEIGHTS[part] * len(_matches(keywords, parts[part])) for part in parts)
        if score:
            scores[rule.slug] = score
    order = {term.slug: index for index, term in enumerate(topics)}
    ranked = sorted(scores, key=lambda slug: (-scores[slug], order[slug]))
    if not ranked:
        fallback = FALLBACK_TOPIC if FALLBACK_TOPIC in topics else next(iter(topics)).slug
        return (fallback,), (f"no topic rule matched: tagged {fallback!r}",)
    floor = max(MIN_SCORE, MIN_SHARE * scores[ranked[0]])
    chosen = [slug for slug in ranked if scores[slug] >= floor][:MAX_TOPICS] or ranked[:1]
    return tuple(chosen), ()


def suggest_type(
    types: Terms, title: str, reference: str | None, entry_type: str | None, text: str
) -> tuple[str, tuple[str, ...]]:
    """The type-of-research slug and the reasons to review it."""
    if reference is None and COMMENTARY in types:
        return COMMENTARY, ()
    by_entry = TYPE_BY_ENTRY.get((entry_type or "").lower())
    if by_entry in types:
        assert by_entry is not None
        return by_entry, ()
    for rule in TYPE_RULES:
        if rule.slug in types and _matches(rule.keywords, _normalise(reference or "")):
            return rule.slug, ()
    words = _normalise(f"{title}\n{text}")
    for rules in (TYPE_RULES, GENERIC_TYPE_RULES):
        found = [
            (min(where), index, rule.slug)
            for index, rule in enumerate(rules)
            if rule.slug in types and (where := _matches(rule.keywords, words))
        ]
        if found:
            return min(found)[2], ()
    fallback = FALLBACK_TYPE if FALLBACK_TYPE in types else next(iter(types)).slug
    return fallback, (f"no type rule matched: category {fallback!r} is a guess",)


def suggest(
    vocabulary: Vocabulary,
    title: str,
    reference: str | None,
    text: str,
    entry_type: str | None = None,
) -> Suggestion:
    """Topics and type of research for a summary: its title, reference line and text."""
    topics, topic_reasons = suggest_topics(vocabulary.topics, title, reference, text)
    research_type, type_reasons = suggest_type(vocabulary.types, title, reference, entry_type, text)
    return Suggestion(topics, research_type, topic_reasons + type_reasons)
