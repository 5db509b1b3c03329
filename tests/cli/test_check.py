"""The contributor's command line: `pprnet check` agrees with the build, `pprnet topics` counts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bad_inputs import CASES, Case
from support import ROOTS, pprnet, sphinx_build

POST = "posts/2020/03-alliance.md"
LOCATED = re.compile(
    r"^(?P<file>[^:\s]+):(?P<line>\d+): (?:error|WARNING): .*\[pprnet\.(?P<sub>[\w-]+)\]$"
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(ROOTS / "test-archive", root)
    return root


def test_check_passes_a_good_archive(archive: Path) -> None:
    done = pprnet("check", cwd=archive)
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""
    assert done.stderr == "checked 3 posts: 0 error(s)\n"


def test_check_reports_what_the_build_reports_at_the_same_lines(
    archive: Path, tmp_path: Path
) -> None:
    post = archive / POST
    text = post.read_text(encoding="utf-8")
    text = text.replace("date: 2020-03-01", "date: 2020-02-30")
    text = text.replace("tags: [alliance]", "tags: [aliance]")
    text = text.replace("treatments.", "treatments {cite:p}`nobody`.")
    post.write_text(text, encoding="utf-8")
    bib = archive / "references.bib"
    bib.write_text(
        bib.read_text("utf-8") + "\n@book{unused,\n  title = {U}, publisher = {P}\n}\n", "utf-8"
    )

    done = pprnet("check", cwd=archive)
    assert done.returncode == 1
    checked = {
        (m["file"], int(m["line"]), m["sub"])
        for m in map(LOCATED.match, done.stdout.splitlines())
        if m
    }
    assert len(checked) == len(done.stdout.splitlines()) == 4

    built = sphinx_build(archive, tmp_path / "out")
    assert built.returncode == 1
    reported = set()
    for line in built.stderr.splitlines():
        match = LOCATED.match(line)
        if match:
            reported.add(
                (str(Path(match["file"]).relative_to(archive)), int(match["line"]), match["sub"])
            )
    assert reported == checked


def test_check_of_one_file_names_it_and_skips_archive_wide_rules(archive: Path) -> None:
    bib = archive / "references.bib"
    bib.write_text(
        bib.read_text("utf-8") + "\n@book{unused,\n  title = {U}, publisher = {P}\n}\n", "utf-8"
    )
    done = pprnet("check", POST, cwd=archive)
    assert done.returncode == 0, done.stdout
    assert done.stderr == "checked 1 post: 0 error(s)\n"


def test_check_finds_the_files_where_conf_py_puts_them(archive: Path, tmp_path: Path) -> None:
    """The command line reads the build's configuration: other folders and file names."""
    (archive / "posts").rename(archive / "summaries")
    (archive / "vocabulary.toml").rename(archive / "terms.toml")
    (archive / "references.bib").rename(archive / "works.bib")
    conf = archive / "conf.py"
    text = conf.read_text("utf-8").replace('["references.bib"]', '["works.bib"]')
    text += '\npprnet_posts_dir = "summaries"\npprnet_vocabulary = "terms.toml"\n'
    conf.write_text(text, "utf-8")
    index = archive / "index.md"
    index.write_text(index.read_text("utf-8").replace("posts/*/*", "summaries/*/*"), "utf-8")
    assert sphinx_build(archive, tmp_path / "out").returncode == 0
    done = pprnet("check", cwd=archive / "summaries")
    assert (done.returncode, done.stderr) == (0, "checked 3 posts: 0 error(s)\n"), done.stdout

    (archive / "works.bib").write_text("@book{broken,\n", "utf-8")
    done = pprnet("check", cwd=archive)
    assert done.returncode == 1
    assert done.stdout.startswith("works.bib:1: error: ")


def test_check_reports_a_conf_py_that_does_not_run(archive: Path) -> None:
    (archive / "conf.py").write_text("extensions = [\n", "utf-8")
    done = pprnet("check", cwd=archive)
    assert done.returncode == 2
    assert done.stderr.startswith("pprnet check: ")
    assert "conf.py: SyntaxError" in done.stderr


def test_check_outside_an_archive_says_so(tmp_path: Path) -> None:
    done = pprnet("check", cwd=tmp_path)
    assert done.returncode == 2
    assert "no archive" in done.stderr and "Traceback" not in done.stderr


def test_topics_lists_the_vocabulary_with_counts(archive: Path) -> None:
    done = pprnet("topics", cwd=archive)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "Topics:"
    assert re.match(r"^  alliance\s+2  Alliance and Therapeutic Relationship$", lines[2])
    assert "Types of research:" in lines
    assert any(re.match(r"^  meta-analysis\s+2  Meta-analysis$", line) for line in lines)


# Every rule `pprnet check` shares with the build, on the same bad inputs as the build's tests:
# the same file, line, subtype and words, in posts, the site's pages and references.bib.
CHECKED_CASES = CASES


@pytest.mark.parametrize("case", CHECKED_CASES.values(), ids=CHECKED_CASES.keys())
def test_check_reports_each_bad_input_like_the_build(case: Case, archive: Path) -> None:
    for name, text in case.files.items():
        assert text is not None
        (archive / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    done = pprnet("check", cwd=archive)
    assert done.returncode == 1, done.stdout
    located = f"{case.file}:{case.line}: error: "
    matching = [
        line
        for line in done.stdout.splitlines()
        if line.startswith(located) and line.endswith(f"[pprnet.{case.subtype}]")
    ]
    assert len(matching) == 1, done.stdout
    assert case.words in matching[0]
    assert "Traceback" not in done.stderr


def test_an_entry_in_advance_for_years_is_a_notice_that_never_fails(tmp_path: Path) -> None:
    """'Advance online publication' more than two years after the entry's year: a notice
    (has it been published since?), not an error; today as SOURCE_DATE_EPOCH gives it."""
    shutil.copytree(ROOTS / "test-archive", tmp_path / "site")
    bib = tmp_path / "site/references.bib"
    entry = "\n@article{late2020,\n  author = {Late, A.},\n  year = {2020},\n  title = {T},\n"
    entry += "  journal = {J},\n  note = {Advance online publication}\n}\n"
    bib.write_text(bib.read_text("utf-8") + entry, "utf-8")
    line = bib.read_text("utf-8").splitlines().index("@article{late2020,") + 1

    def check(day: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pprnet.cli", "check", "posts"]
        env = {**os.environ, "SOURCE_DATE_EPOCH": day}
        return subprocess.run(command, cwd=tmp_path / "site", capture_output=True, text=True,
                              check=False, env=env)  # fmt: skip

    in_2022, in_2023 = check("1656633600"), check("1688169600")  # 1 July 2022, 1 July 2023
    assert (in_2022.returncode, in_2022.stdout) == (0, "")
    assert in_2023.returncode == 0
    assert in_2023.stdout == (
        f"references.bib:{line}: notice: 'Advance online publication' since 2020: now published?"
        " add its volume, issue and pages, and remove the note\n"
    )
    assert in_2023.stderr.endswith("0 error(s), 1 notice(s)\n")
