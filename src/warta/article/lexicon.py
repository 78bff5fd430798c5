"""Indonesian page knowledge, loaded from the data files once per process.

Everything here is read from ``warta/data`` (``id/calendar.toml``, ``id/page.toml`` and one file
per outlet in ``outlets/``) and compiled into regular expressions the first time it is needed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from warta.errors import ResourceError
from warta.resources import load_toml


@dataclass(frozen=True)
class Calendar:
    months: dict[str, int]
    weekdays: dict[str, int]
    zones: dict[str, str]

    def alternation(self, table: dict[str, int] | dict[str, str]) -> str:
        # Longest first, so "Sept" wins over "Sep" and "Jum'at" over "Jum".
        return "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))


@cache
def calendar() -> Calendar:
    """The calendar words of ``id/time.toml`` plus the header-only ones of ``id/calendar.toml``,
    all lower case."""
    words = load_toml("id/time.toml")
    header = load_toml("id/calendar.toml")

    def table(*sections: dict[str, list[str]]) -> dict[str, int]:
        return {name.lower(): int(n) for section in sections
                for n, names in section.items() for name in names}

    return Calendar(
        months=table(words["months"], words["month_abbreviations"]),
        weekdays=table(words["weekdays"], header["weekday_abbreviations"]),
        zones={zone.lower(): offset for zone, offset in words["zones"].items()},
    )


@dataclass(frozen=True)
class Outlet:
    """An outlet profile from ``data/outlets/<key>.toml``."""

    key: str
    name: str
    domains: tuple[str, ...]
    markers: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    bare_dateline: bool = False
    boilerplate: tuple[re.Pattern[str], ...] = field(default=(), repr=False)

    @property
    def domain(self) -> str | None:
        return self.domains[0] if self.domains else None


@cache
def outlets() -> tuple[Outlet, ...]:
    folder = resources.files("warta").joinpath("data", "outlets")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        try:
            found.append(Outlet(
                key=entry.name.removesuffix(".toml"),
                name=data["name"],
                domains=tuple(data.get("domains", ())),
                markers=tuple(data.get("markers", ())),
                aliases=tuple(a.lower() for a in data.get("aliases", ())),
                bare_dateline=bool(data.get("bare_dateline", False)),
                boilerplate=tuple(re.compile(p, re.I) for p in data.get("boilerplate", ())),
            ))
        except (KeyError, re.error) as exc:
            raise ResourceError(f"outlet profile {entry.name} is invalid: {exc}") from None
    return tuple(found)


@dataclass(frozen=True)
class PageRules:
    byline_roles: dict[str, str]
    byline_label: re.Pattern[str]
    credit: re.Pattern[str]
    credit_suffix: re.Pattern[str]
    attribution: re.Pattern[str]
    attribution_prefixes: tuple[str, ...]
    attribution_stop: re.Pattern[str]
    boilerplate_lines: tuple[re.Pattern[str], ...]
    boilerplate_inline: tuple[re.Pattern[str], ...]
    tail_markers: tuple[re.Pattern[str], ...]
    dateline_shapes: tuple[str, ...]
    bare_dateline: re.Pattern[str]
    dash: str


@cache
def page_rules() -> PageRules:
    data = load_toml("id/page.toml")
    roles = {k.lower(): v for k, v in data["bylines"].items()}
    labels = "|".join(re.escape(k) for k in sorted(roles, key=len, reverse=True))
    cues = "|".join(re.escape(c) for c in sorted(data["attributions"]["cues"], key=len,
                                                  reverse=True))
    dl = data["dateline"]
    place, dash = dl["place"], dl["dash"]
    weekdays = load_toml("id/time.toml")["weekdays"]
    stops = [*data["attributions"]["name_stops"], *(f"(?i:{re.escape(name)})"
                                                   for names in weekdays.values()
                                                   for name in names)]
    return PageRules(
        byline_roles=roles,
        byline_label=re.compile(rf"(?i)(?:^|[/|,]\s*)(?P<label>{labels})\s*:\s*"),
        credit=re.compile(data["images"]["credit"], re.I),
        credit_suffix=re.compile(data["images"]["credit_suffix"], re.I),
        # Cues are matched case-insensitively, names only when capitalised.
        attribution=re.compile(rf"\b(?P<cue>(?i:{cues}))\s+{data['attributions']['name']}"),
        attribution_prefixes=tuple(p + " " for p in data["attributions"]["name_prefixes"]),
        attribution_stop=re.compile(r"\s+(?:" + "|".join(stops) + r")\b.*$"),
        boilerplate_lines=tuple(re.compile(p, re.I) for p in data["boilerplate"]["lines"]),
        boilerplate_inline=tuple(re.compile(p, re.I) for p in data["boilerplate"]["inline"]),
        tail_markers=tuple(re.compile(p, re.I) for p in data["boilerplate"]["tail_markers"]),
        dateline_shapes=tuple(s.replace("PLACE", place).replace("DASH", dash)
                              for s in dl["shapes"]),
        bare_dateline=re.compile(dl["bare_shape"].replace("PLACE", place).replace("DASH", dash)),
        dash=dash,
    )


@cache
def dateline_patterns() -> tuple[re.Pattern[str], ...]:
    """Every dateline shape, with the alternation of all outlet markers as group ``marker``."""
    markers = sorted({m for o in outlets() for m in o.markers}, key=len, reverse=True)
    # Markers match case-insensitively: "JUARA.net" and "JUARA.NET" both occur.
    alternation = "(?P<marker>(?i:" + "|".join(re.escape(m) for m in markers) + "))"
    return tuple(re.compile(shape.replace("{marker}", alternation))
                 for shape in page_rules().dateline_shapes)


@cache
def outlet_by_marker() -> dict[str, Outlet]:
    return {m.lower(): o for o in outlets() for m in o.markers}
