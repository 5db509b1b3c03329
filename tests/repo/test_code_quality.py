"""The house style is checked, not hoped for: ruff on everything, mypy strict on the extension."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import PROJECT


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"]],
    ids=["ruff check", "ruff format", "mypy strict"],
)
def test_code_passes(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *command], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
