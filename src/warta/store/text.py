"""Indonesian-aware text for the search index: folding, tokens and stems.

Search must find "serangan", "menyerang" and "diserang" for the query "serang", and "Zulkifli" for
"zulkifli". SQLite's own tokenizers fold case and diacritics but know nothing of Indonesian
affixes, and the stdlib sqlite3 module cannot register a custom FTS5 tokenizer, so the store
indexes text that is already reduced to stems here, and queries go through the same function.

Two stemmers are offered and measured by ``benchmarks/stem_eval.py`` against a hand-checked list
of derived words and their roots:

- ``rules``: a small affix stripper (particles, possessives, suffixes, prefixes with the me-/pe-
  sound changes; the affixes are data in ``affixes.toml``). It needs no dictionary, so it also
  reduces words no dictionary knows, but it cannot tell "meng+ambil" from "meng+kirim".
- ``simplemma``: simplemma's Indonesian lemmatiser, a dictionary of word forms.
- ``hybrid`` (the default): simplemma for words its dictionary knows; for the rest, every way of
  stripping affixes (both readings of a me-/pe- sound change) is tried and the longest result
  the dictionary knows wins; a word with no such reading (a name) stays whole.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

#: A token: a run of letters and digits (hyphenated reduplications like "sela-sela" split in two).
TOKEN = re.compile(r"\w+", re.UNICODE)

#: Distinct words each stemmer remembers. The 3,463 IndoSum dev articles hold about 60,000;
#: past this bound the least recently used are forgotten, so an ingest's memory stays flat.
CACHE_WORDS = 65_536

#: The stemmer the store indexes with.
DEFAULT_STEMMER = "hybrid"
#: Bump when any stemmer's output changes: stores built with another version re-index on open.
STEMMER_VERSION = "2"


def fold(text: str) -> str:
    """Lower case without diacritics: "Café Émile" -> "cafe emile"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


@lru_cache(maxsize=1)
def _affixes() -> dict[str, Any]:
    data = resources.files("warta.store").joinpath("affixes.toml").read_text(encoding="utf-8")
    table = tomllib.loads(data)
    table["keep_set"] = frozenset(table["keep"]["words"])
    # Longest prefix first, so "meny" is tried before "men" and "me".
    table["nasal_order"] = sorted(table["nasal"], key=len, reverse=True)
    return table


_VOWELS = frozenset("aiueo")
# Which first sounds each nasal prefix leaves in place (mem+bawa, men+dengar, meng+gali,
# me+lihat); a vowel after the prefix means the root's first consonant melted into the nasal.
_NASAL_KEEPS = {
    "meny": "", "peny": "", "mem": "bfvp", "pem": "bfvp", "men": "cdjzt", "pen": "cdjzt",
    "meng": "ghkq", "peng": "ghkq", "me": "lmnrwy", "pe": "lmnrwy",
}
_MIN_ROOT = 3


def _strip_prefix(word: str, table: dict[str, Any]) -> tuple[str, bool] | None:
    """The word without its first prefix, and whether the root came back verbatim (a root
    whose first sound was rebuilt, like p+erintah, takes no second prefix)."""
    for prefix in table["plain_prefixes"]:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) > _MIN_ROOT:
            return rest, True
    # "be-" is "ber-" before a root whose first syllable ends in -er (bekerja, beternak).
    if word.startswith("be") and len(word) > 6 and word[2] not in _VOWELS and word[2] != "r":
        return word[2:], False
    for prefix in table["nasal_order"]:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        if len(rest) < _MIN_ROOT:
            return None
        if rest[0] in _VOWELS:
            if prefix in ("me", "pe"):
                return None  # me- before a vowel is not a prefix (medan, meja are roots)
            return table["nasal"][prefix] + rest, False
        if rest[0] in _NASAL_KEEPS[prefix]:
            return rest, True
        return None
    return None


def _strip_suffix(word: str, endings: list[str], keep: frozenset[str], min_left: int) -> str:
    if word in keep:
        return word
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= min_left:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=CACHE_WORDS)
def rule_stem(word: str) -> str:
    """Strip Indonesian affixes by rule: "menyerangnya" -> "serang"."""
    table = _affixes()
    keep = table["keep_set"]
    if len(word) <= 4 or word in keep or not word.isalpha():
        return word
    word = _strip_suffix(word, table["particles"], keep, 4)
    word = _strip_suffix(word, table["possessives"], keep, 4)
    word = _strip_suffix(word, table["suffixes"], keep, 4)
    # Up to two prefixes stack in Indonesian (mem+per+temu+kan).
    for _ in range(2):
        if word in keep:
            break
        stripped = _strip_prefix(word, table)
        if stripped is None:
            break
        word, verbatim = stripped
        if not verbatim:
            break
    return word


@lru_cache(maxsize=CACHE_WORDS)
def lemma_stem(word: str) -> str:
    """simplemma's Indonesian lemma, folded like the rest of the index."""
    import simplemma

    return fold(simplemma.lemmatize(word, lang="id"))


# What a nasal prefix may have swallowed before a vowel: both readings are tried against the
# dictionary (meng+ambil or meng+kirim, mem+pukul or mem+makan).
_NASAL_ALTERNATIVES = {
    "meny": ("s", "ny"), "peny": ("s", "ny"), "mem": ("p", "m"), "pem": ("p", "m"),
    "men": ("t", "n"), "pen": ("t", "n"), "meng": ("", "k"), "peng": ("", "k"),
    "menge": ("",), "penge": ("",),
}
_SUFFIX_CHAINS = ("", "kan", "an", "i", "nya", "kannya", "annya", "inya", "lah", "kah", "pun")


def _prefix_readings(word: str, table: dict[str, Any]) -> list[str]:
    """Every root a prefix (or two) could have been attached to."""
    found = [word]
    for prefix in (*table["plain_prefixes"], "be", "pe", "me"):
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_ROOT:
            rest = word[len(prefix):]
            found.append(rest)
            # A second prefix after a plain one: di+per+baiki, ke+ber+hasil+an.
            for inner in ("per", "ber", "pe", "be", "ter"):
                if rest.startswith(inner) and len(rest) - len(inner) >= _MIN_ROOT:
                    found.append(rest[len(inner):])
    for prefix, sounds in _NASAL_ALTERNATIVES.items():
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_ROOT:
            rest = word[len(prefix):]
            found.append(rest)
            found += [sound + rest for sound in sounds if rest[0] in _VOWELS]
            if rest.startswith("per") and len(rest) > 3 + _MIN_ROOT:
                found.append(rest[3:])  # mem+per+baiki
    return found


@lru_cache(maxsize=CACHE_WORDS)
def hybrid_stem(word: str) -> str:
    """simplemma's lemma when its dictionary knows the word; otherwise the longest root that
    affix stripping can reach and the dictionary knows; otherwise the word as it is (names and
    words no dictionary has stay whole rather than being cut to a guess)."""
    import simplemma

    if not word.isalpha() or len(word) <= 3:
        return word
    table = _affixes()
    if simplemma.is_known(word, lang="id"):
        lemma = lemma_stem(word)
        # simplemma lists some derived words as lemmas of their own (petani, terjadi, bekerja);
        # those go on to affix stripping below, except roots that only look derived (medan is
        # not me+dan, sejarah not se+jarah).
        if lemma != word or word in table["keep_set"]:
            return lemma
    candidates = set()
    for ending in _SUFFIX_CHAINS:
        if ending and not (word.endswith(ending) and len(word) - len(ending) >= _MIN_ROOT):
            continue
        base = word[: len(word) - len(ending)]
        candidates.update(_prefix_readings(base, table))
    candidates.discard(word)
    # Roots of three letters are too often function words (dan, ini) to be trusted.
    known = [c for c in candidates if len(c) > _MIN_ROOT and simplemma.is_known(c, lang="id")]
    if not known:
        return lemma_stem(word) if simplemma.is_known(word, lang="id") else word
    # The least stripped reading: stripping more than needed merges unrelated words.
    return lemma_stem(max(known, key=lambda c: (len(c), c)))


STEMMERS = {"rules": rule_stem, "simplemma": lemma_stem, "hybrid": hybrid_stem}


def stem(word: str, stemmer: str = DEFAULT_STEMMER) -> str:
    return STEMMERS[stemmer](fold(word))


def stemmed(text: str, stemmer: str = DEFAULT_STEMMER) -> str:
    """The text as space-separated stems, the form the full-text index holds."""
    fn = STEMMERS[stemmer]
    return " ".join(fn(token) for token in tokens(text))


__all__ = ["DEFAULT_STEMMER", "STEMMERS", "STEMMER_VERSION", "fold", "hybrid_stem", "lemma_stem",
           "rule_stem", "stem", "stemmed", "tokens"]
