"""Each bad input a contributor can make: one located warning, a failing -W build, no traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bad_inputs import CASES, POST, Case
from support import ROOTS, addresses_in, sphinx_build


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input_fails_the_build_with_one_located_warning(case: Case, archive_variant) -> None:  # type: ignore[no-untyped-def]
    result = archive_variant(case.files)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr
    ours = [line for line in result.stderr.splitlines() if "[pprnet." in line]
    located = f"{result.srcdir / case.file}:{case.line}: WARNING: "
    matching = [
        line for line in ours
        if line.startswith(located) and line.endswith(f"[pprnet.{case.subtype}]")
    ]  # fmt: skip
    assert len(matching) == 1, result.stderr
    assert case.words in matching[0]


def test_a_warning_names_the_fix_and_what_happens_to_the_post(archive_variant) -> None:  # type: ignore[no-untyped-def]
    result = archive_variant(CASES["unknown topic"].files)
    (line,) = [line for line in result.stderr.splitlines() if "[pprnet.topic]" in line]
    assert re.search(
        r"unknown topic 'aliance'; did you mean 'alliance'\? \(the post is left out", line
    )


def test_a_withdrawn_post_is_missing_from_listings_but_the_warning_says_so(archive_variant) -> None:  # type: ignore[no-untyped-def]
    result = archive_variant(CASES["unknown topic"].files, "--keep-going")
    index = BeautifulSoup((result.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    archive = index.select_one("section.pprnet-archive-year").parent.get_text()
    assert "Why Adherence Is Not Enough" in archive
    assert "The Alliance in Adult Psychotherapy" not in archive
    assert "left out of the archive" in result.stderr


def test_a_block_that_is_not_allowed_is_left_out_of_the_page_not_only_reported(
    archive_variant,
) -> None:  # type: ignore[no-untyped-def]
    result = archive_variant(CASES["javascript link through eval-rst in a page"].files)
    page = BeautifulSoup((result.outdir / "links.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("h1").get_text().startswith("Links")
    assert "click" not in page.get_text()
    assert [a["href"] for a in page.select("a[href]") if "javascript" in a["href"].lower()] == []


def test_a_post_with_practice_implications_in_a_note_is_left_out_with_a_warning(
    archive_variant,
) -> None:  # type: ignore[no-untyped-def]
    result = archive_variant(CASES["practice implications hidden in a note"].files, "--keep-going")
    assert "left out of the archive" in result.stderr
    assert (
        not (result.outdir / "posts" / "2020" / "03-alliance.html")
        .read_text(encoding="utf-8")
        .count("Again.")
    )


def test_addresses_in_a_post_are_words_in_pages_feeds_search_and_explorer(archive_variant) -> None:  # type: ignore[no-untyped-def]
    text = (
        (ROOTS / "test-archive" / POST)
        .read_text(encoding="utf-8")
        .replace(
            "The alliance predicts outcome across treatments.",
            "The alliance predicts outcome; write to a.author@example.org or to\n"
            "[the editor](mailto:editor@example.org?subject=Alliance).",
        )
    )
    result = archive_variant({POST: text})
    assert result.returncode == 0, result.stderr
    assert addresses_in(result.outdir) == {}
    page = BeautifulSoup(
        (result.outdir / "posts/2020/03-alliance.html").read_text("utf-8"), "html.parser"
    )
    words = [span.get_text() for span in page.select("section .pprnet-email")]
    assert words[:2] == ["a.author at example dot org", "editor at example dot org"]
    assert "the editor (" in page.get_text()


@pytest.mark.parametrize("options", [(), ("--keep-going",)], ids=["stop", "keep-going"])
def test_a_parallel_build_with_bad_posts_ends_promptly_with_each_located(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Inputs that once crashed a worker (and twice left a parallel build hanging for minutes)
    spread over a build large enough to read and write in parallel: each is reported at its
    line, and the build ends (a hang fails the test at its timeout, not the session)."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    good = (srcdir / POST).read_text(encoding="utf-8")
    bad = {
        3: ("[the table](<Table 1>)\n\nThe alliance predicts", "link"),
        6: (":::{note}\n" * 130 + "The alliance predicts", "directive"),
        9: ("The alliance predicts \udcff", "encoding"),
    }
    expected = set()
    for month in range(1, 13):
        text = good.replace("2020-03-01", f"2019-{month:02d}-01").replace(
            "# The Alliance in Adult Psychotherapy",
            f"# The Alliance in Adult Psychotherapy {month}",
        )
        if month in bad:
            new, subtype = bad[month]
            text = text.replace("The alliance predicts", new, 1)
            expected.add((f"posts/2019/{month:02d}-alliance.md", subtype))
        data = text.encode("utf-8", errors="surrogateescape")
        (srcdir / f"posts/2019/{month:02d}-alliance.md").parent.mkdir(exist_ok=True)
        (srcdir / f"posts/2019/{month:02d}-alliance.md").write_bytes(data)
    result = sphinx_build(srcdir, tmp_path / "out", "-j", "2", *options, timeout=240)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr
    for name, subtype in expected:
        assert re.search(rf"{re.escape(str(srcdir / name))}:\d+: WARNING: .*\[pprnet\.{subtype}\]",
                         result.stderr), (name, subtype, result.stderr)  # fmt: skip
