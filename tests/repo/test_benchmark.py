"""The benchmark's synthetic archives: deterministic, and every flavour builds cleanly, before and
after the benchmark's edits."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from browsing import explorer_figures
from generate import DICTIONARY, PROJECT, generate, load_words, made_up_words
from playwright.sync_api import Browser
from run import (
    Flavour,
    check_variant,
    edit_one_post,
    edit_title_and_topic,
    edited_post,
    exponent,
    page_weight,
    parse_variant,
)

from support import sphinx_build

# Made-up words, so that the tests need no word list installed (CI has none).
WORDS = made_up_words()


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 12, "archive", words=WORDS)
    second = generate(tmp_path / "b", 12, "archive", words=WORDS)
    assert tree(first) == tree(second)
    assert len(list((first / "posts").rglob("*.md"))) == 12


def test_both_flavours_build_without_warnings(tmp_path: Path) -> None:
    for flavour in ("archive", "baseline"):
        site = generate(tmp_path / flavour, 9, flavour, words=WORDS)
        result = sphinx_build(site, tmp_path / f"{flavour}-out")
        assert result.stderr == "", flavour
        assert page_weight_of(result.outdir) > 10_000


def page_weight_of(html: Path) -> int:
    # page_weight expects the site layout the benchmark uses (site/_build/html).
    site = html.parent.parent / "weighed"
    (site / "_build").mkdir(parents=True, exist_ok=True)
    target = site / "_build" / "html"
    if not target.exists():
        target.symlink_to(html)
    return page_weight(site)


def test_exponent_of_a_linear_series_is_one() -> None:
    assert abs(exponent([(250, 2.5), (500, 5.0), (1000, 10.0)]) - 1.0) < 1e-9


def test_the_benchmark_edit_keeps_the_post_valid(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", 8, "archive", words=WORDS)
    edit_one_post(site, 0)
    result = sphinx_build(site, tmp_path / "out")
    assert result.stderr == ""
    pages = (page.read_text(encoding="utf-8") for page in (result.outdir / "posts").rglob("*.html"))
    assert sum("An edit, round 0." in page for page in pages) == 1


def test_the_title_edit_moves_the_post_to_another_topic_round_after_round(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", 8, "archive", words=WORDS)
    assert sphinx_build(site, tmp_path / "out").stderr == ""
    for round_ in range(2):
        before = topics_of(edited_post(site))
        edit_title_and_topic(site, round_)
        after = topics_of(edited_post(site))
        assert len(after) == len(before) and len(set(after) - set(before)) == 1
        result = sphinx_build(site, tmp_path / "out")  # a rebuild, as the benchmark's
        assert result.stderr == "", round_
        title = f"Revised In Round {round_}"
        for slug in set(before) | set(after):
            listing = (result.outdir / "topics" / f"{slug}.html").read_text(encoding="utf-8")
            assert (title in listing) == (slug in after), (round_, slug)
        assert title in (result.outdir / "archive.html").read_text(encoding="utf-8")
    assert "Revised In Round 0" not in edited_post(site).read_text(encoding="utf-8")


def topics_of(post: Path) -> list[str]:
    line = next(x for x in post.read_text(encoding="utf-8").splitlines() if x.startswith("tags:"))
    return line.removeprefix("tags: [").removesuffix("]").split(", ")


def test_the_word_list_keeps_plain_lowercase_words(tmp_path: Path) -> None:
    listing = tmp_path / "words"
    listing.write_text("Alice\nalliance\ndon't\ncafé\n<b>\nrupture\nAIDS\nrepair\n", "utf-8")
    words = load_words(listing)
    assert {"alliance", "rupture", "repair"} <= set(words.ranked)
    assert all(word.isascii() and word.isalpha() for word in words.ranked if "-" not in word)
    assert not {"Alice", "don't", "café", "<b>", "AIDS"} & set(words.ranked)
    assert words.ranked[0] == "the"  # the commonest words rank first, as in prose


def test_a_missing_word_list_stops_the_benchmark_with_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, PROJECT / "benchmarks/run.py", "--words", tmp_path / "none"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "apt-get install wamerican" in done.stderr


@pytest.mark.skipif(not DICTIONARY.is_file(), reason=f"no {DICTIONARY} (apt-get install wamerican)")
def test_the_real_word_list_makes_valid_posts(tmp_path: Path) -> None:
    words = load_words()
    assert len(words.ranked) >= 20_000
    site = generate(tmp_path / "site", 16, "archive", words=words)
    assert sphinx_build(site, tmp_path / "out").stderr == ""


def test_a_variant_must_be_a_checkout() -> None:
    assert parse_variant(f"self={PROJECT}") == Flavour("self", "archive", PROJECT)
    for bad in ("self", f"archive={PROJECT}", f"self={PROJECT / 'benchmarks'}"):
        with pytest.raises(argparse.ArgumentTypeError, match=r"NAME=PATH|extensions/pprnet"):
            parse_variant(bad)


def test_a_variant_whose_builds_import_another_pprnet_is_refused(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "extensions/pprnet").mkdir(parents=True)
    (checkout / "extensions/pprnet/__init__.py").write_text("", "utf-8")
    # A conf.py that puts this project's extensions first, as a stale copy of it might.
    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(PROJECT / 'extensions')!r})\n", "utf-8"
    )
    with pytest.raises(SystemExit, match="would not import pprnet"):
        check_variant(Flavour("stale", "archive", checkout), site)


def test_the_benchmark_runs_every_scenario_with_a_variant(tmp_path: Path) -> None:
    listing = tmp_path / "words"
    listing.write_text("\n".join(WORDS.ranked), "utf-8")
    command = [sys.executable, PROJECT / "benchmarks/run.py", "--sizes", "8", "--runs", "1",
               "--words", listing, "--variant", f"self={PROJECT}"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [[cell.strip() for cell in line.split("|")] for line in done.stdout.splitlines()]
    for scenario in ("clean", "no-change", "one-edit", "title-edit", "clean -j auto"):
        assert ["8", f"{scenario} build (s)"] in [row[:2] for row in rows], scenario
        assert ["8", "self", f"{scenario} build (s)"] in [row[:3] for row in rows], scenario
    assert ["8", "self", "peak memory (MB)"] in [row[:3] for row in rows]


@pytest.mark.browser
def test_the_explorer_is_measured_in_the_browser(tmp_path: Path, browser: Browser) -> None:
    site = generate(tmp_path / "site", 12, "archive", words=WORDS)
    assert sphinx_build(site, tmp_path / "out").returncode == 0
    figures = explorer_figures(tmp_path / "out/html", list(WORDS.ranked[:6]), browser)
    assert list(figures) == [
        "explorer data (kB gz)",
        "explorer: tick a topic (ms)",
        "explorer: type, its data answers (ms)",
        "explorer: type, whole texts answer (ms)",
    ]
    assert all(value > 0 for value in figures.values())
