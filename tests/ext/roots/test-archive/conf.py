# A small archive without ablog: the extension alone, as the parallel and incremental tests need.

project = "PPRNet Blog"  # the site's name, as summaries are cited and feeds are titled
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "pprnet"]
myst_enable_extensions = ["colon_fence"]
myst_disable_syntax = ["html_block", "html_inline"]
exclude_patterns = ["_build"]

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "pprnet-apa"
bibtex_cite_id = "ref-{key}"
pprnet_bibliography_page = "bibliography"
suppress_warnings = ["bibtex.key_not_found"]
html_copy_source = False  # as the site: the published tree holds no sources
