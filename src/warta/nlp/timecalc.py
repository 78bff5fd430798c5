"""Calendar arithmetic for the time tagger: TIMEX3 values, year inference, relative shifts.

Pure functions over :mod:`datetime`; nothing here knows Indonesian.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (31/2, 0/13)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def nearest_year(month: int, day: int, anchor: date) -> date | None:
    """The date with this day and month nearest the anchor, for "(14/9)" written without a year.

    Candidates are the anchor's year and the years either side, which covers the December and
    January boundaries ("Sabtu (30/12)" read on 2 January is last year's). On a tie the earlier
    date wins: news reports the recent past more often than the near future.
    """
    best: date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = make_date(year, month, day)
        if candidate is None:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best


def nearest_month(month: int, anchor: date, direction: int = 0,
                  inclusive: bool = False) -> tuple[int, int]:
    """(year, month) for a month named without a year ("pada Juni"). ``direction`` -1 means the
    last such month before the anchor's ("Juni lalu"; with ``inclusive``, the anchor's own month
    counts: "sejak September" said in September), +1 the next one after ("Juni mendatang"), 0
    the nearest, earlier on a tie."""
    here = anchor.year * 12 + anchor.month - 1
    options = [(year * 12 + month - 1) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if direction < 0:
        options = [o for o in options if o < here or (inclusive and o == here)] or options
        chosen = max(options)
    elif direction > 0:
        options = [o for o in options if o > here] or options
        chosen = min(options)
    else:
        chosen = min(options, key=lambda o: (abs(o - here), o))
    return chosen // 12, chosen % 12 + 1


def weekday_near(weekday: int, anchor: date, direction: int, strict: bool = False) -> date:
    """The day with ISO ``weekday`` on or before the anchor (``direction`` -1) or on or after it
    (+1); ``strict`` leaves the anchor's own day out ("Selasa lalu" said on a Tuesday)."""
    if direction < 0:
        back = (anchor.isoweekday() - weekday) % 7
        if strict and back == 0:
            back = 7
        return anchor - timedelta(days=back)
    ahead = (weekday - anchor.isoweekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return anchor + timedelta(days=ahead)


def week_value(day: date, shift_weeks: int = 0) -> str:
    """TIMEX3 ISO week of a day, shifted by whole weeks: 2017-09-14, -1 -> "2017-W36"."""
    year, week, _ = (day + timedelta(weeks=shift_weeks)).isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int, shift: int = 0) -> str:
    index = year * 12 + month - 1 + shift
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def shift_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def date_value(day: date) -> str:
    return day.isoformat()


def clock_value(day: date | None, hour: int, minute: int, offset: str | None) -> str:
    """``2017-09-14T14:30+08:00``; ``XXXX-XX-XXT14:30`` when the day is not known."""
    head = day.isoformat() if day else "XXXX-XX-XX"
    return f"{head}T{hour:02d}:{minute:02d}{offset or ''}"


def anchor_date(anchor: datetime | None) -> date | None:
    """The calendar day of the anchor in its own zone (a WIB publication time stays WIB)."""
    return anchor.date() if anchor else None


def duration_value(amount: float | None, letter: str, years_per_unit: int | None = None) -> str:
    """TIMEX3 duration: (3, "Y") -> "P3Y", (2, "H") -> "PT2H", (None, "Y") -> "PXY"; units that
    are multiples of a year (decades) are written in years."""
    if years_per_unit is not None:
        letter = "Y"
        amount = None if amount is None else amount * years_per_unit
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    else:
        number = f"{amount:g}"
    if letter in ("H", "MIN", "S"):
        return f"PT{number}{'M' if letter == 'MIN' else letter}"
    return f"P{number}{letter}"
