"""An article's text as HTML with its entities, times and quotes marked.

Everything from the article is escaped here (``markupsafe.escape``); the only markup produced is
the fixed tags below, whose attribute values are escaped too. Quotes are the outer layer (a
quote may hold names and dates); entity mentions and times are the inner layer and never nest
in each other. A mark that would cross a paragraph or quote boundary is cut at the paragraph and
dropped at the quote, so the HTML is always well formed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from warta.model import Article, Span


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    open: Markup
    close: Markup


def entity_href(key: str) -> str:
    """The web UI's address of an entity page (a key may hold '/', ':' and spaces)."""
    return "/entity/" + url_quote(key, safe="")


def _inner_marks(article: Article) -> list[_Mark]:
    marks = []
    for entity in article.entities:
        for mention in entity.mentions:
            marks.append(_Mark(
                mention.start, mention.end,
                Markup('<a class="ent ent-{t}" data-type="{t}" href="{h}" title="{n} ({t})">')
                .format(t=entity.type, h=entity_href(entity.key), n=entity.name),
                Markup("</a>")))
    for time in article.times:
        value = time.value + (f"/{time.end_value}" if time.end_value else "")
        marks.append(_Mark(
            time.start, time.end,
            Markup('<span class="tx" data-value="{v}" title="{v}" tabindex="0">').format(v=value),
            Markup("</span>")))
    # Entities first at equal starts (they carry links); then the longer mark wins.
    marks.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mark] = []
    for mark in marks:
        if mark.start >= mark.end or (kept and mark.start < kept[-1].end):
            continue
        kept.append(mark)
    return kept


def _quote_marks(article: Article) -> list[_Mark]:
    marks: list[_Mark] = []
    for quote in sorted(article.quotes, key=lambda q: q.start):
        if marks and quote.start < marks[-1].end:
            continue
        who = quote.speaker.text if quote.speaker else ""
        title = f"{who}: {quote.cue}" if who and quote.cue else (who or quote.cue or "")
        marks.append(_Mark(quote.start, quote.end,
                           Markup('<span class="quote quote-{k}" title="{t}">').format(
                               k=quote.kind, t=title),
                           Markup("</span>")))
    return marks


def _inline(text: str, start: int, end: int, marks: list[_Mark]) -> Markup:
    """text[start:end] escaped, with the marks lying wholly inside it."""
    out: list[str] = []
    position = start
    for mark in marks:
        if mark.start < start or mark.end > end:
            continue
        out.append(escape(text[position:mark.start]))
        out.append(mark.open + escape(text[mark.start:mark.end]) + mark.close)
        position = mark.end
    out.append(escape(text[position:end]))
    return Markup("").join(out)


def _paragraph(text: str, span: Span, quotes: list[_Mark], inner: list[_Mark]) -> Markup:
    pieces = []
    position = span.start
    for quote in quotes:
        start, end = max(quote.start, span.start), min(quote.end, span.end)
        if start >= end:
            continue
        pieces.append(_inline(text, position, start, inner))
        pieces.append(quote.open + _inline(text, start, end, inner) + quote.close)
        position = end
    pieces.append(_inline(text, position, span.end, inner))
    return Markup("<p>{}</p>").format(Markup("").join(pieces))


def article_html(article: Article) -> Markup:
    """The body as paragraphs with every mark; text between paragraphs is not shown."""
    text = article.text
    quotes = _quote_marks(article)
    # An inner mark crossing a quote's edge would break the nesting: drop it.
    edges = sorted({q.start for q in quotes} | {q.end for q in quotes})
    inner = [m for m in _inner_marks(article)
             if not any(m.start < edge < m.end for edge in edges)]
    paragraphs = article.paragraphs or [Span(start=0, end=len(text))]
    inner_by_paragraph = []
    for span in paragraphs:
        inner_by_paragraph.append([m for m in inner if span.start <= m.start and
                                   m.end <= span.end])
    return Markup("\n").join(_paragraph(text, span, quotes, marks)
                             for span, marks in zip(paragraphs, inner_by_paragraph, strict=True))


def snippet_html(snippet: str, highlights: list[tuple[int, int]] | list[list[int]]) -> Markup:
    """A search snippet with its highlighted words in ``<mark>``."""
    out: list[str] = []
    position = 0
    for start, end in sorted((int(h[0]), int(h[1])) for h in highlights):
        if start < position or end > len(snippet):
            continue
        out += [escape(snippet[position:start]),
                Markup("<mark>") + escape(snippet[start:end]) + Markup("</mark>")]
        position = end
    out.append(escape(snippet[position:]))
    return Markup("").join(out)


__all__ = ["article_html", "entity_href", "snippet_html"]
