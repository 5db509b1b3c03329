"""Mechanisms that exist only to make builds faster; each names what it saves."""
