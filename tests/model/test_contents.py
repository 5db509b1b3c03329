"""What a page may contain, at every depth (model/contents.py)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest

from pprnet.model.contents import (
    LISTINGS,
    MAX_DEPTH,
    PAGE_RULES,
    POST_RULES,
)
from pprnet.model.files import Context
from pprnet.model.source import for_rendering, parse_post
from support import PROJECT

PNG = b"\x89PNG\r\n\x1a\n" + bytes(100)


def problems(text: str, context: Context | None = None, rules=POST_RULES) -> list[tuple]:  # type: ignore[no-untyped-def]
    found = parse_post(text, rules=rules, context=context).contents
    return [(f.problem.subtype, f.problem.line) for f in found]


# Each construct that is not allowed, at the top level: (Markdown, subtype).
NOT_ALLOWED = {
    "octicon role": ('{octicon}`alert;1em;x"onload="alert(1)`', "role"),
    "math role": (r"{math}`\href{javascript:alert(1)}{x}`", "role"),
    "download role": ("{download}`../../conf.py`", "role"),
    "link badge": ("{bdg-link-primary}`x <javascript:alert(1)>`", "role"),
    "eval-rst": ("```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0\n```", "directive"),
    "raw": ("```{raw} html\n<b>x</b>\n```", "directive"),
    "include": (":::{include} ../../conf.py\n:::", "directive"),
    "title": (":::{title} Another title\n:::", "directive"),
    "meta": (":::{meta}\n:http-equiv=refresh: 0\n:::", "directive"),
    "a class that hides": (":::{note}\n:class: d-none\nHidden.\n:::", "directive"),
    "an argument to a note's title line through a role": (":::{note} {octicon}`x`\n:::", "role"),
    "a dropdown icon": (":::{dropdown} Title\n:icon: alert\nBody.\n:::", "directive"),
    "a figure's link": (":::{figure} a.png\n:target: javascript:x\n:::", "directive"),
    "code block": ("```python\nx = 1\n```", "markup"),
    "indented code": ("    x = 1", "markup"),
    "target": ("(label)=", "markup"),
    "block break": ("+++", "markup"),
    "raw HTML": ("<script>alert(1)</script>", "raw-html"),
    "image going up": ("![x](../../../../etc/passwd.png)", "file"),
    "image of another site": ("![x](https://tracker.example/pixel.png)", "file"),
    "SVG image": ("![x](drawing.svg)", "file"),
    "link to a script": ("[x](page.html)", "file"),
    "link going up to a file": ("[x](../../conf.py)", "file"),
    "link to a folder": ("[x](../2019/)", "link"),
    "javascript image": ("![x](//evil.example/x.png)", "link"),
    "a second title": ("# Another title", "title"),
}


@pytest.mark.parametrize(("markdown", "subtype"), NOT_ALLOWED.values(), ids=NOT_ALLOWED.keys())
def test_what_is_not_allowed_is_reported_at_every_depth(markdown: str, subtype: str) -> None:
    top = f"# Title\n\nText.\n\n{markdown}\n"
    assert problems(top) == [(subtype, 5)]
    # Inside a note inside a dropdown, with the lines counted through both.
    nested = f"# Title\n\n:::::{{dropdown}} More\n:open:\n\n::::{{note}}\n{markdown}\n::::\n:::::\n"
    if subtype == "title":
        pytest.skip("a heading inside a directive is docutils' error, not ours")
    assert problems(nested) == [(subtype, 7)]


ALLOWED = """# Title

Text with *emphasis*, **strong**, `code`, [a link](https://example.org),
[mail](mailto:a@example.org), [a post](../2019/05-other.md), a footnote[^1],
{cite:p}`key` and {bdg-primary}`badge` {bdg-info-line}`line`.

## A section

- a list
1. numbered

> quoted

| a | b |
|---|---|
| 1 | 2 |

---

% a comment

![A figure](figure.png)

:::{figure} /_static/shared.png
:alt: Shared
:width: 50%

The caption.
:::

::::{dropdown} More
:open:

:::{tip}
Nested *text*.
:::
::::

:::{practice-implications}
Done.
:::

[^1]: The note.
"""


def test_what_is_allowed_passes(tmp_path: Path) -> None:
    (tmp_path / "posts" / "2020").mkdir(parents=True)
    (tmp_path / "posts" / "2020" / "figure.png").write_bytes(PNG)
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "shared.png").write_bytes(PNG)
    assert problems(ALLOWED, Context(tmp_path, PurePosixPath("posts/2020"))) == []


def test_a_line_is_counted_through_soft_breaks_options_and_nesting() -> None:
    text = "# T\n\n::::{note}\n\n:::{tip}\nOne\ntwo {octicon}`x`\n:::\n::::\n"
    assert problems(text) == [("role", 7)]
    text = "# T\n\n:::{dropdown} Title\n:open:\n\nOne\ntwo {octicon}`x`\n:::\n"
    assert problems(text) == [("role", 7)]


def test_practice_implications_inside_another_block_is_reported() -> None:
    text = "# T\n\n::::{note}\n:::{practice-implications}\nHidden.\n:::\n::::\n"
    assert problems(text) == [("practice-implications", 4)]
    listed = "# T\n\n- item\n\n  :::{practice-implications}\n  In a list.\n  :::\n"
    assert problems(listed) == [("practice-implications", 5)]


def test_nesting_deeper_than_the_limit_is_reported_once_and_not_walked_further() -> None:
    levels = 120
    opening = "".join(":" * (levels + 3 - i) + "{note}\n" for i in range(levels))
    closing = "".join(":" * (4 + i) + "\n" for i in range(levels))
    text = f"# T\n\n{opening}Deep.\n{closing}"
    assert problems(text) == [("directive", 3 + MAX_DEPTH)]


def test_a_block_with_a_problem_is_not_rendered_and_the_rest_is() -> None:
    text = "# T\n\nKept.\n\n::::{note}\n```{eval-rst}\n.. raw:: html\n```\n::::\n\nAlso kept.\n"
    post = parse_post(text)
    shown = for_rendering(post.tokens, as_text=(), dropped={f.block for f in post.contents})
    contents = [token.content for token in shown if token.type in ("inline", "colon_fence")]
    assert contents == ["T", "Kept.", "Also kept."]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("missing.png", None, "no such file"),
        ("big.png", PNG + bytes(1_000_001), "over the limit"),
        ("page.png", b"<svg onload=alert(1)>", "not what its name says"),
        ("link.png", "symlink", "no such file"),
    ],
)
def test_a_file_must_exist_be_small_be_what_it_says_and_not_be_a_link(
    tmp_path: Path, name: str, content: bytes | str | None, words: str
) -> None:
    folder = tmp_path / "posts" / "2020"
    folder.mkdir(parents=True)
    if content == "symlink":
        (tmp_path / "secret.png").write_bytes(PNG)
        (folder / name).symlink_to(tmp_path / "secret.png")
    elif isinstance(content, bytes):
        (folder / name).write_bytes(content)
    text = f"# T\n\n![x]({name})\n"
    found = parse_post(text, context=Context(tmp_path, PurePosixPath("posts/2020"))).contents
    assert [(f.problem.subtype, f.problem.line) for f in found] == [("file", 3)]
    assert words in found[0].problem.message


def test_a_link_to_a_page_stays_among_the_site_pages(tmp_path: Path) -> None:
    context = Context(tmp_path, PurePosixPath("posts/2020"))
    assert problems("# T\n\n[x](../../index.md)\n", context) == []
    assert problems("# T\n\n[x](../../../outside.md)\n", context) == [("link", 3)]


def test_the_site_pages_may_use_the_listings_but_no_raw_html() -> None:
    page = "# Home\n\n:::{this-month}\n:::\n\n```{toctree}\n:hidden:\n\ntopics\n```\n"
    assert problems(page, rules=PAGE_RULES) == []
    assert problems(page) == [("directive", 3), ("directive", 6)]
    assert problems("# Home\n\n<script>x</script>\n", rules=PAGE_RULES) == [("raw-html", 3)]
    assert problems("# Home\n\n:::{bibliography} ../../x.bib\n:::\n", rules=PAGE_RULES) == [
        ("directive", 3)
    ]


def test_contributing_lists_exactly_the_allowed_directives() -> None:
    text = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text[text.index("## What a post may contain") :].split("\n## ", 1)[0]
    directives = section[section.index("**Directives**") : section.index("**Files**")]
    assert set(re.findall(r"`\{([a-z-]+)\}`", directives)) == set(POST_RULES.directives)
    pages = section[section.index("The site's own pages") :]
    extra = set(PAGE_RULES.directives) - set(POST_RULES.directives)
    assert set(re.findall(r"`\{([a-z-]+)\}`", pages)) == extra
    assert f"at most {MAX_DEPTH} deep" in directives
    assert LISTINGS < extra
