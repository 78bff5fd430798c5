"""Sentence splitting with spaCy's Indonesian tokenizer and a rule-based sentencizer.

Sentences never cross paragraphs. spaCy's ``id`` tokenizer keeps common abbreviations (``Dr.``,
``dll.``, ``Jl.``) whole, so the sentencizer does not split after them; a closing quote after the
final stop stays with its sentence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from warta.model import Article, Span, replace

if TYPE_CHECKING:
    from warta.settings import Settings


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    return nlp


def split(text: str, paragraphs: list[Span]) -> list[Span]:
    """Sentence spans of ``text``, paragraph by paragraph."""
    spans: list[Span] = []
    nlp = _nlp()
    docs = nlp.pipe(text[p.start : p.end] for p in paragraphs)
    for paragraph, doc in zip(paragraphs, docs, strict=True):
        bounds = [(s.start_char, s.start_char + len(s.text_with_ws.rstrip())) for s in doc.sents]
        for start, end in _move_opening_quotes(doc.text, bounds):
            if doc.text[start:end].strip():
                spans.append(Span(paragraph.start + start, paragraph.start + end))
    return spans


def _move_opening_quotes(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentencizer keeps a quote mark after a full stop with the sentence before it; a mark
    preceded by a space opens the next sentence's quotation instead (``Zor. "Baru kemarin``)."""
    fixed = list(bounds)
    for i in range(len(fixed) - 1):
        start, end = fixed[i]
        if end - start > 2 and text[end - 1] in _OPENING_QUOTES and text[end - 2] == " ":
            fixed[i] = (start, end - 2)
            fixed[i + 1] = (end - 1, fixed[i + 1][1])
    return fixed


_OPENING_QUOTES = frozenset('"“\'‘«')


def build(settings: Settings | None = None) -> Any:
    def sentences(article: Article) -> Article:
        return replace(article, sentences=split(article.text, article.paragraphs))

    return sentences
