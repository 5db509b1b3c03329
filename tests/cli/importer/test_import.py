"""`pprnet import`: old blog pages become posts and entries that pass the archive's checks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from pprnet.cli.importer.legacy import parse_page
from pprnet.model.bibfile import Bibliography, read_bibliography
from support import FIXTURES, PROJECT, ROOTS
from support import pprnet as run_pprnet

LEGACY = FIXTURES / "legacy"
SEED = LEGACY / "seed.txt"  # ../shared/seeds/000_756ea51140172787.txt, the old blog's page
# The build date is fixed so that "in the future" means the same on every run.
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01
SEED_KEYS = {
    "steel2017systematic",
    "hayes2017contribution",
    "stiles2017appropriate",
    "murphy2017therapist",
    "zilchamano2017alliance",
    "greenberg2016rebirth",
}


def pprnet(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_pprnet(*args, cwd=cwd, env=ENV)


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def bibliography(root: Path, name: str = "references.bib") -> Bibliography:
    bib = read_bibliography((root / name).read_text(encoding="utf-8"))
    assert bib.problems == []
    return bib


def posts(root: Path, folder: str = "posts") -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text(encoding="utf-8")
        for path in sorted((root / folder).rglob("*.md"))
    }


def front_value(text: str, field: str) -> str | None:
    match = re.search(rf"^{field}: (.*)$", text, re.MULTILINE)
    return match.group(1) if match else None


def tags_of(text: str) -> set[str]:
    return set((front_value(text, "tags") or "").strip("[]").split(", "))


@pytest.fixture
def empty_archive(tmp_path: Path) -> Path:
    """An archive with the real vocabulary and no posts or entries."""
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(ROOTS / "test-archive" / "conf.py", root)
    shutil.copy(PROJECT / "vocabulary.toml", root)
    (root / "references.bib").write_text("% The archive's bibliography.\n", encoding="utf-8")
    return root


@pytest.fixture
def real_archive(tmp_path: Path) -> Path:
    """A copy of the real archive's posts, bibliography, vocabulary and configuration."""
    root = tmp_path / "real"
    shutil.copytree(PROJECT / "posts", root / "posts")
    for name in ("references.bib", "vocabulary.toml", "conf.py"):
        shutil.copy(PROJECT / name, root)
    return root


def test_the_seed_page_into_an_empty_archive(empty_archive: Path) -> None:
    done = pprnet("import", SEED, cwd=empty_archive)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines()[-1] == (
        "created 6 post(s) and 6 reference(s); skipped 0; 0 need(s) review"
    )
    created = posts(empty_archive)
    assert len(created) == 6
    assert all(re.fullmatch(r"posts/\d{4}/\d{2}-[a-z0-9-]+\.md", name) for name in created)
    checked = pprnet("check", cwd=empty_archive)
    assert checked.returncode == 0, checked.stdout
    # The seed's Steel et al. (2017) is still "in advance" nine years on: a notice, not an error.
    assert checked.stderr == "checked 6 posts: 0 error(s), 1 notice(s)\n"
    assert checked.stdout.count(": notice: ") == 1

    bib = bibliography(empty_archive)
    assert {entry.key for entry in bib.entries.values()} == SEED_KEYS
    real_bib = bibliography(PROJECT)
    for key in SEED_KEYS:
        made, real = bib.entries[key].entry, real_bib.entries[key].entry
        assert made.type == real.type
        assert list(map(str, made.persons["author"])) == list(map(str, real.persons["author"]))
        for field in ("year", "title", "journal", "booktitle", "volume", "pages", "doi"):
            if (key, field) == ("stiles2017appropriate", "booktitle"):
                # The page misquotes this book's title; references.bib has the real one.
                assert made.fields[field] == (
                    "How and why some therapists are better than others?: Understanding "
                    "therapist effects"
                )
                continue
            assert made.fields.get(field) == real.fields.get(field), (key, field)


def test_the_seed_posts_are_the_archive_posts_of_the_same_works(empty_archive: Path) -> None:
    assert pprnet("import", SEED, cwd=empty_archive).returncode == 0
    real = {front_value(text, "reference"): text for text in posts(PROJECT).values()}
    for name, text in posts(empty_archive).items():
        key = front_value(text, "reference")
        original = real[key]
        # The title, every paragraph and the practice implications, character for character.
        assert text[text.index("\n# ") :] == original[original.index("\n# ") :], name
        for field in ("date", "author", "category", "contact"):
            assert front_value(text, field) == front_value(original, field), (name, field)
        tags, real_tags = tags_of(text), tags_of(original)
        assert 1 <= len(tags) <= 4 and tags & real_tags, (name, tags, real_tags)


def test_importing_twice_creates_nothing(empty_archive: Path) -> None:
    assert pprnet("import", SEED, cwd=empty_archive).returncode == 0
    before = files(empty_archive)
    done = pprnet("import", SEED, cwd=empty_archive)
    assert done.returncode == 0, done.stderr
    assert files(empty_archive) == before
    skipped = [line for line in done.stdout.splitlines() if "skipped (already" in line]
    assert len(skipped) == 6
    assert skipped[0] == (
        f"  {SEED}:46: skipped (already in the archive: "
        "posts/2018/01-effect-therapists-internalized.md)"
    )


def test_the_real_archive_holds_the_seed_page_already(real_archive: Path) -> None:
    before = files(real_archive)
    done = pprnet("import", SEED, cwd=real_archive)
    assert done.returncode == 0, done.stderr
    assert files(real_archive) == before
    assert [line for line in done.stdout.splitlines() if ": skipped (" in line] == [
        f"  {SEED}:{line}: skipped (already in the archive: posts/{post}.md)"
        for line, post in [
            (46, "2018/01-therapist-internalized-models"),
            (53, "2017/11-multicultural-orientation"),
            (59, "2017/10-appropriate-responsiveness"),
            (64, "2017/10-alliance-adolescents"),
            (70, "2017/06-is-the-alliance-therapeutic"),
            (76, "2017/02-psychosocial-factors"),
        ]
    ]


def test_a_summary_is_recognised_by_its_reference_when_its_title_changed(
    real_archive: Path,
) -> None:
    for path in (real_archive / "posts").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n# ", "\n# Retitled: "), encoding="utf-8")
    before = files(real_archive)
    done = pprnet("import", SEED, cwd=real_archive)
    assert done.returncode == 0, done.stderr
    assert files(real_archive) == before
    assert done.stdout.count("skipped (already in the archive: posts/") == 6


def test_a_summary_is_recognised_by_its_doi(empty_archive: Path) -> None:
    (empty_archive / "references.bib").write_text(
        "@article{murphy2017alliance,\n  author = {Murphy, R.},\n  year = {2017},\n"
        "  title = {A different title},\n  journal = {J},\n  doi = {10.1111/JCPP.12767}\n}\n",
        encoding="utf-8",
    )
    post = empty_archive / "posts" / "2017" / "10-adolescents.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\nreference: murphy2017alliance\n---\n\n# Adolescents\n", encoding="utf-8")
    done = pprnet("import", SEED, cwd=empty_archive)
    assert done.returncode == 0, done.stderr
    assert f"{SEED}:64: skipped (already in the archive: posts/2017/10-adolescents.md)" in (
        done.stdout
    )
    assert "murphy2017therapist" not in bibliography(empty_archive)
    assert len(posts(empty_archive)) == 6  # five new ones


def test_an_entry_without_its_post_is_cited_not_duplicated(empty_archive: Path) -> None:
    real = (PROJECT / "references.bib").read_text(encoding="utf-8")
    steel = real[real.index("@article{steel2017systematic") :]
    steel = steel[: steel.index("\n}\n") + 3]
    (empty_archive / "references.bib").write_text(steel, encoding="utf-8")
    done = pprnet("import", SEED, cwd=empty_archive)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("created 6 post(s) and 5 reference(s)")
    assert len(bibliography(empty_archive).entries) == 6
    text = (empty_archive / "posts/2018/01-effect-therapists-internalized.md").read_text("utf-8")
    assert "reference: steel2017systematic\n" in text


def test_the_same_page_twice_in_one_command(empty_archive: Path) -> None:
    done = pprnet("import", SEED, SEED, cwd=empty_archive)
    assert done.returncode == 0, done.stderr
    assert len(posts(empty_archive)) == 6
    assert len(bibliography(empty_archive).entries) == 6
    assert done.stdout.count(": skipped (a repeat: posts/") == 6


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("error_before_month", 2, "a summary before any month heading (a line such as "
         "'January 2018')"),
        ("error_no_implications", 2, "summary 'A Summary Without Implications' has no "
         "'Practice Implications' heading"),
        ("error_empty_implications", 5, "'Practice Implications' heading with no text after it"),
        ("error_no_text", 2, "summary 'A Summary With No Text' has no text before its "
         "'Practice Implications'"),
        ("error_future", 2, "the post for 'A Summary From the Future' would not pass the "
         "archive's checks: date 2031-01-01 is in the future: the post would be a draft, missing "
         "from every listing (post line 3)"),
    ],
)  # fmt: skip
def test_each_malformed_page_is_a_located_error_and_writes_nothing(
    empty_archive: Path, name: str, line: int, message: str
) -> None:
    before = files(empty_archive)
    page = LEGACY / f"{name}.txt"
    done = pprnet("import", page, cwd=empty_archive)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{page}:{line}: {message}",
        "pprnet import: 1 error(s); nothing written",
    ]
    assert done.stdout == ""
    assert files(empty_archive) == before


def test_one_bad_page_stops_every_page_unless_keep_going(empty_archive: Path) -> None:
    before = files(empty_archive)
    good, bad = LEGACY / "months.txt", LEGACY / "error_no_implications.txt"
    done = pprnet("import", good, bad, cwd=empty_archive)
    assert done.returncode == 1
    assert files(empty_archive) == before

    done = pprnet("import", "--keep-going", good, bad, cwd=empty_archive)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{bad}:2: summary 'A Summary Without Implications' has no 'Practice Implications' heading",
        "pprnet import: 1 error(s); the rest imported",
    ]
    # The three summaries of the good page and the complete one of the bad page.
    assert sorted(posts(empty_archive)) == [
        "posts/2016/12-therapist-empathy.md",
        "posts/2017/01-dropping-out-psychotherapy.md",
        "posts/2017/01-group-therapy-depression.md",
        "posts/2017/02-complete-summary.md",
    ]
    assert pprnet("check", cwd=empty_archive).returncode == 0


def test_slugs_and_keys_are_unique(empty_archive: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    summary = (
        "{}\nSmith, A. (2016). {}. Psychotherapy, 53, 1-10.\nText.\nPractice Implications\nDo.\n"
    )
    page.write_text(
        "June 2016\n"
        + summary.format("Group Therapy for Depression", "A study of groups")
        + summary.format("Group Therapy for Depression in Teens", "A study of teens"),
        encoding="utf-8",
    )
    done = pprnet("import", page, cwd=empty_archive)
    assert done.returncode == 0, done.stderr
    assert sorted(posts(empty_archive)) == [
        "posts/2016/06-group-therapy-depression-2.md",
        "posts/2016/06-group-therapy-depression.md",
    ]
    assert {entry.key for entry in bibliography(empty_archive).entries.values()} == {
        "smith2016study",
        "smith2016studyb",  # the same key, another work: not taken for the first
    }


def test_dry_run_writes_nothing_and_says_what_it_would_do(empty_archive: Path) -> None:
    before = files(empty_archive)
    done = pprnet("import", "--dry-run", SEED, cwd=empty_archive)
    assert done.returncode == 0, done.stderr
    assert files(empty_archive) == before
    lines = done.stdout.splitlines()
    assert lines[0] == "would create:"
    assert lines[1] == f"  posts/2018/01-effect-therapists-internalized.md  <- {SEED}:46"
    assert lines[2] == (
        "      tags: [attachment, alliance, therapist-factors]  category: systematic-review  "
        "reference: steel2017systematic (new entry in references.bib)"
    )
    assert lines[-1] == "would create 6 post(s) and 6 reference(s); skipped 0; 0 need(s) review"


def test_repeated_titles_decorations_commentaries_and_months_across_years(
    empty_archive: Path,
) -> None:
    pages = [LEGACY / f"{name}.txt" for name in ("months", "commentary", "markdown")]
    done = pprnet("import", *pages, cwd=empty_archive)
    assert done.returncode == 0, done.stderr
    assert pprnet("check", cwd=empty_archive).returncode == 0
    made = posts(empty_archive)
    assert sorted(made) == [
        "posts/2015/03-notes-stars-brackets.md",
        "posts/2016/12-therapist-empathy.md",
        "posts/2017/01-dropping-out-psychotherapy.md",
        "posts/2017/01-group-therapy-depression.md",
        "posts/2019/05-alliance-ruptures.md",
        "posts/2019/05-therapist-responsiveness-alliance.md",
        "posts/2019/05-why-rigid-adherence.md",
    ]
    group = made["posts/2017/01-group-therapy-depression.md"]
    assert group.count("# Group Therapy for Depression") == 1
    assert front_value(group, "contact") == "y.okumura@example.org"
    assert front_value(group, "category") == "meta-analysis"
    assert "•" not in group and "———" not in group and "Read more" not in group
    assert front_value(made["posts/2016/12-therapist-empathy.md"], "date") == "2016-12-01"
    commentary = made["posts/2019/05-why-rigid-adherence.md"]
    assert front_value(commentary, "category") == "commentary"
    assert front_value(commentary, "reference") is None
    assert commentary.endswith(
        ":::{practice-implications}\nUse the manual as a map, not as a script.\n\n"
        "Attending to the client matters more than the next step of the protocol.\n:::\n"
    )
    assert "eubanks2018alliance" in bibliography(empty_archive)


def test_a_weak_suggestion_and_an_unread_reference_need_review(empty_archive: Path) -> None:
    page = LEGACY / "markdown.txt"
    done = pprnet("import", page, cwd=empty_archive)
    assert done.returncode == 0, done.stderr
    review = done.stdout[done.stdout.index("needs review:\n") :].splitlines()
    assert review[1:5] == [
        f"  posts/2015/03-notes-stars-brackets.md ({page}:2):",
        "      reference not parsed (title and source not recognised): kept whole in note",
        "      no topic rule matched: tagged 'miscellaneous'",
        "      no type rule matched: category 'observational-study' is a guess",
    ]
    entry = bibliography(empty_archive).entries["doe2015various"].entry
    assert entry.type == "misc"
    assert entry.fields["note"] == (
        "Doe, J. (2015). Various notes on therapy \\& other matters, as given at a meeting in "
        "Ottawa."
    )


def _paragraph_texts(tokens: list[Token], parser_source: str) -> list[str]:
    """The text of every paragraph as MyST reads it, directive content included."""
    parser = create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)
    texts: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "colon_fence":
            texts += _paragraph_texts(parser.parse(token.content), token.content)
        elif token.type == "paragraph_open":
            children = tokens[index + 1].children or []
            assert {child.type for child in children} <= {"text", "text_special"}, parser_source
            texts.append("".join(child.content for child in children))
    return texts


def test_text_that_looks_like_markup_reads_back_as_the_same_text(empty_archive: Path) -> None:
    page = LEGACY / "markdown.txt"
    assert pprnet("import", page, cwd=empty_archive).returncode == 0
    text = (empty_archive / "posts/2015/03-notes-stars-brackets.md").read_text(encoding="utf-8")
    parser = create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)
    tokens = parser.parse(text)
    (summary,) = parse_page(page.read_text(encoding="utf-8")).summaries
    heading = tokens[[t.type for t in tokens].index("heading_open") + 1]
    assert heading.content != summary.title.text  # escaped in the source...
    assert "".join(c.content for c in heading.children or []) == summary.title.text  # ...not read
    assert _paragraph_texts(tokens, text) == [
        line.text for line in (*summary.body, *summary.implications)
    ]


def test_author_posts_dir_and_bib_options(empty_archive: Path) -> None:
    (empty_archive / "other.bib").write_text("", encoding="utf-8")
    done = pprnet(
        "import",
        "--author",
        "Jane Q. Doe",
        "--posts-dir",
        "drafts",
        "--bib",
        "other.bib",
        LEGACY / "commentary.txt",
        cwd=empty_archive,
    )
    assert done.returncode == 0, done.stderr
    made = posts(empty_archive, "drafts")
    assert len(made) == 3
    assert {front_value(text, "author") for text in made.values()} == {"Jane Q. Doe"}
    assert (empty_archive / "other.bib").read_text("utf-8").startswith("@article{eubanks2018")
    assert bibliography(empty_archive).entries == {}
    assert not (empty_archive / "posts").exists()


def test_outside_an_archive_and_with_a_broken_bibliography(
    empty_archive: Path, tmp_path: Path
) -> None:
    done = pprnet("import", SEED, cwd=tmp_path)
    assert done.returncode == 2
    assert "no archive" in done.stderr and "Traceback" not in done.stderr
    (empty_archive / "references.bib").write_text("@article{a,\n  title = {A}\n", "utf-8")
    done = pprnet("import", SEED, cwd=empty_archive)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "references.bib:1: entry is never closed (unbalanced braces)",
        "pprnet import: fix the bibliography first; nothing imported",
    ]
    assert not (empty_archive / "posts").exists()
