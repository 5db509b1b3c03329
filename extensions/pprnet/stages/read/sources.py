"""Load the vocabulary and the bibliography once per build and report their problems.

Both are read as bytes once; their digest tells later stages (freshness.py) whether they
changed, and lets a rebuild reuse the parsed files of the last build when they did not.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from pprnet import __version__
from pprnet.adapters.bibtex import withhold_broken_bibfile
from pprnet.config import Settings
from pprnet.model.bibfile import read_bibliography
from pprnet.model.problems import Subtype, decode
from pprnet.model.vocabulary import VocabularyError, parse_vocabulary
from pprnet.stages.domain import Sources, get_domain

logger = logging.getLogger(__name__)


def setup_sources(app: Sphinx) -> None:
    # Before sphinxcontrib-bibtex's own builder-inited handler (priority 500) parses the file.
    app.connect("builder-inited", load_sources, priority=400)


def load_sources(app: Sphinx) -> None:
    """Read the vocabulary and `references.bib`; bib problems are located warnings."""
    srcdir = Path(app.srcdir)
    vocabulary_path = srcdir / Settings.of(app.config).vocabulary
    bibfiles = app.config.bibtex_bibfiles
    if len(bibfiles) != 1:
        raise ConfigError("pprnet: bibtex_bibfiles must name exactly one file (references.bib)")
    bibliography_path = srcdir / bibfiles[0]
    vocabulary_bytes = _read(vocabulary_path, "the vocabulary")
    bibliography_bytes = _read(bibliography_path, "the bibliography")
    digest = hashlib.sha256(__version__.encode())
    for content in (vocabulary_bytes, bibliography_bytes):
        digest.update(hashlib.sha256(content).digest())
    domain = get_domain(app.env)
    previous: Sources | None = domain.data["sources"]
    if previous is not None and previous.digest == digest.hexdigest():
        vocabulary, bibliography = previous.vocabulary, previous.bibliography
    else:
        try:
            vocabulary = parse_vocabulary(vocabulary_bytes.decode("utf-8"), str(vocabulary_path))
        except (UnicodeDecodeError, VocabularyError) as error:
            raise ConfigError(f"pprnet: cannot load the vocabulary: {error}") from None
        text, undecodable = decode(bibliography_bytes)
        bibliography = read_bibliography(text)
        if undecodable is not None:
            bibliography.problems.insert(0, undecodable)
    for problem in bibliography.problems:
        logger.warning(
            problem.message,
            type="pprnet",
            subtype=problem.subtype,
            location=f"{bibliography_path}:{problem.line}",
        )
    unreadable = (Subtype.BIB_SYNTAX, Subtype.ENCODING)
    if any(problem.subtype in unreadable for problem in bibliography.problems):
        withhold_broken_bibfile(app)
    domain.data["sources"] = Sources(
        vocabulary, vocabulary_path, bibliography, bibliography_path, digest.hexdigest()
    )


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ConfigError(f"pprnet: cannot read {what}: {error}") from None
