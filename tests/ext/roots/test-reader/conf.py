# The readers' aids without ablog: explorer, type index, feeds, related summaries, reading time.

extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "pprnet"]
myst_enable_extensions = ["colon_fence"]
myst_disable_syntax = ["html_block", "html_inline"]
exclude_patterns = ["_build"]

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "pprnet-apa"
bibtex_cite_id = "ref-{key}"
pprnet_bibliography_page = "bibliography"
suppress_warnings = ["bibtex.key_not_found"]

html_baseurl = "https://example.org/archive/"
project = "Test Blog"
