"""Each page loads the stylesheets and scripts it uses (stages/render/assets.py), and the cut
of sphinx-design's stylesheet holds the rules of every sphinx-design class a page can carry."""

from __future__ import annotations

import re
from pathlib import Path

import sphinx_design
from bs4 import BeautifulSoup

from pprnet.stages.render.assets import DESIGN_CLASSES, cut_design_css
from support import ROOTS

EMPATHY = (ROOTS / "test-archive/posts/2021/05-empathy.md").read_text(encoding="utf-8")
COLOURS = ["primary", "secondary", "success", "info", "warning", "danger", "light", "muted",
           "dark", "white", "black"]  # fmt: skip
# Everything sphinx-design that a contributor may write in a post (model/contents.py).
DESIGN_POST = EMPATHY.replace(
    ":::{practice-implications}",
    "\n".join(
        [
            " ".join(f"{{bdg-{c}}}`{c}` {{bdg-{c}-line}}`{c} line`" for c in COLOURS),
            "",
            ":::{dropdown} More on empathy",
            "Empathy, measured by the client.",
            ":::",
            "",
            "::::{dropdown} Open by default",
            ":open:",
            "Read it here.",
            "::::",
            "",
            ":::{practice-implications}",
        ]
    ),
)


def design_classes(outdir: Path) -> set[str]:
    classes: set[str] = set()
    for page in outdir.rglob("*.html"):
        for element in BeautifulSoup(page.read_text("utf-8"), "html.parser").select("[class]"):
            classes.update(name for name in element["class"] if name.startswith("sd-"))
    return classes


def test_every_design_class_a_page_can_carry_keeps_its_rules(archive_variant) -> None:  # type: ignore[no-untyped-def]
    result = archive_variant({"posts/2021/05-empathy.md": DESIGN_POST})
    assert result.returncode == 0, result.stderr
    found = design_classes(result.outdir)
    assert {"sd-dropdown", "sd-bg-black", "sd-outline-white", "sd-badge"} <= found
    assert sorted(name for name in found if not DESIGN_CLASSES.fullmatch(name)) == []
    # Each class keeps its own rules, also where sphinx-design lists it with other selectors
    # (".sd-mb-3,.sd-my-3{...}", the grid's gutters, the dropdown's icons).
    full = (Path(sphinx_design.__file__).parent / "static/sphinx-design.min.css").read_text()
    cut = (result.outdir / "_static/pprnet-design.css").read_text(encoding="utf-8")
    for name in sorted(found):
        alone = re.compile(rf"(?:^|[{{}},\s])\.{re.escape(name)}(?=[,{{])")
        if alone.search(full):
            assert alone.search(cut), name
    post = BeautifulSoup(
        (result.outdir / "posts/2021/05-empathy.html").read_text("utf-8"), "html.parser"
    )
    links = [link["href"] for link in post.select('link[rel="stylesheet"]')]
    assert any("pprnet-design.css" in href for href in links)
    assert not any("sphinx-design.min.css" in href for href in links)


def test_the_cut_keeps_the_kept_selectors_of_each_rule_and_of_each_media_block() -> None:
    css = (
        ":root{--sd-color-primary:#0071bc}"
        ".sd-badge{display:inline-block}"
        ".sd-btn{cursor:pointer}"
        ".sd-card .sd-card-img{width:100%}"
        ".sd-card .sd-card-title{font-weight:700}"
        ".sd-mb-3,.sd-my-3{margin-bottom:1rem}"
        ".a:not(.sd-btn,.sd-x),.sd-btn{cursor:pointer}"
        "@media(min-width:768px){.sd-row-cols-md-2>*{width:50%}.sd-row-cols-md-3>*{width:33%}}"
        "@media(min-width:1200px){.sd-col-xl-3{width:25%}}"
        "@keyframes sd-fade-in{0%{opacity:0}to{opacity:1}}"
    )
    assert cut_design_css(css).splitlines() == [
        ":root{--sd-color-primary:#0071bc}",
        ".sd-badge{display:inline-block}",
        ".sd-card .sd-card-title{font-weight:700}",
        ".sd-mb-3{margin-bottom:1rem}",
        "@media(min-width:768px){.sd-row-cols-md-2>*{width:50%}}",
        "@keyframes sd-fade-in{0%{opacity:0}to{opacity:1}}",
    ]
