"""`pprnet new`: the post it writes passes the checks once its placeholders are replaced."""

from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path

import pytest

from pprnet.cli import main
from pprnet.cli.naming import slugify
from pprnet.model.checks import PLACEHOLDER_IMPLICATIONS, PLACEHOLDER_SUMMARY
from support import ROOTS, pprnet, sphinx_build

POST = "posts/2021/06-therapist-responsiveness-brief-therapy.md"
FLAGS = (
    "--title",
    "Therapist Responsiveness in Brief Therapy",
    "--month",
    "2021-06",
    "--topic",
    "alliance",
    "--topic",
    "empathy",
    "--type",
    "rct",
)
LOCATED = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+): error: .*\[pprnet\.(?P<sub>[\w-]+)\]$")
NEW_ENTRY = """@Article{Wampold2015Common,
  title={How important are the common factors
     in psychotherapy? {An} update}, author = {Wampold, B. E.},
  journal = "World Psychiatry", year=2015, volume={14}, pages={270--277},}
"""


def located(stdout: str) -> set[tuple[str, int, str]]:
    matches = [LOCATED.match(line) for line in stdout.splitlines()]
    assert all(matches), stdout
    return {(m["file"], int(m["line"]), m["sub"]) for m in matches if m}


def files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def fill_in(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace(PLACEHOLDER_SUMMARY, "Responsive therapists adapt to each client.")
    text = text.replace(PLACEHOLDER_IMPLICATIONS, "Notice what the client needs now.")
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(ROOTS / "test-archive", root)
    return root


def test_round_trip_new_check_fill_in_check_build(archive: Path, tmp_path: Path) -> None:
    done = pprnet(
        "new",
        *FLAGS,
        "--reference",
        "Norcross2018Relationships",
        "--contact",
        "j.norcross@example.org",
        cwd=archive,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"wrote {POST}\n"
        "next: edit it, then `make serve` to preview and `pprnet check` before you commit\n"
    )
    assert (archive / POST).read_text(encoding="utf-8") == (
        "---\n"
        "blogpost: true\n"
        "date: 2021-06-01\n"
        "author: Giorgio A. Tasca\n"
        "tags: [alliance, empathy]\n"
        "category: rct\n"
        "reference: norcross2018relationships\n"
        "contact: j.norcross@example.org\n"
        "---\n"
        "\n"
        "# Therapist Responsiveness in Brief Therapy\n"
        "\n"
        f"{PLACEHOLDER_SUMMARY}\n"
        "\n"
        ":::{practice-implications}\n"
        f"{PLACEHOLDER_IMPLICATIONS}\n"
        ":::\n"
    )

    checked = pprnet("check", cwd=archive)
    assert checked.returncode == 1
    assert located(checked.stdout) == {(POST, 13, "placeholder"), (POST, 16, "placeholder")}

    fill_in(archive / POST)
    checked = pprnet("check", cwd=archive)
    assert checked.returncode == 0, checked.stdout
    built = sphinx_build(archive, tmp_path / "out")
    assert built.stderr == ""
    assert built.returncode == 0
    page = (built.outdir / POST.replace(".md", ".html")).read_text(encoding="utf-8")
    assert "<h1>Therapist Responsiveness in Brief Therapy" in page


def test_a_commentary_has_no_reference_and_the_given_author(archive: Path) -> None:
    done = pprnet("new", *FLAGS, "--commentary", "--author", "Jane Doe", cwd=archive)
    assert done.returncode == 0, done.stderr
    front = (archive / POST).read_text(encoding="utf-8").split("---\n")[1]
    assert "author: Jane Doe\n" in front
    assert "reference:" not in front


def test_it_never_overwrites_a_post(archive: Path) -> None:
    assert pprnet("new", *FLAGS, "--commentary", cwd=archive).returncode == 0
    (archive / POST).write_text("written by hand\n", encoding="utf-8")
    before = files(archive)

    done = pprnet("new", *FLAGS, "--reference", "elliott2018empathy", cwd=archive)
    assert done.returncode == 1
    assert f"{POST} exists already; nothing written" in done.stderr
    assert files(archive) == before


def test_an_unknown_topic_or_type_is_refused_with_the_closest_slug(archive: Path) -> None:
    before = files(archive)
    flags = [flag.replace("empathy", "empaty").replace("rct", "rtc") for flag in FLAGS]
    done = pprnet("new", *flags, "--commentary", cwd=archive)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "pprnet new: --topic: unknown topic 'empaty'; did you mean 'empathy'?",
        "pprnet new: --type: unknown type of research 'rtc'; did you mean 'rct'?",
        "pprnet new: nothing written",
    ]
    assert files(archive) == before


def test_a_new_bibtex_entry_is_appended_in_the_file_layout_and_used(archive: Path) -> None:
    bib = archive / "references.bib"
    before = bib.read_text(encoding="utf-8")

    done = pprnet("new", *FLAGS, "--bibtex", "-", cwd=archive, stdin=NEW_ENTRY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("added Wampold2015Common to references.bib\n")
    assert bib.read_text(encoding="utf-8") == before + (
        "\n"
        "@article{Wampold2015Common,\n"
        "  title = {How important are the common factors in psychotherapy? {An} update},\n"
        "  author = {Wampold, B. E.},\n"
        "  journal = {World Psychiatry},\n"
        "  year = {2015},\n"
        "  volume = {14},\n"
        "  pages = {270--277}\n"
        "}\n"
    )
    assert "reference: Wampold2015Common\n" in (archive / POST).read_text(encoding="utf-8")
    fill_in(archive / POST)
    checked = pprnet("check", cwd=archive)
    assert checked.returncode == 0, checked.stdout


def test_a_bibtex_file_with_a_key_already_used_is_refused(archive: Path) -> None:
    before = files(archive)
    entry = archive.parent / "entry.bib"
    entry.write_text(
        "@article{Elliott2018EMPATHY,\n  title = {Again}, journal = {J}\n}\n", encoding="utf-8"
    )

    done = pprnet("new", *FLAGS, "--bibtex", str(entry), cwd=archive)
    assert done.returncode == 2
    assert (
        "key 'Elliott2018EMPATHY' is already used by 'elliott2018empathy' on line 12 of "
        "references.bib (keys compare case-insensitively)"
    ) in done.stderr
    assert files(archive) == before


def test_a_bibtex_entry_that_does_not_parse_is_refused_at_its_line(archive: Path) -> None:
    before = files(archive)
    done = pprnet("new", *FLAGS, "--bibtex", "-", cwd=archive, stdin="\n@article{x,\n  title = {")
    assert done.returncode == 2
    assert "stdin:2: entry is never closed (unbalanced braces) [pprnet.bib-syntax]" in done.stderr
    assert files(archive) == before


def test_missing_values_without_a_terminal_are_named(archive: Path) -> None:
    before = files(archive)
    done = pprnet("new", "--title", "A Title", cwd=archive)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "pprnet new: missing --month; --topic; --type; --reference, --bibtex or --commentary "
        "(and no terminal to ask on)",
        "pprnet new: nothing written",
    ]
    assert files(archive) == before


class Terminal(io.StringIO):
    """Answers typed on a terminal."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_it_asks_for_what_is_missing_until_valid(
    archive: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = ["Why Clients Drop Out", "2021-13", "2021-06", "attrition", "alliance", "rct"]
    answers += ["none"]
    monkeypatch.chdir(archive)
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(answers) + "\n"))

    assert main(["new", "--contact", "a.author@example.org"]) == 0
    out, err = capsys.readouterr()
    assert "'2021-13' is not a month in the form YYYY-MM" in err
    assert "unknown topic 'attrition'" in err
    assert "wrote posts/2021/06-why-clients-drop-out.md" in out
    text = (archive / "posts/2021/06-why-clients-drop-out.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\nblogpost: true\ndate: 2021-06-01\nauthor: Giorgio A. Tasca\ntags: [alliance]\n"
        "category: rct\ncontact: a.author@example.org\n---\n\n# Why Clients Drop Out\n"
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("The Effect of Therapists’ Internalized Models of Relationships",
         "effect-therapists-internalized-models"),
        ("Is the Alliance Really Therapeutic?", "alliance-really-therapeutic"),
        ("Flückiger's Meta-Analysis: 295 Studies", "fluckigers-meta-analysis-295-studies"),
        ("The", "the"),
    ],
)  # fmt: skip
def test_the_file_name_is_a_short_ascii_slug_of_the_title(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize("month", ["0000-01", "2021-00", "2021-13", "21-06"])
def test_a_month_that_does_not_exist_is_an_error_not_a_traceback(archive: Path, month: str) -> None:
    done = pprnet("new", "--title", "A Title", "--month", month, "--topic", "alliance",
                  "--type", "rct", "--commentary", cwd=archive)  # fmt: skip
    assert done.returncode != 0
    assert f"{month!r} is not a month in the form YYYY-MM" in done.stderr
    assert "Traceback" not in done.stderr
