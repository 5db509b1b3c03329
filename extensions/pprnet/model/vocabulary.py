"""The archive's controlled vocabularies: topics and types of research (pure, no Sphinx)."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class VocabularyError(ValueError):
    """The vocabulary file itself is malformed."""


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: a stable slug and the label readers see."""

    slug: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Terms:
    """An ordered vocabulary (topics, or types of research)."""

    name: str  # "topics" or "types", as vocabulary.toml names the list
    terms: tuple[Term, ...]

    def __contains__(self, slug: object) -> bool:
        return any(term.slug == slug for term in self.terms)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, slug: str) -> Term:
        for term in self.terms:
            if term.slug == slug:
                return term
        raise KeyError(slug)

    def label(self, slug: str) -> str:
        return self.get(slug).label

    def by_label(self, label: str) -> Term | None:
        """The term whose label or alias is `label` (case-insensitive), as the importer needs."""
        wanted = label.strip().casefold()
        for term in self.terms:
            if wanted in (name.casefold() for name in (term.label, *term.aliases)):
                return term
        return None

    def unknown(self, value: str, noun: str) -> str:
        """The message for a slug not in the vocabulary, with the closest one if any."""
        hint = self.suggest(value)
        suffix = (
            f"; did you mean {hint!r}?" if hint else f"; see the {self.name} in vocabulary.toml"
        )
        return f"unknown {noun} {value!r}{suffix}"

    def suggest(self, unknown: str) -> str | None:
        """The closest slug to a misspelled one, matched against slugs, labels and aliases."""
        names: dict[str, str] = {}
        for term in self.terms:
            for name in (term.slug, term.label, *term.aliases):
                names[name.casefold()] = term.slug
                names[_word_set(name)] = term.slug
        for query in (unknown.casefold(), _word_set(unknown)):
            match = difflib.get_close_matches(query, names, n=1, cutoff=0.6)
            if match:
                return names[match[0]]
        return None


def _word_set(name: str) -> str:
    """The words of a name in sorted order, so that 'ptsd-trauma' finds 'trauma-ptsd'."""
    return " ".join(sorted(re.findall(r"[a-z0-9]+", name.casefold())))


@dataclass(frozen=True)
class Vocabulary:
    """Both vocabularies of the archive, and the words that readers search with."""

    topics: Terms
    types: Terms
    # Groups of words that mean the same to a reader who searches (an abbreviation and its
    # expansions, spellings): a search for one finds the others. Not the importer's aliases.
    search_terms: tuple[tuple[str, ...], ...] = ()


def parse_vocabulary(text: str, source: str = "vocabulary") -> Vocabulary:
    """Parse and check the TOML vocabulary; raise VocabularyError naming the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise VocabularyError(f"{source}: {error}") from None
    return Vocabulary(
        topics=_terms(data, "topics", source),
        types=_terms(data, "types", source),
        search_terms=_search_terms(data.get("search_terms", []), source),
    )


def load_vocabulary(path: Path) -> Vocabulary:
    return parse_vocabulary(path.read_text(encoding="utf-8"), str(path))


def _terms(data: dict[str, object], name: str, source: str) -> Terms:
    entries = data.get(name)
    if not isinstance(entries, list) or not entries:
        raise VocabularyError(f"{source}: needs a non-empty [[{name}]] list")
    terms: list[Term] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{source}: {name} entry {number}"
        if not isinstance(entry, dict):
            raise VocabularyError(f"{where}: must be a table")
        slug, label = entry.get("slug"), entry.get("label")
        aliases = entry.get("aliases", [])
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise VocabularyError(f"{where}: slug {slug!r} must match [a-z0-9-]")
        if not isinstance(label, str) or not label.strip():
            raise VocabularyError(f"{where}: label must be a non-empty string")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise VocabularyError(f"{where}: aliases must be a list of strings")
        if any(term.slug == slug for term in terms):
            raise VocabularyError(f"{where}: duplicate slug {slug!r}")
        terms.append(Term(slug, label, tuple(aliases)))
    return Terms(name, tuple(terms))


def search_form(text: str) -> str:
    """A search term as the explorer compares it (_static/pprnet-explorer.js, `fold`): letter
    case, accents and punctuation aside, words separated by one space."""
    decomposed = unicodedata.normalize("NFD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", letters.casefold()).split())


def _search_terms(groups: object, source: str) -> tuple[tuple[str, ...], ...]:
    """Each group at least two different words or phrases, as a search compares them; a word
    in one group only."""
    where = f"{source}: search_terms"
    if not isinstance(groups, list):
        raise VocabularyError(f"{where} must be a list of lists of words")
    seen: dict[str, int] = {}
    checked: list[tuple[str, ...]] = []
    for number, group in enumerate(groups, start=1):
        if not isinstance(group, list) or not all(isinstance(w, str) for w in group):
            raise VocabularyError(f"{where} group {number} must be a list of words")
        words = tuple(" ".join(word.split()) for word in group)
        folded = [search_form(word) for word in words]
        if not all(folded):
            raise VocabularyError(f"{where} group {number}: a term needs a letter or a digit")
        if len(set(folded)) < 2:
            raise VocabularyError(f"{where} group {number} needs at least two different words")
        for word, form in zip(words, folded, strict=True):
            if seen.get(form, number) != number:
                raise VocabularyError(
                    f"{where} group {number}: {word!r} is already in group {seen[form]}"
                )
            seen[form] = number
        checked.append(words)
    return tuple(checked)
