"""A synthetic archive of N posts shaped like real ones, deterministic from a seed.

Two flavours over the same text: `archive` (the real configuration, extension, templates and
pages, of this checkout or of another one) and `baseline` (plain Sphinx + MyST + Furo, the
archive's theme: practice implications as a plain admonition, citations as plain text), so
that a benchmark compares like with like.

The text is drawn from a real English word list (Debian's `wamerican`) with Zipf frequencies, so
that the search index, the explorer's index and the output grow as they would with real prose.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pprnet.model.vocabulary import load_vocabulary

PROJECT = Path(__file__).resolve().parent.parent
DICTIONARY = Path("/usr/share/dict/american-english")
# The most frequent words of English prose, most frequent first: they head the ranking, as in
# real text, and Sphinx's search leaves most of them out of its index (stop words).
COMMON = (
    "the of and to a in is that for it as was with be by on not this are or from at which but "
    "have an had they were their one all we can has there been if more when will would who so "
    "no what its into than other some these them only also may after two first such between "
    "over most those both each how could then did should because about while through under "
    "same well even any many very our used without during before much however"
).split()
# Words of the field, ranked after the common ones: the text reads as on topic.
WORDS = (
    "alliance therapist client outcome session treatment rupture repair empathy feedback "
    "depression anxiety trial effect size moderate clinicians supervision routine measure "
    "attachment interpersonal relational change symptom improvement psychotherapy research "
    "practice network evidence meta-analysis study participants sample adolescents adults "
    "dropout attendance expectations credibility responsiveness flexibility adherence manual "
    "cognitive behavioural psychodynamic group combination medication placebo follow-up"
).split()
SURNAMES = (
    "Smith Tasca Norcross Lambert Wampold Horvath Castonguay Hill Safran Muran Elliott Watson "
    "Bohart Barkham Kazdin Hayes Owen Stiles Zilcha-Mano Fluckiger Eubanks Goldfried Beutler"
).split()
JOURNALS = ("Psychotherapy", "Journal of Consulting and Clinical Psychology",
            "Psychotherapy Research", "Clinical Psychology Review")  # fmt: skip
ZIPF_EXPONENT = 1.0  # the word of rank r is drawn with weight 1 / r^s: English prose has s near 1
PLAIN_WORD = re.compile(r"[a-z]+")  # no proper nouns, possessives or accents: nothing markup-like
MISSING_WORDS = (
    "the benchmark draws its text from {path}, which is missing: install it with "
    "`apt-get install wamerican` (Debian, Ubuntu) or name another word list with --words FILE"
)
MIN_POSTS = 8  # each post cites 2 of the N // 4 references that no post summarises
NOT_PAGES = ("README.md", "CONTRIBUTING.md")
ARCHIVE_CONF = """\
# The archive's own configuration, over synthetic posts.
from pathlib import Path

exec(Path({conf!r}).read_text(encoding="utf-8"))  # noqa: S102 (the project's conf.py)
templates_path = [{templates!r}]
html_static_path = [{static!r}]
html_favicon = str(Path({static!r}) / "favicon.svg")
exclude_patterns = ["_build"]
"""
BASELINE_CONF = """\
# Plain Sphinx + MyST + Furo (the archive's theme): the reference a build of the archive is
# measured by. As in the archive, posts are orphan pages that no toctree lists: otherwise every
# page would carry a navigation of N links and the baseline would grow faster than the archive.
project = "Baseline"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
html_title = "Baseline"
exclude_patterns = ["_build"]
"""
BASELINE_INDEX = """\
# Baseline

The same posts as the archive's, built by plain Sphinx.
"""


@dataclass(frozen=True)
class Reference:
    key: str
    authors: tuple[str, ...]
    year: int
    title: str
    journal: str

    def bibtex(self) -> str:
        authors = " and ".join(self.authors)
        return textwrap.dedent(f"""\
            @article{{{self.key},
              author = {{{authors}}},
              year = {{{self.year}}},
              title = {{{self.title}}},
              journal = {{{self.journal}}},
              volume = {{{self.year - 1960}}},
              pages = {{1--20}}
            }}
            """)

    def in_text(self, parenthetical: bool) -> str:
        surname = self.authors[0].split(",")[0]
        who = surname if len(self.authors) == 1 else f"{surname} et al."
        return f"({who}, {self.year})" if parenthetical else f"{who} ({self.year})"


@dataclass(frozen=True)
class Words:
    """A vocabulary ranked by frequency, drawn from with Zipf weights."""

    ranked: tuple[str, ...]
    cum_weights: tuple[float, ...]
    source: str

    @classmethod
    def zipf(cls, words: Iterable[str], source: str, seed: int = 2013) -> Words:
        """Rank `words` after COMMON and WORDS, the rest in an order shuffled from `seed` (a word
        list is alphabetical: ranked as it is, the frequent words would all start with a)."""
        rest = sorted(set(words) - set(COMMON) - set(WORDS))
        random.Random(seed).shuffle(rest)  # noqa: S311 (test data, not security)
        ranked = tuple(dict.fromkeys([*COMMON, *WORDS, *rest]))
        weights = (1 / rank**ZIPF_EXPONENT for rank in range(1, len(ranked) + 1))
        return cls(ranked, tuple(itertools.accumulate(weights)), source)

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.ranked, cum_weights=self.cum_weights, k=count)


def made_up_words() -> Words:
    """Made-up words ranked as a word list would be, for tests that need none installed."""
    return Words.zipf(
        ("".join(w) for w in itertools.product("bdkl", "aeiou", "mnprst", "ao")), "test"
    )


def load_words(path: Path = DICTIONARY) -> Words:
    """The plain lowercase words of a word list (one a line) ranked with Zipf weights; stops
    with MISSING_WORDS if there is no such file."""
    try:
        lines = path.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        raise SystemExit(MISSING_WORDS.format(path=path)) from None
    return Words.zipf((w for w in lines if PLAIN_WORD.fullmatch(w)), str(path))


def topic_slugs(project: Path = PROJECT) -> list[str]:
    """The topics that posts may name, in the vocabulary's order."""
    return [term.slug for term in load_vocabulary(project / "vocabulary.toml").topics]


def sentence(rng: random.Random, words: Words, count: int) -> str:
    text = " ".join(words.draw(rng, count))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: Words, count: int) -> str:
    sentences, total = [], 0
    while total < count:
        length = rng.randint(10, 24)
        sentences.append(sentence(rng, words, length))
        total += length
    return " ".join(sentences)


def make_references(rng: random.Random, words: Words, n: int) -> list[Reference]:
    references = []
    for index in range(n):
        count = rng.randint(1, 4)
        authors = tuple(
            f"{rng.choice(SURNAMES)}, {chr(65 + rng.randrange(26))}." for _ in range(count)
        )
        year = rng.randint(1995, 2025)
        references.append(
            Reference(
                f"ref{index:05d}", authors, year, sentence(rng, words, 8)[:-1], rng.choice(JOURNALS)
            )
        )
    return references


def generate(
    target: Path,
    n: int,
    flavour: str,
    seed: int = 2013,
    words: Words | None = None,
    project: Path = PROJECT,
) -> Path:
    """Write a site of `n` posts into `target` (emptied first) and return it. An `archive` site
    takes its configuration, templates and pages from the checkout `project`; the posts are the
    same whatever the checkout (their topics and types are this checkout's)."""
    if n < MIN_POSTS:
        raise ValueError(f"a synthetic archive has at least {MIN_POSTS} posts, not {n}")
    if target.exists():
        shutil.rmtree(target)
    (target / "posts").mkdir(parents=True)
    if words is None:
        words = load_words()
    rng = random.Random(seed)  # noqa: S311 (test data, not security)
    vocabulary = load_vocabulary(PROJECT / "vocabulary.toml")
    topics = [term.slug for term in vocabulary.topics]
    kinds = [term.slug for term in vocabulary.types if term.slug != "commentary"]
    references = make_references(rng, words, n + n // 4)
    extra = references[n:]
    for index in range(n):
        months_back = index // 3
        year, month = 2026 - (months_back + 2) // 12, 12 - (months_back + 2) % 12
        reference = references[index]
        # The references no post summarises take turns as a first citation: the archive warns
        # of an entry nobody cites, and a random draw leaves one out now and then (at N = 1000).
        first = extra[index % len(extra)]
        cited = [first, rng.choice([r for r in extra if r is not first])]
        post_topics = rng.sample(topics, rng.randint(1, 4))
        if flavour == "archive":
            citations = [f"{{cite:t}}`{cited[0].key}`", f"{{cite:p}}`{cited[1].key}`"]
            implications_open, implications_close = ":::{practice-implications}", ":::"
        else:
            citations = [cited[0].in_text(False), cited[1].in_text(True)]
            implications_open, implications_close = ":::{admonition} Practice Implications", ":::"
        body = [paragraph(rng, words, 180) for _ in range(3)]
        body[1] = f"As {citations[0]} found, {body[1]} This agrees with {citations[1]}."
        title = sentence(rng, words, rng.randint(5, 9))[:-1].title()
        text = "\n".join([
            "---",
            *(["orphan: true"] if flavour == "baseline" else []),
            "blogpost: true",
            f"date: {year:04d}-{month:02d}-01",
            "author: Giorgio A. Tasca",
            f"tags: [{', '.join(post_topics)}]",
            f"category: {rng.choice(kinds)}",
            f"reference: {reference.key}",
            "---",
            "",
            f"# {title}",
            "",
            "\n\n".join(body),
            "",
            implications_open,
            paragraph(rng, words, 80),
            implications_close,
            "",
        ])  # fmt: skip
        path = target / "posts" / f"{year:04d}" / f"{month:02d}-post-{index:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if flavour == "archive":
        (target / "references.bib").write_text("\n".join(r.bibtex() for r in references), "utf-8")
        shutil.copy(project / "vocabulary.toml", target)
        shutil.copy(project / "docutils.conf", target)
        for page in project.glob("*.md"):
            if page.name not in NOT_PAGES:
                shutil.copy(page, target)
        (target / "conf.py").write_text(
            ARCHIVE_CONF.format(
                conf=str(project / "conf.py"),
                templates=str(project / "_templates"),
                static=str(project / "_static"),
            ),
            encoding="utf-8",
        )
    else:
        (target / "conf.py").write_text(BASELINE_CONF, encoding="utf-8")
        (target / "index.md").write_text(BASELINE_INDEX, encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("-n", type=int, default=100, help="number of posts")
    parser.add_argument("--flavour", choices=("archive", "baseline"), default="archive")
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument("--words", type=Path, default=DICTIONARY, help="word list, one a line")
    parser.add_argument("--project", type=Path, default=PROJECT, help="checkout for `archive`")
    args = parser.parse_args()
    words = load_words(args.words)
    generate(args.target, args.n, args.flavour, args.seed, words, args.project.resolve())


if __name__ == "__main__":
    main()
