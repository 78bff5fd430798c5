"""Every error warta raises, in one hierarchy.

::

    WartaError                      anything warta raises on purpose
    ├── InputError                  the input cannot become an article
    │   ├── EmptyInput              nothing but whitespace
    │   ├── BinaryInput             bytes that are not text (an image, a PDF, a zip)
    │   ├── EncodingError           text in an encoding warta cannot read
    │   ├── InputTooLarge           above the ``max_input_bytes`` setting
    │   ├── NoArticle               a page with no article body (an index page, a login wall)
    │   ├── WrongLanguage           an article in a language warta does not read
    │   └── BadRecord               a JSON/JSONL record that is malformed or lacks its text
    ├── PipelineError               stages that do not fit together, or a stage that misbehaves
    ├── ConfigError                 a setting with a bad value or an unknown name
    └── ResourceError               a data file or model missing from the installation

An :class:`InputError` carries a short ``code`` that batch reports count rejections by; its
message says what was wrong and what to do. Batch readers turn these into
:class:`warta.model.Rejection` records instead of raising, so one bad input never stops a batch.
"""

from __future__ import annotations


class WartaError(Exception):
    """Base class of every error warta raises on purpose."""


class InputError(WartaError):
    """``origin`` says where the input was (``path``, ``line``), for batch reports."""

    code = "input"

    def __init__(self, message: str, origin: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.origin = origin or {}


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class EncodingError(InputError):
    code = "encoding"


class InputTooLarge(InputError):
    code = "too-large"


class NoArticle(InputError):
    code = "no-article"


class WrongLanguage(InputError):
    code = "language"

    def __init__(self, message: str, language: str | None = None) -> None:
        super().__init__(message)
        self.language = language


class BadRecord(InputError):
    code = "bad-record"


class PipelineError(WartaError):
    """Stages that cannot run in the order given, or a stage that broke its contract."""


class ConfigError(WartaError):
    """A setting with an unknown name or a value of the wrong type."""


class ResourceError(WartaError):
    """A data file or model that should ship with warta is missing."""


class StoreError(WartaError):
    """A store that cannot be opened, read or written (bad URL, locked or corrupt database)."""
