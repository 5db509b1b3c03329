"""An imported summary as the source of a post, in the layout of the archive's posts."""

from __future__ import annotations

import json
import re

from pprnet.cli.importer.legacy import Line, Summary

PLAIN_SCALAR_RE = re.compile(r"^[A-Za-z][\w .@+'’-]*$")
# A paragraph that Markdown would read as a block: heading, quote, list, rule, fence, table,
# MyST comment, target or block break. Its first character gets a backslash.
BLOCK_START_RE = re.compile(r"^(?:[#>+\-=:|%~]|\([^)]*\)=)")
ORDERED_ITEM_RE = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
INLINE_SPECIAL_RE = re.compile(r"[\\`*_\[\]{}]|<(?=[A-Za-z/!?])|&(?=#?\w+;)")


def author_contact(line: Line | None, reasons: list[str]) -> str | None:
    """The author's e-mail address; anything else on the line is reported, not dropped."""
    if line is None:
        return None
    addresses = re.findall(r"[^@\s,;<>\"&()]+@[^@\s,;<>\"&()]+\.[A-Za-z]{2,}", line.text)
    if not addresses:
        reasons.append(f"line {line.number}: author e-mail {line.text!r} is not an address")
        return None
    if len(addresses) > 1 or addresses[0] != line.text.strip().rstrip("."):
        reasons.append(f"line {line.number}: kept {addresses[0]} of {line.text!r}")
    return str(addresses[0])


def escape_markdown(text: str) -> str:
    """A paragraph as MyST reads it back: literal text, no markup, every character kept."""
    text = INLINE_SPECIAL_RE.sub(lambda match: "\\" + match.group(0), text)
    ordered = ORDERED_ITEM_RE.match(text)
    if ordered is not None:
        return f"{ordered[1]}\\{ordered[2]}{text[ordered.end() :]}"
    if BLOCK_START_RE.match(text):
        return "\\" + text
    return text


def _scalar(value: str) -> str:
    """A YAML scalar: plain when that reads back the same, else double-quoted."""
    return value if PLAIN_SCALAR_RE.match(value) and ": " not in value else json.dumps(value)


def render_post(
    summary: Summary,
    author: str,
    topics: tuple[str, ...],
    research_type: str,
    key: str | None,
    contact: str | None,
) -> str:
    """The post's source, in the layout of the archive's posts."""
    front = [
        "---",
        "blogpost: true",
        f"date: {summary.month.isoformat()}",
        f"author: {_scalar(author)}",
        f"tags: [{', '.join(topics)}]",
        f"category: {research_type}",
    ]
    if key:
        front.append(f"reference: {key}")
    if contact:
        front.append(f"contact: {_scalar(contact)}")
    lines = [*front, "---", "", f"# {escape_markdown(summary.title.text)}", ""]
    for paragraph in summary.body:
        lines += [escape_markdown(paragraph.text), ""]
    lines.append(":::{practice-implications}")
    for index, paragraph in enumerate(summary.implications):
        lines += ([""] if index else []) + [escape_markdown(paragraph.text)]
    lines += [":::", ""]
    return "\n".join(lines)
