"""Imports follow the data: the layers of `extensions/pprnet/` import only the layers before them.

model  <-  adapters  <-  stages (read <- domain <- derive <- render <- newsletter)  <-  speed;
cli uses model.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import PROJECT

PACKAGE = PROJECT / "extensions" / "pprnet"

# For each layer (a module path prefix), the prefixes of `pprnet` it must not import.
FORBIDDEN = {
    "pprnet.model": ("pprnet.config", "pprnet.adapters", "pprnet.stages", "pprnet.speed",
                     "pprnet.cli"),
    "pprnet.config": ("pprnet.model", "pprnet.adapters", "pprnet.stages", "pprnet.speed",
                      "pprnet.cli"),
    "pprnet.adapters": ("pprnet.stages", "pprnet.speed", "pprnet.cli"),
    "pprnet.stages.read": ("pprnet.stages.derive", "pprnet.stages.render", "pprnet.speed",
                           "pprnet.cli"),
    "pprnet.stages.domain": ("pprnet.stages.read", "pprnet.stages.derive",
                             "pprnet.stages.render", "pprnet.speed", "pprnet.cli"),
    "pprnet.stages.derive": ("pprnet.stages.render", "pprnet.speed", "pprnet.cli"),
    "pprnet.stages.render": ("pprnet.stages.newsletter", "pprnet.cli"),
    "pprnet.stages.newsletter": ("pprnet.speed", "pprnet.cli"),
    "pprnet.speed": ("pprnet.stages.read", "pprnet.stages.render", "pprnet.cli"),
    "pprnet.cli": ("pprnet.adapters", "pprnet.stages", "pprnet.speed"),
}  # fmt: skip
# Code that must run without Sphinx: the model, the configuration's declaration, the command line.
WITHOUT_SPHINX = ("pprnet.model", "pprnet.config", "pprnet.cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, typing_only: bool = True) -> set[str]:
    """The modules a file imports, at its top level or in functions; without the imports for
    type checking only (`if TYPE_CHECKING:`) unless `typing_only`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if not typing_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
                node.body = []
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = [
        name
        for name in map(module_name, MODULES)
        if name != "pprnet" and not name.startswith(tuple(FORBIDDEN))
        and name not in ("pprnet.stages", "pprnet.cli.__main__")
    ]  # fmt: skip
    assert unplaced == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_imports_follow_the_layers(path: Path) -> None:
    name = module_name(path)
    layer = next((prefix for prefix in FORBIDDEN if name.startswith(prefix)), None)
    names = imported(path)
    assert not any(n.startswith(".") for n in names)
    if layer is not None:
        against = sorted(n for n in names if n.startswith(FORBIDDEN[layer]))
        assert against == [], f"{name} imports {against} against the flow"
    if name.startswith(WITHOUT_SPHINX):
        running = imported(path, typing_only=False)
        assert not [n for n in running if n == "sphinx" or n.startswith("sphinx.")]
