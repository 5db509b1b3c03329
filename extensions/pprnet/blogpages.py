"""What ablog's pages need from the archive: topic and type labels, month names, and page
titles that show labels rather than slugs. The escaping itself is in `_templates/ablog/`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import escape
from sphinx.application import Sphinx

from .domain import get_domain
from .records import Month
from .vocabulary import Vocabulary

# ablog's catalog names for the front-matter fields that hold our slugs.
TOPIC_CATALOG = "tags"
TYPE_CATALOG = "category"


def collection_label(vocabulary: Vocabulary, collection: Any) -> str:
    """The label of an ablog collection: a topic or type label for our slugs, else its name."""
    name = str(collection)
    catalog = getattr(getattr(collection, "catalog", None), "name", None)
    terms = {TOPIC_CATALOG: vocabulary.topics, TYPE_CATALOG: vocabulary.types}.get(str(catalog))
    if terms is not None and name in terms:
        return terms.label(name)
    return name


def month_label(date: dt.date | dt.datetime) -> str:
    return Month(date.year, date.month).label


def add_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    vocabulary = get_domain(app.env).sources.vocabulary

    def label(collection: Any) -> str:
        return collection_label(vocabulary, collection)

    context["pprnet_label"] = label
    context["pprnet_month"] = month_label
    if not templatename.startswith("ablog/"):
        return
    title = str(context.get("title", ""))
    collection = context.get("collection")
    if templatename == "ablog/collection.html" and collection is not None and "header" in context:
        title = f"{context['header']} {label(collection)}"
    # Themes print a page's title as HTML (a document's title is rendered markup, e.g. in the
    # breadcrumbs), while ablog passes the plain text of a tag or author: escape it here.
    context["title"] = escape(title)


def setup_blogpages(app: Sphinx) -> None:
    app.connect("html-page-context", add_context)
