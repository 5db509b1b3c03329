"""One module per dependency the archive adapts, each naming its upstream issues and versions."""
