"""The raw input record and turning bytes into text safely."""

from __future__ import annotations

import codecs
import unicodedata

import msgspec

from warta.errors import BinaryInput, EmptyInput, EncodingError, InputTooLarge


class RawDocument(msgspec.Struct, frozen=True):
    """One input before parsing: its content and what the source already knows about it.

    ``hints`` carries metadata a source read itself (``title``, ``published``, ``outlet``,
    ``format``), which the article parser prefers over what it would guess from the content.
    ``origin`` says where to find the input again (``path``, ``line``), for reports.
    """

    content: str | bytes
    url: str | None = None
    hints: dict[str, str] = {}
    origin: dict[str, str] = {}


# Control characters that never occur in text; a few of them in a file mean it is binary.
_BINARY_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) - {27}


def decode(data: bytes, max_bytes: int) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252.

    Raises a specific :class:`~warta.errors.InputError` for empty, oversized, binary and
    undecodable input.
    """
    if len(data) > max_bytes:
        raise InputTooLarge(
            f"input is {len(data):,} bytes, above the limit of {max_bytes:,} "
            "(setting max_input_bytes); split the file or raise the limit"
        )
    if not data.strip():
        raise EmptyInput("input is empty: there is no text to parse")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"input has a UTF-16 mark but is not UTF-16: {exc}") from None
    head = data[:8192]
    if b"\x00" in head or sum(b in _BINARY_BYTES for b in head) > len(head) // 100 + 2:
        raise BinaryInput(
            "input is binary, not text (an image, PDF or archive?); give warta an HTML page, "
            "plain text or JSON"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Older Indonesian sites and Windows tools save cp1252; latin-1 is its subset for text.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"input is neither UTF-8 nor cp1252 ({exc.reason} at byte {exc.start}); "
            "convert it to UTF-8 first"
        ) from None


def check_text(text: str, max_bytes: int) -> str:
    """The same checks for input that arrives as ``str``."""
    if len(text) > max_bytes:
        raise InputTooLarge(
            f"input is {len(text):,} characters, above the limit of {max_bytes:,} "
            "(setting max_input_bytes); split it or raise the limit"
        )
    if not text.strip():
        raise EmptyInput("input is empty: there is no text to parse")
    sample = text[:8192]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\x1b")
    if "\x00" in sample or controls > len(sample) // 100 + 2:
        raise BinaryInput("input is binary, not text; give warta an HTML page, plain text or JSON")
    return text
