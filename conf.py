"""Sphinx configuration of the PPRNet research archive."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "extensions"))

project = "PPRNet research archive"
author = "Psychotherapy Practice Research Network"
copyright = "2013-2026, Psychotherapy Practice Research Network"  # noqa: A001 (Sphinx name)

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "ablog",
    "pprnet",
]

exclude_patterns = [
    "_build",
    ".*",
    "**/.*",
    "README.md",
    "CONTRIBUTING.md",
    "tests",
    "benchmarks",
    "extensions",
]
templates_path = ["_templates"]
html_static_path = ["_static"]
# The print stylesheet turns a post into a handout (no navigation, no page furniture).
html_css_files = ["pprnet.css", ("pprnet-print.css", {"media": "print"})]
html_js_files = ["pprnet.js"]

# Contributor text never becomes markup: raw HTML in Markdown is shown as text.
myst_disable_syntax = ["html_block", "html_inline"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 2

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "pprnet-apa"  # APA 7 reference list (extensions/pprnet/model/apa.py)
bibtex_cite_id = "ref-{key}"  # stable anchors on the bibliography page
pprnet_bibliography_page = "bibliography"
# A missing cite key is reported once, with its line, by the archive's own check.
suppress_warnings = ["bibtex.key_not_found"]

# ablog: posts are the pages under posts/; dates are strict ISO; listings print titles only.
blog_title = project
blog_path = "blog"
blog_baseurl = os.environ.get("PPRNET_BASEURL", "https://pprnet.github.io/archive/")
blog_authors = {"Giorgio A. Tasca": ("Giorgio A. Tasca", None)}
blog_archive_titles = True
post_date_format = "%Y-%m-%d"
post_date_format_short = "%Y-%m-%d"
post_auto_excerpt = 1
post_show_prev_next = False  # the extension renders previous/next with labels it escapes
# ablog writes no feed: its <updated> is the build's wall-clock time and its entries are
# excerpts. The archive writes the feeds (extensions/pprnet/stages/render/feeds.py): the newest
# summaries in full at the URL ablog used, and one feed per topic at topics/<slug>.xml; each
# archived a year a document (RFC 5005) at blog/atom/<year>.xml and topics/<slug>/<year>.xml.
blog_feed_templates: dict[str, dict[str, str]] = {}
pprnet_feed_path = f"{blog_path}/atom.xml"
pprnet_feed_length = 50  # summaries per feed: more than a year of the blog
# The monthly newsletter (`make newsletter MONTH=YYYY-MM`): its footer's unsubscribe line, as
# text. Put the mailing list's merge tag in it (Mailchimp: *|UNSUB|*), which the list replaces.
pprnet_newsletter_footer = (
    "You receive this issue as a member of PPRNet. To stop receiving it, reply with the word"
    " unsubscribe."
)
# Furo: a theme made for reading (one column of text, system fonts, a light page), with dark mode
# and no flash of the wrong scheme. Chosen by measurement over pydata-sphinx-theme (README,
# "Architecture"): a post page weighs about 40 kB compressed in Furo against 254 kB.
html_theme = "furo"
html_title = project  # one site name everywhere: navigation bar, <title>, feeds, citations
html_favicon = "_static/favicon.svg"
# Canonical links, and (extensions/pprnet) feeds, sitemap.xml and each page's Open Graph card.
html_baseurl = blog_baseurl
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "top_of_page_buttons": [],  # no "edit this page": readers do not edit the archive
}
