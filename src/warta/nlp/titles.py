"""Titles, ranks, honorifics and forms of address before a person's name.

"Presiden Suriah Bashar al-Assad" is the name "Bashar al-Assad" with the title "Presiden Suriah";
"Pak Budi" is "Budi", with no title ("Pak" is how one addresses him, not what he does). The
words are data (``warta/data/id/titles.toml``); this module finds where a title written before
a name starts and ends, for :mod:`warta.nlp.entities`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from warta.nlp.places import fold, resolve_place

__all__ = ["ACRONYM", "leading_title", "title_after", "title_before"]

# A word, with inner hyphens, apostrophes and dots ("al-Assad", "Ma'ruf", "K.H.") and one
# trailing dot (abbreviations, or a sentence end), or a single punctuation mark.
_TOKEN = re.compile(r"\w(?:[\w'’\-]|\.(?=\w))*\.?|[^\w\s]")
#: An acronym: starts with a capital, has two or more, no spaces (ISIS, PBB, KemenPAN, PDI-P).
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9&.\-]{1,11}$")
# Places that may qualify a title ("Presiden Suriah", "Gubernur Jawa Barat", "Bupati Bogor"):
# countries and Indonesian regions, not foreign towns; a foreign town in front of a name is
# more often a first name (Vladimir is a Russian city).
_JURISDICTIONS = frozenset({"country", "province", "regency", "city"})
_MAX_NAME_EXTENSION = 2  # first names a tagger left out ("Bashar" of "Bashar al-Assad")
_MAX_TITLE_TOKENS = 10  # longer capitalised runs are headlines or lists, not titles

_HEADS = frozenset({"roles", "ranks", "honorifics", "address"})
_ALL = frozenset({*_HEADS, "portfolio", "connectors"})
_CONNECTORS = frozenset({"connectors"})
_SKIPPED = frozenset({"address", "connectors"})
_KEPT = frozenset({"roles", "ranks", "honorifics"})


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return word_key(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


# Words remembered by word_key: every title check folds the words around a name again, and a
# few thousand words make up most of them; the bound keeps a long crawl's memory flat.
_WORD_KEYS = 20_000


@lru_cache(maxsize=_WORD_KEYS)
def word_key(word: str) -> str:
    """A word as the vocabulary matches it: folded, without dots ("Dr." = "dr")."""
    return fold(word.replace(".", ""))


def tokens(text: str, offset: int = 0) -> list[Token]:
    return [Token(offset + m.start(), offset + m.end(), m.group()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Vocabulary:
    # first word -> [(all words, kind, needs a dot)], longest first
    phrases: dict[str, list[tuple[tuple[str, ...], str, bool]]]
    words: frozenset[str]  # every word of every entry, for "is this title-like?"

    def match(self, tokens: list[Token], i: int, kinds: frozenset[str]) -> tuple[int, str]:
        """How many tokens from ``i`` form one entry of one of ``kinds``, and its kind."""
        for words, kind, needs_dot in self.phrases.get(tokens[i].key, ()):
            if kind not in kinds or i + len(words) > len(tokens):
                continue
            if all(tokens[i + n].key == w for n, w in enumerate(words)):
                # A single letter is a title only with its dot ("H." for Haji, not an initial).
                if needs_dot and not tokens[i].text.endswith("."):
                    continue
                return len(words), kind
        return 0, ""


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    path = resources.files("warta").joinpath("data", "id", "titles.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    phrases: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    words: set[str] = set()
    for kind, entries in data.items():
        if kind == "particles":
            continue  # parts of names, read by name_particles()
        for entry in entries:
            keys = tuple(word_key(w) for w in entry.split())
            if not keys or not all(keys):
                continue
            needs_dot = len(keys) == 1 and len(keys[0]) == 1
            phrases.setdefault(keys[0], []).append((keys, kind, needs_dot))
            words.update(keys)
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))
    return Vocabulary(phrases, frozenset(words))


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Words inside personal names that do not identify a person alone ("al", "bin", "van")."""
    path = resources.files("warta").joinpath("data", "id", "titles.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return frozenset(fold(word) for word in data.get("particles", ()))


def _jurisdiction_length(tokens: list[Token], i: int) -> int:
    """How many tokens from ``i`` (up to three) name a country or Indonesian region."""
    for n in (3, 2, 1):
        if i + n > len(tokens) or not all(t.capitalised for t in tokens[i : i + n]):
            continue
        place = resolve_place(" ".join(t.text for t in tokens[i : i + n]))
        if place is not None and place.feature in _JURISDICTIONS and (
            place.feature != "city" or place.country_code == "ID"
        ):
            return n
    return 0


def _kept(text: str, tokens: list[Token]) -> str | None:
    """The title as written, without forms of address and stray connectors; None if nothing
    that says a role is left ("Pak" alone)."""
    words = vocabulary()
    i = 0
    while i < len(tokens):
        n, _ = words.match(tokens, i, _SKIPPED)
        if not n:
            break
        i += n
    j = len(tokens)
    while j > i and words.match(tokens, j - 1, _CONNECTORS)[0]:
        j -= 1
    if i >= j:
        return None
    return " ".join(text[tokens[i].start : tokens[j - 1].end].split())


def leading_title(text: str, start: int, end: int, covered: set[int]) -> tuple[int, str | None]:
    """Where the name starts in a mention that may begin with a title, and the title.

    A title starts with a role, rank, honorific or form of address, and continues with more of
    those, portfolio words, an acronym (DPR, RI), tokens of other mentions (``covered`` holds
    their token starts), and at most one jurisdiction, after which the name begins ("Presiden
    Rusia | Vladimir Putin"). Returns ``(start, None)`` for a mention without a title, and
    ``(end, title)`` for one that is only a title ("Presiden").
    """
    words = vocabulary()
    found = tokens(text[start:end], start)
    i = 0
    seen_place = False
    while i < len(found):
        n, _ = words.match(found, i, _HEADS if i == 0 else _ALL)
        if n:
            i += n
            continue
        if i == 0:
            return start, None
        if found[i].start in covered or (ACRONYM.match(found[i].text) and not seen_place):
            i += 1
            continue
        if not seen_place:
            n = _jurisdiction_length(found, i)
            if n:
                i += n
                seen_place = True
                continue
        break
    title = _kept(text, found[:i])
    return (found[i].start if i < len(found) else end), title


def title_before(text: str, start: int, end: int, floor: int,
                 covered_by: dict[int, str]) -> tuple[int, str | None]:
    """A title written just before a person mention, and where the name starts.

    When the tagger put the end of the title into the mention ("Presiden [Suriah Bashar
    al-Assad]"), the title is parsed again with the mention, as :func:`leading_title` would.

    The title is the run of capitalised or title words that ends at the mention, after
    ``floor`` (the sentence start), and starts with a role, rank or honorific ("... kepada
    Presiden Rusia Vladimir Putin"). ``covered_by`` maps token starts of all mentions to their
    type: another person ends the run, an organisation or place inside it belongs to the title
    ("Ketua KPK", "Dirut PT Pertamina (Persero)"). The name may start earlier than ``start``
    when the tagger left out a first name.
    """
    words = vocabulary()
    before = tokens(text[floor:start], floor)
    # Words of a whole vocabulary entry. A small-letter word continues a title only as part of
    # one ("juru bicara", "ketua umum"): on its own it is ordinary text ("dalam" is a word of
    # "Dalam Negeri" but mostly means "in").
    phrased: set[int] = set()
    for n in range(len(before)):
        length, _ = words.match(before, n, _ALL)
        phrased.update(range(n, n + length))
    run: list[Token] = []
    for n in range(len(before) - 1, -1, -1):
        token = before[n]
        owner = covered_by.get(token.start)
        if owner == "PER":
            break
        if owner is not None:
            run.append(token)
            continue
        if not token.text[0].isalnum():
            break
        if words.match(before, n, _CONNECTORS)[0] and not (
            n > 0 and before[n - 1].key in words.words
        ):
            # "dan" joins the parts of one title ("Politik dan Keamanan"), or two people
            # ("Presiden Jokowi dan Menteri Retno"): only the first continues the title.
            break
        if token.text.endswith(".") and not words.match([token], 0, _ALL)[0]:
            break  # the end of the previous sentence, not an abbreviation
        if not (token.capitalised or n in phrased):
            break
        run.append(token)
        if len(run) > _MAX_TITLE_TOKENS:
            return start, None
    run.reverse()
    head = next((i for i in range(len(run)) if words.match(run, i, _HEADS)[0]), None)
    if head is None:
        return start, None
    title_tokens = run[head:]
    others = {s for s, kind in covered_by.items() if kind != "PER"}
    name_start, whole = leading_title(text, title_tokens[0].start, end, others)
    if start < name_start < end:
        return name_start, whole
    if name_start >= end:
        # The mention only completes a title ("Jaksa [Agung]", "Hakim [Agung]"): no name.
        return end, whole
    # An initial just before the name is part of it ("Menteri Ketenagakerjaan M Hanif
    # Dhakiri"), unless it is an honorific ("H." for Haji).
    while (
        len(title_tokens) > 1
        and len(title_tokens[-1].text.rstrip(".")) == 1
        and title_tokens[-1].text[0].isupper()
        and not words.match(title_tokens, len(title_tokens) - 1, _ALL)[0]
    ):
        start = title_tokens.pop().start
    if len(tokens(text[start:end])) == 1:
        # A lone surname after the title may have lost its first names to the tagger:
        # "Presiden Suriah Bashar [al-Assad]". Capitalised words that are not title words,
        # acronyms, other mentions or jurisdictions move into the name.
        moved = 0
        while (
            moved < _MAX_NAME_EXTENSION
            and len(title_tokens) > 1
            and _looks_like_name(title_tokens[-1], covered_by, words)
        ):
            start = title_tokens.pop().start
            moved += 1
    return start, _kept(text, title_tokens)


def _looks_like_name(token: Token, covered_by: dict[int, str], words: Vocabulary) -> bool:
    return (
        token.capitalised
        and token.key not in words.words
        and not ACRONYM.match(token.text)
        and token.start not in covered_by
        and _jurisdiction_length([token], 0) == 0
    )


def title_after(text: str, end: int, ceiling: int, covered_by: dict[int, str]) -> str | None:
    """A title in apposition after a person mention, up to ``ceiling`` (the sentence end):
    "Sutopo Purwo Nugroho, Kepala Pusat Data dan Informasi BNPB, mengatakan ...". It must start
    right after the comma with a role, rank or honorific, and ends at punctuation or at a
    small-letter word; if it runs into another person it was that person's title
    ("..., Presiden Rusia Vladimir Putin"), so there is none."""
    comma = re.match(r"[ \t]*,[ \t]*", text[end:ceiling])
    if comma is None:
        return None
    position = end + comma.end()
    after = tokens(text[position:ceiling], position)
    words = vocabulary()
    if not after or not words.match(after, 0, _KEPT)[0]:
        return None
    phrased: set[int] = set()
    for n in range(len(after)):
        length, _ = words.match(after, n, _ALL)
        phrased.update(range(n, n + length))
    run: list[Token] = []
    for n, token in enumerate(after):
        owner = covered_by.get(token.start)
        if owner == "PER":
            return None
        if owner is None:
            if not token.text[0].isalnum():
                break
            connector = words.match(after, n, _CONNECTORS)[0] and n + 1 < len(after) and (
                after[n + 1].capitalised
            )
            if not (token.capitalised or n in phrased or connector):
                break
            if token.text.endswith(".") and not words.match(after, n, _ALL)[0]:
                run.append(Token(token.start, token.end - 1, token.text[:-1]))
                break  # the sentence ends here
        run.append(token)
        if len(run) > _MAX_TITLE_TOKENS:
            return None
    return _kept(text, run)
