"""Lighthouse's deterministic categories on the six pages a reader lands on: Accessibility, Best
Practices and SEO at 100, with the archive built for the address it is served at (so that its
canonical links check out). Performance, which varies with the machine's load, is measured by
`make audit` (benchmarks/audit.py), which runs this same Lighthouse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from audit import LIGHTHOUSE, PAGES, build, failed_audits, lighthouse, scores
from serving import free_port, serve_compressed

CATEGORIES = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert LIGHTHOUSE.exists(), "Lighthouse is installed by `make test` (benchmarks/audit/)"
    port = free_port()
    outdir: Path = tmp_path_factory.mktemp("audited") / "html"
    base_url = f"http://127.0.0.1:{port}/"
    build(outdir, base_url)
    with serve_compressed(outdir, port):
        yield base_url


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_scores_accessibility_best_practices_and_seo_at_100(
    audited: str, page: str
) -> None:
    report = lighthouse(audited + page, CATEGORIES)
    failing = {name: score for name, score in scores(report).items() if score < 100}
    assert failing == {}, {name: failed_audits(report, name) for name in failing}
