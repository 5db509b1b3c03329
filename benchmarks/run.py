"""The build benchmark: the archive against plain Sphinx + MyST over the same synthetic pages.

For each N it measures, in one run and for both flavours: a clean build, a no-change rebuild, a
rebuild after one post's summary is edited, a rebuild after one post's title and one of its
topics are changed (the edit that rewrites listings), as `make serve` builds (serially), and a
clean build as `make html` does (`-j auto`), each the median of --runs; peak memory and output
size; then `pprnet check` over the N posts, and the weight of a post page (the bytes of the HTML,
CSS, JS and fonts it loads), and the explorer's data and the time its filters take in Chromium
(`browsing.py`). Prints one table with the ratios to the baseline and the growth
exponent, then a table of `pprnet import` on 1 MB inputs (`importer.py`). The text is drawn
from a word list (--words; Debian's `wamerican` by default).

With --variant NAME=PATH (repeatable), the archive is also built with the extension, templates
and configuration of another checkout PATH, for ablation studies: a second table gives each
variant's medians, their ratio to the archive's, and the run-to-run spread of both.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from browsing import explorer_figures
from generate import DICTIONARY, MIN_POSTS, PROJECT, Words, generate, load_words, topic_slugs
from importer import HEADER as IMPORT_HEADER
from importer import import_rows

SCENARIOS = ("clean", "no-change", "one-edit", "title-edit", "clean -j auto")
FLAVOURS = ("archive", "baseline")
BASELINE_HEADER = ("N", "measure", "archive", "baseline", "ratio")
VARIANT_HEADER = ("N", "variant", "measure", "archive", "spread", "variant", "spread", "ratio")
TITLE_EDIT = re.compile(r" Revised In Round \d+$")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


@dataclass(frozen=True)
class Flavour:
    """A way to build the synthetic posts: with `archive` or `baseline` pages, and for the
    archive, the checkout whose extension, templates and configuration build them."""

    name: str
    pages: str
    project: Path = PROJECT

    @property
    def is_variant(self) -> bool:
        return self.name not in FLAVOURS

    def env(self) -> dict[str, str] | None:
        """The environment of its builds: a variant's own `extensions/` first on the path."""
        if not self.is_variant:
            return None
        # Ahead of the editable install's entry (a .pth file in site-packages), so that
        # `import pprnet` finds the variant's code, not this checkout's.
        return {**os.environ, "PYTHONPATH": str(self.project / "extensions")}


def run_build(site: Path, *options: str, env: dict[str, str] | None = None) -> Run:
    """One `sphinx-build` in a child process: wall time and the child's peak memory."""
    # -W: a build that warns (an edit that broke a post, say) is not a measurement.
    command = [sys.executable, "-m", "sphinx", "-W", "-q", *options, "-b", "html", "-d",
               str(site / "_build/doctrees"), str(site), str(site / "_build/html")]  # fmt: skip
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        # wait4, not wait: it also returns the child's own resource usage (peak memory).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            stderr.seek(0)
            raise SystemExit(f"build of {site} failed:\n{stderr.read().decode()[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def edited_post(site: Path) -> Path:
    """The post the edits change: the middle one, which has neighbours on both sides."""
    posts = sorted((site / "posts").rglob("*.md"))
    return posts[len(posts) // 2]


def edit_one_post(site: Path, round_: int) -> None:
    """Add a sentence to the summary of the middle post, as a contributor's edit would."""
    post = edited_post(site)
    text = post.read_text(encoding="utf-8")
    body = text.index("\n\n", text.index("\n# ")) + 2  # the first paragraph after the title
    post.write_text(f"{text[:body]}An edit, round {round_}. {text[body:]}", encoding="utf-8")


def edit_title_and_topic(site: Path, round_: int) -> None:
    """Retitle the middle post and move it from its first topic to the next topic of the
    vocabulary that it lacks: every page that lists or links it is written again."""
    post = edited_post(site)
    lines = post.read_text(encoding="utf-8").split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    # The round's mark replaces the last round's: the title keeps its length, as a fix would.
    lines[title] = f"{TITLE_EDIT.sub('', lines[title])} Revised In Round {round_}"
    tags = next(i for i, line in enumerate(lines) if line.startswith("tags: ["))
    topics = lines[tags].removeprefix("tags: [").removesuffix("]").split(", ")
    vocabulary = topic_slugs()
    start = vocabulary.index(topics[0])
    following = vocabulary[start + 1 :] + vocabulary[:start]
    topics[0] = next(slug for slug in following if slug not in topics)
    lines[tags] = f"tags: [{', '.join(topics)}]"
    post.write_text("\n".join(lines), encoding="utf-8")


def measure_round(site: Path, round_: int, results: dict[str, list[Run]], flavour: Flavour) -> None:
    """One run of every scenario on one site."""
    env = flavour.env()
    shutil.rmtree(site / "_build", ignore_errors=True)
    results["clean"].append(run_build(site, env=env))
    results["no-change"].append(run_build(site, env=env))
    edit_one_post(site, round_)
    results["one-edit"].append(run_build(site, env=env))
    edit_title_and_topic(site, round_)
    results["title-edit"].append(run_build(site, env=env))
    shutil.rmtree(site / "_build")
    results["clean -j auto"].append(run_build(site, "-j", "auto", env=env))


def measure(sites: dict[Flavour, Path], runs: int) -> dict[str, dict[str, list[Run]]]:
    """Every scenario on every site, the flavours taking turns round by round: a machine whose
    speed drifts during the run (a shared one does) slows all alike, not one of them."""
    results: dict[str, dict[str, list[Run]]] = {
        flavour.name: {scenario: [] for scenario in SCENARIOS} for flavour in sites
    }
    for round_ in range(runs):
        for flavour, site in sites.items():
            measure_round(site, round_, results[flavour.name], flavour)
    return results


def check_variant(flavour: Flavour, site: Path) -> None:
    """Stop unless the builds of a variant's site import `pprnet` from the variant's checkout."""
    # The site's conf.py first, as sphinx-build runs it: it puts folders on sys.path too.
    code = f"import runpy; runpy.run_path({str(site / 'conf.py')!r}); import pprnet; "
    code += "print(pprnet.__file__)"
    done = subprocess.run([sys.executable, "-c", code], cwd=site, env=flavour.env(),
                          capture_output=True, text=True, check=False)  # fmt: skip
    found = Path(done.stdout.strip() or "?").resolve()
    if done.returncode != 0 or not found.is_relative_to(flavour.project / "extensions"):
        detail = done.stderr.strip().splitlines()[-1:] or [str(found)]
        raise SystemExit(
            f"variant {flavour.name}: its builds would not import pprnet from "
            f"{flavour.project / 'extensions'} ({detail[0]})"
        )


def parse_variant(text: str) -> Flavour:
    """NAME=PATH, PATH a checkout of the project: a folder with extensions/pprnet and conf.py."""
    name, sep, path = text.partition("=")
    project = Path(path).expanduser().resolve()
    if not sep or not re.fullmatch(r"[\w.-]+", name) or name in FLAVOURS:
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=PATH, NAME not {FLAVOURS}")
    if not (project / "extensions/pprnet").is_dir() or not (project / "conf.py").is_file():
        raise argparse.ArgumentTypeError(f"{path!r} has no extensions/pprnet/ and conf.py")
    return Flavour(name, "archive", project)


def output_mb(site: Path) -> float:
    html = site / "_build/html"
    return sum(p.stat().st_size for p in html.rglob("*") if p.is_file()) / 1e6


def page_weight(site: Path) -> int:
    """Bytes a post page loads: its HTML, stylesheets, scripts and the fonts they name."""
    html = site / "_build/html"
    page = sorted((html / "posts").rglob("*.html"))[0]
    text = page.read_text(encoding="utf-8")
    total = len(page.read_bytes())
    assets = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', text)
    for asset in {a.split("?")[0] for a in assets}:
        path = (page.parent / asset).resolve()
        if path.is_file():
            total += path.stat().st_size
            if path.suffix == ".css":
                for font in set(
                    re.findall(r"url\(['\"]?([^'\")]+\.woff2)", path.read_text("utf-8"))
                ):
                    font_path = (path.parent / font).resolve()
                    total += font_path.stat().st_size if font_path.is_file() else 0
    return total


def check_seconds(site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pprnet.cli", "check"], cwd=site, check=False,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - start


@dataclass
class Size:
    """What one N measured, per flavour name."""

    n: int
    times: dict[str, dict[str, list[float]]]
    peak_mb: dict[str, float]
    output_mb: dict[str, float]
    page_weight: dict[str, int]
    check_seconds: float
    browsing: dict[str, float]  # the archive's explorer in Chromium (browsing.py)

    def median(self, flavour: str, scenario: str) -> float:
        return statistics.median(self.times[flavour][scenario])

    def spread(self, flavour: str, scenario: str) -> str:
        """(max - min) / median of the runs: how far apart runs of the same build fall."""
        times = self.times[flavour][scenario]
        if len(times) < 2:
            return "-"
        return f"{(max(times) - min(times)) / statistics.median(times):.0%}"


def warm_up(flavours: list[Flavour], words: Words, tmp: Path) -> None:
    """Build a tiny site of every flavour once, unmeasured, after checking where a variant's
    code comes from: the first build would otherwise also compile the bytecode of every module
    edited since the last run, and a flavour that fails to build fails before any measurement."""
    for flavour in flavours:
        site = generate(tmp / f"warm-up-{flavour.name}", MIN_POSTS, flavour.pages, words=words,
                        project=flavour.project)  # fmt: skip
        if flavour.is_variant:
            check_variant(flavour, site)
        run_build(site, env=flavour.env())
        shutil.rmtree(site)


def measure_size(n: int, flavours: list[Flavour], runs: int, words: Words, tmp: Path) -> Size:
    """Generate the N-post site of every flavour, measure them, and delete them."""
    sites = {
        flavour: generate(
            tmp / f"{flavour.name}-{n}", n, flavour.pages, words=words, project=flavour.project
        )
        for flavour in flavours
    }
    results = measure(sites, runs)
    archive = sites[flavours[0]]
    # Words of the middle of the ranks: each finds some summaries, not nearly all.
    queries = list(words.ranked[200:206])
    browsing = explorer_figures(archive / "_build/html", queries)
    size = Size(n, {}, {}, {}, {}, check_seconds(archive), browsing)
    for flavour, site in sites.items():
        runs_of = results[flavour.name]
        size.times[flavour.name] = {s: [r.seconds for r in runs_of[s]] for s in SCENARIOS}
        size.peak_mb[flavour.name] = max(r.peak_mb for rs in runs_of.values() for r in rs)
        size.output_mb[flavour.name] = output_mb(site)
        size.page_weight[flavour.name] = page_weight(site)
        shutil.rmtree(site)
    return size


def baseline_rows(size: Size) -> list[tuple[str, ...]]:
    """The archive against the baseline."""
    n = str(size.n)
    rows: list[tuple[str, ...]] = []
    for scenario in SCENARIOS:
        a, b = size.median("archive", scenario), size.median("baseline", scenario)
        rows.append((n, f"{scenario} build (s)", f"{a:.2f}", f"{b:.2f}", f"{a / b:.2f}x"))
    for measure_, values, scale, digits in (
        ("peak memory (MB)", size.peak_mb, 1, 0),
        ("output size (MB)", size.output_mb, 1, 1),
        ("post page weight (kB)", size.page_weight, 1e3, 0),
    ):
        a, b = values["archive"], values["baseline"]
        rows.append((n, measure_, f"{a / scale:.{digits}f}", f"{b / scale:.{digits}f}",
                     f"{a / b:.2f}x"))  # fmt: skip
    rows.append((n, "pprnet check (s)", f"{size.check_seconds:.2f}", "-", "-"))
    rows.extend(
        (n, measure_, f"{value:.1f}", "-", "-") for measure_, value in size.browsing.items()
    )
    return rows


def variant_rows(size: Size, variant: str) -> list[tuple[str, ...]]:
    """A variant against the archive, with the spread of both, to tell a change from noise."""
    n = str(size.n)
    rows: list[tuple[str, ...]] = []
    for scenario in SCENARIOS:
        a, v = size.median("archive", scenario), size.median(variant, scenario)
        spreads = size.spread("archive", scenario), size.spread(variant, scenario)
        rows.append((n, variant, f"{scenario} build (s)", f"{a:.2f}", spreads[0], f"{v:.2f}",
                     spreads[1], f"{v / a:.2f}x"))  # fmt: skip
    a, v = size.peak_mb["archive"], size.peak_mb[variant]
    rows.append((n, variant, "peak memory (MB)", f"{a:.0f}", "-", f"{v:.0f}", "-", f"{v / a:.2f}x"))
    return rows


def print_tables(done: list[Size], variants: list[str]) -> None:
    """The tables of every N measured so far: a run cut short still shows its results."""
    print_table(BASELINE_HEADER, [row for size in done for row in baseline_rows(size)])
    if variants:
        rows = [row for size in done for name in variants for row in variant_rows(size, name)]
        print_table(VARIANT_HEADER, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 400, 1000])
    parser.add_argument("--with-2000", action="store_true", help="also N = 2000")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--words", type=Path, default=DICTIONARY, help="word list, one a line")
    parser.add_argument("--variant", type=parse_variant, action="append", default=[],
                        metavar="NAME=PATH", help="also build with the checkout PATH")  # fmt: skip
    args = parser.parse_args()
    words = load_words(args.words)  # before anything is built: stops if the list is missing
    sizes = [*args.sizes, *([2000] if args.with_2000 else [])]
    if min(sizes) < MIN_POSTS:
        parser.error(f"sizes start at {MIN_POSTS} posts")
    flavours = [Flavour(name, name) for name in FLAVOURS] + args.variant
    if len({f.name for f in flavours}) < len(flavours):
        parser.error("two variants have the same name")
    print(f"text: {len(words.ranked):,} words of {words.source}, Zipf frequencies", flush=True)
    done: list[Size] = []
    with tempfile.TemporaryDirectory(prefix="pprnet-bench-") as tmp:
        warm_up(flavours, words, Path(tmp))
        for n in sizes:
            done.append(measure_size(n, flavours, args.runs, words, Path(tmp)))
            print_tables(done, [v.name for v in args.variant])
    print_table(IMPORT_HEADER, import_rows(words))
    for flavour in flavours:
        if len(done) >= 2:
            points = [(size.n, size.median(flavour.name, "clean")) for size in done]
            print(f"{flavour.name}: clean build time grows as N^{exponent(points):.2f}")


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) against log(N)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    print()
    print(" | ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)))
    print("-|-".join("-" * width for width in widths))
    for row in rows:
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
