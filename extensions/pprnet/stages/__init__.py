"""The Sphinx extension, a folder per stage of the data: read, derive, render (merge: domain)."""
