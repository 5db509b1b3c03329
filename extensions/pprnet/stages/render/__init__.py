"""Rendering: the post page, the listings, the bibliography and the feeds, from the archive."""
