"""Charts and maps drawn as inline SVG on the server: no chart library, no tiles, no network.

The base maps come from ``maps/countries.json`` (Natural Earth 1:110m countries, public domain;
see ``maps/README.md``) and the Indonesian province centres from warta's own region table. Both
maps use a plain equirectangular projection: places are points, and straight longitude/latitude
axes keep the drawing code to a few lines.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from markupsafe import Markup

CHART_WIDTH = 720
CHART_HEIGHT = 180
_PAD_LEFT, _PAD_BOTTOM, _PAD_TOP = 36, 22, 8


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def timeline_chart(rows: list[dict[str, Any]], *, value: str = "mentions",
                   label: str = "") -> Markup:
    """Bars of ``value`` per day on a continuous date axis (days with nothing stay empty)."""
    points = [(d, int(r.get(value) or 0)) for r in rows if (d := _day(str(r.get("day"))))]
    if not points:
        return Markup("")
    first, last = points[0][0], points[-1][0]
    span = max(1, (last - first).days + 1)
    top = max(v for _, v in points) or 1
    width = CHART_WIDTH - _PAD_LEFT - 8
    height = CHART_HEIGHT - _PAD_BOTTOM - _PAD_TOP
    # A bar fills most of its day, but a few days over the whole width would be slabs.
    bar = min(24.0, max(1.0, width / span * 0.8))
    parts = [Markup('<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{a}" '
                    'xmlns="http://www.w3.org/2000/svg">').format(
                        w=CHART_WIDTH, h=CHART_HEIGHT, a=label)]
    base = _PAD_TOP + height
    parts.append(Markup('<line class="axis" x1="{x}" y1="{y}" x2="{x2}" y2="{y}"/>').format(
        x=_PAD_LEFT, y=base, x2=_PAD_LEFT + width))
    for tick in sorted({0, top // 2, top}):
        y = base - height * tick / top
        parts.append(Markup('<text class="tick" x="{x}" y="{y:.1f}" text-anchor="end">{t}'
                            "</text>").format(x=_PAD_LEFT - 4, y=y + 4, t=tick))
    for day, count in points:
        x = _PAD_LEFT + width * ((day - first).days + 0.5) / span - bar / 2
        h = height * count / top
        parts.append(Markup('<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                            'height="{h:.1f}"><title>{d}: {c}</title></rect>').format(
                                x=x, y=base - h, w=bar, h=h, d=day.isoformat(), c=count))
    for day in _ticks(first, last):
        x = _PAD_LEFT + width * ((day - first).days + 0.5) / span
        parts.append(Markup('<text class="tick" x="{x:.1f}" y="{y}" text-anchor="middle">{d}'
                            "</text>").format(x=x, y=CHART_HEIGHT - 6, d=day.isoformat()))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _ticks(first: date, last: date, count: int = 4) -> list[date]:
    if first == last:
        return [first]
    step = max(1, (last - first).days // count)
    return [first + timedelta(days=step * i) for i in range(count)
            if first + timedelta(days=step * i) <= last] + (
        [last] if (last - first).days % step > step // 2 else [])


@dataclass(frozen=True)
class MapView:
    """A window onto the globe: its name, longitude and latitude bounds, pixels per degree."""

    name: str
    west: float
    east: float
    south: float
    north: float
    scale: float

    @property
    def size(self) -> tuple[int, int]:
        return (round((self.east - self.west) * self.scale),
                round((self.north - self.south) * self.scale))

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.scale, (self.north - lat) * self.scale

    def holds(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


WORLD = MapView("world", -180, 180, -58, 84, 2.0)
INDONESIA = MapView("indonesia", 94, 142, -11.5, 6.5, 15.0)


@cache
def _countries() -> list[dict[str, Any]]:
    raw = resources.files("warta.web.maps").joinpath("countries.json").read_text("utf-8")
    countries: list[dict[str, Any]] = json.loads(raw)["countries"]
    return countries


@cache
def _provinces() -> list[tuple[str, float, float]]:
    """(name, latitude, longitude) of each Indonesian province's centre."""
    from warta.errors import ResourceError
    from warta.resources import read_text

    try:
        text = read_text("places/regions.tsv")
    except ResourceError:
        return []
    out = []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) >= 5 and cells[1] == "province":
            try:
                out.append((cells[2], float(cells[3]), float(cells[4])))
            except ValueError:
                continue
    return out


@cache
def base_map(view: MapView) -> Markup:
    """The country outlines inside ``view`` as one SVG group (cached: drawn once per view)."""
    paths = []
    for country in _countries():
        d = []
        for ring in country["rings"]:
            lons, lats = ring[0::2], ring[1::2]
            if (max(lons) < view.west or min(lons) > view.east or max(lats) < view.south
                    or min(lats) > view.north):
                continue
            # Whole pixels on the world map (2 px a degree), tenths on Indonesia's: finer
            # coordinates than the 0.1 degree data would only lengthen the page.
            digits = 0 if view.scale < 5 else 1
            points: list[str] = []
            for lon, lat in zip(lons, lats, strict=True):
                x, y = view.project(lon, lat)
                point = f"{x:.{digits}f},{y:.{digits}f}"
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 3:
                d.append("M" + "L".join(points) + "Z")
        if d:
            css = "land home" if country["code"] == "ID" else "land"
            paths.append(Markup('<path class="{c}" d="{d}"><title>{n}</title></path>').format(
                c=css, d="".join(d), n=country["name"]))
    if view is INDONESIA:
        for name, lat, lon in _provinces():
            x, y = view.project(lon, lat)
            paths.append(Markup('<circle class="province" cx="{x:.1f}" cy="{y:.1f}" r="1.6">'
                                "<title>{n}</title></circle>").format(x=x, y=y, n=name))
    return Markup('<g class="base">{}</g>').format(Markup("").join(paths))


def event_map(places: list[dict[str, Any]], view: MapView, *, label: str = "",
              href: str | None = None) -> Markup:
    """``view``'s base map with a circle per place (``name``, ``latitude``, ``longitude``,
    ``count``), its area proportional to the count; ``href`` (with ``{place}``) links each."""
    from urllib.parse import quote

    width, height = view.size
    marks = []
    top = max((int(p.get("count") or 1) for p in places), default=1)
    for place in places:
        lat, lon = place.get("latitude"), place.get("longitude")
        if lat is None or lon is None or not view.holds(lon, lat):
            continue
        x, y = view.project(lon, lat)
        count = int(place.get("count") or 1)
        radius = 3 + 9 * math.sqrt(count / top)
        circle = Markup('<circle class="spot" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
                        "<title>{n}: {c}</title></circle>").format(
                            x=x, y=y, r=radius, n=place.get("name") or "", c=count)
        if href and place.get("name"):
            circle = Markup('<a href="{h}">{c}</a>').format(
                h=href.format(place=quote(str(place["name"]), safe="")), c=circle)
        marks.append(circle)
    return Markup('<svg class="map map-{v}" viewBox="0 0 {w} {h}" role="img" aria-label="{a}" '
                  'xmlns="http://www.w3.org/2000/svg"><rect class="sea" width="{w}" '
                  'height="{h}"/>{base}<g class="spots">{m}</g></svg>').format(
                      v=view.name, w=width, h=height, a=label, base=base_map(view),
                      m=Markup("").join(marks))


def places_of(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows grouped by place: name, latitude, longitude, count."""
    grouped: dict[tuple[str, float, float], int] = {}
    for event in events:
        lat, lon = event.get("latitude"), event.get("longitude")
        if lat is None or lon is None:
            continue
        key = (event.get("place") or "", round(float(lat), 2), round(float(lon), 2))
        grouped[key] = grouped.get(key, 0) + 1
    return [{"name": n, "latitude": lat, "longitude": lon, "count": c}
            for (n, lat, lon), c in sorted(grouped.items(), key=lambda item: -item[1])]


__all__ = ["INDONESIA", "WORLD", "MapView", "base_map", "event_map", "places_of",
           "timeline_chart"]
