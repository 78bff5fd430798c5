"""The one-call entry points, re-exported as ``warta.parse`` and ``warta.parse_many``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from warta.article.build import build
from warta.errors import InputError
from warta.model import Article, Notice, Rejection
from warta.nlp.pipeline import Pipeline
from warta.settings import Settings, load
from warta.sources.raw import RawDocument


def _pipeline(settings: Settings, stages: Iterable[str] | None) -> Pipeline:
    if stages is not None:
        return Pipeline(list(stages), settings)
    spec = settings.stages
    if spec == "default":
        return Pipeline(settings=settings)
    if spec == "none":
        return Pipeline([], settings)
    return Pipeline([s.strip() for s in spec.split(",") if s.strip()], settings)


def parse(text_or_html: str | bytes, url: str | None = None, published: str | None = None, *,
          settings: Settings | None = None, stages: Iterable[str] | None = None) -> Article:
    """Parse one news page (plain text or HTML, ``str`` or ``bytes``) into an Article.

    ``published`` overrides the publication time found on the page (ISO 8601, unix seconds or an
    Indonesian date). Raises a subclass of :class:`warta.errors.InputError` with a reason when
    the input cannot become an article (empty, binary, not Indonesian, no body).
    """
    settings = settings or load()
    hints = {"published": published} if published else {}
    raw = RawDocument(text_or_html, url=url, hints=hints)
    return _pipeline(settings, stages)(build(raw, settings))


def parse_many(documents: Iterable[RawDocument | InputError], *,
               settings: Settings | None = None, stages: Iterable[str] | None = None,
               ) -> Iterator[Article | Rejection]:
    """Articles and rejections, one for each input, in order. One bad input never stops the
    batch: it becomes a :class:`~warta.model.Rejection` carrying its reason and origin."""
    settings = settings or load()
    pipeline = _pipeline(settings, stages)
    for item in documents:
        if isinstance(item, InputError):
            yield Rejection(Notice(item.code, item.message), item.origin)
            continue
        try:
            yield pipeline(build(item, settings))
        except InputError as exc:
            yield Rejection(Notice(exc.code, exc.message), exc.origin or item.origin)
