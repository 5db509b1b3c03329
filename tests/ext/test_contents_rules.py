"""The allow-list's picture of each directive is the directive's own (model/contents.py): MyST
splits a directive's text by what its class declares, and so must the check."""

from __future__ import annotations

import pytest
from docutils import frontend
from docutils.parsers import rst
from docutils.parsers.rst import directives, languages
from docutils.utils import new_document
from sphinx.testing.util import SphinxTestApp

from pprnet.model.contents import LISTINGS, PAGE_RULES
from pprnet.stages.render.listing import ListingDirective


@pytest.mark.sphinx("html", testroot="archive")
def test_each_allowed_directive_is_split_as_its_class_declares(app: SphinxTestApp) -> None:
    document = new_document("test", frontend.get_default_settings(rst.Parser))
    for name, shape in PAGE_RULES.directives.items():
        found, _ = directives.directive(name, languages.get_language("en"), document)
        assert found is not None, name
        arguments = (found.required_arguments, found.optional_arguments)
        assert arguments == (shape.required, shape.optional), name
        assert bool(found.option_spec) == shape.takes_options, name
        assert shape.options <= set(found.option_spec or ()), name


def test_the_listings_are_every_listing_directive() -> None:
    names = {cls.listing for cls in _subclasses(ListingDirective)}
    assert names == LISTINGS


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found
