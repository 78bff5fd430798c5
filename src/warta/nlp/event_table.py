"""Events as flat rows, one per event, in a GDELT-like layout (``warta events``).

The columns, in order (documented in docs/events-tsv.md):

=============== ======================================================================
event_id        article id and the event's position in it: ``90e2265d2f9e659d-0``
article         article id
published       publication time of the article (ISO 8601 with offset)
date            the event's date as normalised (``2017-09-14``, ``2016-06``, ``2017-W36``)
day             the date as ``YYYYMMDD`` when it is a full calendar day, else empty
code            CAMEO event code (``043``); ``root`` its first two digits
label           the code's label; ``plover`` the PLOVER event type
factuality      asserted, negated, future, modal or reported
confidence      0–1, the fitted probability that the event is right (root and actors)
actor1…         source: text as written, CAMEO-style code (``RUSMIL``), entity key
actor2…         target: the same three
killed …        counts attached to the event (killed, injured, arrested)
place …         place name, ISO country code, latitude, longitude, gazetteer id
trigger         the word or phrase that names the event; ``sentence`` its sentence index
url, outlet     where the article was published
=============== ======================================================================
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from warta.model import Article

COLUMNS = (
    "event_id", "article", "published", "date", "day", "code", "root", "label", "plover",
    "factuality", "confidence", "actor1", "actor1_code", "actor1_entity", "actor2",
    "actor2_code", "actor2_entity", "killed", "injured", "arrested", "place", "country_code",
    "latitude", "longitude", "gazetteer_id", "trigger", "sentence", "url", "outlet",
)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _day(date: str | None) -> str:
    match = _DAY.match(date or "")
    return "".join(match.groups()) if match else ""


def from_article(article: Article) -> Iterator[dict[str, Any]]:
    for index, event in enumerate(article.events):
        place = event.place
        yield {
            "event_id": f"{article.id}-{index}", "article": article.id,
            "published": article.published, "date": event.date, "day": _day(event.date),
            "code": event.code, "root": event.code[:2], "label": event.label,
            "plover": event.plover, "factuality": event.factuality,
            "confidence": event.confidence,
            "actor1": event.actor1.text if event.actor1 else None,
            "actor1_code": event.actor1.code if event.actor1 else None,
            "actor1_entity": event.actor1.entity if event.actor1 else None,
            "actor2": event.actor2.text if event.actor2 else None,
            "actor2_code": event.actor2.code if event.actor2 else None,
            "actor2_entity": event.actor2.entity if event.actor2 else None,
            "killed": event.counts.get("killed"), "injured": event.counts.get("injured"),
            "arrested": event.counts.get("arrested"),
            "place": place.name if place else None,
            "country_code": place.country_code if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "gazetteer_id": place.gazetteer_id if place else None,
            "trigger": event.trigger.text, "sentence": event.sentence,
            "url": article.url, "outlet": article.outlet.name if article.outlet else None,
        }


def from_store(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The same columns from the store's event rows (``warta.query`` ``events()``)."""
    seen: dict[str, int] = {}
    for row in rows:
        counts = row.get("counts") or {}
        if isinstance(counts, str):
            counts = json.loads(counts)
        article = str(row.get("article"))
        index = seen[article] = seen.get(article, -1) + 1
        yield {
            **{column: row.get(column) for column in COLUMNS},
            "event_id": f"{article}-{index}", "day": _day(row.get("date")),
            "root": (row.get("code") or "")[:2], "killed": counts.get("killed"),
            "injured": counts.get("injured"), "arrested": counts.get("arrested"),
        }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    # Tabs and newlines would break the layout; nothing in a cell needs them.
    return str(value).replace("\t", " ").replace("\n", " ")


def write_tsv(rows: Iterable[dict[str, Any]], out: IO[str], header: bool = True) -> int:
    count = 0
    if header:
        out.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        out.write("\t".join(_cell(row.get(c)) for c in COLUMNS) + "\n")
        count += 1
    return count
