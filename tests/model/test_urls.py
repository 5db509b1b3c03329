from __future__ import annotations

import pytest

from pprnet.model.urls import is_safe_url


@pytest.mark.parametrize(
    "target",
    ["https://doi.org/10.1037/pst0000172", "http://example.org", "mailto:a@example.org",
     "../topics/alliance.html", "#references", "bibliography.html#ref-x", ""],
)  # fmt: skip
def test_web_mail_and_relative_links_are_safe(target: str) -> None:
    assert is_safe_url(target)


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", " JavaScript:alert(1)", "java\\tscript:alert(1)", "java\\nscript:x",
     "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "file:///etc/passwd",
     "//evil.example/x"],
)  # fmt: skip
def test_script_data_file_and_protocol_relative_links_are_not(target: str) -> None:
    assert not is_safe_url(target.encode().decode("unicode_escape"))
