"""The benchmark's synthetic archives: deterministic, and both flavours build cleanly."""

from __future__ import annotations

from pathlib import Path

from generate import generate
from run import edit_one_post, exponent, page_weight

from support import sphinx_build


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 12, "archive")
    second = generate(tmp_path / "b", 12, "archive")
    assert tree(first) == tree(second)
    assert len(list((first / "posts").rglob("*.md"))) == 12


def test_both_flavours_build_without_warnings(tmp_path: Path) -> None:
    for flavour in ("archive", "baseline"):
        site = generate(tmp_path / flavour, 9, flavour)
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
    site = generate(tmp_path / "site", 8, "archive")
    edit_one_post(site, 0)
    result = sphinx_build(site, tmp_path / "out")
    assert result.stderr == ""
    pages = (page.read_text(encoding="utf-8") for page in (result.outdir / "posts").rglob("*.html"))
    assert sum("An edit, round 0." in page for page in pages) == 1
