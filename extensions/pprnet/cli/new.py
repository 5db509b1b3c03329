"""`pprnet new`: start a post with valid front matter and a skeleton to fill in.

Each value comes from a flag or, when standard input is a terminal, from a question. Nothing is
written unless every value is valid; exit status 0 written, 1 the post's file exists already,
2 a value is missing or invalid.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pprnet.cli.entries import (
    Article,
    InputError,
    append_entry,
    parse_article_answer,
    parse_reference,
    read_bibtex,
)
from pprnet.cli.naming import slugify
from pprnet.cli.project import DEFAULT_AUTHOR, Project, load_project
from pprnet.model.checks import (
    PLACEHOLDER_IMPLICATIONS,
    PLACEHOLDER_SUMMARY,
    build_date,
    check_text,
)
from pprnet.model.frontmatter import MARKUP_CHARS, MAX_TOPICS
from pprnet.model.vocabulary import SLUG_RE, Terms

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
# The flag each front-matter field comes from, to name it in the shared checker's messages.
_FLAG_OF_FIELD = {
    "date": "--month",
    "author": "--author",
    "tags": "--topic",
    "category": "--type",
    "reference": "--reference",
    "contact": "--contact",
}

Raw = TypeVar("Raw")
T = TypeVar("T")


@dataclass(frozen=True)
class NewPost:
    """Everything the new post's file is made from."""

    title: str
    date: dt.date
    topics: tuple[str, ...]
    research_type: str
    article: Article
    author: str
    contact: str | None
    slug: str

    @property
    def relative_path(self) -> Path:
        return Path(f"{self.date:%Y}") / f"{self.date:%m}-{self.slug}.md"


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "new",
        help="start a post: its front matter and a skeleton to fill in",
        description="Write posts/YYYY/MM-slug.md with valid front matter and a skeleton. "
        "Values missing from the flags are asked for when standard input is a terminal.",
        epilog="Exit status: 0 written; 1 the post's file exists already; 2 a value is missing "
        "or invalid. Nothing is written unless the status is 0.",
    )
    parser.add_argument("--title", help="the post's title, as readers see it")
    parser.add_argument("--month", metavar="YYYY-MM", help="the month the post is published")
    parser.add_argument(
        "--topic",
        dest="topics",
        action="append",
        metavar="SLUG",
        help="a topic slug of vocabulary.toml; repeat for 1 to 4 topics (see 'pprnet topics')",
    )
    parser.add_argument(
        "--type", dest="research_type", metavar="SLUG", help="the type-of-research slug"
    )
    article = parser.add_mutually_exclusive_group()
    article.add_argument("--reference", metavar="KEY", help="the key in references.bib")
    article.add_argument(
        "--bibtex",
        metavar="FILE",
        help="a new BibTeX entry to append to references.bib ('-': read it from stdin)",
    )
    article.add_argument(
        "--commentary", action="store_true", help="the post summarises no single article"
    )
    parser.add_argument("--contact", metavar="EMAIL", help="the article author's e-mail")
    parser.add_argument("--author", default=DEFAULT_AUTHOR, help="default: %(default)s")
    parser.add_argument("--slug", help="the file name's short title (default: from the title)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = load_project(Path.cwd())
    try:
        post = gather(args, project, interactive=sys.stdin.isatty())
    except InputError as error:
        for line in [*str(error).splitlines(), "nothing written"]:
            print(f"pprnet new: {line}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\npprnet new: cancelled; nothing written", file=sys.stderr)
        return 2
    path = project.posts_dir / post.relative_path
    shown = project.display(path)
    if path.exists():
        print(
            f"pprnet new: {shown} exists already; nothing written (choose another --slug)",
            file=sys.stderr,
        )
        return 1
    if post.article.new_entry is not None:
        append_entry(project.bibliography_path, post.article.new_entry)
        print(f"added {post.article.key} to {project.bibliography_name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(render_post(post))
    print(f"wrote {shown}")
    print("next: edit it, then `make serve` to preview and `pprnet check` before you commit")
    return 0


def gather(args: argparse.Namespace, project: Project, interactive: bool) -> NewPost:
    """The new post from the flags and, for what they lack, from questions."""
    vocabulary, bib = project.vocabulary, project.bibliography
    errors: list[str] = []
    missing: list[str] = []

    def given(flag: str, raw: Raw | None, parse: Callable[[Raw], T]) -> T | None:
        if raw is None:
            missing.append(flag)
            return None
        try:
            return parse(raw)
        except InputError as error:
            errors.append(f"{flag}: {error}")
            return None

    title = given("--title", args.title, parse_title)
    date = given("--month", args.month, parse_month)
    topics = given("--topic", args.topics, lambda values: parse_topics(values, vocabulary.topics))
    research_type = given(
        "--type", args.research_type, lambda text: parse_type(text, vocabulary.types)
    )
    article: Article | None = None
    if args.commentary:
        article = Article(None)
    elif args.reference is not None:
        article = given("--reference", args.reference, lambda key: parse_reference(key, bib))
    elif args.bibtex is not None:
        article = given("--bibtex", args.bibtex, lambda name: read_bibtex(name, bib, interactive))
    else:
        missing.append("--reference, --bibtex or --commentary")
    slug: str | None = None if args.slug is None else given("--slug", args.slug, parse_slug)
    if errors:
        raise InputError("\n".join(errors))
    if missing and not interactive:
        raise InputError(f"missing {'; '.join(missing)} (and no terminal to ask on)")

    if title is None:
        title = ask("Title: ", parse_title)
    if date is None:
        this_month = f"{build_date():%Y-%m}"
        date = ask(
            f"Month (YYYY-MM) [{this_month}]: ", lambda text: parse_month(text or this_month)
        )
    if topics is None:
        topics = ask(
            "Topics (1 to 4 slugs; 'pprnet topics' lists them): ",
            lambda text: parse_topics(re.split(r"[\s,]+", text.strip()), vocabulary.topics),
        )
    if research_type is None:
        research_types = ", ".join(term.slug for term in vocabulary.types)
        research_type = ask(
            f"Type of research ({research_types}): ",
            lambda text: parse_type(text, vocabulary.types),
        )
    if article is None:
        article = ask(
            "Summarised article: its key in references.bib, '-' to paste a new BibTeX entry, "
            "or 'none' for a commentary: ",
            lambda text: parse_article_answer(text, bib),
        )
    if slug is None:
        slug = slugify(title)
        if not slug:
            raise InputError("--title: no file name can be made from it; give --slug")
    post = NewPost(title, date, topics, research_type, article, args.author, args.contact, slug)
    check_rendered(post, project)
    return post


def ask(prompt: str, parse: Callable[[str], T]) -> T:
    """Ask until the answer is valid."""
    while True:
        try:
            return parse(input(prompt))
        except InputError as error:
            print(f"  {error}", file=sys.stderr)


def parse_title(text: str) -> str:
    title = text.strip()
    if not title:
        raise InputError("a post needs a title")
    if any(unicodedata.category(char).startswith("C") for char in title):
        raise InputError("a title is one line of text")
    if MARKUP_CHARS & set(title):
        raise InputError('a title must not contain the characters < > " &')
    return title


def parse_month(text: str) -> dt.date:
    match = MONTH_RE.match(text.strip())
    try:
        date = dt.date(int(match.group(1)), int(match.group(2)), 1) if match else None
    except ValueError:  # year 0, month 13
        date = None
    if date is None:
        raise InputError(f"{text!r} is not a month in the form YYYY-MM")
    if date > build_date():
        raise InputError(f"{text.strip()} is in the future: the build rejects a post dated later")
    return date


def parse_topics(values: list[str], topics: Terms) -> tuple[str, ...]:
    slugs = [value.strip() for value in values if value.strip()]
    if not 1 <= len(slugs) <= MAX_TOPICS:
        raise InputError(f"a post has 1 to {MAX_TOPICS} topics, not {len(slugs)}")
    if len(set(slugs)) != len(slugs):
        raise InputError("a topic is listed twice")
    for slug in slugs:
        known(slug, topics, "topic")
    return tuple(slugs)


def parse_type(text: str, types: Terms) -> str:
    return known(text.strip(), types, "type of research")


def known(slug: str, terms: Terms, noun: str) -> str:
    """The slug if the vocabulary has it; otherwise an error with the closest slug."""
    if slug in terms:
        return slug
    raise InputError(terms.unknown(slug, noun))


def parse_slug(text: str) -> str:
    if not SLUG_RE.match(text):
        raise InputError(f"{text!r} is not lowercase ASCII words joined by '-'")
    return text


def render_post(post: NewPost) -> str:
    """The post's file: front matter as the archive's posts write it, and the skeleton."""
    lines = [
        "---",
        "blogpost: true",
        f"date: {post.date.isoformat()}",
        f"author: {post.author}",
        f"tags: [{', '.join(post.topics)}]",
        f"category: {post.research_type}",
    ]
    if post.article.key is not None:
        lines.append(f"reference: {post.article.key}")
    if post.contact is not None:
        lines.append(f"contact: {post.contact}")
    lines += [
        "---",
        "",
        f"# {post.title}",
        "",
        PLACEHOLDER_SUMMARY,
        "",
        ":::{practice-implications}",
        PLACEHOLDER_IMPLICATIONS,
        ":::",
    ]
    return "\n".join(lines) + "\n"


def check_rendered(post: NewPost, project: Project) -> None:
    """The shared checker passes the new file but for its placeholders, or nothing is written."""
    keys = project.bibliography.keys()
    if post.article.key is not None:
        keys[post.article.key.casefold()] = post.article.key
    text = render_post(post)
    lines = text.splitlines()

    def flag(line: int) -> str:
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        if source.startswith("# "):
            return "--title"
        return _FLAG_OF_FIELD.get(source.partition(":")[0], "the new post")

    result = check_text(text, project.vocabulary, keys, build_date())
    errors = [
        f"{flag(problem.line)}: {problem.message}"
        for problem in result.problems
        if problem.subtype != "placeholder"
    ]
    if errors:
        raise InputError("\n".join(errors))
