"""Place names to gazetteer entries: countries, world cities, Indonesian regions.

>>> resolve_place("Suriah").gazetteer_id
'iso:SY'
>>> resolve_place("Damaskus").name
'Damascus'

Sources (see ``warta/data/places/README.md``): country names from CLDR (Indonesian and English),
world cities from GeoNames, Indonesian provinces, regencies, cities and districts from the
Kemendagri codes, a curated table of Indonesian exonyms and aliases the others miss, and a
hand-entered table of continents, islands, seas and regions (``warta:`` ids).

The tables load once per process, on the first lookup (about a quarter of a second of CPU),
and lookups are cached, so a repeated name costs a dictionary hit.
"""

from __future__ import annotations

import bisect
import gc
import gzip
import re
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from warta.model import Place

__all__ = ["fold", "prefix_length", "resolve_place"]

# Apostrophes, hyphens and dots separate words in transliterations (Deir ez-Zor, Sana'a,
# St. Petersburg); writers drop or keep them at will, so matching ignores them.
_SEPARATORS = re.compile(
    r"[-\u2010\u2011\u2012\u2013\u2014'\u2019\u2018`\u02bb\u02bc\u02bf\u02be.,/]"
)
_NOT_WORD = re.compile(r"[^0-9a-z ]")

# Indonesian regions outrank each other in this order when one bare name fits several levels
# ("Bandung" is a city and a regency; "Bengkulu" a province and a city). A province contains the
# city that shares its name, so answering with the province is coarse but never wrong; a bare
# name that fits a city and a regency almost always means the city, because writers add
# "Kabupaten" when they mean the regency. Districts come last: their 7,000 names are small
# places that collide with larger ones.
_LEVEL_ORDER = {"province": 0, "city": 1, "regency": 2, "district": 3}

# See _best_region: a namesake region wins a tie only with this many times the population.
_REGION_TIE_FACTOR = 2.0

# Fuzzy matching is only tried on names of at least this many letters and accepted at this
# rapidfuzz ratio. Tuned on near misses: at 7 letters and 88, "Presiden" matched "Presidente"
# (88.9) and the Jakarta area "Senayan" the Riau district "Senayang" (93.3); at 9 and 90 both are
# out while "Deir Az Zor" still finds "Deir ez Zor" (90.9, one vowel in eleven letters).
_FUZZY_MIN_LETTERS = 9
_FUZZY_CUTOFF = 90.0


def fold(name: str) -> str:
    """A name reduced for matching: no diacritics, lower case, separators as spaces."""
    if not name.isascii():  # most names are; decomposing them costs a third of the load time
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_SEPARATORS.sub(" ", name.casefold()).split())


@dataclass(frozen=True)
class _Region:
    place: Place
    level: str
    population: int  # of the region, or for a district of its regency (none per district)


@dataclass(frozen=True)
class _City:
    place: Place
    population: int


@dataclass
class _Index:
    countries: dict[str, Place] = field(default_factory=dict)
    regions: dict[str, list[_Region]] = field(default_factory=lambda: defaultdict(list))
    cities: dict[str, str] = field(default_factory=dict)  # folded name -> "3,17": city rows
    city_rows: list[str] = field(default_factory=list)  # TSV lines, split when asked for
    aliases: dict[str, str] = field(default_factory=dict)  # folded alias -> gazetteer id
    by_id: dict[str, Place] = field(default_factory=dict)
    prefixes: list[tuple[str, str]] = field(default_factory=list)  # (folded prefix, level)
    not_places: frozenset[str] = frozenset()
    directions: tuple[str, ...] = ()  # small-letter compass words after a name

    def city(self, number: int) -> _City:
        return _city(self, number)


def _data(name: str) -> Any:
    return resources.files("warta").joinpath("data", "places", name)


def _rows(text: str) -> list[list[str]]:
    """Rows of a TSV file, without its ``#`` comment lines and its header."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def _gunzip(name: str) -> str:
    with _data(name).open("rb") as handle:
        return gzip.decompress(handle.read()).decode("utf-8")


def _body(text: str) -> str:
    """A TSV file without its leading ``#`` comment lines, its header and its final newline."""
    position = 0
    while text.startswith("#", position):
        position = text.index("\n", position) + 1
    position = text.index("\n", position) + 1  # the header
    return text[position:].rstrip("\n")


def _point(lat: str, lng: str) -> tuple[float | None, float | None]:
    return (float(lat), float(lng)) if lat and lng else (None, None)


def _bare_region_names(name: str, words: list[tuple[str, str]]) -> list[str]:
    """Folded keys for an official region name: as written, and without the words that say what
    kind of region it is ("Kota Administrasi Jakarta Pusat" -> "jakarta pusat"), and each part of
    a name with an alternative in brackets ("Misool (Misool Utara)")."""
    keys = set()
    for part in re.split(r"[()]", name):
        key = fold(part)
        if not key:
            continue
        keys.add(key)
        stripped = True
        while stripped:
            stripped = False
            for prefix, _ in words:
                if key.startswith(prefix + " "):
                    key = key[len(prefix) + 1 :]
                    stripped = True
        keys.add(key)
    return sorted(keys)


@lru_cache(maxsize=1)
def _index() -> _Index:
    # The load makes a few hundred thousand small objects, none of them cyclic; pausing the
    # cycle collector meanwhile saves it from rescanning them all several times (measured: about
    # a third of the load time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load()
    finally:
        if enabled:
            gc.enable()


def _load() -> _Index:
    index = _Index()
    names = tomllib.loads(_data("names.toml").read_text(encoding="utf-8"))
    # Longest first, so "kota administrasi" is stripped before "kota".
    index.prefixes = sorted(
        ((fold(word), level) for word, level in names["prefixes"].items()),
        key=lambda item: -len(item[0]),
    )
    index.not_places = frozenset(fold(word) for word in names["not_places"])
    index.directions = tuple(sorted(names["directions"], key=len, reverse=True))

    for iso, _, name, name_id, lat, lng in _rows(_data("countries.tsv").read_text("utf-8")):
        latitude, longitude = _point(lat, lng)
        place = Place(name, iso, latitude, longitude, f"iso:{iso}", "country")
        index.by_id[place.gazetteer_id or ""] = place
        for written in (name, name_id):
            for part in re.split(r"[()]", written):
                if fold(part):
                    index.countries.setdefault(fold(part), place)
            if written:
                index.countries.setdefault(fold(written), place)

    parents: dict[str, Place] = {}
    people: dict[str, int] = {}
    for code, level, name, lat, lng, population in _rows(_data("regions.tsv").read_text("utf-8")):
        latitude, longitude = _point(lat, lng)
        parent_code = code.rsplit(".", 1)[0]
        people[code] = int(population) if population else people.get(parent_code, 0)
        if latitude is None and level == "district":
            # Most districts have no point of their own (see the README): the regency's
            # centroid is within tens of kilometres, which is what a map of news needs.
            parent = parents.get(parent_code)
            if parent is not None:
                latitude, longitude = parent.latitude, parent.longitude
        place = Place(name, "ID", latitude, longitude, f"wilayah:{code}", level)
        parents[code] = place
        index.by_id[place.gazetteer_id or ""] = place
        # District names keep their leading words: "Kota Baru" is a district, "baru" means "new".
        words = index.prefixes if level != "district" else []
        for key in _bare_region_names(name, words):
            index.regions[key].append(_Region(place, level, people[code]))

    # Cities stay lines of text, and their row numbers strings, until one is asked for: splitting
    # 70,000 rows and building 275,000 lists up front would triple the load time for the few
    # hundred cities any run needs.
    index.city_rows = _body(_gunzip("cities.tsv.gz")).split("\n")
    cells = _body(_gunzip("city_names.tsv.gz")).replace("\t", "\n").split("\n")
    index.cities = dict(zip(cells[0::2], cells[1::2], strict=True))

    # Hand-entered places the gazetteers lack (continents, islands, seas): curated, so they rank
    # with the aliases.
    for place_id, feature, country, lat, lng, written in _rows(
        _data("features.tsv").read_text("utf-8")
    ):
        latitude, longitude = _point(lat, lng)
        names_of = written.split("|")
        place = Place(names_of[0], country or None, latitude, longitude, place_id, feature)
        index.by_id[place_id] = place
        for alias in names_of:
            index.aliases[fold(alias)] = place_id

    for alias, target, *_ in _rows(_data("aliases.tsv").read_text("utf-8")):
        index.aliases[fold(alias)] = target
    # Aliases name cities by GeoNames id; those few become records now.
    rows = index.city_rows
    for target in {t for t in index.aliases.values() if t.startswith("geonames:")}:
        wanted = int(target.partition(":")[2])
        # The build sorts rows by GeoNames id.
        number = bisect.bisect_left(rows, wanted, key=lambda row: int(row[: row.index("\t")]))
        if number < len(rows) and rows[number].startswith(f"{wanted}\t"):
            index.by_id[target] = _city(index, number).place
    return index


def _city(index: _Index, number: int) -> _City:
    geonameid, name, country, lat, lng, population = index.city_rows[number].split("\t")
    latitude, longitude = _point(lat, lng)
    place = Place(name, country, latitude, longitude, f"geonames:{geonameid}", "city")
    return _City(place, int(population))


@dataclass(frozen=True)
class _Names:
    """Names that share their first two letters, shortest first: each name's length, and its
    position among them in index order (the order rapidfuzz reports equal scores in)."""

    names: list[str]
    lengths: list[int]
    positions: list[int]


@lru_cache(maxsize=1)
def _fuzzy_index() -> dict[str, _Names]:
    """City and region names by their first two letters, so a fuzzy lookup scans a few hundred
    strings (well under a millisecond) rather than all 290,000 (30 ms). Built on the first miss,
    not at load, because most runs resolve every place exactly. A misspelt first or second
    letter is not found; transliterations mostly differ in later vowels (Deir / Dayr are both
    listed in GeoNames)."""
    index = _index()
    enabled = gc.isenabled()
    gc.disable()
    try:
        by_start: dict[str, list[str]] = defaultdict(list)
        for key in index.cities:
            by_start[key[:2]].append(key)
        for key in index.regions:
            by_start[key[:2]].append(key)
        out = {}
        for start, keys in by_start.items():
            ranked = sorted(range(len(keys)), key=lambda n: (len(keys[n]), n))
            out[start] = _Names(
                [keys[n] for n in ranked], [len(keys[n]) for n in ranked], ranked
            )
        return out
    finally:
        if enabled:
            gc.enable()


def _fuzzy_matches(key: str) -> list[str]:
    """Up to five names at or above the fuzzy cutoff, best first, equal scores in index order.

    rapidfuzz's ratio is 100 * (1 - d / (a + b)) for lengths a and b and an edit distance d of
    at least |a - b|, so a name much shorter or longer than the key cannot reach the cutoff:
    only a window of lengths (a little wider than that bound) is scored.
    """
    group = _fuzzy_index().get(key[:2])
    if group is None:
        return []
    share = 1 - _FUZZY_CUTOFF / 100  # d / (a + b) at the cutoff
    first = bisect.bisect_left(group.lengths, int(len(key) * (1 - share) / (1 + share)))
    last = bisect.bisect_right(group.lengths, int(len(key) * (1 + share) / (1 - share)) + 1)
    found = process.extract(
        key, group.names[first:last], scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=None
    )
    found.sort(key=lambda hit: (-hit[1], group.positions[first + hit[2]]))
    return [name for name, _, _ in found[:5]]


def _strip_prefix(key: str, index: _Index) -> tuple[str, str | None]:
    """Remove one leading kind-of-place word ("kota", "kabupaten", "ibu kota") and return the
    level it implies, if any."""
    for prefix, level in index.prefixes:
        if key.startswith(prefix + " "):
            return key[len(prefix) + 1 :], level or None
    return key, None


def _best_city(cities: list[_City], country: str | None) -> _City | None:
    """The most populous city, preferring the article's country: "Tripoli" in a story about
    Lebanon is Tripoli, LB, not the larger Tripoli, LY."""
    if not cities:
        return None
    if country:
        local = [c for c in cities if c.place.country_code == country]
        if local:
            cities = local
    return max(cities, key=lambda c: c.population)


def _best_region(regions: list[_Region], level: str | None) -> Place | None:
    if level:
        regions = [r for r in regions if r.level == level]
    if not regions:
        return None
    top = min(_LEVEL_ORDER[r.level] for r in regions)
    best = [r for r in regions if _LEVEL_ORDER[r.level] == top]
    if len({r.place.gazetteer_id for r in best}) == 1:
        return best[0].place
    # Two regions of one level with one name ("Tanah Abang" is a district of Central Jakarta and
    # of a South Sumatran regency): take the one in the far more populous regency, which news
    # mentions far more often, as GeoNames ties go to the bigger city. "Far more" is twice:
    # a judgement, not a fit; below it, say nothing rather than guess.
    ranked = sorted(best, key=lambda r: -r.population)
    if ranked[0].population >= _REGION_TIE_FACTOR * ranked[1].population:
        return ranked[0].place
    return None


def _exact(key: str, level: str | None, country: str | None, index: _Index) -> Place | None:
    """The precedence between sources, for one folded name:

    1. the curated tables (aliases, continents, islands, seas), because a person checked each
       line;
    2. countries, because a bare country name in news means the country, not the towns that
       share it (there is a "Jordan" in the Philippines and a "Lebanon" in Pennsylvania);
    3. with a foreign article country, GeoNames cities in that country;
    4. Indonesian provinces, cities and regencies, the places Indonesian news is mostly about;
    5. a GeoNames city in Indonesia is handed back to the regional table when that has its
       name, so one place gets one key;
    6. Indonesian districts before foreign cities of the same name. Of the 164 district names
       that are also the name of a foreign GeoNames city, 22 are cities of 100,000 or more, and
       about half of those are places Indonesian news writes about as districts (Kembangan,
       Banda, Tempe, Maba); a story set abroad has its country as context (step 3).
    """
    target = index.aliases.get(key)
    if target is not None:
        return index.by_id.get(target)
    if level in (None, "country") and key in index.countries:
        return index.countries[key]
    if level == "country":
        return None
    numbers = index.cities.get(key, "") if level in (None, "city") else ""
    cities = [index.city(int(number)) for number in numbers.split(",") if number]
    if country and country != "ID":
        local = [c for c in cities if c.place.country_code == country]
        if local:
            return max(local, key=lambda c: c.population).place
    regions = index.regions.get(key, [])
    if level != "district":
        region = _best_region([r for r in regions if r.level != "district"], level)
        if region is not None:
            return region
    city = _best_city(cities, country)
    districts = [r for r in regions if r.level == "district"] if level in (None, "district") else []
    if city is not None and city.place.country_code == "ID":
        same = index.regions.get(fold(city.place.name), [])
        bridged = _best_region(same, None)
        if bridged is not None:
            return bridged
    district = _best_region(districts, "district")
    if district is not None:
        return district
    if districts and city is not None and fold(city.place.name) != key:
        # Districts of this name exist but cannot be told apart; a foreign city that has the
        # name only as a foreign-language alternate ("Parigi" is Italian for Paris) is not a
        # better answer than none.
        return None
    return city.place if city is not None else None


def _fuzzy(key: str, level: str | None, country: str | None, index: _Index) -> Place | None:
    if len(key.replace(" ", "")) < _FUZZY_MIN_LETTERS:
        return None
    for match in _fuzzy_matches(key):
        place = _exact(match, level, country, index)
        if place is not None:
            return place
    return None


_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


@lru_cache(maxsize=65536)
def resolve_place(name: str, context_country: str | None = None) -> Place | None:
    """The place a name refers to, or None when it is not a place we know.

    ``context_country`` is an ISO code of the country the text is about (for example the most
    mentioned country of an article); it decides between cities that share a name.

    >>> resolve_place("Kabupaten Bogor").gazetteer_id
    'wilayah:32.01'
    >>> resolve_place("Deir Az Zor").name
    'Deir ez-Zor'
    >>> resolve_place("Presiden") is None
    True
    """
    index = _index()
    key = fold(name)
    if not key or key in index.not_places or not _NOT_WORD.sub("", key).strip():
        return None
    for direction in index.directions:
        # "Israel utara" (northern Israel) is in Israel; only in cased text, since in
        # all-small text "jakarta utara" is the city of North Jakarta.
        rest = name.rstrip()[: -len(direction)]
        if name.rstrip().endswith(" " + direction) and rest != rest.lower():
            return resolve_place(rest.strip(), context_country)
    country = context_country.upper() if context_country else None
    place = _exact(key, None, country, index)
    if _ACRONYM.match(name.strip()):
        # Capitals alone (a suspect's initials, "AML") name a place only through the curated
        # tables, countries and Indonesian regions (AS, RI, NTT), never through the codes and
        # abbreviations GeoNames lists among a foreign city's alternate names ("AML": Āmol).
        if place is not None and place.gazetteer_id and place.gazetteer_id.startswith("geonames:"):
            return None
        return place
    if place is not None:
        return place
    bare, level = _strip_prefix(key, index)
    if bare != key and bare and bare not in index.not_places:
        # "ibu kota Damaskus", "Kota Deir Az Zor", "Provinsi Jawa Barat", "Negara Suriah"
        place = _exact(bare, level, country, index)
        if place is not None:
            return place
        key = bare
    return _fuzzy(key, level, country, index)


def prefix_length(name: str) -> int:
    """How many leading characters of ``name`` are a kind-of-place word and the space after it
    ("Kota " in "Kota Deir Az Zor", "ibu kota " in "ibu kota Damaskus"); 0 if none."""
    index = _index()
    words = name.split()
    for prefix, _ in index.prefixes:
        size = prefix.count(" ") + 1
        if len(words) > size and fold(" ".join(words[:size])) == prefix:
            match = re.match(r"\s*" + r"\s+".join(re.escape(w) for w in words[:size]) + r"\s+",
                             name)
            return match.end() if match else 0
    return 0


def warm_up() -> None:
    """Load the tables now rather than on the first lookup (for servers and benchmarks)."""
    _index()
