"""A synthetic archive of N posts shaped like real ones, deterministic from a seed.

Two flavours over the same text: `archive` (the real configuration, extension, templates and
pages) and `baseline` (plain Sphinx + MyST + pydata-sphinx-theme: practice implications as a
plain admonition, citations as plain text), so that a benchmark compares like with like.
"""

from __future__ import annotations

import argparse
import random
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

from pprnet.model.vocabulary import load_vocabulary

PROJECT = Path(__file__).resolve().parent.parent
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
# Plain Sphinx + MyST + pydata-sphinx-theme: the reference a build of the archive is measured by.
# As in the archive, posts are orphan pages and no sidebar lists them: otherwise every page
# would carry a navigation of N links and the baseline would grow faster than the archive.
project = "Baseline"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence"]
html_theme = "pydata_sphinx_theme"
html_title = "Baseline"
html_sidebars = {"**": []}
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


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: int) -> str:
    sentences, count = [], 0
    while count < words:
        length = rng.randint(10, 24)
        sentences.append(sentence(rng, length))
        count += length
    return " ".join(sentences)


def make_references(rng: random.Random, n: int) -> list[Reference]:
    references = []
    for index in range(n):
        count = rng.randint(1, 4)
        authors = tuple(
            f"{rng.choice(SURNAMES)}, {chr(65 + rng.randrange(26))}." for _ in range(count)
        )
        year = rng.randint(1995, 2025)
        references.append(
            Reference(f"ref{index:05d}", authors, year, sentence(rng, 8)[:-1], rng.choice(JOURNALS))
        )
    return references


def generate(target: Path, n: int, flavour: str, seed: int = 2013) -> Path:
    """Write a site of `n` posts into `target` (emptied first) and return it."""
    if target.exists():
        shutil.rmtree(target)
    (target / "posts").mkdir(parents=True)
    rng = random.Random(seed)  # noqa: S311 (test data, not security)
    vocabulary = load_vocabulary(PROJECT / "vocabulary.toml")
    topics = [term.slug for term in vocabulary.topics]
    kinds = [term.slug for term in vocabulary.types if term.slug != "commentary"]
    references = make_references(rng, n + n // 4)
    for index in range(n):
        months_back = index // 3
        year, month = 2026 - (months_back + 2) // 12, 12 - (months_back + 2) % 12
        reference = references[index]
        cited = rng.sample(references[n:], 2)
        post_topics = rng.sample(topics, rng.randint(1, 4))
        if flavour == "archive":
            citations = [f"{{cite:t}}`{cited[0].key}`", f"{{cite:p}}`{cited[1].key}`"]
            implications_open, implications_close = ":::{practice-implications}", ":::"
        else:
            citations = [cited[0].in_text(False), cited[1].in_text(True)]
            implications_open, implications_close = ":::{admonition} Practice Implications", ":::"
        body = [paragraph(rng, 180) for _ in range(3)]
        body[1] = f"As {citations[0]} found, {body[1]} This agrees with {citations[1]}."
        title = sentence(rng, rng.randint(5, 9))[:-1].title()
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
            paragraph(rng, 80),
            implications_close,
            "",
        ])  # fmt: skip
        path = target / "posts" / f"{year:04d}" / f"{month:02d}-post-{index:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if flavour == "archive":
        (target / "references.bib").write_text("\n".join(r.bibtex() for r in references), "utf-8")
        shutil.copy(PROJECT / "vocabulary.toml", target)
        shutil.copy(PROJECT / "docutils.conf", target)
        for page in PROJECT.glob("*.md"):
            if page.name not in NOT_PAGES:
                shutil.copy(page, target)
        (target / "conf.py").write_text(
            ARCHIVE_CONF.format(
                conf=str(PROJECT / "conf.py"),
                templates=str(PROJECT / "_templates"),
                static=str(PROJECT / "_static"),
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
    args = parser.parse_args()
    generate(args.target, args.n, args.flavour, args.seed)


if __name__ == "__main__":
    main()
