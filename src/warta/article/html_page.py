"""Reading a news page given as HTML.

trafilatura finds the story body; the page's own metadata (Open Graph, ``article:*`` meta tags,
JSON-LD) gives title, times, authors and canonical URL; and the Indonesian rules that read plain
pages (date lines, bylines, photo credits) run over the page's visible text for what the
metadata lacks.
"""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from warta.article import fields, text_page
from warta.article.page import PageFields
from warta.errors import NoArticle
from warta.model import Author, Image

_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "figcaption", "figure",
    "section", "article", "header", "footer", "time", "span", "small", "address", "blockquote",
})
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
_PUBLISHED_KEYS = ("article:published_time", "datepublished", "pubdate", "publishdate",
                   "content_publisheddate", "dtk:publishdate", "publish-date", "date")
_UPDATED_KEYS = ("article:modified_time", "datemodified", "og:updated_time", "lastmod")
# How many visible lines at the top of a page can hold the date and bylines.
_HEADER_LINES = 80


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:html|head|body|article|div|p)\b", head)
    )


def read(html: str, url: str | None = None, default_offset: str = "+07:00") -> PageFields:
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise NoArticle(f"HTML could not be parsed ({exc}); is it a complete page?") from None
    meta = _meta(tree)
    body = _body(html, url)
    page = PageFields(paragraphs=text_page.paragraphs(body.split("\n"), join_wrapped=False))
    page.url = _canonical_url(tree, meta) or url
    page.title = _title(tree, meta)
    page.site_name = meta.get("og:site_name")
    page.language = (tree.get("lang") or "").split("-")[0].lower() or None
    visible = _visible_lines(tree)
    page.published = (_first_time(meta, _PUBLISHED_KEYS, default_offset)
                      or _date_from_lines(visible, default_offset) or _htmldate(tree, url))
    page.updated = _first_time(meta, _UPDATED_KEYS, default_offset)
    page.authors = _authors(visible, meta)
    page.images = _images(tree)
    return page


def _body(html: str, url: str | None) -> str:
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=False, include_comments=False, include_tables=False,
        favor_recall=True,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise NoArticle("the HTML page has no article body (an index, login or error page?)")
    return str(text)


def _meta(tree: Any) -> dict[str, str]:
    """Meta tags by lower-case name/property/itemprop, plus JSON-LD article fields."""
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        value = node.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    for node in tree.iter("time"):
        if node.get("datetime") and "time:datetime" not in found:
            found["time:datetime"] = node.get("datetime")
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            for item in _json_ld_items(script.text):
                for key in ("datePublished", "dateModified", "headline"):
                    if isinstance(item.get(key), str):
                        found.setdefault(key.lower(), item[key])
                author = item.get("author")
                names = [a.get("name") for a in (author if isinstance(author, list) else [author])
                         if isinstance(a, dict)]
                if names and "ld:author" not in found:
                    found["ld:author"] = "; ".join(n for n in names if isinstance(n, str))
    return found


def _json_ld_items(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return []
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(
        data, dict) else []
    return [i for i in items if isinstance(i, dict)]


def _canonical_url(tree: Any, meta: dict[str, str]) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href", "").startswith(
                "http"):
            return str(link.get("href"))
    return meta.get("og:url") if meta.get("og:url", "").startswith("http") else None


def _title(tree: Any, meta: dict[str, str]) -> str | None:
    for candidate in (meta.get("og:title"), meta.get("headline"), meta.get("twitter:title")):
        if candidate:
            return fields.clean_line(candidate)
    for h1 in tree.iter("h1"):
        text = fields.clean_line(h1.text_content())
        if text:
            return text
    title = tree.findtext(".//title")
    return _TITLE_SUFFIX.sub("", fields.clean_line(title)) if title else None


def _first_time(meta: dict[str, str], keys: tuple[str, ...], default_offset: str) -> str | None:
    for key in keys:
        if meta.get(key) and (value := fields.iso_datetime(meta[key], default_offset)):
            return value
    return None


def _htmldate(tree: Any, url: str | None) -> str | None:
    """htmldate's reading of the page (URL patterns, markup, text), as a last resort: a day
    without a time, so it never pretends to know the hour."""
    from htmldate import find_date

    try:
        found = find_date(tree, url=url, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    return str(found) if found else None


def _visible_lines(tree: Any) -> list[str]:
    """The page's visible text, one block element a line, scripts and styles left out."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "noscript",
                                                          "template"):
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    lines = (fields.clean_line(line) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _date_from_lines(lines: list[str], default_offset: str) -> str | None:
    for line in lines[:_HEADER_LINES]:
        if len(line) < 80 and (when := fields.header_date(line, default_offset)):
            return when
    return None


def _authors(lines: list[str], meta: dict[str, str]) -> list[Author]:
    for line in lines:
        if len(line) < 120 and (authors := fields.bylines(line)):
            return authors
    names = meta.get("ld:author") or meta.get("author")
    if names:
        return [Author(name=n.strip(), role="writer") for n in re.split(r"[;,]", names)
                if n.strip()]
    return []


def _images(tree: Any) -> list[Image]:
    images = []
    for figure in tree.iter("figure"):
        caption_node = figure.find(".//figcaption")
        caption, credit = fields.split_credit(
            caption_node.text_content() if caption_node is not None else "")
        img = figure.find(".//img")
        src = img.get("src") if img is not None else None
        if caption or credit or src:
            images.append(Image(caption=caption, credit=credit, url=src))
    return images
