"""`sitemap.xml`: the address of every page, for search engines (sitemaps.org protocol 0.9).

Written here rather than by sphinx-sitemap, which lists the pages written by the current build:
after an incremental build (every `make serve` rebuild, a `make html` over an earlier one) its
sitemap held the three pages just rewritten instead of all 29. This one lists every document
and every topic and type page, in a stable order, each post dated by its front matter.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sphinx.application import Sphinx

from pprnet.stages.domain import get_domain
from pprnet.stages.render.feeds import absolute, feeds_written
from pprnet.stages.render.topics import collections

SITEMAP = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def build_sitemap(app: Sphinx) -> ET.Element:
    """The `<urlset>` of every page the build publishes, sorted by page name."""
    posts = get_domain(app.env).archive.by_docname
    pagenames = set(app.env.found_docs) | {page for page, _, _ in collections(app.env)}
    root = ET.Element("urlset", xmlns=NAMESPACE)
    for pagename in sorted(pagenames):
        url = ET.SubElement(root, "url")
        address = absolute(app.config.html_baseurl, app.builder.get_target_uri(pagename))
        ET.SubElement(url, "loc").text = address
        if pagename in posts:
            ET.SubElement(url, "lastmod").text = posts[pagename].date.isoformat()
    ET.indent(root)
    return root


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    # Written on every build: about 100 bytes a page, a few milliseconds at 1,000 posts.
    if exception is None and feeds_written(app):
        path = Path(app.outdir) / SITEMAP
        ET.ElementTree(build_sitemap(app)).write(path, encoding="utf-8", xml_declaration=True)


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
