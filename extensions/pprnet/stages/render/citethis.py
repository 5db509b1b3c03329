"""Cite this summary: its APA citation, the summarised article as BibTeX and RIS downloads, and
`citation_*` meta tags for reference managers."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from docutils import nodes
from pybtex.database import Person
from pybtex.richtext import HRef, Tag, Text
from pybtex_docutils import Backend
from sphinx.application import Sphinx

from pprnet.model.apa import format_authors
from pprnet.model.bibfile import BibEntry
from pprnet.model.records import MONTH_NAMES, Post
from pprnet.model.ris import to_ris
from pprnet.stages.domain import PPRNetDomain
from pprnet.stages.render.links import page_url
from pprnet.stages.render.postpage import ADDITIONS_PRIORITY, PostPageTransform

BIBTEX_TYPE = "application/x-bibtex"
RIS_TYPE = "application/x-research-info-systems"


class download(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils naming)
    """A link that downloads the file it carries (HTML); its text in other formats."""


def download_link(text: str, filename: str, media_type: str, content: str) -> download:
    """A link that downloads `content` as `filename`, the file carried in the link itself (a
    data: URL, which browsers download as a file when the link names one). Written as files,
    the two downloads of each summarised article were a build's most numerous outputs: 2,000
    files and about 1.4 s of a 1,000-post clean build, for files of a few hundred bytes."""
    href = f"data:{media_type};charset=utf-8,{quote(content, safe='')}"
    return download(text, text, href=href, filename=filename)


def _visit_download_html(self: Any, node: download) -> None:
    self.body.append(
        self.starttag(
            node, "a", "", CLASS="reference download", href=node["href"], download=node["filename"]
        )
    )


def _depart_download_html(self: Any, node: download) -> None:
    self.body.append("</a>")


def _text_only(self: Any, node: download) -> None:
    pass


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
    default_priority = ADDITIONS_PRIORITY + 2

    def add(self, domain: PPRNetDomain, post: Post, section: nodes.section) -> None:
        found = domain.sources.bibliography.get(post.reference) if post.reference else None
        section += self._box(post, found, page_url(self.config, post.docname))
        self.document += self._meta_tags(post, found)

    def _box(self, post: Post, found: BibEntry | None, url: str | None) -> nodes.Element:
        box = nodes.container(classes=["pprnet-cite-this", "no-search"])
        box += nodes.rubric("Cite this summary", "Cite this summary")
        citation = nodes.paragraph(classes=["pprnet-citation"])
        citation += summary_citation(post, self.config.project, url).render(Backend())
        box += citation
        if found is not None:
            downloads = nodes.paragraph(classes=["pprnet-downloads"])
            downloads += nodes.Text("The summarised article for your reference manager: ")
            name = found.key.casefold()
            # The entry as references.bib has it, for BibTeX; RIS made from it.
            downloads += download_link("BibTeX", f"{name}.bib", BIBTEX_TYPE, f"{found.source}\n")
            downloads += nodes.Text(", ")
            downloads += download_link("RIS", f"{name}.ris", RIS_TYPE, to_ris(found.entry))
            downloads += nodes.Text(".")
            box += downloads
        return box

    def _meta_tags(self, post: Post, found: BibEntry | None) -> list[nodes.Element]:
        tags = {
            "citation_title": post.title,
            "citation_author": post.author,
            "citation_publication_date": post.date.strftime("%Y/%m/%d"),
            "citation_journal_title": self.config.project,
        }
        doi = found.entry.fields.get("doi") if found is not None else None
        if doi:
            tags["citation_doi"] = doi
        return [nodes.meta(name=name, content=content) for name, content in tags.items()]


def setup_citethis(app: Sphinx) -> None:
    app.add_post_transform(CiteThisSummary)
    text_only = (_text_only, _text_only)
    app.add_node(
        download,
        html=(_visit_download_html, _depart_download_html),
        latex=text_only,
        text=text_only,
        man=text_only,
        texinfo=text_only,
    )
