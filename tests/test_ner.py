"""warta's NER: the span scorer, the shipped model on real sentences, and the quality gate."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warta.evaluate.spans import chunks, score
from warta.model import Span
from warta.nlp import ner

REPO = Path(__file__).resolve().parent.parent


# --- the scorer -------------------------------------------------------------------------------


def test_chunks_follow_conlleval() -> None:
    assert chunks(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    # An I- after O or after another type opens a chunk, as conlleval reads it.
    assert chunks(["O", "I-ORG", "I-ORG", "I-PER"]) == [(1, 3, "ORG"), (3, 4, "PER")]
    # B- right after a chunk of the same type starts a new one.
    assert chunks(["B-PER", "B-PER", "I-PER"]) == [(0, 1, "PER"), (1, 3, "PER")]
    assert chunks(["O", "O"]) == []
    assert chunks([]) == []


def test_score_strict_spans() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "B-PER"]]
    table = score(gold, pred)
    # PER: predicted [0,1) and [1,2) in sentence 2, gold [0,2): a boundary error counts as both
    # a false positive and a false negative.
    assert table["PER"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1.0}
    assert table["LOC"]["f1"] == 1.0
    assert table["ORG"]["f1"] == 1.0
    micro = table["micro"]
    assert micro["precision"] == pytest.approx(2 / 4)
    assert micro["recall"] == pytest.approx(2 / 3)
    assert micro["f1"] == pytest.approx(2 * (1 / 2) * (2 / 3) / (1 / 2 + 2 / 3))


def test_score_wrong_type_is_an_error_both_ways() -> None:
    table = score([["B-PER", "I-PER"]], [["B-ORG", "I-ORG"]])
    assert table["PER"]["recall"] == 0.0
    assert table["ORG"]["precision"] == 0.0
    assert table["micro"]["f1"] == 0.0


def test_score_rejects_misaligned_sentences() -> None:
    with pytest.raises(ValueError, match="gold tags"):
        score([["O", "O"]], [["O"]])


# --- the shipped model ------------------------------------------------------------------------

SEED_TEXT = (
    "Presiden Suriah Bashar al-Assad menyambut Menteri Pertahanan Rusia Sergei Shoigu di ibu "
    "kota Damaskus. Dilansir dari Aljazirah, Kamis (14/9), Shoigu memberikan sebuah surat dari "
    "Presiden Rusia Vladimir Putin kepada Assad. Shoigu dan Assad terakhir bertemu pada bulan Juni "
    "2016 di Damaskus. Pertemuan itu membahas kerja sama militer dan strategi untuk mengalahkan "
    "ISIS di Suriah."
)
# Known misses on other seed sentences ("ibu kota Damaskus", "Pemerintah Damaskus") are listed
# in the model card; this test pins what the shipped model gets right, not a wish list.


def _sentences(text: str) -> list[Span]:
    spans = []
    start = 0
    for piece in text.split(". "):
        end = start + len(piece) + (0 if start + len(piece) >= len(text) else 1)
        spans.append(Span(start, end))
        start = end + 1
    return spans


def test_tokenize_joins_inner_hyphens() -> None:
    text = "Bashar al-Assad, negara-negara DAMASKUS---Menteri"
    words = [text[s:e] for s, e in ner.tokenize(text)]
    assert words == ["Bashar", "al-Assad", ",", "negara-negara", "DAMASKUS", "---", "Menteri"]


def test_find_mentions_on_the_seed() -> None:
    mentions = ner.find_mentions(SEED_TEXT, _sentences(SEED_TEXT))
    found = {(SEED_TEXT[s:e], kind) for s, e, kind in mentions}
    for expected in [
        ("Bashar al-Assad", "PER"),
        ("Sergei Shoigu", "PER"),
        ("Vladimir Putin", "PER"),
        ("Damaskus", "LOC"),
        ("Suriah", "LOC"),
    ]:
        assert expected in found, (expected, sorted(found))
    assert any(name == "ISIS" and kind in ("ORG", "EVT") for name, kind in found), sorted(found)
    for start, end, _ in mentions:
        assert SEED_TEXT[start:end] == SEED_TEXT[start:end].strip()


def test_tag_pretokenised() -> None:
    tags = ner.tag([["Joko", "Widodo", "berkunjung", "ke", "Surabaya", "."], []])
    assert tags[0][:2] == ["B-PER", "I-PER"]
    assert tags[0][4] == "B-LOC"
    assert tags[1] == []


def test_find_mentions_empty() -> None:
    assert ner.find_mentions("", []) == []


# --- quality gate -----------------------------------------------------------------------------

def _data_dir() -> Path:
    return Path(os.environ.get("WARTA_DATA", REPO.parent / "shared" / "data"))


# Floors are the measured test-split micro F1 of the shipped model, rounded down by 0.01
# (model card, "Scores"). They only move up.
FLOORS = {"idner": 0.90, "nergrit": 0.71, "nerp": 0.55}  # measured 0.9150 / 0.7206 / 0.5657


@pytest.mark.parametrize("which", sorted(FLOORS))
def test_quality_gate(which: str) -> None:
    data = _data_dir()
    if not data.is_dir():
        pytest.skip(f"NER data not found at {data}; set WARTA_DATA")
    from warta.evaluate.ner import evaluate

    result = evaluate(data, which, "test")
    assert result["scores"]["micro"]["f1"] >= FLOORS[which]
