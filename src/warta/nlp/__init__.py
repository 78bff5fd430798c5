"""NLP stages: each reads an :class:`~warta.model.Article` and returns it with fields added."""

from warta.nlp.pipeline import DEFAULT_STAGES, Pipeline, Stage, registered, stage

__all__ = ["DEFAULT_STAGES", "Pipeline", "Stage", "registered", "stage"]
