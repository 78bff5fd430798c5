"""Language identification: lingua, restricted to Indonesian, Malay and English.

Restricting the candidates keeps lingua fast (a few milliseconds on the first thousand
characters) and sharp on the one distinction that matters for Indonesian news: Indonesian against
Malay, which share most of their vocabulary. A page in any other language comes out as whichever
of the three it resembles most, with lower confidence; it is rejected all the same.
"""

from __future__ import annotations

from functools import cache
from typing import Any

_CODES = {"INDONESIAN": "id", "MALAY": "ms", "ENGLISH": "en"}


@cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.INDONESIAN, Language.MALAY, Language.ENGLISH
    ).build()


def identify(text: str, sample_chars: int = 1000) -> tuple[str, float]:
    """The most likely language code (``id``, ``ms`` or ``en``) and its confidence."""
    values = _detector().compute_language_confidence_values(text[:sample_chars])
    best = values[0]
    return _CODES[best.language.name], float(best.value)
