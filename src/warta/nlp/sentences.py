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
        for sent in doc.sents:
            chunk = sent.text_with_ws.rstrip()
            if not chunk.strip():
                continue
            start = paragraph.start + sent.start_char
            spans.append(Span(start, start + len(chunk)))
    return spans


def build(settings: Settings | None = None) -> Any:
    def sentences(article: Article) -> Article:
        return replace(article, sentences=split(article.text, article.paragraphs))

    return sentences
