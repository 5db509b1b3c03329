"""The registry of warning subtypes and the table that explains them to contributors agree."""

from __future__ import annotations

import re

from pprnet.model.problems import Subtype
from support import PROJECT


def test_contributing_explains_every_subtype_and_no_other() -> None:
    text = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text[text.index("| subtype | what is wrong | where |") :].split("\n\n", 1)[0]
    documented = re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.MULTILINE)
    assert len(documented) == len(set(documented))
    assert sorted(documented) == sorted(Subtype)
