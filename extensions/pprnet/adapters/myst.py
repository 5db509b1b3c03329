"""MyST-Parser, adapted so that each page is parsed once and checked before it is rendered:
the tokens MyST renders, and the front matter read once, are handed to the archive's checks
(`stages/read/collect.py`, `stages/read/pages.py`).

`PostParser.parse` does what `MystParser.parse` does (`create_md_parser`, then markdown-it's
parse and MyST's renderer; checked against myst-parser 5.2.0, the only release the allowed
range holds), with four changes:

- the page is checked against its allow-list (`model/contents.py`: a post's, or the wider one
  of the site's own pages) at every depth, and a top-level block with anything not allowed is
  not rendered at all (the check's warning fails the build);
- the Markdown is parsed with raw HTML recognised, so that the checks can report it, and is
  rendered with it turned back into text, as the site's `myst_disable_syntax` shows it;
- the front matter is read once, by the archive's YAML loader (dates kept as written), and
  given to MyST's renderer as a mapping, which it accepts in place of the YAML text;
- no page's front matter can change the Markdown rules (MyST's file-level `myst:` key; the
  checks report it).

Private access: none (`MystParser`, `SphinxRenderer`, `create_md_parser`, MyST's
`parse_directive_text` and markdown-it's `parse` are public).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from docutils import nodes
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx
from sphinx.config import Config

from pprnet.config import Settings
from pprnet.model.contents import PAGE_RULES, POST_RULES, unrendered
from pprnet.model.files import Context
from pprnet.model.source import HTML_SYNTAX, for_rendering, markdown_parser, parse_post

# Where the parser leaves a post's parse for the read stage (`stages/read/collect.py`).
PARSED_POST = "pprnet_parsed_post"


class PostParser(MystParser):
    """MyST's parser, which also checks each page against its allow-list and hands the parse
    to the archive."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        docname = env.current_document.docname
        rules = POST_RULES if Settings.of(env.config).is_post(docname) else PAGE_RULES
        config = env.myst_config
        parser = markdown_parser(config, SphinxRenderer)
        parser.options["document"] = document
        context = Context(Path(env.srcdir), PurePosixPath(docname).parent)
        post = parse_post(inputstring, parser, rules, context)
        env.current_document[PARSED_POST] = post
        # What the site does not parse as HTML is rendered as text, here and in the Markdown
        # that MyST parses while rendering (the content of directives).
        hidden = [name for name in HTML_SYNTAX if name in config.disable_syntax]
        parser.disable(hidden)
        tokens = for_rendering(post.tokens, as_text=hidden, dropped=unrendered(post.contents))
        if post.front is not None and tokens and tokens[0].type == "front_matter":
            data = post.front.data if isinstance(post.front.data, dict) else {}
            tokens[0] = tokens[0].copy(content=data)
        parser.renderer.render(tokens, parser.options, post.env)


def parse_posts_once(app: Sphinx, config: Config) -> None:
    # At config-inited every extension of conf.py is loaded, MyST's parser among them.
    if "myst_parser" in app.extensions:
        app.add_source_parser(PostParser, override=True)


def setup_myst(app: Sphinx) -> None:
    app.connect("config-inited", parse_posts_once)
