"""The bad inputs a contributor can make, each with the one located problem it must give:
shared by the build's tests (ext/test_bad_input.py) and the command line's (cli/test_check.py)."""

from __future__ import annotations

from dataclasses import dataclass

from support import ROOTS

POST = "posts/2020/03-alliance.md"
EMPATHY = "posts/2021/05-empathy.md"
COMMENTARY = "posts/2021/05-commentary.md"
EMPATHY_TEXT = (ROOTS / "test-archive" / EMPATHY).read_text(encoding="utf-8")
COMMENTARY_TEXT = (ROOTS / "test-archive" / COMMENTARY).read_text(encoding="utf-8")
GOOD = (ROOTS / "test-archive" / POST).read_text(encoding="utf-8")
BIB = (ROOTS / "test-archive" / "references.bib").read_text(encoding="utf-8")
GOOD_LINES = GOOD.count("\n") + 1


@dataclass(frozen=True)
class Case:
    files: dict[str, str | bytes | None]
    subtype: str
    file: str
    line: int
    words: str


def post(old: str, new: str) -> dict[str, str | bytes | None]:
    assert old in GOOD
    return {POST: GOOD.replace(old, new)}


def added_field(line: str, words: str) -> Case:
    """A front-matter field added after the reference (line 8), refused there with `words`."""
    reference = "reference: fluckiger2018alliance\n"
    return Case(post(reference, f"{reference}{line}\n"), "front-matter", POST, 8, words)


def missing_cite(block: str, line: int) -> Case:
    """A citation of a key that references.bib lacks, in `block` before the post's text."""
    paragraph = "The alliance predicts outcome across treatments."
    return Case(post(paragraph, f"{block}\n\n{paragraph}"), "cite", POST, line, "'nobody2019'")


CASES = {
    "quoted invalid date": Case(
        post("date: 2020-03-01", "date: '2020-13-45'"), "date", POST, 3, "does not exist"
    ),
    "unquoted invalid date": Case(
        post("date: 2020-03-01", "date: 2020-13-45"), "date", POST, 3, "does not exist"
    ),
    "impossible date": Case(
        post("date: 2020-03-01", "date: 2021-02-30"), "date", POST, 3, "does not exist"
    ),
    "ambiguous date": Case(
        post("date: 2020-03-01", "date: 01/02/2017"), "date", POST, 3, "YYYY-MM-DD"
    ),
    "missing date": Case(post("date: 2020-03-01\n", ""), "date", POST, 2, "needs a 'date"),
    "future date": Case(
        post("date: 2020-03-01", "date: 2999-01-01"), "future-date", POST, 3, "draft"
    ),
    "unknown topic": Case(
        post("tags: [alliance]", "tags: [aliance]"), "topic", POST, 5, "did you mean 'alliance'?"
    ),
    "unknown type": Case(
        post("category: meta-analysis", "category: metaanalysis"),
        "type", POST, 6, "did you mean 'meta-analysis'?",
    ),
    "reference missing from the bibliography": Case(
        post("reference: fluckiger2018alliance", "reference: fluckiger2018"),
        "reference", POST, 7, "not a key of references.bib",
    ),
    "no practice implications": Case(
        post(":::{practice-implications}\nMonitor the alliance every session.\n\n"
             "Repair ruptures when they occur.\n:::\n", "Monitor the alliance.\n"),
        "practice-implications", POST, GOOD_LINES - 4, "needs one",
    ),
    "two practice implications": Case(
        {POST: GOOD + "\n:::{practice-implications}\nAgain.\n:::\n"},
        "practice-implications", POST, GOOD_LINES + 1, "exactly one",
    ),
    "no title": Case(
        post("# The Alliance in Adult Psychotherapy\n", ""), "title", POST, 11, "'# Title'"
    ),
    "empty post": Case({POST: ""}, "front-matter", POST, 1, "front matter"),
    "markup in a title": Case(
        post("# The Alliance in Adult Psychotherapy", "# The *Alliance* in Psychotherapy"),
        "title", POST, 10, "plain text",
    ),
    "markup characters in a title": Case(
        post("# The Alliance in Adult Psychotherapy", "# The Alliance & Co"),
        "title", POST, 10, "characters",
    ),
    "markup in a tag": Case(
        post("tags: [alliance]", 'tags: [alliance, "<script>alert(1)</script>"]'),
        "topic", POST, 5, "unknown topic",
    ),
    "markup in the author": Case(
        post("author: Giorgio A. Tasca", "author: <b>Tasca</b>"), "author", POST, 4, "markup"
    ),
    "raw HTML block": Case(
        post("The alliance predicts", "<script>alert(1)</script>\n\nThe alliance predicts"),
        "raw-html", POST, 12, "raw HTML",
    ),
    "raw HTML inline": Case(
        post("predicts outcome", "predicts <img src=x onerror=alert(1)> outcome"),
        "raw-html", POST, 12, "raw HTML",
    ),
    "raw directive": Case(
        post("The alliance predicts", "```{raw} html\n<b>x</b>\n```\n\nThe alliance predicts"),
        "directive", POST, 12, "{raw}",
    ),
    "include directive": Case(
        post("The alliance predicts", ":::{include} ../../conf.py\n:::\n\nThe alliance predicts"),
        "directive", POST, 12, "{include}",
    ),
    "javascript link through eval-rst in a post": Case(
        post("The alliance predicts",
             "```{eval-rst}\n`click <javascript:alert(1)>`_\n```\n\nThe alliance predicts"),
        "directive", POST, 12, "{eval-rst}",
    ),
    "javascript link through eval-rst in a page": Case(
        {"links.md": "---\norphan: true\n---\n# Links\n\n```{eval-rst}\n"
                     "`click <javascript:alert(1)>`_\n```\n"},
        "directive", "links.md", 6, "{eval-rst}",
    ),
    "script in a page whose front matter turns raw HTML on": Case(
        {"page.md": "---\norphan: true\nmyst:\n  disable_syntax: []\n---\n# A page\n\n"
                    "<script>alert(1)</script>\n"},
        "raw-html", "page.md", 8, "raw HTML",
    ),
    "an icon role that writes its argument into the page": Case(
        post("The alliance predicts", '{octicon}`alert;1em;x"onload="alert(1)`\n\n'
             "The alliance predicts"),
        "role", POST, 12, "{octicon}",
    ),
    "math with a javascript link": Case(
        post("The alliance predicts", "{math}`\\href{javascript:alert(1)}{x}`\n\n"
             "The alliance predicts"),
        "role", POST, 12, "{math}",
    ),
    "a refresh through eval-rst nested in a note": Case(
        post("The alliance predicts", "::::{note}\n```{eval-rst}\n.. meta::\n"
             "   :http-equiv=refresh: 0; url=https://evil.example\n```\n::::\n\n"
             "The alliance predicts"),
        "directive", POST, 13, "{eval-rst}",
    ),
    "raw HTML nested in a tip": Case(
        post("The alliance predicts", ":::{tip}\n<img src=x onerror=alert(1)>\n:::\n\n"
             "The alliance predicts"),
        "raw-html", POST, 13, "raw HTML",
    ),
    "a title directive": Case(
        post("The alliance predicts", ":::{title} Another title\n:::\n\nThe alliance predicts"),
        "directive", POST, 12, "{title}",
    ),
    "practice implications hidden in a note": Case(
        {POST: GOOD + "\n::::{note}\n:::{practice-implications}\nAgain.\n:::\n::::\n"},
        "practice-implications", POST, GOOD_LINES + 2, "top level",
    ),
    "an image from outside the repository": Case(
        post("The alliance predicts", "![x](../../../../etc/passwd.png)\n\nThe alliance predicts"),
        "file", POST, 12, "must not go up",
    ),
    "an SVG image": Case(
        post("The alliance predicts", "![x](drawing.svg)\n\nThe alliance predicts"),
        "file", POST, 12, "only",
    ),
    "a link to an HTML file beside the post": Case(
        post("The alliance predicts", "[x](page.html)\n\nThe alliance predicts"),
        "file", POST, 12, "only",
    ),
    "a download role": Case(
        post("The alliance predicts", "{download}`../../conf.py`\n\nThe alliance predicts"),
        "role", POST, 12, "{download}",
    ),
    "an option that hides a block": Case(
        post("The alliance predicts", ":::{note}\n:class: d-none\nHidden.\n:::\n\n"
             "The alliance predicts"),
        "directive", POST, 12, ":class:",
    ),
    "a date in another month than the file": Case(
        post("date: 2020-03-01", "date: 2015-06-17"), "date", POST, 3, "move the file to 2015/06-"
    ),
    "a right-to-left override in a title": Case(
        post("# The Alliance in Adult Psychotherapy", "# The Alliance \u202eypareht"),
        "title", POST, 10, "U+202E",
    ),
    "a cite key in another letter case": Case(
        post("The alliance predicts outcome across treatments.",
             "The alliance predicts outcome\n{cite:p}`Fluckiger2018Alliance`."),
        "cite", POST, 13, "spelled 'fluckiger2018alliance'",
    ),
    "a mistyped key inside the practice implications": Case(
        post("Monitor the alliance every session.", "As {cite:t}`fluckiger2018` shows."),
        "cite", POST, 15, "'fluckiger2018'",
    ),
    "a bottom line of two sentences": added_field(
        "bottom-line: Monitor the alliance. Repair ruptures.", "one sentence"
    ),
    "a bottom line over 200 characters": added_field(
        f"bottom-line: {'Monitor the alliance ' * 10}in every session.", "at most 200"
    ),
    "a bottom line with markup": added_field(
        "bottom-line: Monitor the *alliance* in every session.", "plain text"
    ),
    "a teaser of two sentences": added_field(
        "teaser: This month, the alliance. And more.", "one sentence"
    ),
    "a teaser over 300 characters": added_field(
        f"teaser: This month I blog about {'the alliance and ' * 20}empathy.", "at most 300"
    ),
    "a teaser with markup": added_field(
        "teaser: This month I blog about <b>the alliance</b>.", "plain text"
    ),
    "a second teaser for one month": Case(
        {
            COMMENTARY: COMMENTARY_TEXT.replace(
                "---\n\n#", "teaser: This month I blog about adherence and empathy.\n---\n\n#", 1
            ),
            EMPATHY: EMPATHY_TEXT.replace(
                "---\n\n#", "teaser: This month, empathy and adherence.\n---\n\n#", 1
            ),
        },
        "front-matter", EMPATHY, 9, "May 2021 already has its teaser, in posts/2021/05-comm",
    ),
    "a YAML alias bomb in the tags": Case(
        post("tags: [alliance]", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]"
             "\ntags: [*b, *b, *b, *b, *b, *b, *b, *b]"),
        "front-matter", POST, 6, "aliases",
    ),
    "a post over 100 KB": Case(
        post("The alliance predicts outcome across treatments.",
             "The alliance predicts outcome. " * 4000),
        "file", POST, 1, "over the limit",
    ),
    "a post saved as Latin-1": Case(
        {POST: GOOD.replace("Repair ruptures", "Répair ruptures").encode("latin-1")},
        "encoding", POST, 17, "0xe9 is not UTF-8",
    ),
    "a Latin-1 byte in the bibliography": Case(
        {"references.bib": BIB.encode("latin-1")},
        "encoding", "references.bib",
        next(n for n, line in enumerate(BIB.splitlines(), 1) if not line.isascii()), "not UTF-8",
    ),
    "two summaries with one title": Case(
        {EMPATHY: (ROOTS / "test-archive" / EMPATHY).read_text(encoding="utf-8").replace(
            "# Therapist Empathy and Client Outcome", "# The alliance in adult  psychotherapy")},
        "title", EMPATHY, 11, "already the title of posts/2020/03-alliance",
    ),
    "a link target with a space": Case(
        post("The alliance predicts", "[the table](<Table 1>)\n\nThe alliance predicts"),
        "link", POST, 12, ".md file",
    ),
    "an entry hidden inside a BibTeX comment": Case(
        {"references.bib": BIB + "\n@comment{\n@book{hidden2019,\n"
         "  title = {Hidden}, publisher = {P},\n"
         "  year = {2019}\n}}\n"},
        "bib-unused", "references.bib", BIB.count("\n") + 3, "'hidden2019'",
    ),
    "an e-mail address in a title": Case(
        post("# The Alliance in Adult Psychotherapy", "# Write to a.b@example.org"),
        "title", POST, 10, "e-mail address",
    ),
    "an e-mail address as the author": Case(
        post("author: Giorgio A. Tasca", "author: a.b@example.org"), "author", POST, 4, "e-mail",
    ),
    "directives nested 120 deep": Case(
        post("The alliance predicts",
             "".join(":" * (123 - i) + "{note}\n" for i in range(120)) + "Deep.\n"
             + "".join(":" * (4 + i) + "\n" for i in range(120)) + "\nThe alliance predicts"),
        "directive", POST, 16, "nested more than 4 deep",
    ),
    "cited key missing from the bibliography": Case(
        post("The alliance predicts outcome across treatments.",
             "The alliance predicts outcome across treatments\n{cite:p}`nobody2019`."),
        "cite", POST, 13, "cited key 'nobody2019'",
    ),
    # An unknown key wherever a citation can stand: each nesting a post allows, and a page.
    "cited key missing, in a list": missing_cite(
        "- The alliance predicts outcome {cite:p}`nobody2019`.\n- Across treatments.", 12
    ),
    "cited key missing, in a table": missing_cite(
        "| Measure | Source |\n|---|---|\n| Alliance | {cite:t}`nobody2019` |", 14
    ),
    "cited key missing, in a note": missing_cite(
        ":::{note}\nAs {cite:t}`nobody2019` shows.\n:::", 13
    ),
    "cited key missing, in a footnote": missing_cite(
        "The alliance predicts outcome.[^1]\n\n[^1]: See {cite:p}`nobody2019`.", 14
    ),
    "cited key missing, in a dropdown": missing_cite(
        ":::{dropdown} The trials\nSee {cite:p}`nobody2019`.\n:::", 13
    ),
    "cited key missing, in a page": Case(
        {"page.md": "---\norphan: true\n---\n# A page\n\nSee {cite:p}`nobody2019`.\n"},
        "cite", "page.md", 6, "cited key 'nobody2019'",
    ),
    "citation role without an APA form": Case(
        post("The alliance predicts outcome across treatments.",
             "The alliance predicts outcome\n{cite:label}`fluckiger2018alliance`."),
        "cite", POST, 13, "{cite:label} has no APA form",
    ),
    "malformed citation": Case(
        post("The alliance predicts outcome across treatments.",
             "The alliance predicts outcome across treatments\n{cite:p}`{see}`."),
        "cite", POST, 13, "write keys as",
    ),
    "malformed citation in a page": Case(
        {"page.md": "---\norphan: true\n---\n# A page\n\nSee {cite:p}`{see}`.\n"},
        "cite", "page.md", 6, "write keys as",
    ),
    "an article without its journal": Case(
        {"references.bib": BIB + "\n@article{nojournal2019,\n  author = {Doe, J.},\n"
         "  year = {2019},\n  title = {Untitled}\n}\n"},
        "bib-field", "references.bib", BIB.count("\n") + 2, "without 'journal'",
    ),
    "a chapter without its book and publisher": Case(
        {"references.bib": BIB + "\n@incollection{nobook2019,\n  author = {Doe, J.},\n"
         "  year = {2019},\n  title = {A chapter}\n}\n"},
        "bib-field", "references.bib", BIB.count("\n") + 2, "without 'booktitle' and 'publisher'",
    ),
    "a DOI that is not one": Case(
        {"references.bib": BIB.replace("10.1037/pst0000172", "see the journal")},
        "bib-field", "references.bib",
        BIB.split("10.1037/pst0000172")[0].count("\n") + 1, "'see the journal' is not a DOI",
    ),
    "bibliography entry that no post uses": Case(
        {"references.bib": BIB + "\n@book{unused2019,\n  title = {Unused}, publisher = {P},\n"
         "  year = {2019}\n}\n"},
        "bib-unused", "references.bib", BIB.count("\n") + 2, "neither summarised nor cited",
    ),
    "duplicate bibliography key": Case(
        {"references.bib": BIB + "\n@book{Elliott2018Empathy,\n"
         "  title = {Again}, publisher = {P}\n}\n"},
        "bib-duplicate", "references.bib", BIB.count("\n") + 2, "on line 12",
    ),
    "bibliography syntax error": Case(
        {"references.bib": BIB + "\n@book{broken,\n  title = {Never closed,\n  year = {2019}\n"},
        "bib-syntax", "references.bib", BIB.count("\n") + 2, "never closed",
    ),
}  # fmt: skip
