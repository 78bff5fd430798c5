"""Data files shipped inside the package (``warta/data``), read the same way everywhere."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from warta.errors import ResourceError


def read_text(relative: str) -> str:
    """A text file under ``warta/data``; a clear error if the installation lacks it."""
    try:
        return resources.files("warta").joinpath("data", relative).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResourceError(
            f"warta data file data/{relative} is missing; reinstall warta") from None


def load_toml(relative: str) -> dict[str, Any]:
    """A TOML data file under ``warta/data``."""
    return tomllib.loads(read_text(relative))
