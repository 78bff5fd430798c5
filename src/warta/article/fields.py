"""Page fields, one small pure function each.

Each function takes a line, a paragraph or the body and returns one value or ``None``. The
orchestrators (:mod:`warta.article.text_page`, :mod:`warta.article.html_page`,
:mod:`warta.article.build`) call them like a checklist. The Indonesian knowledge they use is in
the data files read by :mod:`warta.article.lexicon`.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import cache

from warta.article import lexicon
from warta.model import Attribution, Author

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_line(line: str) -> str:
    """A line with every run of spaces (no-break spaces included) made one space, trimmed."""
    return _SPACES.sub(" ", line).strip()


# --- dates -------------------------------------------------------------------------------------


@cache
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cal = lexicon.calendar()
    weekday = rf"(?:(?:{cal.alternation(cal.weekdays)})\s*,?\s*)?"
    clock = (r"(?:\s*(?:[,|•/–-]|\bpukul\b|\bjam\b)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
             r"(?:[:.](?P<second>\d{2}))?)?")
    zone = rf"(?:\s*(?P<zone>{cal.alternation(cal.zones)})\b)?"
    named = re.compile(
        rf"(?i)\b{weekday}(?P<day>\d{{1,2}})[\s./-]*(?P<month>{cal.alternation(cal.months)})"
        rf"\.?[\s,./-]*(?P<year>\d{{4}}){clock}{zone}"
    )
    numeric = re.compile(
        rf"(?i)\b{weekday}(?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-](?P<year>\d{{4}})"
        rf"{clock}{zone}"
    )
    return named, numeric


def parse_offset(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def header_date(line: str, default_offset: str = "+07:00") -> str | None:
    """An Indonesian date and time as written in a page header, as ISO 8601 with offset.

    ``Kamis 14 Sep 2017 15:02 WIB`` → ``2017-09-14T15:02:00+07:00``;
    ``Senin, 27/03/2017 10:33 WITA`` → ``2017-03-27T10:33:00+08:00``. A date that does not exist
    (31 Februari) gives ``None``.
    """
    cal = lexicon.calendar()
    for pattern in _date_patterns():
        match = pattern.search(line)
        if not match:
            continue
        month_text = match["month"].lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else cal.months.get(month_text)
        zone = match["zone"]
        offset = cal.zones[zone.lower()] if zone else default_offset
        try:
            moment = datetime(
                int(match["year"]), month or 0, int(match["day"]),
                int(match["hour"] or 0), int(match["minute"] or 0), int(match["second"] or 0),
                tzinfo=parse_offset(offset),
            )
        except ValueError:
            return None
        if match["hour"] is None:
            return moment.date().isoformat()
        return moment.isoformat()
    return None


def iso_datetime(value: str | int | float, default_offset: str = "+07:00") -> str | None:
    """A publication time from a feed or scraper field: ISO 8601, unix seconds, or Indonesian."""
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            moment = datetime.fromtimestamp(seconds, tz=parse_offset(default_offset))
        except (OverflowError, OSError, ValueError):
            return None
        return moment.isoformat()
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return header_date(text, default_offset)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=parse_offset(default_offset))
    return moment.isoformat()


# --- bylines, credits, captions ----------------------------------------------------------------


def bylines(line: str) -> list[Author] | None:
    """Authors from a byline line: ``Rep: Marniati / Red: Endro Yuwanto``."""
    rules = lexicon.page_rules()
    line = clean_line(line)
    labels = list(rules.byline_label.finditer(line))
    if not labels or labels[0].start() != 0 or len(line) > 200:
        return None
    authors: list[Author] = []
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        end = following.start() if following else len(line)
        role = rules.byline_roles[label["label"].lower()]
        for name in re.split(r"\s*(?:,|&|\bdan\b)\s*", line[label.end():end].strip(" /|,;")):
            name = name.strip(" .;")
            if name and len(name) <= 60:
                authors.append(Author(name=name, role=role))  # type: ignore[arg-type]
    return authors or None


def image_credit(line: str) -> str | None:
    """The credit in a photo credit line: ``Foto: myfirstclasslife.com`` → the site."""
    match = lexicon.page_rules().credit.match(clean_line(line))
    return match["credit"].strip() if match else None


def split_credit(caption: str) -> tuple[str | None, str | None]:
    """A caption with a trailing credit split in two: ``Jokowi (Foto: ANTARA/X)``."""
    caption = clean_line(caption)
    match = lexicon.page_rules().credit_suffix.search(caption)
    if not match:
        return caption or None, None
    return caption[: match.start()].strip() or None, match["credit"].strip()


# --- dateline ----------------------------------------------------------------------------------


def _looks_like_place(text: str) -> bool:
    words = text.replace(",", " ").split()
    return 0 < len(words) <= 5 and all(w[0].isupper() or w in ("di", "de") for w in words)


def _display_place(text: str) -> str:
    text = clean_line(text).strip(" ,.")
    return text.title() if text.isupper() else text


def dateline(paragraph: str, outlet: lexicon.Outlet | None = None
             ) -> tuple[str | None, lexicon.Outlet | None, int] | None:
    """The dateline prefix of a story's first paragraph.

    Returns ``(place, outlet named in it, length of the prefix)``:
    ``REPUBLIKA.CO.ID, DAMASKUS--- Presiden …`` → ``("Damaskus", Republika, 29)``. ``outlet`` is
    the outlet already known from the URL or source; it allows a bare ``JAKARTA -`` prefix when its
    profile says the outlet writes datelines that way.
    """
    head = paragraph[:160]
    for pattern in lexicon.dateline_patterns():
        match = pattern.match(head)
        if match:
            place = match.groupdict().get("place")
            if place is not None and not _looks_like_place(clean_line(place)):
                continue
            named = lexicon.outlet_by_marker().get(match["marker"].lower())
            return (_display_place(place) if place else None), named, match.end()
    match = lexicon.page_rules().bare_dateline.match(head)
    if match:
        place = clean_line(match["place"])
        # Without a known outlet, only an all-caps place ("JAKARTA - ") is safe to take.
        allowed = place.isupper() or (outlet is not None and outlet.bare_dateline)
        if allowed and _looks_like_place(place) and len(place) > 2:
            return _display_place(place), None, match.end()
    return None


# --- attributions ------------------------------------------------------------------------------

def attributions(text: str) -> list[Attribution]:
    """Outlets the body says it draws on: ``Dilansir dari Aljazirah``, ``mengutip Reuters``."""
    found: list[Attribution] = []
    rules = lexicon.page_rules()
    for match in rules.attribution.finditer(text):
        name = rules.attribution_stop.sub("", match["name"]).rstrip(" .")
        for prefix in rules.attribution_prefixes:
            name = name.removeprefix(prefix)
        if not name or len(name) > 60:
            continue
        start = match.start("name") + match["name"].find(name)
        found.append(Attribution(name=name, cue=match["cue"].lower(), start=start,
                                 end=start + len(name)))
    return found


# --- boilerplate -------------------------------------------------------------------------------


def is_boilerplate(line: str, outlet: lexicon.Outlet | None = None) -> bool:
    line = clean_line(line)
    if not line:
        return True
    rules = lexicon.page_rules()
    patterns = rules.boilerplate_lines + (outlet.boilerplate if outlet else ())
    return any(p.match(line) for p in patterns)


def is_tail_marker(line: str) -> bool:
    """A line after which the page no longer carries the story (``Berita Lainnya``)."""
    line = clean_line(line)
    return any(p.match(line) for p in lexicon.page_rules().tail_markers)


def strip_inline_boilerplate(paragraph: str) -> str:
    for pattern in lexicon.page_rules().boilerplate_inline:
        paragraph = pattern.sub("", paragraph)
    return paragraph.strip()
