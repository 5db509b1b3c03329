"""The collector's settings for a build (extensions/pprnet/memory.py)."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

import pytest
from sphinx.testing.util import SphinxTestApp

from support import PROJECT

SCRIPT = textwrap.dedent("""
    import gc, sys
    sys.path.insert(0, {extensions!r})
    from pprnet.speed.memory import MIDDLE_THRESHOLD, YOUNG_THRESHOLD, set_up_collector

    class Cycle:
        def __init__(self):
            self.me = self
        def __del__(self):
            print("freed", flush=True)

    print(gc.get_threshold()[:2] == (700, 10), flush=True)
    set_up_collector()
    print(gc.get_threshold()[:2] == (YOUNG_THRESHOLD, MIDDLE_THRESHOLD), flush=True)
    cycle = Cycle()
    del cycle
    print("exit", flush=True)
""")


def run(script: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.split()


def test_young_and_middle_objects_are_collected_less_often_and_nothing_at_exit() -> None:
    script = SCRIPT.format(extensions=str(PROJECT / "extensions"))
    assert run(script) == ["True", "True", "exit"]
    # The same garbage without the settings is freed by the last collection at exit.
    assert run(script.replace("set_up_collector()", "")) == ["True", "False", "exit", "freed"]


# A fresh environment: other tests may have built this root already, leaving nothing to write.
@pytest.mark.sphinx("html", testroot="archive", freshenv=True)
def test_what_was_read_is_frozen_while_pages_are_written(app: SphinxTestApp) -> None:
    frozen_while_writing: list[int] = []
    app.connect("doctree-resolved", lambda *_: frozen_while_writing.append(gc.get_freeze_count()))
    app.build()
    assert frozen_while_writing and min(frozen_while_writing) > 0
    assert gc.get_freeze_count() == 0, "unfrozen when the build finished"
