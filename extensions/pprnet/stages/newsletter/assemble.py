"""One month's issue assembled from the archive's records, with the nodes and links the pages
use: the home page's teaser, the badges' labels and links, the APA reference of each summarised
article. Every link is resolved as the HTML builder resolves it from the home page, then made
absolute from `html_baseurl`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import quote, urljoin

from docutils import nodes
from sphinx.builders import Builder

from pprnet.config import Settings
from pprnet.model.issue import Issue, Run, Summary, no_summaries, parse_month
from pprnet.model.records import Archive, Month, Post
from pprnet.model.urls import is_safe_url
from pprnet.stages.domain import FILE, POST, PPRNetDomain, get_domain
from pprnet.stages.render.feeds import absolute
from pprnet.stages.render.home import teaser_nodes
from pprnet.stages.render.links import (
    link,
    post_link,
    reference_paragraph,
    resolve_links,
    topic_badge,
    type_badge,
)

SEPARATOR = " · "
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # reserved characters, and existing percent escapes
# The ways into the archive after the summaries: the listing a page holds, and its link's text.
WAYS_IN = (
    ("month-archive", "Every month"),
    ("topic-index", "Topics"),
    ("type-index", "Types of research"),
)


class NewsletterError(Exception):
    """An issue that cannot be written, reported as the warning `pprnet.newsletter`."""


def issue_month(archive: Archive, value: str) -> Month:
    """The month asked for (the newest when none is), which must have summaries."""
    if not value:
        if archive.newest_month is None:
            raise NewsletterError("the archive has no summaries yet: there is no issue to write")
        return archive.newest_month
    try:
        month = parse_month(value)
    except ValueError as error:
        raise NewsletterError(f"pprnet_newsletter_month: {error}") from None
    if month not in archive.by_month:
        raise NewsletterError(no_summaries(month, archive.months))
    return month


class Links:
    """The archive's link nodes as runs of text, each link absolute on the published site."""

    def __init__(self, builder: Builder, base: str) -> None:
        self.builder = builder
        self.fromdoc: str = builder.config.root_doc
        self.home = absolute(base, builder.get_target_uri(self.fromdoc))

    def runs(self, content: Iterable[nodes.Node]) -> tuple[Run, ...]:
        holder = nodes.paragraph()
        holder.extend(node.deepcopy() for node in content)
        resolve_links(self.builder, self.fromdoc, holder)
        return tuple(run for run in self._runs(holder) if run.text)

    def _runs(self, element: nodes.Element) -> Iterator[Run]:
        for child in element.children:
            if isinstance(child, nodes.Text):
                yield Run(str(child))
            elif isinstance(child, nodes.reference):
                target = str(child.get("refuri", ""))
                # The site's own last line of defence, again: only http(s) and relative links.
                safe = target and is_safe_url(target) and not target.startswith("mailto:")
                yield Run(child.astext(), self.absolute(target) if safe else None)
            elif isinstance(child, nodes.emphasis):
                yield Run(child.astext(), emphasis=True)
            elif isinstance(child, nodes.Element):
                yield from self._runs(child)

    def absolute(self, target: str) -> str:
        """The address on the published site, with what a URL may not hold (quotes, angle
        brackets, spaces, letters beyond ASCII) percent-encoded, as browsers send it."""
        return quote(urljoin(self.home, target), safe=URL_SAFE)

    def page(self, docname: str, text: str) -> Run:
        if docname == self.fromdoc:  # links resolve from the home page: a link to itself is ""
            return Run(text, self.home)
        (run,) = self.runs([link(POST, docname, text)])
        return run


def joined(runs: Sequence[tuple[Run, ...]]) -> tuple[Run, ...]:
    together: list[Run] = []
    for index, part in enumerate(runs):
        if index:
            together.append(Run(SEPARATOR))
        together.extend(part)
    return tuple(together)


def summary(domain: PPRNetDomain, links: Links, post: Post) -> Summary:
    vocabulary = domain.sources.vocabulary
    (title,) = links.runs([post_link(post)])
    assert title.href is not None
    badges = [type_badge(post.research_type, vocabulary)]
    badges += [topic_badge(slug, vocabulary) for slug in post.topics]
    reference = reference_paragraph(post, domain.sources.bibliography)
    return Summary(
        title=post.title,
        url=title.href,
        labels=joined([links.runs([badge]) for badge in badges]),
        reference=links.runs([reference]) if reference is not None else (),
        bottom_line=post.bottom_line,
        implications=post.implications,
    )


def ways_in(domain: PPRNetDomain, links: Links, settings: Settings) -> tuple[Run, ...]:
    root = links.fromdoc
    ways: list[tuple[Run, ...]] = [(links.page(root, "The archive"),)]
    for listing, text in WAYS_IN:
        page = domain.listing_page(listing, root)
        if page is not None and page != root:
            ways.append((links.page(page, text),))
    ways.append(links.runs([link(FILE, settings.feed_path, "Atom feed")]))
    return joined(ways)


def assemble_issue(builder: Builder) -> Issue:
    """The issue of the configured month (`pprnet_newsletter_month`), or a NewsletterError."""
    config = builder.config
    base: str = config.html_baseurl
    if not base:
        raise NewsletterError(
            "the newsletter links to the published site: set html_baseurl in conf.py"
        )
    domain = get_domain(builder.env)
    archive = domain.archive
    settings = Settings.of(config)
    month = issue_month(archive, settings.newsletter_month)
    links = Links(builder, base)
    return Issue(
        site=config.project,
        site_url=links.home,
        month=month,
        teaser=links.runs(teaser_nodes(archive, month)),
        summaries=tuple(summary(domain, links, post) for post in archive.by_month[month]),
        links=ways_in(domain, links, settings),
        network=config.author,
        footer=settings.newsletter_footer,
        language=config.language or "en",
    )
