"""Browser tests: Debian's Chromium driven by Playwright against the archive served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from generate import generate, made_up_words

from support import BuildResult, sphinx_build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling home, which this sandbox refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site over HTTP on a free loopback port."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site: BuildResult) -> Iterator[str]:
    """The built archive, served."""
    assert site.returncode == 0, site.stderr
    with serve(site.outdir) as url:
        yield url


@pytest.fixture(scope="session")
def payload_url(payload_site: BuildResult) -> Iterator[str]:
    """The payload sweep's site (see tests/ext/test_payloads.py), served."""
    assert payload_site.returncode == 0, payload_site.stderr
    with serve(payload_site.outdir) as url:
        yield url


@pytest.fixture(scope="session")
def large_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A synthetic archive of 130 posts (benchmarks/generate.py, made-up words), served."""
    root = tmp_path_factory.mktemp("large")
    site = generate(root / "site", 130, "archive", words=made_up_words())
    built = sphinx_build(site, root / "out", "-j", "auto")
    assert built.returncode == 0, built.stderr
    with serve(built.outdir) as url:
        yield url
