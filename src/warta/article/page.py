"""What a page reader hands the article builder: the fields it found, before normalising."""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.model import Author, Image


@dataclass
class PageFields:
    """Fields read off one page, plain text or HTML. Built by a reader, consumed once."""

    paragraphs: list[str]
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[Author] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    url: str | None = None
    site_name: str | None = None
    language: str | None = None  # as declared by the page (<html lang>), not detected
