"""Cite this summary: its APA citation, the summarised article as BibTeX and RIS files, and
`citation_*` meta tags for reference managers."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from pybtex.database import Person
from pybtex.richtext import HRef, Tag, Text
from pybtex_docutils import Backend
from sphinx.application import Sphinx

from .apa import format_authors
from .bibfile import BibEntry
from .domain import PPRNetDomain, get_domain
from .freshness import is_current
from .links import FILE, link, page_url
from .postpage import PostPageTransform
from .records import MONTH_NAMES, Post
from .ris import to_bibtex, to_ris

DOWNLOADS_DIR = "cite"


def download_path(key: str, suffix: str) -> str:
    return f"{DOWNLOADS_DIR}/{key.casefold()}.{suffix}"


def summary_citation(post: Post, blog_title: str, url: str | None) -> Text:
    """The APA 7 reference of a summary, as of a blog post of its month."""
    author = format_authors([Person(post.author)])
    title = post.title if post.title.endswith(("?", "!", ".")) else f"{post.title}."
    when = f"{post.date.year}, {MONTH_NAMES[post.date.month - 1]}"
    citation = Text(f"{author} ({when}). {title} ", Tag("em", blog_title), ".")
    return Text(citation, " ", HRef(url, url)) if url else citation


class CiteThisSummary(PostPageTransform):
    """The "Cite this summary" box at the end of a post, and its meta tags."""

    # See postpage.PostPage for the order in which the end of a post is built.
    default_priority = 3

    def add(self, domain: PPRNetDomain, post: Post, section: nodes.section) -> None:
        found = domain.sources.bibliography.get(post.reference) if post.reference else None
        section += self._box(post, found, page_url(self.config, post.docname))
        self.document += self._meta_tags(post, found)

    def _box(self, post: Post, found: BibEntry | None, url: str | None) -> nodes.Element:
        box = nodes.container(classes=["pprnet-cite-this", "no-search"])
        box += nodes.rubric("Cite this summary", "Cite this summary")
        citation = nodes.paragraph(classes=["pprnet-citation"])
        citation += summary_citation(post, self.config.pprnet_blog_title, url).render(Backend())
        box += citation
        if found is not None:
            downloads = nodes.paragraph(classes=["pprnet-downloads"])
            downloads += nodes.Text("The summarised article for your reference manager: ")
            downloads += link(FILE, download_path(found.key, "bib"), "BibTeX")
            downloads += nodes.Text(", ")
            downloads += link(FILE, download_path(found.key, "ris"), "RIS")
            downloads += nodes.Text(".")
            box += downloads
        return box

    def _meta_tags(self, post: Post, found: BibEntry | None) -> list[nodes.Element]:
        tags = {
            "citation_title": post.title,
            "citation_author": post.author,
            "citation_publication_date": post.date.strftime("%Y/%m/%d"),
            "citation_journal_title": self.config.pprnet_blog_title,
        }
        doi = found.entry.fields.get("doi") if found is not None else None
        if doi:
            tags["citation_doi"] = doi
        return [nodes.meta(name=name, content=content) for name, content in tags.items()]


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Write each summarised article's BibTeX and RIS files into the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    domain = get_domain(app.env)
    outdir = Path(app.outdir)
    keys = sorted({post.reference.casefold() for post in domain.archive.posts if post.reference})
    if is_current(app, DOWNLOADS_DIR, keys):
        return
    for key in keys:
        found = domain.sources.bibliography.get(key)
        if found is None:
            continue
        for suffix, text in (("bib", to_bibtex(found.entry)), ("ris", to_ris(found.entry))):
            path = outdir / download_path(found.key, suffix)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def setup_citethis(app: Sphinx) -> None:
    app.add_config_value("pprnet_blog_title", "PPRNet Blog", "env", types=[str])
    app.add_post_transform(CiteThisSummary)
    app.connect("build-finished", write_downloads)
