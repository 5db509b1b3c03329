"""What the archive is made of, as plain Python: no Sphinx import anywhere below."""
