"""Reading a news page saved as plain text (the layout of the seed article).

A page is a header (date line, title, bylines, photo caption and credit) followed by the body
in paragraphs, then page furniture (``Advertisement``, ``Berita Lainnya``). The header ends at the
first line that reads as story text: a dateline prefix, or a long line of sentences.
"""

from __future__ import annotations

import re

from warta.article import fields
from warta.article.page import PageFields
from warta.model import Image

# A header line this long, or ending a sentence after this many words, is story text.
# Chosen by reading the header lines of the seed and of outlet pages: titles run to ~120
# characters and never end in a full stop; bylines and captions are shorter still.
_MAX_HEADER_LINE = 160
_SENTENCE_END = re.compile(r"[.!?\"”’)]$")
_HEADER_WINDOW = 15


def _is_story_line(line: str) -> bool:
    if fields.dateline(line) is not None:
        return True
    if len(line) > _MAX_HEADER_LINE:
        return True
    return bool(_SENTENCE_END.search(line)) and len(line.split()) >= 12


def read(text: str, body_only: bool = False, default_offset: str = "+07:00") -> PageFields:
    """Fields of a plain-text page. With ``body_only`` every line is body (IndoSum, JSON)."""
    lines = text.split("\n")
    page = PageFields(paragraphs=[])
    start = 0
    if not body_only:
        start = _read_header(lines, page, default_offset)
    page.paragraphs = paragraphs(lines[start:])
    return page


def _read_header(lines: list[str], page: PageFields, default_offset: str) -> int:
    """Fill header fields from the top of the page; return the index of the first body line."""
    others: list[tuple[int, str]] = []  # header lines that are not date, byline or credit
    credits: list[tuple[int, str]] = []
    index = 0
    for index, raw in enumerate(lines):
        line = fields.clean_line(raw)
        if not line:
            continue
        if index >= _HEADER_WINDOW or _is_story_line(line):
            break
        # A header date line holds the date and little else.
        if page.published is None and len(line) < 60 and (
                when := fields.header_date(line, default_offset)):
            page.published = when
            continue
        if (credit := fields.image_credit(line)) is not None:
            credits.append((index, credit))
            continue
        if (authors := fields.bylines(line)) is not None:
            page.authors.extend(authors)
            continue
        others.append((index, line))
    else:
        index = len(lines)
    page.images = _images(others, credits)
    captions = {image.caption for image in page.images}
    titles = [line for _, line in others if line not in captions]
    if titles:
        page.title = titles[0]
    return index


def _images(others: list[tuple[int, str]], credits: list[tuple[int, str]]) -> list[Image]:
    """Pair each credit line with the caption right before it (or, failing that, after it)."""
    images = []
    by_index = dict(others)
    for index, credit in credits:
        caption = by_index.get(index - 1) or by_index.get(index + 1)
        if caption and caption == by_index.get(index - 2):
            caption = None  # the line before the caption is the same text: that was the title
        images.append(Image(caption=caption, credit=credit))
    return images


def paragraphs(lines: list[str], join_wrapped: bool = True) -> list[str]:
    """Body paragraphs from lines: blank lines separate paragraphs; with ``join_wrapped`` a line
    that does not end a sentence continues into the next (hard-wrapped text), else every line is
    a paragraph; page furniture is dropped, and the body ends at a tail marker such as
    ``Berita Lainnya``."""
    result: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            result.append(" ".join(pending))
            pending.clear()

    for raw in lines:
        line = fields.clean_line(raw)
        if not line:
            flush()
            continue
        if fields.is_tail_marker(line):
            break
        if fields.is_boilerplate(line):
            flush()
            continue
        pending.append(line)
        if not join_wrapped or _SENTENCE_END.search(line):
            flush()
    flush()
    return result
