"""warta's settings: one table, read by the library, the CLI and the docs.

Values are layered: the defaults below, then a TOML file (``warta.toml`` in the working directory
or the file named by ``WARTA_CONFIG``), then environment variables (``WARTA_<NAME>`` in upper
case), then explicit arguments. :func:`load` does the layering and checks every value.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from warta.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_input_bytes", int, 20_000_000,
            "Inputs larger than this many bytes are rejected (reason 'too-large')."),
    Setting("min_body_chars", int, 200,
            "A page whose body has fewer characters is rejected (reason 'no-article')."),
    Setting("languages", str, "id",
            "Comma-separated languages to accept (from id, ms, en); others are rejected."),
    Setting("language_sample_chars", int, 1000,
            "How many characters of the body language identification reads."),
    Setting("default_timezone", str, "+07:00",
            "UTC offset assumed for a publication time given without a zone (WIB)."),
    Setting("learned_triggers", bool, True,
            "Code events also from triggers learned from the annotated articles, where the "
            "lexicon found none of their kind (more events found; about 3 ms more per article)."),
    Setting("learned_actors", bool, True,
            "Fill an event's source or target the word-order rules left empty with the actor "
            "model learned from the annotated articles (pronouns, initials, plain phrases); "
            "off, the rules' actors alone."),
    Setting("stages", str, "default",
            "Comma-separated NLP stages to run after parsing, or 'default' or 'none'."),
    Setting("db", str, "sqlite:///warta.db", "Database URL for the store."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """A complete, checked set of values. Picklable, so workers can rebuild a pipeline from it."""

    values: dict[str, Any] = field(default_factory=lambda: {s.name: s.default for s in SETTINGS})

    def __getattr__(self, name: str) -> Any:
        # Only called for names that are not attributes; "values" itself may be missing while
        # pickle rebuilds the object, and must not recurse.
        values = self.__dict__.get("values")
        if values is None or name not in values:
            raise AttributeError(name)
        return values[name]

    def with_(self, **changes: Any) -> Settings:
        merged = dict(self.values)
        for name, value in changes.items():
            merged[name] = _coerce(name, value)
        return replace(self, values=merged)

    @property
    def language_set(self) -> frozenset[str]:
        return frozenset(x.strip() for x in str(self.values["languages"]).split(",") if x.strip())


_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


def _coerce(name: str, value: Any) -> Any:
    setting = _BY_NAME.get(name)
    if setting is None:
        known = ", ".join(sorted(_BY_NAME))
        raise ConfigError(f"unknown setting {name!r}; known settings: {known}")
    if isinstance(value, setting.type):
        return value
    if setting.type is bool:
        # From a file or the environment: "true"/"false", "1"/"0", "yes"/"no", "on"/"off".
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ConfigError(f"setting {name!r} needs true or false, got {value!r}")
    try:
        return setting.type(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"setting {name!r} needs a {setting.type.__name__}, got {value!r}"
        ) from None


def load(path: str | Path | None = None, env: dict[str, str] | None = None,
         **overrides: Any) -> Settings:
    """Defaults, then the TOML file, then ``WARTA_*`` environment variables, then ``overrides``."""
    env = dict(os.environ) if env is None else env
    settings = Settings()
    file = Path(path) if path else Path(env.get("WARTA_CONFIG", "warta.toml"))
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {file}: {exc}") from None
        settings = settings.with_(**data.get("warta", data))
    elif path:
        raise ConfigError(f"settings file {file} does not exist")
    from_env = {s.name: env[f"WARTA_{s.name.upper()}"] for s in SETTINGS
                if f"WARTA_{s.name.upper()}" in env}
    settings = settings.with_(**from_env)
    return settings.with_(**{k: v for k, v in overrides.items() if v is not None})


def describe() -> list[dict[str, str]]:
    """The settings table as rows, for ``warta settings`` and the docs."""
    return [{"name": s.name, "type": s.type.__name__, "default": str(s.default), "help": s.help}
            for s in SETTINGS]


__all__ = ["SETTINGS", "Setting", "Settings", "describe", "load"]
