"""sphinx-design's components still render when its steps run only on pages that have them."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx_design.aside import AsideHtmlTransform
from sphinx_design.dropdown import DropdownHtmlTransform
from sphinx_design.tabs import TabSetHtmlTransform

from pprnet.adapters.design import NEW_TAB, REPLACEMENTS, components_in
from support import ROOTS, BuildResult, sphinx_build

COMPONENTS_PAGE = """\
---
orphan: true
---
# Components

:::{dropdown} More about it
Hidden text.
:::

:::{aside} A note
Aside text.
:::

::::{tab-set}
:::{tab-item} One
First tab.
:::
:::{tab-item} Two
Second tab.
:::
::::

:::{card} A card
:link: https://example.org/
:link-new-tab:

Card text.
:::

:::{card} Another card
:link: https://example.org/other

Same tab.
:::
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    tmp = tmp_path_factory.mktemp("design")
    shutil.copytree(ROOTS / "test-archive", tmp / "src")
    (tmp / "src/components.md").write_text(COMPONENTS_PAGE, encoding="utf-8")
    return sphinx_build(tmp / "src", tmp / "out")


def page(built: BuildResult, name: str) -> BeautifulSoup:
    return BeautifulSoup((built.outdir / name).read_text(encoding="utf-8"), "html.parser")


def test_the_build_is_clean(built: BuildResult) -> None:
    assert (built.returncode, built.stderr) == (0, "")


def test_a_page_with_components_gets_their_html_form(built: BuildResult) -> None:
    html = page(built, "components.html")
    dropdown = html.select_one("details.sd-dropdown")
    assert dropdown is not None
    assert "More about it" in dropdown.select_one("summary").get_text()
    aside = html.select_one("aside")
    assert aside is not None
    assert "Aside text." in aside.get_text()
    assert aside["aria-labelledby"] == aside.select_one(".rubric, p")["id"]
    labels = [label.get_text(strip=True) for label in html.select(".sd-tab-set > label")]
    assert labels == ["One", "Two"]
    new_tab, same_tab = html.select("a.sd-stretched-link")
    assert (new_tab["target"], new_tab["rel"]) == ("_blank", ["noreferrer", "noopener"])
    assert "target" not in same_tab.attrs


def test_pages_without_components_are_left_as_they_are(built: BuildResult) -> None:
    html = page(built, "index.html")
    assert html.select("details, aside.sd-aside, .sd-tab-set") == []
    assert html.select("article a[target]") == []


@pytest.mark.sphinx("html", testroot="archive")
def test_the_registered_transforms_are_the_replacements(app: SphinxTestApp) -> None:
    registered = set(app.registry.get_post_transforms())
    assert set(REPLACEMENTS) == {DropdownHtmlTransform, AsideHtmlTransform, TabSetHtmlTransform}
    for original, replacement in REPLACEMENTS.items():
        assert replacement in registered and original not in registered
        assert issubclass(replacement, original)


def test_components_are_found_in_one_walk_and_remembered() -> None:
    document = nodes.document(None, None)  # type: ignore[arg-type]
    section = nodes.section()
    section += nodes.container(design_component="dropdown")
    section += nodes.container(**{NEW_TAB: True})
    document += section
    assert components_in(document) == {"dropdown", NEW_TAB}
    document += nodes.container(design_component="tab-set")
    assert components_in(document) == {"dropdown", NEW_TAB}  # found while resolving, once
    assert components_in(nodes.document(None, None)) == set()  # type: ignore[arg-type]
