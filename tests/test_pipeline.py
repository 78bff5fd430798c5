"""Stages, the registry and the settings table."""

from __future__ import annotations

import pickle

import pytest

from warta import settings as settings_mod
from warta.errors import ConfigError, PipelineError
from warta.model import Article, Span, replace
from warta.nlp.pipeline import Pipeline, Stage, get_stage, registered, stage


def make_article() -> Article:
    return Article(id="a", text="Satu dua. Tiga empat.", paragraphs=[Span(0, 21)])


def test_default_pipeline_adds_sentences():
    article = Pipeline()(make_article())
    assert [article.span_text(s) for s in article.sentences] == ["Satu dua.", "Tiga empat."]


def test_a_stage_whose_needs_are_unmet_fails_at_build_time():
    needs_sentences = Stage("counter", lambda a: a, ("sentences",), ("keywords",))
    with pytest.raises(PipelineError, match="needs sentences"):
        Pipeline([needs_sentences])
    Pipeline(["sentences", needs_sentences])


def test_a_stage_must_return_an_article():
    broken = Stage("broken", lambda a: None, (), ())  # type: ignore[arg-type,return-value]
    with pytest.raises(PipelineError, match="returned NoneType"):
        Pipeline([broken])(make_article())


def test_user_stages_register_like_builtins():
    @stage("test-upper-title", requires=("title",), assigns=("title",))
    def upper(article: Article) -> Article:
        return replace(article, title=(article.title or "").upper())

    assert "test-upper-title" in registered()
    article = Pipeline(["test-upper-title"])(replace(make_article(), title="judul"))
    assert article.title == "JUDUL"
    assert get_stage("test-upper-title").assigns == ("title",)


def test_unknown_stage():
    with pytest.raises(PipelineError, match="no stage named 'nope'"):
        Pipeline(["nope"])


def test_settings_layers(tmp_path):
    config = tmp_path / "warta.toml"
    config.write_text("[warta]\nmin_body_chars = 50\nlanguages = 'id,ms'\n")
    loaded = settings_mod.load(config, env={"WARTA_MIN_BODY_CHARS": "80"})
    assert loaded.min_body_chars == 80 and loaded.language_set == {"id", "ms"}
    assert settings_mod.load(config, env={}, min_body_chars=10).min_body_chars == 10
    assert pickle.loads(pickle.dumps(loaded)) == loaded


def test_bad_settings_say_what_is_wrong(tmp_path):
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        settings_mod.load(env={}, colour="red")
    with pytest.raises(ConfigError, match="needs a int"):
        settings_mod.load(env={"WARTA_MIN_BODY_CHARS": "banyak"})
    with pytest.raises(ConfigError, match="does not exist"):
        settings_mod.load(tmp_path / "missing.toml", env={})
