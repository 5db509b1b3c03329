"""Validate a post's front matter, as parsed once with the post (pure, no Sphinx).

The same function serves the Sphinx build and the contributor's command-line check, so both
report the same problems with the same words and lines.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from pprnet.model.addresses import ADDRESS_RE
from pprnet.model.problems import Problem, Subtype
from pprnet.model.source import FrontMatterBlock
from pprnet.model.vocabulary import Terms, Vocabulary

ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_RE = re.compile(r"^[^@\s<>\"&]+@[^@\s<>\"&]+\.[A-Za-z]{2,}$")
MARKUP_CHARS = set('<>"&')
# Characters that change how the text around them is shown without being seen: bidirectional
# controls (a right-to-left override makes "txt.exe" read "exe.txt") and other control codes.
# The optional `bottom-line` (the author's take-home) and `teaser` (the month's "This month..."
# line, on any one post of the month): each one sentence of plain text.
BOTTOM_LINE_MAX = 200
TEASER_MAX = 300
SENTENCE_MARKUP = set("<>`*[]{}")
SENTENCE_BREAK_RE = re.compile(r"[.?!][\"')\u201d\u2019]?\s+[A-Z]")
HIDDEN_CHARS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Where a post's file is, under the posts folder: its year's folder, its month first.
POST_FILE_RE = re.compile(r"^(\d{4})/(\d{2})-[^/]+$")
MAX_TOPICS = 4  # topics a post may have
KNOWN_FIELDS = frozenset(
    {
        "blogpost",
        "date",
        "author",
        "tags",
        "category",
        "reference",
        "contact",
        "bottom-line",
        "teaser",
    }
)


@dataclass(frozen=True)
class FrontMatter:
    """The validated front matter of one post."""

    date: dt.date
    author: str
    topics: tuple[str, ...]
    research_type: str
    reference: str | None
    contact: str | None
    bottom_line: str | None = None
    teaser: str | None = None
    teaser_line: int = 1  # where the teaser is, for the check of one teaser a month


def check_front_matter(
    block: FrontMatterBlock | None,
    vocabulary: Vocabulary,
    bib_keys: Mapping[str, str],
    today: dt.date,
    lenient: bool = False,
    place: PurePosixPath | None = None,
) -> tuple[FrontMatter | None, list[Problem]]:
    """Validate a post's front matter; return the record and the problems. `place` is the
    post's file under the posts folder (`2020/03-alliance.md`), whose year and month the date
    must have.

    The record is None when there is any problem, or, if `lenient`, only when no usable date,
    author or type remains (topics, reference and contact are then the valid ones, and an
    author with markup characters is kept as written: escaping is the pages' job).
    """
    if block is None:
        return None, [Problem(Subtype.FRONT_MATTER, 1, "a post must start with '---' front matter")]
    if isinstance(block.data, Problem):
        return None, [block.data]
    data, yaml_text, first_line = block.data, block.text, block.first_line

    lines = field_lines(yaml_text, first_line)
    problems: list[Problem] = []

    def report(field: str, subtype: Subtype, message: str) -> None:
        problems.append(Problem(subtype, lines.get(field, first_line), message))

    for field in sorted(set(map(str, data)) - KNOWN_FIELDS):
        report(field, Subtype.FRONT_MATTER, f"unknown front-matter field {field!r}")
    if data.get("blogpost") is not True:
        report("blogpost", Subtype.FRONT_MATTER, "a post needs 'blogpost: true'")

    date = _check_date(data.get("date"), today, lambda s, m: report("date", s, m))
    if date is not None and place is not None:
        date = _check_place(date, place, lambda m: report("date", Subtype.DATE, m))
    author = _check_text(
        data.get("author"), "author", lambda m: report("author", Subtype.AUTHOR, m)
    )
    topics = _check_topics(
        data.get("tags"), vocabulary.topics, lambda m: report("tags", Subtype.TOPIC, m)
    )
    research_type = _check_type(
        data.get("category"), vocabulary.types, lambda m: report("category", Subtype.TYPE, m)
    )
    reference = _check_reference(
        data.get("reference"), bib_keys, lambda m: report("reference", Subtype.REFERENCE, m)
    )
    contact = _check_contact(data.get("contact"), lambda m: report("contact", Subtype.CONTACT, m))
    bottom_line = _check_sentence(
        data.get("bottom-line"),
        "bottom-line",
        BOTTOM_LINE_MAX,
        lambda m: report("bottom-line", Subtype.FRONT_MATTER, m),
    )
    teaser = _check_sentence(
        data.get("teaser"),
        "teaser",
        TEASER_MAX,
        lambda m: report("teaser", Subtype.FRONT_MATTER, m),
    )

    if (problems and not lenient) or date is None or author is None or research_type is None:
        return None, problems
    front = FrontMatter(
        date,
        author,
        topics,
        research_type,
        reference,
        contact,
        bottom_line,
        teaser,
        lines.get("teaser", first_line),
    )
    return front, problems


def field_lines(yaml_text: str, first_line: int) -> dict[str, int]:
    """The line of each top-level key of a front matter that starts on `first_line`."""
    lines: dict[str, int] = {}
    for offset, line in enumerate(yaml_text.splitlines()):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            lines.setdefault(match.group(1), first_line + offset)
    return lines


def _check_date(
    value: object, today: dt.date, report: Callable[[Subtype, str], None]
) -> dt.date | None:
    if value is None:
        report(Subtype.DATE, "a post needs a 'date: YYYY-MM-DD'")
        return None
    text = str(value).strip()
    if not ISO_DATE_RE.match(text):
        report(Subtype.DATE, f"date {text!r} is not in the form YYYY-MM-DD")
        return None
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        report(Subtype.DATE, f"date {text!r} does not exist")
        return None
    if date > today:
        report(
            Subtype.FUTURE_DATE,
            f"date {text} is in the future: the post would be a draft, missing from every listing",
        )
        return None
    return date


def _check_place(
    date: dt.date, place: PurePosixPath, report: Callable[[str], None]
) -> dt.date | None:
    """The date, if the post's file is in its year's folder and named after its month."""
    expected = f"{date:%Y}/{date:%m}-"
    match = POST_FILE_RE.match(place.with_suffix("").as_posix())
    if match is None:
        report(f"a post's file is YYYY/MM-slug.md in the posts folder, not {place.as_posix()}")
        return None
    if f"{match.group(1)}/{match.group(2)}-" != expected:
        report(
            f"date {date} is not the month of the file {place.as_posix()}: "
            f"correct the date, or move the file to {expected}..."
        )
        return None
    return date


def hidden_characters(text: str) -> str | None:
    """A description of the first invisible control character of a text, if it has one."""
    found = HIDDEN_CHARS_RE.search(text)
    return f"an invisible control character (U+{ord(found.group()):04X})" if found else None


def _check_text(value: object, field: str, report: Callable[[str], None]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        report(f"a post needs '{field}: ...' (a name)")
        return None
    if MARKUP_CHARS & set(value) or "," in value:
        report(f"{field} {value!r} must not contain markup characters or commas")
    hidden = hidden_characters(value)
    if hidden:
        report(f"{field} must not contain {hidden}")
    if ADDRESS_RE.search(value):
        report(f"{field} must not contain an e-mail address (the field 'contact' is for it)")
    return value.strip()


def _check_sentence(
    value: object, field: str, maximum: int, report: Callable[[str], None]
) -> str | None:
    """One plain sentence of at most `maximum` characters (`bottom-line`, `teaser`)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        report(f"{field} must be one sentence of text")
        return None
    text = " ".join(value.split())
    if len(text) > maximum:
        report(f"{field} is {len(text)} characters: at most {maximum}, one sentence")
    elif not text.endswith((".", "?", "!")) or SENTENCE_BREAK_RE.search(text):
        report(f"{field} must be one sentence, ending with '.', '?' or '!'")
    elif SENTENCE_MARKUP & set(text):
        report(f"{field} is plain text: no Markdown or HTML (< > ` * [ ] {{ }})")
    elif hidden_characters(text) or ADDRESS_RE.search(text):
        report(f"{field} must not hold control characters or an e-mail address")
    else:
        return text
    return None


def _as_list(value: object) -> list[object]:
    """Slugs given as a YAML list, a JSON-encoded list, or a comma-separated string."""
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                decoded = json.loads(stripped)
            except json.JSONDecodeError:
                decoded = None
            if isinstance(decoded, list):
                return decoded
        return [part.strip() for part in stripped.split(",") if part.strip()]
    return [value] if value is not None else []


def _check_slug(value: object, terms: Terms, noun: str, report: Callable[[str], None]) -> bool:
    if isinstance(value, str) and value in terms:
        return True
    report(terms.unknown(str(value), noun))
    return False


def _check_topics(value: object, topics: Terms, report: Callable[[str], None]) -> tuple[str, ...]:
    """The valid topic slugs, in order, once each; every problem reported."""
    slugs = _as_list(value)
    if not slugs:
        report(f"a post needs 'tags: [...]' with 1 to {MAX_TOPICS} topic slugs")
    valid = [str(slug) for slug in slugs if _check_slug(slug, topics, "topic", report)]
    if len(set(map(str, slugs))) != len(slugs):
        report("a topic is listed twice")
    if len(slugs) > MAX_TOPICS:
        report(f"{len(slugs)} topics: a post has at most {MAX_TOPICS}")
    return tuple(dict.fromkeys(valid))


def _check_type(value: object, types: Terms, report: Callable[[str], None]) -> str | None:
    if value is None:
        report("a post needs 'category: ...' (one type-of-research slug)")
        return None
    return str(value) if _check_slug(value, types, "type of research", report) else None


def _check_reference(
    value: object, bib_keys: Mapping[str, str], report: Callable[[str], None]
) -> str | None:
    if value is None:
        return None
    key = str(value).strip()
    problem = key_problem(key, bib_keys)
    if problem:
        report(f"reference {problem}")
        return None
    return key


def key_problem(key: str, bib_keys: Mapping[str, str]) -> str | None:
    """What is wrong with a key a post names (the reference, a citation), if anything: keys
    match as `references.bib` spells them."""
    spelling = bib_keys.get(key.casefold())
    if spelling is None:
        return f"{key!r} is not a key of references.bib"
    if spelling != key:
        return f"{key!r} is spelled {spelling!r} in references.bib (keys match exactly)"
    return None


def _check_contact(value: object, report: Callable[[str], None]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not EMAIL_RE.match(value.strip()):
        report(f"contact {value!r} is not an e-mail address")
        return None
    return value.strip()
