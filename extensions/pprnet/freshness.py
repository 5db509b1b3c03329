"""Whether the pages and files the extension generates at the end of a build (topic and type
pages, feeds, the explorer's index, BibTeX and RIS downloads) are already up to date.

They depend on every post, the vocabulary and the bibliography, and on the templates and
configuration, which Sphinx watches for documents: when either changes, Sphinx writes documents
again. So the outputs are current when this build writes no document and the posts and data
files are those of the last generation, recorded in a stamp file in the output folder. A
no-change rebuild then skips work that grows with the archive.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import __version__
from .domain import get_domain

STAMP = ".pprnet-generated"


def fingerprint(env: BuildEnvironment) -> str:
    """A digest of what the generated outputs are made of."""
    domain = get_domain(env)
    sources = domain.sources
    digest = hashlib.sha256(__version__.encode())
    digest.update(repr(domain.archive.posts).encode())
    for path in (sources.vocabulary_path, sources.bibliography_path):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def start_build(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = get_domain(env)
    domain.data["fingerprint"] = fingerprint(env)
    domain.data["documents_written"] = False
    return []


def note_document(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is not None:  # a document, not a generated page
        get_domain(app.env).data["documents_written"] = True


def outputs_current(app: Sphinx) -> bool:
    """True when the generated outputs of the last build are still right for this one."""
    domain = get_domain(app.env)
    # With parallel writing, documents are written in other processes, unseen here.
    if getattr(app.builder, "parallel_ok", False) or domain.data.get("documents_written", True):
        return False
    stamp = Path(app.outdir) / STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == domain.data["fingerprint"]


def write_stamp(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        stamp = Path(app.outdir) / STAMP
        stamp.write_text(get_domain(app.env).data["fingerprint"], encoding="utf-8")


def setup_freshness(app: Sphinx) -> None:
    # After incremental.refresh_archive (500) has derived the archive.
    app.connect("env-updated", start_build, priority=550)
    app.connect("html-page-context", note_document)
    # After every generator (default priority 500) has written its outputs.
    app.connect("build-finished", write_stamp, priority=900)
