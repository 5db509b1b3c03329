"""`make audit`: Lighthouse on the six pages a reader lands on, in Chromium, as a phone loads them.

The archive is built with the audit server's address as its base URL (so that canonical links,
feeds and the sitemap point at the pages audited) and served compressed as GitHub Pages serves
it (serving.py). Each page is audited --runs times; the table gives the median score of each
category, and the command fails if a median is under its threshold: Performance 95,
Accessibility, Best Practices and SEO 100. Performance varies with the machine's load, so it is
measured here; the other three categories are deterministic and `make test` checks them
(tests/browser/test_lighthouse.py).

Lighthouse 12 comes from benchmarks/audit/package.json, installed by the Makefile.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from serving import free_port, serve_compressed

HERE = Path(__file__).parent
PROJECT = HERE.parent
LIGHTHOUSE = HERE / "audit" / "node_modules" / ".bin" / "lighthouse"
PAGES = (
    "index.html",
    "posts/2018/01-therapist-internalized-models.html",
    "topics/alliance.html",
    "explorer.html",
    "bibliography.html",
    "archive.html",
)
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Debian's Chromium, headless, without the calls home that a sandbox refuses.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync --no-first-run"
)


def build(outdir: Path, base_url: str) -> None:
    """The archive, built as `make html` builds it, for the address it is served at."""
    command = [
        str(Path(sys.executable).parent / "sphinx-build"),
        "-W", "-n", "--keep-going", "-q", "-j", "auto", "-b", "html",
        "-d", str(outdir / ".doctrees"), str(PROJECT), str(outdir),
    ]  # fmt: skip
    env = {**os.environ, "PPRNET_BASEURL": base_url}
    subprocess.run(command, check=True, env=env)


def lighthouse(url: str, categories: Iterable[str]) -> dict[str, Any]:
    """One Lighthouse report of one page (mobile, simulated throttling)."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
        f"--only-categories={','.join(categories)}", f"--chrome-flags={CHROME_FLAGS}",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": chromium}
    result = subprocess.run(command, check=True, env=env, capture_output=True)
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def scores(report: dict[str, Any]) -> dict[str, int]:
    """Each category's score, out of 100."""
    return {name: round(100 * found["score"]) for name, found in report["categories"].items()}


def failed_audits(report: dict[str, Any], category: str) -> list[str]:
    """The audits of a category that do not pass, for a failure's message."""
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']]['title']}"
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (the median counts)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `make audit`, which installs it", file=sys.stderr)
        return 2
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(tmp) / "html"
        base_url = f"http://127.0.0.1:{port}/"
        build(outdir, base_url)
        rows, failures = [], []
        with serve_compressed(outdir, port):
            for page in PAGES:
                runs = [scores(lighthouse(base_url + page, THRESHOLDS)) for _ in range(args.runs)]
                medians = {
                    name: statistics.median(run[name] for run in runs) for name in THRESHOLDS
                }
                rows.append((page, medians, runs))
                failures += [
                    f"{page}: {name} {medians[name]:g} < {minimum}"
                    for name, minimum in THRESHOLDS.items()
                    if medians[name] < minimum
                ]
    print(f"| page | {' | '.join(THRESHOLDS)} |")
    print(f"|---|{'---|' * len(THRESHOLDS)}")
    for page, medians, runs in rows:
        cells = [
            f"{medians[name]:g} ({', '.join(str(run[name]) for run in runs)})"
            for name in THRESHOLDS
        ]
        print(f"| {page} | {' | '.join(cells)} |")
    print(f"Median of {args.runs} runs per page (the runs in brackets); thresholds {THRESHOLDS}.")
    for failure in failures:
        print(f"under the threshold: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
