"""Saved web pages as seeds: the article's main text and its metadata, nothing else.

A page saved from a news site is mostly not the article: menus, "most read" lists,
advertisements, footers, each naming places that must never reach the map. trafilatura
finds the main text (it scores the page's blocks by text density and markup, then falls
back to jusText and readability-style heuristics) and reads the title, date, site name
and address from the page's metadata (Open Graph, JSON-LD, <meta>, <link rel=canonical>).
Why a library: that is years of work against real sites, kept up by its authors
(trafilatura is used by the web-corpus and LLM-data communities and is well maintained);
a few XPath rules of our own would keep letting navigation through.

Mention offsets index the extracted text (what `extract --json` returns as `text`), never
the HTML.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import SeedError

PAGE_SUFFIXES = (".html", ".htm")
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">,
# looked for in the first bytes, as browsers do (WHATWG: the first 1024 bytes; a little more
# here for long <head>s).
_META_CHARSET = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]{1,40})", re.I
)
_SNIFF_BYTES = 4096
# Fewer words than this is no article: what is left of a page of links ("Home").
MIN_ARTICLE_WORDS = 8
# More HTML elements than this is no news page (they have a few thousand): refused before
# extraction, whose time grows with the elements (about a millisecond each).
MAX_PAGE_ELEMENTS = 20_000


@dataclass
class Page:
    """What a saved page gives: its article text and the metadata fields found (title,
    source, url, date as written)."""

    text: str
    meta: dict[str, str]


def is_page(name: str) -> bool:
    return name.lower().endswith(PAGE_SUFFIXES)


def declared_charset(data: bytes) -> str:
    """The codec a page declares in its first bytes (Python's name for it), or ""."""
    declared = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if not declared:
        return ""
    try:
        return codecs.lookup(declared.group(1).decode("ascii", "replace")).name
    except LookupError:
        return ""


def read_page(html: str) -> Page:
    """The article of a saved page (decoded by mapping.seeds); SeedError when the page
    holds no article text."""
    doc = _extract(html)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise SeedError("no article text found in the page (only navigation, or empty); skipped")
    meta = {}
    for field, attr in (
        ("title", "title"),
        ("source", "sitename"),
        ("url", "url"),
        ("date", "date"),
    ):
        value = getattr(doc, attr, None)
        if isinstance(value, str) and value.strip():
            meta[field] = value.strip()
    if "source" not in meta and isinstance(getattr(doc, "hostname", None), str) and doc.hostname:
        meta["source"] = doc.hostname
    return Page(text + "\n", meta)


def _extract(html: str):
    """trafilatura's main text and metadata, or None; a failure inside it is the page's
    problem, reported as such (SeedError), never a crash of the build."""
    try:
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError:  # pragma: no cover - it is a dependency
        raise SeedError("reading web pages needs trafilatura (pip install trafilatura)") from None
    try:
        tree = load_html(html)
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise SeedError(f"cannot parse the page ({type(exc).__name__}); skipped") from None
    if tree is None:
        return None
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_PAGE_ELEMENTS:
        raise SeedError(
            f"page has {elements:,} HTML elements, over the {MAX_PAGE_ELEMENTS:,} limit "
            "(MAX_PAGE_ELEMENTS); skipped"
        )
    try:
        return trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the article
            include_images=False,
            include_links=False,
            # The date the page declares (its metadata and markup), not one guessed from
            # any date-like text on the page, which may be a sidebar's.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise SeedError(
            f"cannot extract the article from the page ({type(exc).__name__}); skipped"
        ) from None
