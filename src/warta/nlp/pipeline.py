"""Stages and the pipeline that runs them.

A stage is a callable ``Article -> Article`` that declares the fields it needs and the fields it
fills. Stages are registered by name in one registry; the built-in ones register exactly as a
user's would, and nothing is imported until a pipeline asks for it, so ``import warta`` stays
cheap and has no side effects.

>>> from warta.model import replace
>>> from warta.nlp.pipeline import stage
>>> @stage("shout", requires=("text",), assigns=("title",))
... def shout(article):
...     return replace(article, title=(article.title or "").upper())
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warta.errors import PipelineError
from warta.model import Article

if TYPE_CHECKING:
    from warta.settings import Settings

StageFn = Callable[[Article], Article]

#: Fields an article has as soon as it is parsed; stages may require any of them.
BASE_FIELDS = frozenset({
    "id", "text", "paragraphs", "url", "outlet", "language", "title", "published", "updated",
    "authors", "dateline", "images", "attributions",
})


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article:
        return self.fn(article)


# The built-in stages, by name: "module:function" that builds the stage function from settings.
# Importing the module happens only when a pipeline uses the stage.
BUILTIN: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "sentences": ("warta.nlp.sentences:build", ("text", "paragraphs"), ("sentences",)),
    "entities": ("warta.nlp.entities:build", ("text", "sentences"), ("entities", "dateline")),
    "times": ("warta.nlp.times:build", ("text", "sentences", "published"), ("times", "warnings")),
    "quantities": ("warta.nlp.quantities:build", ("text",), ("quantities",)),
    "quotes": ("warta.nlp.quotes:build", ("text", "paragraphs", "sentences"), ("quotes",)),
    "events": ("warta.nlp.events:build",
               ("text", "sentences", "entities", "times", "quantities", "quotes"), ("events",)),
    "summary": ("warta.nlp.summary:build", ("text", "sentences", "paragraphs"), ("summary",)),
    "topics": ("warta.nlp.topics:build", ("text", "title", "url"), ("topics", "keywords")),
}

#: The stages ``warta.parse`` runs when none are named, in order.
DEFAULT_STAGES: tuple[str, ...] = (
    "sentences", "entities", "times", "quantities", "quotes", "events", "summary", "topics")

_registry: dict[str, Stage | tuple[str, tuple[str, ...], tuple[str, ...]]] = dict(BUILTIN)


def stage(name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()
          ) -> Callable[[StageFn], StageFn]:
    """Register a function as a stage under ``name``."""

    def register(fn: StageFn) -> StageFn:
        _registry[name] = Stage(name, fn, tuple(requires), tuple(assigns))
        return fn

    return register


def registered() -> list[str]:
    return sorted(_registry)


def get_stage(name: str, settings: Settings | None = None) -> Stage:
    entry = _registry.get(name)
    if entry is None:
        raise PipelineError(f"no stage named {name!r}; known stages: {', '.join(registered())}")
    if isinstance(entry, Stage):
        return entry
    target, requires, assigns = entry
    module_name, _, attr = target.partition(":")
    build = getattr(importlib.import_module(module_name), attr)
    built = Stage(name, build(settings), requires, assigns)
    _registry[name] = built
    return built


class Pipeline:
    """Named stages run in order over articles.

    Building the pipeline checks that every stage's requirements are met by the parsed article or
    by an earlier stage, so a mis-ordered pipeline fails at once, not on the thousandth article.
    """

    def __init__(self, stages: Iterable[str | Stage] = DEFAULT_STAGES,
                 settings: Settings | None = None) -> None:
        self.stages = [s if isinstance(s, Stage) else get_stage(s, settings) for s in stages]
        available = set(BASE_FIELDS)
        for s in self.stages:
            missing = [f for f in s.requires if f not in available]
            if missing:
                raise PipelineError(
                    f"stage {s.name!r} needs {', '.join(missing)}, which no earlier stage "
                    "provides; put the stage that assigns it first"
                )
            available.update(s.assigns)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Article:
        for s in self.stages:
            result = s(article)
            if not isinstance(result, Article):
                raise PipelineError(
                    f"stage {s.name!r} returned {type(result).__name__}, not an Article"
                )
            article = result
        return article

    def __repr__(self) -> str:
        return f"Pipeline({self.names!r})"
