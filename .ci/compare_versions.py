"""Build the archive with the lowest and with the latest dependency versions that pyproject.toml
allows, and compare the two outputs (`make versions`).

The extension adapts ablog, sphinxcontrib-bibtex and Sphinx through private API
(extensions/pprnet/adapters/). A release inside the allowed ranges can change that API and so
what the archive shows, without any error. Each end of the ranges gets its own throwaway virtual
environment under _build/versions/: "lowest" installs the project with the pins of
.ci/constraints-lowest.txt, "latest" with `pip install --upgrade`. Each builds the real archive
as CI does (-W -n, in parallel) and the two outputs must be the same once version strings and
asset digests are normalised (RULES).

Exit status: 0 the outputs are the same, 1 they differ, 2 an install or a build failed. On
success _build/versions/ is removed; otherwise it is kept to look into.

Python 3.11 standard library only: it runs before any virtual environment exists.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / "_build" / "versions"
LOWEST_CONSTRAINTS = ROOT / ".ci" / "constraints-lowest.txt"

# Compared by content: the pages, feeds, explorer data and scripts. Every other file
# (stylesheets, fonts, images, build state) need only exist in both outputs.
COMPARED_SUFFIXES = (".html", ".xml", ".json", ".js")
# The search index is made from the pages, which are compared; its files are named by hashes.
SEARCH_BUNDLE = "pagefind/"

# How much of a difference is printed: enough to see what changed, not a whole minified script.
SHOWN_FILES = 3
SHOWN_LINES = 40
SHOWN_WIDTH = 200


class StepError(Exception):
    """An install or a build failed: there is nothing to compare."""


# --- Normalisation --------------------------------------------------------------------------
#
# Each rule replaces a version number or an asset digest, and nothing else, before the two
# outputs are compared. A rule is anchored on the markup around the number, so that it cannot
# match the archive's text. A rule that no longer matches (say a new digest length) leaves the
# number in place and the comparison reports it: a rule fails towards showing a difference.


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]


RULES: tuple[Rule, ...] = (
    # Sphinx links every stylesheet and script it copies as NAME.css?v=CRC32, the checksum of
    # the file as 8 hex digits: a dependency's asset that changes changes every page. The asset
    # itself is still compared when it is a script.
    Rule("asset-checksum", re.compile(r"(\.(?:css|js)\?v=)[0-9a-f]{8}\b"), r"\1CHECKSUM"),
    # Furo's head: <!-- Generated with Sphinx 9.0.0 and Furo 2025.12.19 -->
    Rule(
        "furo-generator",
        re.compile(r"(<!-- Generated with Sphinx )\S+( and Furo )\S+(?= -->)"),
        r"\1VERSION\2VERSION",
    ),
    # <meta name="generator" content="Docutils 0.22.4: https://docutils.sourceforge.io/" />
    Rule(
        "docutils-generator",
        re.compile(r'(<meta name="generator" content="Docutils )\d+(?:\.\d+)+[a-z0-9.]*'),
        r"\1VERSION",
    ),
)


# --- Environments and builds ----------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    name: str
    pip_options: tuple[str, ...]

    @property
    def directory(self) -> Path:
        return WORKDIR / self.name

    @property
    def python(self) -> Path:
        return self.directory / "venv" / "bin" / "python"

    @property
    def html(self) -> Path:
        return self.directory / "html"


VARIANTS = (
    Variant("lowest", ("--constraint", str(LOWEST_CONSTRAINTS))),
    Variant("latest", ("--upgrade",)),
)


def canonical(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503): PyYAML and pyyaml are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_dependencies() -> list[str]:
    """The names of pyproject.toml's runtime dependencies, as it spells them."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        requirements = tomllib.load(file)["project"]["dependencies"]
    names = []
    for requirement in requirements:
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
        assert match, requirement
        names.append(match.group())
    return names


def lowest_pins() -> dict[str, str]:
    """The `name==version` lines of the constraints file, by canonical name."""
    pins = {}
    for line in LOWEST_CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        requirement = line.split("#", 1)[0].strip()
        if requirement:
            name, separator, version = requirement.partition("==")
            if not separator:
                raise StepError(f"{LOWEST_CONSTRAINTS.name}: not an == pin: {line}")
            pins[canonical(name)] = version.strip()
    return pins


def run(command: list[str], what: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run a command, its output captured; print the output and fail if it fails."""
    done = subprocess.run(command, capture_output=True, text=True, check=False, **options)  # noqa: S603
    if done.returncode != 0:
        sys.stdout.write(done.stdout + done.stderr)
        raise StepError(f"{what} failed (exit status {done.returncode})")
    return done


def install(variant: Variant) -> None:
    """A new virtual environment with the project and its dependencies installed."""
    # pip builds a project in its own tree (build/, *.egg-info in extensions/): install from a
    # copy of what packaging reads, so that the work tree is left as it is.
    project = variant.directory / "project"
    project.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "extensions",
        project / "extensions",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    run([sys.executable, "-m", "venv", str(variant.directory / "venv")], "python -m venv")
    pip = [str(variant.python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, *variant.pip_options, str(project)], f"pip install ({variant.name})")


def installed_versions(variant: Variant) -> dict[str, str]:
    """Every distribution in the environment and its version, by canonical name."""
    code = (
        "import importlib.metadata as m, json\n"
        "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
    )
    done = run([str(variant.python), "-c", code], f"listing {variant.name}'s packages")
    return {canonical(name): version for name, version in json.loads(done.stdout).items()}


def build(variant: Variant, source_date_epoch: str) -> None:
    """Build the archive from the work tree, as CI does; a warning is a failure."""
    command = [str(variant.python), "-m", "sphinx", "-W", "-n", "-q", "--no-color"]
    command += ["-b", "html", "-j", "auto", "-d", str(variant.directory / "doctrees")]
    command += [".", str(variant.html)]
    # The same "today" for both builds: it dates the copyright line and bounds post dates.
    environment = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch}
    done = run(command, f"the {variant.name} build", cwd=ROOT, env=environment)
    if done.stderr:
        # With -q Sphinx writes only warnings and errors, and -W fails on a Sphinx warning; a
        # Python warning or a message from a dependency would otherwise pass unseen.
        sys.stdout.write(done.stderr)
        raise StepError(f"the {variant.name} build wrote to stderr")


# --- Comparison -----------------------------------------------------------------------------


def output_files(html: Path) -> set[str]:
    names = {path.relative_to(html).as_posix() for path in html.rglob("*") if path.is_file()}
    return {name for name in names if not name.startswith(SEARCH_BUNDLE)}


def normalise(text: str, counts: dict[str, int]) -> str:
    for rule in RULES:
        text, count = rule.pattern.subn(rule.replacement, text)
        counts[rule.name] += count
    return text


def split_json(name: str, text: str) -> tuple[str, Any, str] | None:
    """A JSON file as (prefix, data, suffix)."""
    if not name.endswith(".json"):
        return None
    try:
        return "", json.loads(text), ""
    except json.JSONDecodeError:
        return None


def readable(name: str, text: str) -> str:
    """JSON one value per line, so that a diff shows what changed (no value changes)."""
    parts = split_json(name, text)
    if parts is None:
        return text
    prefix, data, suffix = parts
    return prefix + json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + suffix


def show_diff(name: str, lowest: str, latest: str) -> None:
    lines = difflib.unified_diff(
        lowest.splitlines(),
        latest.splitlines(),
        f"lowest/{name}",
        f"latest/{name}",
        n=3,
        lineterm="",
    )
    for number, line in enumerate(lines):
        if number == SHOWN_LINES:
            print("  [...]")
            break
        print(line if len(line) <= SHOWN_WIDTH else line[:SHOWN_WIDTH] + " [...]")


@dataclass
class Comparison:
    files: int  # present in both outputs
    only_lowest: list[str]
    only_latest: list[str]
    by_content: int = 0  # of those, compared by content
    differing: list[str] = field(default_factory=list)


def compare() -> Comparison:
    lowest_html, latest_html = VARIANTS[0].html, VARIANTS[1].html
    lowest_files, latest_files = output_files(lowest_html), output_files(latest_html)
    both = sorted(lowest_files & latest_files)
    result = Comparison(
        len(both), sorted(lowest_files - latest_files), sorted(latest_files - lowest_files)
    )
    counts = dict.fromkeys((rule.name for rule in RULES), 0)
    shown = 0
    for name in both:
        if not name.endswith(COMPARED_SUFFIXES):
            continue
        result.by_content += 1
        lowest_bytes = (lowest_html / name).read_bytes()
        latest_bytes = (latest_html / name).read_bytes()
        if lowest_bytes == latest_bytes:
            continue
        lowest = normalise(lowest_bytes.decode("utf-8", "replace"), counts)
        latest = normalise(latest_bytes.decode("utf-8", "replace"), counts)
        lowest, latest = readable(name, lowest), readable(name, latest)
        if lowest != latest:
            result.differing.append(name)
            if shown < SHOWN_FILES:
                show_diff(name, lowest, latest)
                shown += 1
    applied = ", ".join(f"{name} {count}" for name, count in counts.items() if count)
    if applied:
        print(f"versions: replaced in the files whose bytes differed: {applied}")
    return result


# --- Main -----------------------------------------------------------------------------------


def pinned_dependencies() -> tuple[list[str], dict[str, str]]:
    """pyproject.toml's runtime dependencies, and the constraints file's pins: one for each."""
    names, pins = direct_dependencies(), lowest_pins()
    unpinned = [name for name in names if canonical(name) not in pins]
    if unpinned:
        raise StepError(f"{LOWEST_CONSTRAINTS.name} has no pin for {', '.join(unpinned)}")
    return names, pins


def install_and_build() -> dict[str, dict[str, str]]:
    """Each variant's environment and build; the versions installed in each."""
    shutil.rmtree(WORKDIR, ignore_errors=True)
    source_date_epoch = str(int(time.time()))
    versions = {}
    for variant in VARIANTS:
        start = time.monotonic()
        install(variant)
        versions[variant.name] = installed_versions(variant)
        installed = time.monotonic()
        build(variant, source_date_epoch)
        print(
            f"versions: {variant.name}: venv and install {installed - start:.1f} s,"
            f" build {time.monotonic() - installed:.1f} s"
        )
    return versions


def describe_versions(names: list[str], lowest: dict[str, str], latest: dict[str, str]) -> str:
    """`sphinx 9.0.0->9.0.4, myst-parser 5.2.0, ...`: one version where both have the same."""
    parts = []
    for name in names:
        low, high = lowest.get(canonical(name), "?"), latest.get(canonical(name), "?")
        parts.append(f"{name} {low}" if low == high else f"{name} {low}->{high}")
    return ", ".join(parts)


def other_differences(names: list[str], lowest: dict[str, str], latest: dict[str, str]) -> str:
    """The packages other than the direct dependencies whose versions differ, if any."""
    direct = {canonical(name) for name in names} | {"pprnet"}
    others = sorted(
        name
        for name in lowest.keys() | latest.keys()
        if name not in direct and lowest.get(name) != latest.get(name)
    )
    return ", ".join(f"{name} {lowest.get(name, '-')}->{latest.get(name, '-')}" for name in others)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    started = time.monotonic()
    try:
        names, pins = pinned_dependencies()
        versions = install_and_build()
    except StepError as error:
        print(f"versions: {error}; see {WORKDIR.relative_to(ROOT)}/")
        return 2
    lowest, latest = versions["lowest"], versions["latest"]
    wrong = [name for name in names if lowest.get(canonical(name)) != pins[canonical(name)]]
    if wrong:
        print(f"versions: the lowest environment did not get the pins of {', '.join(wrong)}")
        return 2

    start = time.monotonic()
    result = compare()
    compare_time = time.monotonic() - start

    for name in result.only_lowest:
        print(f"versions: only in the lowest build: {name}")
    for name in result.only_latest:
        print(f"versions: only in the latest build: {name}")
    if others := other_differences(names, lowest, latest):
        print(f"versions: other packages that differ: {others}")
    print(
        f"versions: compared {result.files} files ({result.by_content} of them"
        f" {'/'.join(COMPARED_SUFFIXES)} by content) built with lowest->latest"
        f" {describe_versions(names, lowest, latest)}"
    )
    print(f"versions: compare {compare_time:.1f} s, total {time.monotonic() - started:.1f} s")

    differing = result.differing + result.only_lowest + result.only_latest
    if differing:
        listed = ", ".join(differing[:10]) + (", ..." if len(differing) > 10 else "")
        print(f"versions: {len(differing)} file(s) differ: {listed}")
        print(f"versions: both outputs are in {WORKDIR.relative_to(ROOT)}/")
        return 1
    print("versions: the lowest and the latest builds are the same")
    shutil.rmtree(WORKDIR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
