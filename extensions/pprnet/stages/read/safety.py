"""No page links anywhere but the web, e-mail and the site itself (a last line of defence behind
the allow-list), and no page shows an e-mail address as one: for every document."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from pprnet.adapters.myst import PARSED_POST
from pprnet.model.addresses import ADDRESS_RE, spoken
from pprnet.model.problems import Subtype
from pprnet.model.source import ParsedPost
from pprnet.model.urls import is_safe_url

logger = logging.getLogger(__name__)


class SafeLinks(SphinxTransform):
    """Warn about and unlink every reference or image whose target is not http(s), mailto or
    relative (javascript:, data:, vbscript: ...)."""

    # After docutils has resolved named and anonymous hyperlink targets (priority 640-660),
    # so that every reference carries its final refuri.
    default_priority = 700

    def apply(self) -> None:
        for node in list(self.document.findall(nodes.reference)):
            target = node.get("refuri")
            if target is not None and not is_safe_url(target):
                self._report(node, target)
                node.replace_self(nodes.inline(node.astext(), node.astext()))
        for image in list(self.document.findall(nodes.image)):
            if not is_safe_url(image.get("uri", "")):
                self._report(image, image["uri"])
                image.parent.remove(image)

    def _report(self, node: nodes.Element, target: str) -> None:
        logger.warning(
            f"link target {target!r} is not an http(s), mailto or relative link; it is removed",
            type="pprnet",
            subtype=Subtype.LINK,
            location=node,
        )


def address_node(address: str) -> nodes.inline:
    """An address as words, which the page's script makes a link again (model/addresses.py)."""
    words = spoken(address)
    return nodes.inline(words, words, classes=["pprnet-email"])


class HideAddresses(SphinxTransform):
    """Write every e-mail address of a page as words: `mailto:` links and addresses in text,
    before the post's record takes its text for feeds, search and the explorer."""

    default_priority = 710  # after SafeLinks, before the post's record (collect.py, 790)

    def apply(self) -> None:
        # Every address has an '@' in the page's source; most pages have none to walk for.
        parsed: ParsedPost | None = self.env.current_document.get(PARSED_POST)
        if parsed is not None and "@" not in parsed.text:
            return
        for node in list(self.document.findall(nodes.reference)):
            target = str(node.get("refuri", ""))
            if target.lower().startswith("mailto:"):
                address = target[len("mailto:") :].partition("?")[0]
                replacement: list[nodes.Node] = [address_node(address)]
                text = node.astext()
                if text and not ADDRESS_RE.fullmatch(text):
                    replacement = [nodes.Text(f"{text} ("), *replacement, nodes.Text(")")]
                node.replace_self(replacement)
        for text in list(self.document.findall(nodes.Text)):
            if "@" in text and ADDRESS_RE.search(text) and text.parent is not None:
                text.parent.replace(text, list(self._split(str(text))))

    @staticmethod
    def _split(text: str) -> list[nodes.Node]:
        parts: list[nodes.Node] = []
        position = 0
        for match in ADDRESS_RE.finditer(text):
            parts += [nodes.Text(text[position : match.start()]), address_node(match.group())]
            position = match.end()
        return [*parts, nodes.Text(text[position:])]


def setup_safety(app: Sphinx) -> None:
    app.add_transform(SafeLinks)
    app.add_transform(HideAddresses)
