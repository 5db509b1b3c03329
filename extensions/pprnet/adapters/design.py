"""sphinx-design, without searching every page for components the page does not have.

sphinx-design turns dropdowns, asides and tab sets into their HTML form with three
post-transforms, each walking the whole of every page with a Python condition, and walks every
page a fourth time when it is resolved, for links that open in a new tab. The archive's pages
have cards, grids and badges, and at 1,000 posts the four walks took about 0.7 s of a clean
build. Here one walk per page notes what it has (`components_in`), and each of those four steps
runs only on the pages that have its component: contributors can still use every component,
and a page with a dropdown gets sphinx-design's own transform. No upstream issue found; remove
when sphinx-design looks its components up by node class or skips pages without them.
`tests/ext/adapters/test_design.py` tests it.

Checked against sphinx-design 0.8.0, the only release the allowed range holds, and Sphinx 9.0
(`make versions` builds the lowest and the latest allowed versions). Private accesses:
sphinx-design's `_resolve_new_tab_refs`, Sphinx's `app.registry.post_transforms` (no call
replaces a registered post-transform) and `app.events.listeners` (to find the handler).
"""

from __future__ import annotations

from typing import Any, ClassVar
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.aside import AsideHtmlTransform
from sphinx_design.dropdown import DropdownHtmlTransform
from sphinx_design.extension import _resolve_new_tab_refs
from sphinx_design.tabs import TabSetHtmlTransform

# What sphinx-design marks a container whose links open in a new tab with (cards, buttons).
NEW_TAB = "sd_new_tab"

_found: WeakKeyDictionary[nodes.document, frozenset[str]] = WeakKeyDictionary()


def components_in(document: nodes.document) -> frozenset[str]:
    """The sphinx-design components of a page, and NEW_TAB if it has links to open in a new
    tab; found in one walk, the first time a step asks, while the page is being resolved."""
    found = _found.get(document)
    if found is None:
        names: set[str] = set()
        for node in document.findall(nodes.Element):
            name = node.get("design_component")
            if name:
                names.add(name)
            if node.get(NEW_TAB):
                names.add(NEW_TAB)
        found = _found[document] = frozenset(names)
    return found


class OnlyWhereFound(SphinxPostTransform):
    """Run sphinx-design's transform (the next class in the method order) on pages that have
    its component only."""

    component: ClassVar[str]

    def run(self, **kwargs: Any) -> None:
        if self.component in components_in(self.document):
            super().run(**kwargs)


class Dropdowns(OnlyWhereFound, DropdownHtmlTransform):
    component = "dropdown"


class Asides(OnlyWhereFound, AsideHtmlTransform):
    component = "aside"


class TabSets(OnlyWhereFound, TabSetHtmlTransform):
    component = "tab-set"


REPLACEMENTS: dict[type[Transform], type[Transform]] = {
    DropdownHtmlTransform: Dropdowns,
    AsideHtmlTransform: Asides,
    TabSetHtmlTransform: TabSets,
}


def resolve_new_tab_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if NEW_TAB in components_in(doctree):
        _resolve_new_tab_refs(app, doctree, docname)


def work_around_design(app: Sphinx, config: Config) -> None:
    # At config-inited every extension of conf.py is loaded. Sphinx has no call to replace a
    # registered post-transform, hence the registry's list.
    if "sphinx_design" not in app.extensions:
        return
    transforms = app.registry.post_transforms
    transforms[:] = [REPLACEMENTS.get(transform, transform) for transform in transforms]
    for listener in list(app.events.listeners.get("doctree-resolved", ())):
        if listener.handler is _resolve_new_tab_refs:
            app.disconnect(listener.id)
            app.connect("doctree-resolved", resolve_new_tab_links, priority=listener.priority)


def setup_design(app: Sphinx) -> None:
    app.connect("config-inited", work_around_design)
