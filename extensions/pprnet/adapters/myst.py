"""MyST-Parser, adapted so that each post is parsed once: the tokens MyST renders, and its
front matter read once, are handed to the archive's checks (`stages/read/collect.py`).

For a post, `PostParser.parse` does what `MystParser.parse` does (`create_md_parser`, then
markdown-it's parse and MyST's renderer; checked against myst-parser 5.2.0, the only release
the allowed range holds), with three changes:

- the Markdown is parsed with raw HTML recognised, so that the checks can report it, and is
  rendered with it turned back into text, as the site's `myst_disable_syntax` shows it;
- the front matter is read once, by the archive's YAML loader (dates kept as written), and
  given to MyST's renderer as a mapping, which it accepts in place of the YAML text;
- a post's front matter cannot change the Markdown rules (MyST's file-level `myst:` key; the
  checks report the field as unknown).

Other documents are parsed by MyST unchanged. Private access: none (`MystParser`,
`SphinxRenderer`, `create_md_parser` and markdown-it's `parse` are public).
"""

from __future__ import annotations

from docutils import nodes
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx
from sphinx.config import Config

from pprnet.config import Settings
from pprnet.model.source import HTML_SYNTAX, for_rendering, markdown_parser, parse_post

# Where the parser leaves a post's parse for the read stage (`stages/read/collect.py`).
PARSED_POST = "pprnet_parsed_post"


class PostParser(MystParser):
    """MyST's parser, which also hands each post's parse to the archive."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        if not Settings.of(env.config).is_post(env.current_document.docname):
            super().parse(inputstring, document)
            return
        config = env.myst_config
        parser = markdown_parser(config, SphinxRenderer)
        parser.options["document"] = document
        post = parse_post(inputstring, parser)
        env.current_document[PARSED_POST] = post
        # What the site does not parse as HTML is rendered as text, here and in the Markdown
        # that MyST parses while rendering (the content of directives).
        hidden = [name for name in HTML_SYNTAX if name in config.disable_syntax]
        parser.disable(hidden)
        tokens = for_rendering(post.tokens, as_text=hidden)
        if post.front is not None and isinstance(post.front.data, dict):
            tokens[0] = tokens[0].copy(content=post.front.data)
        parser.renderer.render(tokens, parser.options, post.env)


def parse_posts_once(app: Sphinx, config: Config) -> None:
    # At config-inited every extension of conf.py is loaded, MyST's parser among them.
    if "myst_parser" in app.extensions:
        app.add_source_parser(PostParser, override=True)


def setup_myst(app: Sphinx) -> None:
    app.connect("config-inited", parse_posts_once)
