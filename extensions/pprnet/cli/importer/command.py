"""`pprnet import`: the old blog's pages into posts and references.bib entries.

Each summary of a page becomes `posts/YYYY/MM-slug.md` and its reference a new BibTeX entry,
unless the archive holds it already. Every post is checked with the build's own rules before
anything is written. Exit status: 0 imported (or nothing to do), 1 some input could not be
read or would not pass the checks (`PAGE:LINE: message` on standard error), 2 no archive here
or a file that cannot be read or written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pprnet.cli.importer.apaparse import ParsedReference, format_entry, make_key, parse_reference
from pprnet.cli.importer.holdings import Holdings, doi_of, normal_title, surname_of
from pprnet.cli.importer.legacy import Summary, parse_page
from pprnet.cli.importer.suggest import suggest
from pprnet.cli.importer.writing import author_contact, render_post
from pprnet.cli.naming import slugify
from pprnet.cli.project import DEFAULT_AUTHOR, Project, load_project
from pprnet.model.bibfile import Bibliography, read_bibliography
from pprnet.model.biblint import lint_entry
from pprnet.model.checks import build_date, check_text
from pprnet.model.source import parse_post
from pprnet.model.vocabulary import Vocabulary

SLUG_WORDS = 3
SLUG_LENGTH = 40


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="import pages of the old blog as posts and references.bib entries",
        description="Turn the text of old blog pages (as copied from the browser) into posts "
        "and BibTeX entries. Summaries already in the archive are skipped. Prints what it "
        "created, skipped and what needs review; input it cannot read is reported as "
        "'PAGE:LINE: message' and nothing is written.",
    )
    parser.add_argument(
        "pages", nargs="+", type=Path, metavar="PAGE.txt", help="a page's text, as copied"
    )
    parser.add_argument(
        "--posts-dir",
        type=Path,
        metavar="DIR",
        help="where the posts go (default: the archive's posts/)",
    )
    parser.add_argument(
        "--bib",
        type=Path,
        metavar="FILE",
        help="the bibliography to extend (default: references.bib)",
    )
    parser.add_argument(
        "--author",
        default=DEFAULT_AUTHOR,
        metavar="NAME",
        help=f"the posts' author (default: {DEFAULT_AUTHOR})",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print what it would do; write nothing"
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="import what can be imported and report the rest (default: all or nothing)",
    )
    parser.set_defaults(run=run)


@dataclass(frozen=True)
class Located:
    """A message about one line of one page."""

    page: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Planned:
    """One post to write, and the entry to add for it (None when the archive has it)."""

    source: Located
    path: Path
    text: str
    key: str | None
    entry: str | None  # the new BibTeX entry, or None when the bibliography has the work
    topics: tuple[str, ...]
    research_type: str
    reasons: tuple[str, ...]


def run(args: argparse.Namespace) -> int:
    project = load_project(Path.cwd())
    try:
        bib_path = args.bib or project.bibliography_path
        bib_text = bib_path.read_text(encoding="utf-8")
    except OSError as error:
        print(f"pprnet import: cannot read {args.bib}: {error.strerror}", file=sys.stderr)
        return 2
    bibliography = read_bibliography(bib_text)
    if bibliography.problems:
        for problem in bibliography.problems:
            print(f"{project.display(bib_path)}:{problem.line}: {problem.message}", file=sys.stderr)
        print("pprnet import: fix the bibliography first; nothing imported", file=sys.stderr)
        return 2
    posts_dir = args.posts_dir or project.posts_dir
    importer = Importer(project, bibliography, posts_dir, args.author)
    errors: list[Located] = []
    for page in args.pages:
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as failure:
            reason = getattr(failure, "strerror", None) or str(failure)
            errors.append(Located(str(page), 1, f"cannot read the page: {reason}"))
            continue
        errors += importer.add_page(str(page), text)
    for located in errors:
        print(located, file=sys.stderr)
    if errors and not args.keep_going:
        what = "nothing would be written" if args.dry_run else "nothing written"
        print(f"pprnet import: {len(errors)} error(s); {what}", file=sys.stderr)
        return 1
    if not args.dry_run:
        try:
            importer.write(bib_path, bib_text)
        except OSError as error:
            print(f"pprnet import: cannot write: {error}", file=sys.stderr)
            return 2
    importer.report(bib_path, dry_run=args.dry_run)
    if errors:
        print(f"pprnet import: {len(errors)} error(s); the rest imported", file=sys.stderr)
    return 1 if errors else 0


class Importer:
    """Plans the posts and entries of the pages given, checking each against the archive."""

    def __init__(self, project: Project, bibliography: Bibliography, posts_dir: Path, author: str):
        self.project = project
        self.vocabulary: Vocabulary = project.vocabulary
        self.posts_dir = posts_dir
        self.author = author
        self.today = build_date()
        self.archive = Holdings()
        self.planned: list[Planned] = []
        self.skipped: list[Located] = []
        self.notes: list[Located] = []
        for bib_entry in bibliography.entries.values():
            self.archive.add_entry(bib_entry.key, bib_entry.entry)
        for path in sorted(posts_dir.rglob("*.md")) if posts_dir.is_dir() else []:
            self._read_post(path)

    def _read_post(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return  # `pprnet check` reports an unreadable post; here it holds no summary
        post = parse_post(text)
        data = post.front.data if post.front is not None else None
        key = data.get("reference") if isinstance(data, dict) else None
        title = next(
            (
                inline.content.strip()
                for heading, inline in itertools.pairwise(post.tokens)
                if heading.type == "heading_open" and heading.tag == "h1"
            ),
            "",
        )
        where = self.project.display(path)
        self.archive.add_post(where, title, str(key) if key else None, path)

    def add_page(self, name: str, text: str) -> list[Located]:
        """Plan the page's summaries; return the problems, each at its line."""
        page = parse_page(text)
        errors = [Located(name, problem.line, problem.message) for problem in page.problems]
        for label in page.topic_labels:
            if self.vocabulary.topics.by_label(label.text) is None:
                message = f"topic {label.text!r} of the page's topic list is not in the vocabulary"
                self.notes.append(Located(name, label.number, message))
        for summary in page.summaries:
            errors += self._plan(name, summary)
        return errors

    def _plan(self, name: str, summary: Summary) -> list[Located]:
        """Plan one summary's post and entry, or skip it; return its problems."""
        where = Located(name, summary.line, summary.title.text)
        seen = self.archive.post_of_title.get(normal_title(summary.title.text))
        if seen is not None:
            self.skipped.append(Located(name, summary.line, f"skipped ({_seen(seen)})"))
            return []
        parsed = parse_reference(summary.reference.text) if summary.reference else None
        key: str | None = None
        entry_text: str | None = None
        reasons: list[str] = []
        if parsed is not None:
            known = self._known_entry(parsed)
            if known is not None and known.casefold() in self.archive.post_of_key:
                seen = self.archive.post_of_key[known.casefold()]
                self.skipped.append(Located(name, summary.line, f"skipped ({_seen(seen)})"))
                return []
            if known is not None:
                key = known  # an entry added by hand before its summary
            else:
                key = make_key(parsed.entry, self.archive.entries)
                entry_text = format_entry(key, parsed.entry)
                reasons += parsed.notes
        text_of = "\n".join(line.text for line in (*summary.body, *summary.implications))
        entry_type = str(parsed.entry.type) if parsed is not None else None
        reference_text = summary.reference.text if summary.reference else None
        suggestion = suggest(
            self.vocabulary, summary.title.text, reference_text, text_of, entry_type
        )
        reasons += suggestion.reasons
        contact = author_contact(summary.contact, reasons)
        slug = self._slug(summary.month, summary.title.text)
        path = self.posts_dir / f"{summary.month:%Y}" / f"{summary.month:%m}-{slug}.md"
        text = render_post(
            summary, self.author, suggestion.topics, suggestion.research_type, key, contact
        )
        keys = self.archive.keys(adding=key)
        problems = check_text(text, self.vocabulary, keys, self.today).problems
        if problems:
            intro = f"the post for {summary.title.text!r} would not pass the archive's checks"
            return [
                Located(
                    name, summary.line, f"{intro}: {problem.message} (post line {problem.line})"
                )
                for problem in problems
            ]
        if parsed is not None and entry_text is not None:
            # The entry appended to references.bib passes the bibliography's own checks.
            lint = lint_entry(parsed.entry, entry_text, 1)
            intro = f"the entry for {summary.title.text!r} would not pass the bibliography's checks"
            if lint:
                return [Located(name, summary.line, f"{intro}: {p.message}") for p in lint]
        if parsed is not None and key is not None and entry_text is not None:
            self.archive.add_entry(key, parsed.entry)
        shown = f"{self.project.display(path)} (imported from {where.page}:{where.line})"
        self.archive.add_post(shown, summary.title.text, key, path)
        self.planned.append(
            Planned(
                where,
                path,
                text,
                key,
                entry_text,
                suggestion.topics,
                suggestion.research_type,
                tuple(reasons),
            )
        )
        return []

    def _known_entry(self, parsed: ParsedReference) -> str | None:
        """The archive's key for the same work: same key (and title), DOI, or author+year+title."""
        entry = parsed.entry
        title = normal_title(str(entry.fields.get("title", "")))
        same_key = self.archive.entries.get(make_key(entry, frozenset()).casefold())
        if same_key is not None:
            key, known = same_key
            known_title = normal_title(str(known.fields.get("title", "")))
            if not title or not known_title or title == known_title:
                return key
        doi = doi_of(str(entry.fields.get("doi", "")))
        if doi and doi in self.archive.key_of_doi:
            return self.archive.key_of_doi[doi]
        year = str(entry.fields.get("year", ""))
        for key in self.archive.keys_of_title.get(title, []) if title else []:
            known = self.archive.entries[key.casefold()][1]
            if year == str(known.fields.get("year", "")) and surname_of(entry) == surname_of(known):
                return key
        return None

    def _slug(self, month: dt.date, title: str) -> str:
        """A short [a-z0-9-] name from the title, unique among the month's posts."""
        folder = self.posts_dir / f"{month:%Y}"
        # Shorter than `pprnet new`'s: the old blog's titles are long and were never file names.
        slug = slugify(title, max_words=SLUG_WORDS, max_length=SLUG_LENGTH) or "summary"
        candidate, number = slug, 2
        while (
            folder / f"{month:%m}-{candidate}.md" in self.archive.files
            or (folder / f"{month:%m}-{candidate}.md").exists()
        ):
            candidate, number = f"{slug}-{number}", number + 1
        return candidate

    def write(self, bib_path: Path, bib_text: str) -> None:
        """Append the new entries to the bibliography, then write the posts."""
        text = bib_text if not bib_text or bib_text.endswith("\n") else bib_text + "\n"
        for plan in self.planned:
            if plan.entry:
                text += f"\n{plan.entry}" if text.strip() else plan.entry
        if text != bib_text:
            reread = read_bibliography(text)
            lost = [plan.key for plan in self.planned if plan.key and plan.key not in reread]
            # The entries were made by this module; one that does not read back is a bug here.
            assert not reread.problems and not lost, (reread.problems, lost)
            bib_path.write_text(text, encoding="utf-8")
        for plan in self.planned:
            plan.path.parent.mkdir(parents=True, exist_ok=True)
            with plan.path.open("x", encoding="utf-8") as post:
                post.write(plan.text)

    def report(self, bib_path: Path, *, dry_run: bool) -> None:
        """Created, skipped, needs review: each with its page and line."""
        display = self.project.display
        verb = "would create" if dry_run else "created"
        created: list[str] = []
        for plan in self.planned:
            reference = f"  reference: {plan.key}" if plan.key else ""
            added = f" (new entry in {display(bib_path)})" if plan.entry else ""
            created += [
                f"{display(plan.path)}  <- {plan.source.page}:{plan.source.line}",
                f"    tags: [{', '.join(plan.topics)}]  category: {plan.research_type}"
                f"{reference}{added}",
            ]
        review = [plan for plan in self.planned if plan.reasons]
        needs_review: list[str] = []
        for plan in review:
            needs_review.append(f"{display(plan.path)} ({plan.source.page}:{plan.source.line}):")
            needs_review += [f"    {reason}" for reason in plan.reasons]
        for heading, lines in (
            (f"{verb}:", created),
            ("skipped:", [str(item) for item in self.skipped]),
            ("needs review:", needs_review),
            ("notes:", [str(note) for note in self.notes]),
        ):
            if lines:
                print(heading)
                print("\n".join(f"  {line}" for line in lines))
        entries = sum(1 for plan in self.planned if plan.entry)
        print(
            f"{verb} {len(self.planned)} post(s) and {entries} reference(s); "
            f"skipped {len(self.skipped)}; {len(review)} need(s) review"
        )


def _seen(where: str) -> str:
    if "(imported from" in where:
        return f"a repeat: {where}"
    return f"already in the archive: {where}"
