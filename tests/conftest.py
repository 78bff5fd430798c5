"""Shared fixtures: the seed page, the bundled IndoSum sample, the public data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "republika-2017-09-14-menteri-rusia-bertemu-assad.txt"
INDOSUM_SAMPLE = SAMPLES / "indosum-sample.jsonl"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_text):
    import warta

    return warta.parse(seed_text)


def data_dir() -> Path | None:
    """The public data folder (``$WARTA_DATA`` or ``../shared/data``), if this machine has it."""
    path = Path(os.environ.get("WARTA_DATA", ROOT.parent / "shared" / "data"))
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = data_dir()
    if path is None:
        pytest.skip("public data folder not found (set WARTA_DATA)")
    return path


@pytest.fixture(scope="session")
def indosum(shared_data) -> Path:
    """The IndoSum dev folds of the public data folder (the quality gates' corpus)."""
    folder = shared_data / "sum-indosum-dev"
    if not folder.is_dir():
        pytest.skip(f"IndoSum not found in {folder}")
    return folder
