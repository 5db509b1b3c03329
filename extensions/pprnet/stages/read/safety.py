"""No page links anywhere but the web, e-mail and the site itself: a last line of defence
behind the post checks, for every document (posts, pages, reStructuredText in `{eval-rst}`)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from pprnet.model.problems import Subtype
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


def setup_safety(app: Sphinx) -> None:
    app.add_transform(SafeLinks)
