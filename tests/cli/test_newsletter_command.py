"""`pprnet newsletter YYYY-MM`: the month's issue in `_build/newsletter/`, through the build."""

from __future__ import annotations

import email
import shutil
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from support import NEWSLETTER_BASE, ROOTS, pprnet


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The test archive, published at an address (the newsletter's links start from it)."""
    root = tmp_path / "archive"
    shutil.copytree(ROOTS / "test-archive", root)
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f'\nhtml_baseurl = "{NEWSLETTER_BASE}"\n')
        conf.write('pprnet_newsletter_footer = "Unsubscribe: *|UNSUB|*"\n')
    return root


def test_writes_the_month_s_three_files(archive: Path) -> None:
    done = pprnet("newsletter", "2021-05", cwd=archive / "posts")  # from any folder inside
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "_build/newsletter/2021-05.html",
        "_build/newsletter/2021-05.txt",
        "_build/newsletter/2021-05.eml",
    ]
    output = archive / "_build/newsletter"
    assert sorted(path.name for path in output.iterdir()) == [
        "2021-05.eml",
        "2021-05.html",
        "2021-05.txt",
    ]
    message = email.message_from_bytes((output / "2021-05.eml").read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == "PPRNet Blog: May 2021"
    assert "Unsubscribe: *|UNSUB|*" in (output / "2021-05.txt").read_text(encoding="utf-8")
    # The HTML build's state is left alone: the newsletter keeps its own.
    assert (archive / "_build/doctrees-newsletter").is_dir()
    assert sorted(path.name for path in (archive / "_build").iterdir()) == [
        "doctrees-newsletter",
        "newsletter",
    ]


def test_a_month_without_summaries_writes_nothing_and_names_the_others(archive: Path) -> None:
    assert pprnet("newsletter", "2021-05", cwd=archive).returncode == 0
    before = sorted((archive / "_build/newsletter").iterdir())
    done = pprnet("newsletter", "2019-07", cwd=archive)
    assert done.returncode == 1
    assert "the months that have some: 2021-05, 2020-03" in done.stderr
    assert done.stderr.endswith("pprnet newsletter: the build failed; nothing was written\n")
    assert "Traceback" not in done.stderr
    assert sorted((archive / "_build/newsletter").iterdir()) == before
    assert [p.name for p in (archive / "_build").iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("month", ["2021-5", "May 2021", "2021-13"])
def test_a_month_not_written_yyyy_mm_is_a_usage_error(archive: Path, month: str) -> None:
    done = pprnet("newsletter", month, cwd=archive)
    assert done.returncode == 2
    assert "write it YYYY-MM, as in 2018-01" in done.stderr
    assert not (archive / "_build").exists()


def test_outside_an_archive_it_says_so(tmp_path: Path) -> None:
    done = pprnet("newsletter", "2021-05", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("pprnet newsletter: no archive (a folder with conf.py)")
