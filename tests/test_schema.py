"""The JSON form is the public contract: the committed schema matches the types, and output
validates against it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from warta.model import Article, Span, json_schema

from conftest import INDOSUM_SAMPLE, ROOT

SCHEMA_FILE = ROOT / "schema" / "warta.article-1.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_current():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(), (
        "schema/warta.article-1.json is stale: run `make schema`")


def test_seed_output_validates(seed_article, validator):
    validator.validate(json.loads(seed_article.to_json()))


def test_sample_outputs_validate(validator):
    import warta
    from warta.sources.files import read_all

    articles = [a for a in warta.parse_many(read_all([str(INDOSUM_SAMPLE)], 10**8))
                if isinstance(a, Article)]
    assert len(articles) >= 200
    for article in articles[:60]:
        validator.validate(json.loads(article.to_json(indent=None)))


def test_round_trip(seed_article):
    assert Article.from_json(seed_article.to_json()) == seed_article
    assert Article.from_dict(seed_article.to_dict()) == seed_article


def test_schema_rejects_a_broken_record(validator):
    broken = Article(id="x", text="abc", paragraphs=[Span(0, 3)]).to_dict()
    broken["paragraphs"] = [{"start": "zero"}]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)
