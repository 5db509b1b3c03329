# A small archive without ablog: the extension alone, as the parallel and incremental tests need.

extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "pprnet"]
myst_enable_extensions = ["colon_fence"]
myst_disable_syntax = ["html_block", "html_inline"]
bibtex_bibfiles = ["references.bib"]
exclude_patterns = ["_build"]
