"""Say what of a pull request the strict build vouches for, and what needs a maintainer's
code review: reads changed paths (one per line) on stdin, writes a Markdown summary.

The build's guarantees (CONTRIBUTING, "What a post may contain") are for content: posts and
their images, references.bib, vocabulary.toml and the site's own Markdown pages. Anything else
(conf.py, extensions/, _templates/, _static/, workflows, the Makefile, pyproject.toml, this
script) changes what the build does, so no build of it can vouch for it.
"""

from __future__ import annotations

import re
import sys

CONTENT = re.compile(
    r"^(posts/.+\.(md|png|jpe?g|webp|gif|pdf)|references\.bib|vocabulary\.toml|"
    r"(?!README\.md$|CONTRIBUTING\.md$)[^/]+\.md)$"
)


def summary(paths: list[str]) -> str:
    code = sorted(path for path in paths if not CONTENT.match(path))
    content = len(paths) - len(code)
    lines = [f"**Content** ({content} file(s)): checked by the strict build and `pprnet check`."]
    if code:
        lines += [
            "",
            f"**Code or configuration** ({len(code)} file(s)): the build cannot vouch for these;",
            "they need a maintainer's code review before merging.",
            "",
            *(f"- `{path}`" for path in code),
        ]
    else:
        lines += ["", "No code or configuration changed."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    changed = [line.strip() for line in sys.stdin if line.strip()]
    sys.stdout.write(summary(changed))
