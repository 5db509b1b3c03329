"""The build benchmark: the archive against plain Sphinx + MyST over the same synthetic pages.

For each N it measures, in one run and for both flavours: a clean build, a no-change rebuild and
a rebuild after one post is edited, as `make serve` builds (serially), and a clean build as
`make html` does (`-j auto`), each the median of --runs; peak memory and output size; then
`pprnet check` over the N posts, and the weight of a post page (the bytes of the HTML, CSS, JS
and fonts it loads). Prints one table with the ratios to the baseline and the growth exponent.
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

from generate import generate

SCENARIOS = ("clean", "no-change", "one-edit", "clean -j auto")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run_build(site: Path, *options: str) -> Run:
    """One `sphinx-build` in a child process: wall time and the child's peak memory."""
    # -W: a build that warns (an edit that broke a post, say) is not a measurement.
    command = [sys.executable, "-m", "sphinx", "-W", "-q", *options, "-b", "html", "-d",
               str(site / "_build/doctrees"), str(site), str(site / "_build/html")]  # fmt: skip
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        # wait4, not wait: it also returns the child's own resource usage (peak memory).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            stderr.seek(0)
            raise SystemExit(f"build of {site} failed:\n{stderr.read().decode()[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def edit_one_post(site: Path, round_: int) -> None:
    """Add a sentence to the summary of the middle post, as a contributor's edit would."""
    posts = sorted((site / "posts").rglob("*.md"))
    post = posts[len(posts) // 2]
    text = post.read_text(encoding="utf-8")
    body = text.index("\n\n", text.index("\n# ")) + 2  # the first paragraph after the title
    post.write_text(f"{text[:body]}An edit, round {round_}. {text[body:]}", encoding="utf-8")


FLAVOURS = ("archive", "baseline")


def measure_round(site: Path, round_: int, results: dict[str, list[Run]]) -> None:
    """One run of every scenario on one site."""
    shutil.rmtree(site / "_build", ignore_errors=True)
    results["clean"].append(run_build(site))
    results["no-change"].append(run_build(site))
    edit_one_post(site, round_)
    results["one-edit"].append(run_build(site))
    shutil.rmtree(site / "_build")
    results["clean -j auto"].append(run_build(site, "-j", "auto"))


def measure(sites: dict[str, Path], runs: int) -> dict[str, dict[str, list[Run]]]:
    """Every scenario on both sites, the flavours taking turns round by round: a machine whose
    speed drifts during the run (a shared one does) slows both alike, not one of them."""
    results: dict[str, dict[str, list[Run]]] = {
        flavour: {scenario: [] for scenario in SCENARIOS} for flavour in sites
    }
    for round_ in range(runs):
        for flavour, site in sites.items():
            measure_round(site, round_, results[flavour])
    return results


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--with-2000", action="store_true", help="also N = 2000")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args()
    sizes = [*args.sizes, *([2000] if args.with_2000 else [])]
    rows: list[tuple[str, ...]] = []
    clean_times: dict[str, list[tuple[int, float]]] = {"archive": [], "baseline": []}
    with tempfile.TemporaryDirectory(prefix="pprnet-bench-") as tmp:
        for n in sizes:
            medians: dict[str, dict[str, float]] = {}
            peaks: dict[str, float] = {}
            sizes_mb: dict[str, float] = {}
            weights: dict[str, int] = {}
            sites = {
                flavour: generate(Path(tmp) / f"{flavour}-{n}", n, flavour) for flavour in FLAVOURS
            }
            results = measure(sites, args.runs)
            for flavour, site in sites.items():
                medians[flavour] = {
                    s: statistics.median(r.seconds for r in results[flavour][s]) for s in SCENARIOS
                }
                peaks[flavour] = max(r.peak_mb for runs in results[flavour].values() for r in runs)
                sizes_mb[flavour] = output_mb(site)
                weights[flavour] = page_weight(site)
                clean_times[flavour].append((n, medians[flavour]["clean"]))
                if flavour == "archive":
                    check = check_seconds(site)
                shutil.rmtree(site)
            for scenario in SCENARIOS:
                a, b = medians["archive"][scenario], medians["baseline"][scenario]
                rows.append(
                    (str(n), f"{scenario} build (s)", f"{a:.2f}", f"{b:.2f}", f"{a / b:.2f}x")
                )
            rows.append(
                (
                    str(n),
                    "peak memory (MB)",
                    f"{peaks['archive']:.0f}",
                    f"{peaks['baseline']:.0f}",
                    f"{peaks['archive'] / peaks['baseline']:.2f}x",
                )
            )
            rows.append(
                (
                    str(n),
                    "output size (MB)",
                    f"{sizes_mb['archive']:.1f}",
                    f"{sizes_mb['baseline']:.1f}",
                    f"{sizes_mb['archive'] / sizes_mb['baseline']:.2f}x",
                )
            )
            rows.append(
                (
                    str(n),
                    "post page weight (kB)",
                    f"{weights['archive'] / 1e3:.0f}",
                    f"{weights['baseline'] / 1e3:.0f}",
                    f"{weights['archive'] / weights['baseline']:.2f}x",
                )
            )
            rows.append((str(n), "pprnet check (s)", f"{check:.2f}", "-", "-"))  # fmt: skip
            print_table(rows)
    for flavour, points in clean_times.items():
        if len(points) >= 2:
            print(f"{flavour}: clean build time grows as N^{exponent(points):.2f}")


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) against log(N)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def print_table(rows: list[tuple[str, ...]]) -> None:
    header = ("N", "measure", "archive", "baseline", "ratio")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    print()
    print(" | ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)))
    print("-|-".join("-" * width for width in widths))
    for row in rows:
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
