"""Entity resolution inside one article: from NER mentions to one entity per real-world thing.

The NER stage finds spans (``find_mentions``); this module decides which spans name the same
thing, what that thing is called, which titles it was given, and where a place is:

- titles and forms of address are split from names, whether the model included them in the
  mention ("Presiden Suriah Bashar al-Assad") or left them just before it; the words are data
  (``warta/data/id/titles.toml``);
- an acronym in brackets joins its expansion: "Negara Islam Irak dan Suriah (ISIS)";
- a short form of a person's name joins the full name it is part of ("Assad", "Bashar");
- a well-known other name joins the full name the same article writes ("Jokowi" and "Joko
  Widodo", "PBB" and "Perserikatan Bangsa-Bangsa"); the table is data
  (``warta/data/id/aliases.toml``);
- places resolve through :func:`warta.nlp.places.resolve_place`, and mentions that resolve to
  the same gazetteer entry are one entity whatever their spelling ("Damaskus", "DAMASKUS");
- a name the model found once is looked for again in the rest of the text, since a tagger
  that finds "Assad" in one sentence may miss him in the next.

Entity keys are stable across articles: a place's gazetteer id (``geonames:170654``), otherwise
``TYPE:normalised name`` (``PER:bashar al-assad``), so a store can gather one entity's articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from warta.model import Article, Entity, Mention, Place, Span, replace
from warta.nlp.places import fold, prefix_length, resolve_place
from warta.nlp.titles import (
    ACRONYM,
    leading_title,
    name_particles,
    title_after,
    title_before,
    tokens,
    vocabulary,
    word_key,
)
from warta.resources import load_toml

if TYPE_CHECKING:
    from warta.settings import Settings

__all__ = ["build", "entity_key", "resolve", "resolve_dateline"]

# A bracketed aside right after a mention: "Negara Islam Irak dan Suriah (ISIS)".
_BRACKET = re.compile(r"\s*\(\s*([^()\n]{1,80}?)\s*\)")
# Leading and trailing characters that are never part of a name.
_EDGE = " \t\n\u00a0\"'“”‘’«»()[]{},;:!?-–—/"
# Feature values of administrative units: typed GPE (as in ACE: a place with a government).
_GPE_FEATURES = frozenset({"country", "province", "regency", "city", "district"})
# Mention types as taggers and corpora spell them, to warta's entity types; anything else is MISC.
_TYPES = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG",
          "ORGANISATION": "ORG", "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC", "FAC": "LOC",
          "GPE": "GPE", "EVT": "EVT", "EVENT": "EVT", "MISC": "MISC", "NORP": "MISC"}


def normalise(name: str) -> str:
    """Lower case, no diacritics, whitespace collapsed: the name part of an entity key."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def entity_key(entity_type: str, name: str, place: Place | None = None) -> str:
    """The key an entity has in every article: its gazetteer id if it is a known place, else
    its type and normalised name."""
    if place is not None and place.gazetteer_id:
        return place.gazetteer_id
    return f"{entity_type}:{normalise(name)}"


@dataclass
class _Item:
    """One mention being resolved."""

    start: int
    end: int
    type: str
    titles: list[str] = field(default_factory=list)
    place: Place | None = None
    partner: int | None = None  # index of a mention joined to this one by brackets


_ORGANISATIONS = frozenset({"organisations"})


def _split_titles(text: str, items: list[_Item], sentences: list[Span]) -> list[_Item]:
    """Move titles out of person mentions and collect the titles written just before them."""
    # The areas of the units the article names: "Tambun" of "Polsek Tambun" (a unit's name is
    # its kind, then its area), not any word of any name ("Ahok" of "Teman Ahok").
    named_words = set()
    for item in items:
        unit = tokens(text[item.start : item.end], item.start) if item.type != "PER" else []
        if len(unit) > 1 and vocabulary().match(unit, 0, _ORGANISATIONS)[0]:
            named_words.add(unit[-1].text.lower())
    covered_by = _covered(text, items)
    found = {id(item): _title_of(text, item, sentences, covered_by)
             for item in items if item.type == "PER"}
    areas = {id(item) for item in items if item.type == "PER"
             and _area_of_title(text, item, found[id(item)], named_words)}
    if areas:
        # "Kapolsek [Tambun]": the office's area, not a person. Without it the title after
        # the name before it reads whole ("Boby Kusumawardhana, Kapolsek Tambun").
        items = [item for item in items if id(item) not in areas]
        covered_by = _covered(text, items)
        found = {id(item): _title_of(text, item, sentences, covered_by)
                 for item in items if item.type == "PER"}
    kept: list[_Item] = []
    for item in items:
        if item.type != "PER":
            kept.append(item)
            continue
        start, title = found[id(item)]
        if start >= item.end:
            continue  # only a title ("Presiden", "Jaksa [Agung]"): not a name, not an entity
        name = tokens(text[start : item.end], start)
        if name and vocabulary().match(name, 0, _ORGANISATIONS)[0]:
            # "Kasat Reskrim [Polresta Depok]", "PT Pertamina": the "name" opens like an
            # organisation's, so the title is about its unit, and it is no person.
            item.start, item.type = start, "ORG"
            kept.append(item)
            continue
        item.start = start
        if title:
            item.titles.append(title)
        kept.append(item)
    return kept


def _covered(text: str, items: list[_Item]) -> dict[int, str]:
    """Token start -> type of the mention covering it."""
    return {token.start: item.type for item in items
            for token in tokens(text[item.start : item.end], item.start)}


def _title_of(text: str, item: _Item, sentences: list[Span], covered_by: dict[int, str]
              ) -> tuple[int, str | None]:
    """Where the name of a person mention starts and its title: inside the mention, written
    before it, or in apposition after it. The start is the mention's end for a title alone."""
    others = {s for s, kind in covered_by.items() if kind != "PER"}
    start, title = leading_title(text, item.start, item.end, others)
    if start >= item.end or start != item.start:
        return start, title
    floor, ceiling = _sentence_bounds(sentences, item.start, len(text))
    start, title = title_before(text, item.start, item.end, floor, covered_by)
    if start < item.end and not title:
        title = title_after(text, item.end, ceiling, covered_by)
    return start, title


def _area_of_title(text: str, item: _Item, found: tuple[int, str | None],
                   named_words: set[str]) -> bool:
    """Whether a one-word name after a title is the area the office covers: the area of a unit
    the article names ("Kapolsek Tambun" beside "Polsek Tambun"), or an Indonesian district. A
    one-word name that is neither stays a person ("Gubernur Ahok", even beside "Teman Ahok")."""
    start, title = found
    if not title or start >= item.end:
        return False
    if start == item.start and not text[:item.start].rstrip().endswith(title):
        return False  # a title in apposition after the name ("Tambun, Kapolsek …")
    name = text[start:item.end]
    if " " in name.strip() or not name[:1].isupper():
        return False
    if name.lower() in named_words:
        return True
    place = resolve_place(name)
    return place is not None and place.country_code == "ID" and place.feature == "district"


def _sentence_bounds(sentences: list[Span], offset: int, size: int) -> tuple[int, int]:
    """Start and end of the sentence holding ``offset``; the whole text without sentences."""
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.start, sentence.end
    return 0, size


# --- mentions -------------------------------------------------------------------------------


def _clean(text: str, mentions: list[tuple[int, int, str]]) -> list[_Item]:
    """Mentions inside the text, trimmed of spaces and punctuation, sorted, without overlaps
    (the longer of two overlapping mentions wins)."""
    items = []
    for start, end, kind in mentions:
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start] in _EDGE:
            start += 1
        # A closing bracket stays only if the mention opened one: "Partai Amanat Nasional (PAN)".
        while end > start and text[end - 1] in _EDGE and (
            text[end - 1] != ")" or "(" not in text[start : end - 1]
        ):
            end -= 1
        # A sentence's full stop is not part of a name; an abbreviation's dot is ("Tbk.", "Jr.").
        if text[start:end].endswith(".") and len(text[start:end].split()[-1]) > 4:
            end -= 1
        if end > start and any(ch.isalnum() for ch in text[start:end]) and (
                _pronoun_with_particle().fullmatch(text[start:end]) is None):
            items.append(_Item(start, end, _TYPES.get(kind.upper(), "MISC")))
    return _disjoint(items)


def _ranked_people(text: str, items: list[_Item]) -> list[_Item]:
    """A place or an organisation the tagger ran on into a rank and a name ("Simpang Kramat Ipda
    Abdul Azis"): from the rank on it is a person, whose title the rank is; the words before
    it, part of an office, are dropped."""
    ranks = _name_opening_ranks()
    for item in items:
        if item.type == "PER":
            continue
        words = tokens(text[item.start : item.end], item.start)
        for i, word in enumerate(words[:-1]):
            if word.text in ranks and words[i + 1].text[:1].isupper():
                item.start, item.type = word.start, "PER"
                break
    return items


@cache
def _names() -> dict[str, Any]:
    """The name rules' data file (data/id/names.toml), read once."""
    return load_toml("id/names.toml")


@cache
def _name_opening_ranks() -> frozenset[str]:
    return frozenset(_names()["name_opening_ranks"])


def _disjoint(items: list[_Item]) -> list[_Item]:
    """Sorted, and of two overlapping mentions the first (the longer, when both start at
    one place) kept: a name moved its start over another mention only on malformed input."""
    items = sorted(items, key=lambda i: (i.start, -(i.end - i.start)))
    kept: list[_Item] = []
    for item in items:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def _split_brackets(text: str, items: list[_Item]) -> list[_Item]:
    """A mention that swallowed its bracketed acronym becomes two joined mentions."""
    out: list[_Item] = []
    for item in items:
        match = re.search(r"\s*\(\s*([^()]+?)\s*\)$", text[item.start : item.end])
        if match and ACRONYM.match(match.group(1)) and match.start() > 0:
            inner_start = item.start + match.start(1)
            first = _Item(item.start, item.start + match.start(), item.type)
            second = _Item(inner_start, inner_start + len(match.group(1)), item.type)
            out.extend([first, second])
        else:
            out.append(item)
    return out


def _long_forms(text: str, items: list[_Item], sentences: list[Span]) -> list[_Item]:
    """The name before a bracketed acronym is one name, however the tagger cut it:
    "Negara Islam Irak dan Suriah (ISIS)" is an organisation, not the places Irak and Suriah.
    The long form is the run of capitalised words (and "dan", "&" between them) that ends at the
    bracket, cut where its initials spell the acronym ("Pemerintah Amerika Serikat (AS)" is
    "Amerika Serikat"); where they do not (ISIS), the whole run, unless it ends in a person,
    whose name is not extended past what the tagger marked."""
    ends = {item.end: item for item in items}
    starts = {item.start: item for item in items}
    words = vocabulary()
    out = list(items)
    for bracket in re.finditer(r"\(\s*([^()\s]{2,12})\s*\)", text):
        acronym = bracket.group(1)
        end = len(text[: bracket.start()].rstrip())
        before, tagged = ends.get(end), starts.get(bracket.start(1))
        if not ACRONYM.match(acronym) or (before is None and tagged is None):
            continue
        floor, _ = _sentence_bounds(sentences, max(end - 1, 0), len(text))
        found = tokens(text[floor:end], floor)
        run: list[int] = []
        for n in range(len(found) - 1, -1, -1):
            joiner = bool(words.match(found, n, frozenset({"connectors"}))[0])
            word = found[n].capitalised and found[n].text[0].isalpha()
            if word or (joiner and run and n > 0 and found[n - 1].capitalised):
                run.append(n)
            else:
                break
        run.reverse()
        capitals = [n for n in run if found[n].capitalised]
        letters = re.sub(r"[^A-Za-z]", "", acronym).upper()
        first = next((n for n in capitals
                      if "".join(found[m].text[0] for m in capitals if m >= n).upper() == letters),
                     None)
        if first is None:
            if len(capitals) < 2 or (before is not None and before.type == "PER"):
                continue
            first = run[0]
        start = found[first].start
        if before is not None and start >= before.start:
            continue  # the tagger's mention is already the whole long form
        kind = tagged.type if tagged is not None else before.type if before is not None else "ORG"
        out = [item for item in out if item.end <= start or item.start >= end]
        out.append(_Item(start, end, kind))
    out.sort(key=lambda i: i.start)
    return out


def _link_brackets(text: str, items: list[_Item]) -> list[_Item]:
    """Join "Long Form (ACRONYM)", "ACRONYM (Long Form)" and "Full Name (Nickname)" pairs. The
    bracketed part becomes a mention if the tagger did not mark it."""
    by_start = {item.start: n for n, item in enumerate(items)}
    added: list[_Item] = []
    for n, item in enumerate(items):
        if item.partner is not None:
            continue
        match = _BRACKET.match(text, item.end)
        if not match:
            continue
        inner = match.group(1)
        surface = text[item.start : item.end]
        long_then_short = ACRONYM.match(inner) and not ACRONYM.match(surface) and (
            # After a person, an acronym is an alias only if it spells the name ("Jusuf Kalla
            # (JK)", "Susilo Bambang Yudhoyono (SBY)"); otherwise it is the party or office the
            # person belongs to ("Teten Masduki (PDIP)"). After a place, likewise ("Daerah
            # Istimewa Yogyakarta (DIY)"); otherwise the place is the end of a longer name
            # that _long_forms could not rebuild.
            item.type not in ("PER", "LOC", "GPE") or _spells(inner, surface)
        )
        short_then_long = (
            ACRONYM.match(surface)
            and sum(w[:1].isupper() for w in inner.split()) >= 2
            and not any(ch.isdigit() for ch in inner)
        )
        # "Joko Widodo (Jokowi)": a person's bracketed single name is what the story calls him
        # next. An age "(52)" or a place "(Solo)" is not.
        nickname = (
            item.type == "PER"
            and re.fullmatch(r"[A-Z][a-z'’\-]+", inner) is not None
            and resolve_place(inner) is None
        )
        if not (long_then_short or short_then_long or nickname):
            continue
        if item.type in ("LOC", "GPE") and not long_then_short:
            continue  # "Deir Az Zor (Suriah)" says where, not what else it is called
        start = match.start(1)
        other = by_start.get(start)
        if other is None and any(
            o.start < start + len(inner) and start < o.end for o in (*items, *added)
        ):
            continue  # the tagger put the bracket into some other mention: leave it alone
        if other is None:
            item.partner = len(items) + len(added)
            added.append(_Item(start, start + len(inner), item.type, partner=n))
        else:
            item.partner = other
            items[other].partner = n
    return items + added


def _spells(acronym: str, name: str) -> bool:
    initials = "".join(word[0] for word in re.split(r"[\s\-]+", name) if word[:1].isupper())
    return acronym.replace(".", "").upper() == initials.upper()


# --- grouping -------------------------------------------------------------------------------


class _Groups:
    """Union-find over mention indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the earliest mention is the root

    def members(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return out


def _name_words(name: str) -> list[str]:
    """The words that identify a person: folded, particles dropped. A hyphen splits a word only
    after a particle ("al-Assad" is "assad"); otherwise it joins a pair, often two people on one
    ticket ("Jokowi-JK", "Rieke-Teten"), which is not a fuller form of either name."""
    words = []
    for word in name.split():
        head, hyphen, tail = word.partition("-")
        if hyphen and fold(head) in name_particles():
            word = tail
        key = fold(word).replace(" ", "-")
        if key and key not in name_particles():
            words.append(_spelling_key(key))
    return words


_DOUBLED = re.compile(r"(\w)\1+")


@cache
def _pronoun_with_particle() -> re.Pattern[str]:
    """A pronoun with a particle written onto it ("Iapun"), which is no name (names.toml)."""
    names = _names()
    return re.compile(rf"(?:{'|'.join(names['pronouns'])})(?:{'|'.join(names['particles'])})",
                      re.I)


@cache
def _spellings() -> tuple[tuple[str, str], ...]:
    return tuple((old, new) for old, new in _names()["replace"])


def _spelling_key(word: str) -> str:
    """One key for the spellings of a name word (data/id/names.toml): "soekarno" and "sukarno"
    are "sukarno", "victor" and "viktor" are "viktor"."""
    for old, new in _spellings():
        word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", word)


def _resolve_places(text: str, items: list[_Item]) -> None:
    """Resolve place mentions twice: first alone, then with the article's most mentioned
    country, which settles names shared by towns in several countries."""
    candidates = [i for i in items if i.type in ("LOC", "GPE", "ORG")]
    first = {id(i): resolve_place(text[i.start : i.end]) for i in candidates}
    countries = Counter(
        p.country_code for i in candidates if (p := first[id(i)]) is not None and p.country_code
        and (i.type != "ORG" or p.feature == "country")
    )
    context = countries.most_common(1)[0][0] if countries else None
    for item in candidates:
        place = resolve_place(text[item.start : item.end], context)
        if place is None:
            continue
        if item.type == "ORG":
            # "Rusia" tagged as an organisation is the Russian state: one entity with the
            # country. Other organisations that share a town's name stay organisations.
            if place.feature != "country":
                continue
            item.type = "GPE"
        item.place = place
        if place.feature in _GPE_FEATURES:
            item.type = "GPE"
        # "Kota Deir Az Zor", "ibu kota Damaskus", "Provinsi Jawa Barat": when the name without
        # its kind-of-place word is the same place, the word is description, not name. It stays
        # where it tells places apart ("Kabupaten Bogor" is not Bogor, the city).
        cut = prefix_length(text[item.start : item.end])
        if cut and resolve_place(text[item.start + cut : item.end], context) == place:
            item.start += cut


def _group(text: str, items: list[_Item]) -> _Groups:
    groups = _Groups(len(items))
    for n, item in enumerate(items):
        if item.partner is not None:
            groups.join(n, item.partner)
    # Same place, same entity; same written name, same entity, whatever type the tagger gave
    # each mention (a CRF may call "Assad" a person in one sentence and an organisation in the
    # next; the entity takes the majority type). Except a person's short form, which may stand
    # for different people in turn ("Trump" after "Melania Trump", then after "Ivanka Trump"),
    # and is joined by _join_short_person_names.
    # A place's written name counts too, so that a mention of it the tagger called a person
    # ("Deir Az Zor" as PER) joins the place.
    short = _short_person_forms(text, items)
    first_by_key: dict[tuple[str, str], int] = {}
    for n, item in enumerate(items):
        keys = []
        if item.place is not None and item.place.gazetteer_id:
            keys.append(("PLACE", item.place.gazetteer_id))
        if n not in short:
            name = normalise(text[item.start : item.end])
            keys.append(("NAME", name))
            if name in _aliases():
                keys.append(("ALIAS", _aliases()[name]))
        for key in keys:
            if key in first_by_key:
                groups.join(first_by_key[key], n)
            else:
                first_by_key[key] = n
    _join_short_person_names(text, items, groups)
    _join_initialisms(text, items, groups)
    _join_aliases(text, items, groups)
    return groups


def _join_aliases(text: str, items: list[_Item], groups: _Groups) -> None:
    """Two names of one person joined by "alias" ("Andi Agustinus alias Andi Narogong")."""
    between = _alias_between()
    order = sorted(range(len(items)), key=lambda n: items[n].start)
    for n, m in pairwise(order):
        if items[n].type == items[m].type == "PER" and between.fullmatch(
                text, items[n].end, items[m].start):
            groups.join(n, m)


@cache
def _alias_between() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _names()["alias_words"])
    return re.compile(rf"\s+(?:{words})\s+", re.I)


@cache
def _aliases() -> dict[str, str]:
    """Every name in the alias table, normalised, to the full name it stands for."""
    table: dict[str, str] = {}
    for section in load_toml("id/aliases.toml").values():
        for full, others in section.items():
            for name in (full, *others):
                table[normalise(name)] = normalise(full)
    return table


def _short_person_forms(text: str, items: list[_Item]) -> set[int]:
    """Person mentions whose name words are all inside two or more different fuller names."""
    people = [n for n, item in enumerate(items) if item.type == "PER"]
    words = {n: frozenset(_name_words(text[items[n].start : items[n].end])) for n in people}
    short = set()
    for n in people:
        fuller = {words[m] for m in people if words[n] and words[n] < words[m]}
        if len(fuller) > 1:
            short.add(n)
    return short


def _join_short_person_names(text: str, items: list[_Item], groups: _Groups) -> None:
    """A person named by part of a full name that appears in the article ("Assad", "Bashar")
    is that person. When several full names contain it ("Widodo" with both "Joko Widodo" and
    "Iriana Widodo"), the one mentioned most recently before it wins, as a reader would take it;
    a name that contains no other is never merged, so two full names stay two people."""
    people = [n for n, item in enumerate(items) if item.type == "PER"]
    words = {n: _name_words(text[items[n].start : items[n].end]) for n in people}
    # A one-word mention the tagger typed otherwise, that is no known place and is a word of a
    # person's full name here, is that person too ("Assad" once tagged a place).
    known = {w for n in people if len(words[n]) > 1 for w in words[n]}
    for n, item in enumerate(items):
        surface = text[item.start : item.end]
        if item.type != "PER" and item.place is None and len(surface.split()) == 1:
            mine_words = _name_words(surface)
            if len(mine_words) == 1 and mine_words[0] in known:
                words[n] = mine_words
    for n in words:
        mine = set(words[n])
        if not mine:
            continue
        fuller = [m for m in people if len(set(words[m])) > len(mine) and mine <= set(words[m])]
        if not fuller and len(mine) == 1:
            fuller = _fuller_by_short_form(next(iter(mine)), n, people, words, items)
        if not fuller:
            # The same name spelt another way ("Soeharto", "Suharto"): the first spelling's.
            same = [m for m in people if m != n and set(words[m]) == mine
                    and items[m].start < items[n].start]
            if same:
                groups.join(same[0], n)
            continue
        earlier = [m for m in fuller if items[m].start < items[n].start]
        chosen = max(earlier, key=lambda m: items[m].start) if earlier else min(
            fuller, key=lambda m: items[m].start)
        groups.join(chosen, n)


def _fuller_by_short_form(word: str, n: int, people: list[int], words: dict[int, list[str]],
                          items: list[_Item]) -> list[int]:
    """The mentions of the one person named earlier with a longer word that ``word`` begins:
    "Alex" after "Alexander Marwata", "Syarif" after "Syarifuddin Hasan". Empty when the word is
    short (under four letters) or when two different people fit."""
    if len(word) < 4:
        return []
    longer = [m for m in people if items[m].start < items[n].start and len(words[m]) > 1
              and any(w != word and w.startswith(word) for w in words[m])]
    return longer if len({frozenset(words[m]) for m in longer}) == 1 else []


def _join_initialisms(text: str, items: list[_Item], groups: _Groups) -> None:
    """An acronym that spells the capitals of an organisation named in full is that
    organisation ("KPK" and "Komisi Pemberantasan Korupsi"), even without brackets."""
    initials: dict[str, int] = {}
    for n, item in enumerate(items):
        if item.type != "ORG":
            continue
        capitals = "".join(w[0] for w in text[item.start : item.end].split() if w[:1].isupper())
        if len(capitals) >= 2:
            initials.setdefault(capitals, n)
    for n, item in enumerate(items):
        surface = text[item.start : item.end]
        if item.type == "ORG" and ACRONYM.match(surface) and surface.isupper():
            match = initials.get(surface.replace(".", ""))
            if match is not None and match != n:
                groups.join(match, n)


# --- more mentions of the names found -------------------------------------------------------


def _propagate(text: str, items: list[_Item], groups: _Groups) -> list[_Item]:
    """Add mentions the tagger missed: other occurrences, as whole words, of a name it found.
    Only names that are safe to look for are used: several words, an acronym, or a name of a
    person or a resolved place, and never a title word or one letter. One-word names must match
    in case; longer ones may differ in it ("Bashar Al-Assad" in a caption, "Bashar al-Assad" in
    the text) as long as they start with a capital."""
    words_known = vocabulary().words
    members = groups.members()
    kinds = {root: _entity_type([items[i] for i in group]) for root, group in members.items()}
    places = {root: next((items[i].place for i in group if items[i].place), None)
              for root, group in members.items()}
    forms: dict[str, int] = {}
    surnames: dict[str, int] = {}
    for n, item in enumerate(items):
        surface = text[item.start : item.end]
        words = surface.split()
        root = groups.find(n)
        safe = (
            len(words) > 1
            or ACRONYM.match(surface)
            or kinds[root] == "PER"
            or places[root] is not None
        )
        if not safe or len(surface) < 2 or not surface[:1].isupper():
            continue
        if len(words) == 1 and word_key(surface) in words_known:
            continue
        forms.setdefault(surface, root)
        if kinds[root] == "PER" and len(words) > 1 and _surname_ok(words[-1], words_known):
            surnames.setdefault(words[-1], root)
    # A surname the tagger never found alone is looked for only right after a title ("Jaksa
    # Agung Chin" for Doug Chin): elsewhere a last name is too often a word or another person's.
    title_only = {surname for surname in surnames if surname not in forms}
    for surname in title_only:
        forms[surname] = surnames[surname]
    if not forms:
        return items
    by_fold = {f.casefold(): root for f, root in forms.items() if len(f.split()) > 1}
    taken = [(item.start, item.end) for item in items]
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w-])",
        re.IGNORECASE,
    )
    added: list[_Item] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        found = match.group()
        owner = forms.get(found, by_fold.get(found.casefold()))
        if owner is None or not found[:1].isupper():
            continue
        if found in title_only and not _after_title(text, start, words_known):
            continue
        if any(start < e and s < end for s, e in taken):
            continue
        # A person's name is joined by the name rules like any other mention, so that a short
        # form goes to the person mentioned last, not to the first one it was seen with.
        partner = None if kinds[owner] == "PER" else owner
        added.append(_Item(start, end, kinds[owner], place=places[owner], partner=partner))
        taken.append((start, end))
    return items + added


def _surname_ok(word: str, words_known: frozenset[str]) -> bool:
    """A last name worth looking for alone: capitalised, three letters or more, no title word,
    no name particle, no initial."""
    return (len(word) >= 3 and word[:1].isupper() and word_key(word) not in words_known
            and fold(word) not in name_particles() and not word.endswith("."))


def _after_title(text: str, start: int, words_known: frozenset[str]) -> bool:
    """Whether the word before ``start`` is a title word ("Jaksa Agung Chin", "Presiden Trump")."""
    before = re.search(r"([\w.]+)\s+$", text[max(0, start - 40):start])
    return before is not None and before.group(1)[:1].isupper() and word_key(
        before.group(1)) in words_known


# --- entities -------------------------------------------------------------------------------


def _canonical(text: str, members: list[_Item], kind: str) -> tuple[str, list[str]]:
    """The entity's name and its other names.

    Persons: the fullest form (most words), earliest on ties. Organisations with an acronym: the
    acronym, because it is what later articles write, and an expansion is translated in several
    ways ("Negara Islam Irak dan Suriah", "... dan Levant"), so the acronym gives the steadier
    key. Places and the rest: the form written most often, earliest on ties.
    """
    spellings: dict[str, list[str]] = {}  # normalised -> spellings, in order of appearance
    counts: Counter[str] = Counter()
    order: list[str] = []
    for item in sorted(members, key=lambda i: i.start):
        surface = " ".join(text[item.start : item.end].split())
        key = normalise(surface)
        if key not in spellings:
            spellings[key] = []
            order.append(key)
        spellings[key].append(surface)
        counts[key] += 1
    # Of spellings that differ only in case, the one with the most small letters: headlines and
    # captions capitalise every word ("Bashar Al-Assad"), while a writer who keeps a particle
    # small ("al-Assad", "bin", "van") does so on purpose. Capitals-only names are kept only when
    # there is nothing else (ISIS).
    forms = {
        key: max(found, key=lambda s: (sum(ch.islower() for ch in s), -found.index(s)))
        for key, found in spellings.items()
    }
    if kind == "PER":
        best = max(order, key=lambda k: (len(_name_words(k)), -order.index(k)))
    else:
        acronyms = [k for k in order if ACRONYM.match(forms[k]) and forms[k].isupper()]
        if kind == "ORG" and acronyms and len(order) > 1:
            best = acronyms[0]
        else:
            best = max(order, key=lambda k: (counts[k], -order.index(k)))
    name = forms[best]
    if name.isupper() and len(name) > 4 and " " not in name and kind in ("LOC", "GPE"):
        name = name.title()  # a dateline in capitals: DAMASKUS
    aliases = [forms[k] for k in order if k != best]
    return name, aliases


def _entity_type(members: list[_Item]) -> str:
    types = Counter(item.type for item in members)
    if "GPE" in types:
        return "GPE"
    return max(types, key=lambda t: (types[t], -[i.type for i in members].index(t)))


def _to_entity(text: str, members: list[_Item]) -> Entity:
    kind = _entity_type(members)
    name, aliases = _canonical(text, members, kind)
    place = next((i.place for i in members if i.place is not None), None)
    titles: list[str] = []
    for item in sorted(members, key=lambda i: i.start):
        for title in item.titles:
            if normalise(title) not in {normalise(t) for t in titles}:
                titles.append(title)
    mentions = sorted(
        {(i.start, i.end) for i in members}
    )
    return Entity(
        key=entity_key(kind, name, place),
        type=kind,  # type: ignore[arg-type]  # one of the EntityType literals by construction
        name=name,
        mentions=[Mention(s, e, text[s:e]) for s, e in mentions],
        titles=titles,
        aliases=aliases,
        place=place,
    )


def resolve(text: str, mentions: list[tuple[int, int, str]], sentences: list[Span],
            *, propagate: bool = True) -> list[Entity]:
    """Entities of one article from its NER mentions.

    ``mentions`` are ``(start, end, type)`` with end-exclusive offsets into ``text`` and types
    PER, ORG, LOC (or GPE), EVT, MISC; ``sentences`` bound the search for a title written before
    a name. With ``propagate``, other occurrences of the names found become mentions too.
    Entities come in order of their first mention.
    """
    items = _clean(text, mentions)
    items = _ranked_people(text, items)
    items = _split_brackets(text, items)
    items = _long_forms(text, items, sentences)
    items = _disjoint(_split_titles(text, items, sentences))
    items = _link_brackets(text, items)
    _resolve_places(text, items)
    groups = _group(text, items)
    if propagate:
        items = _propagate(text, items, groups)
        groups = _group(text, items)
    entities = [_to_entity(text, [items[i] for i in members])
                for members in groups.members().values()]
    # Two groups can end with the same key (a person written two ways that no rule joined);
    # the key is the entity's identity, so they become one.
    merged: dict[str, Entity] = {}
    for entity in entities:
        if entity.key in merged:
            merged[entity.key] = _merge(text, merged[entity.key], entity)
        else:
            merged[entity.key] = entity
    return sorted(merged.values(), key=lambda e: (e.mentions[0].start, e.mentions[0].end))


def _merge(text: str, a: Entity, b: Entity) -> Entity:
    spans = sorted({(m.start, m.end) for m in (*a.mentions, *b.mentions)})
    aliases = [x for x in (*a.aliases, b.name, *b.aliases) if normalise(x) != normalise(a.name)]
    return replace(
        a,
        mentions=[Mention(s, e, text[s:e]) for s, e in spans],
        titles=list(dict.fromkeys((*a.titles, *b.titles))),
        aliases=list(dict.fromkeys(aliases)),
    )


# --- datelines and the stage ----------------------------------------------------------------


def resolve_dateline(text: str) -> Place | None:
    """The place of a dateline as written ("DAMASKUS", "Jakarta", "JAKARTA, KOMPAS.com",
    "REPUBLIKA.CO.ID, DAMASKUS---"): the first comma- or dash-separated part that is a place."""
    parts = re.split(r"[,(){}\[\]|]|-{2,}|[\u2013\u2014]", text)
    for part in parts:
        words = part.strip(_EDGE + ".").strip()
        if words and not any(ch.isdigit() for ch in words):
            place = resolve_place(words)
            if place is not None:
                return place
    return None


def build(settings: Settings | None = None) -> Any:
    """The ``entities`` stage: NER mentions, then resolution; also resolves the dateline's place
    when the article parser left it empty. Requires ``text`` and ``sentences``; assigns
    ``entities`` (and completes ``dateline``)."""

    def entities(article: Article) -> Article:
        from warta.nlp.ner import find_mentions  # the model loads on first use, not at import

        found = find_mentions(article.text, article.sentences)
        changes: dict[str, Any] = {
            "entities": resolve(article.text, found, article.sentences),
        }
        if article.dateline is not None and article.dateline.place is None:
            place = resolve_dateline(article.dateline.text)
            if place is not None:
                changes["dateline"] = replace(article.dateline, place=place)
        return replace(article, **changes)

    return entities
