"""`pprnet import`: the old blog's pages into posts and references.bib entries."""
