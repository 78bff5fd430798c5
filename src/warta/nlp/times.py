"""Indonesian time expressions, normalised TIMEX3-style against the publication time.

``tag_times(text, anchor)`` finds dates ("Kamis (14/9)", "Senin, 27 Maret 2017", "14-16
September"), weekdays ("Selasa" is the last Tuesday on or before the anchor), months and years
("bulan Juni 2016", "2016"), relative expressions ("pekan lalu" -> the ISO week before the
anchor's, "tiga hari lalu", "bulan depan"), clock times with zones ("pukul 14.30 WITA"), parts of
day ("Sabtu malam"), durations ("hampir tiga tahun" -> P3Y, APPROX) and sets ("setiap Senin").

The rules live in :mod:`warta.nlp.timelex`, the words in ``data/id/time.toml``. Each rule's
handler turns a match into a candidate; overlapping candidates are settled longest first, so
"Kamis dan Jumat (15/9)" beats the bare "Kamis" inside it.

When a stated weekday and an explicit date disagree ("Rabu (25/2/2018)": 25 February 2018 was a
Sunday), the date wins and :func:`analyse` returns a ``weekday-mismatch`` notice naming the
expression and its offsets; a date that does not exist ("(31/2)") gives a ``bad-date`` notice and
no expression. dateparser is not needed: every form here is resolved by calendar arithmetic,
which is faster and never guesses outside the span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from warta.model import Article, Notice, TimeExpression, TimeType, replace
from warta.nlp import timecalc as cal
from warta.nlp.numbers import (
    digit_runs,
    hedge_before,
    lower_same_length,
    number_words,
    parse_digits,
    word_positions,
)
from warta.nlp.timelex import TimeLexicon, lexicon

if TYPE_CHECKING:
    from warta.settings import Settings

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Tagged(NamedTuple):
    """What :func:`analyse` found: the expressions, and notices about dates it did not trust."""

    times: list[TimeExpression]
    notices: list[Notice]


@dataclass
class _Candidate:
    start: int
    end: int
    type: TimeType
    value: str
    mod: str | None = None
    end_value: str | None = None
    parts: list[TimeExpression] = field(default_factory=list)  # days inside "Kamis dan Jumat"
    notices: list[Notice] = field(default_factory=list)
    on_anchor_day: bool = False  # a clock time dated by the anchor, to be re-dated by a date


@dataclass(frozen=True)
class _Context:
    text: str
    anchor: datetime | None
    day: date | None
    lex: TimeLexicon
    sentence_starts: Sequence[int]

    @property
    def anchor_iso(self) -> str | None:
        return self.anchor.isoformat(timespec="seconds") if self.anchor else None

    def word_before(self, index: int) -> str:
        """The lower-cased word that ends just before ``index``, or ""."""
        head = self.text[max(0, index - 30) : index].rstrip()
        found = re.search(r"([\w$.]+)$", head)
        return found.group(1).lower() if found else ""

    def sentence_head(self, index: int, width: int = 60) -> str:
        """The text of the sentence before ``index``, at most ``width`` characters, from after
        the last closing quote: in '"... besok," kata Agus di Jakarta, Selasa.' the "besok" is
        the speaker's and the weekday dates the statement."""
        start = max(0, index - width)
        for s in self.sentence_starts:
            if s > index:
                break
            start = max(start, s)
        head = self.text[start:index]
        stop = max(head.rfind(". "), head.rfind("! "), head.rfind("? "), head.rfind("\n"),
                   head.rfind('"'), head.rfind("”"))
        return head[stop + 1 :].lower()


Handler = Callable[[re.Match[str], _Context], "list[_Candidate]"]


# -- values -------------------------------------------------------------------------------------

def _weekday_notice(ctx: _Context, m: re.Match[str], group: str, day: date) -> list[Notice]:
    word = m.group(group)
    stated = ctx.lex.weekdays[word.lower()]
    if stated == day.isoweekday():
        return []
    return [Notice(
        code="weekday-mismatch",
        message=(
            f"time {m.group(0)!r} at {m.start()}-{m.end()}: {day.isoformat()} is a "
            f"{WEEKDAY_NAMES[day.isoweekday() - 1]}, not {word} "
            f"({WEEKDAY_NAMES[stated - 1]}); kept the written date"
        ),
    )]


def _bad_date(m: re.Match[str], detail: str) -> list[_Candidate]:
    # A rejected date is still reported, so a batch can count them; the expression is dropped
    # rather than given a guessed value.
    notice = Notice(
        code="bad-date",
        message=f"time {m.group(0)!r} at {m.start()}-{m.end()}: {detail}; left untagged",
    )
    return [_Candidate(m.start(), m.end(), "DATE", "", notices=[notice])]


def _resolve_dm(ctx: _Context, day: int, month: int, year: str | None) -> date | str | None:
    """A date from day, month and an optional year; "XXXX-MM-DD" text when no anchor can supply
    the year; None when no such date exists."""
    if year:
        number = int(year)
        if len(year) == 2:
            # Two-digit years are this century's unless that puts them well in the future.
            century = (ctx.day.year if ctx.day else 2000) // 100 * 100
            number = century + number
            if ctx.day and number > ctx.day.year + 1:
                number -= 100
        return cal.make_date(number, month, day)
    if ctx.day is None:
        return f"XXXX-{month:02d}-{day:02d}" if cal.make_date(2000, month, day) else None
    return cal.nearest_year(month, day, ctx.day)


def _with_part(value: str, ctx: _Context, part: str | None) -> str:
    return f"{value}T{ctx.lex.parts[part.lower()]}" if part else value


_DAY_AND_PART = re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}T")


def _kind(value: str) -> TimeType:
    """TIMEX3 calls a day with a part of day ("2017-09-16TNI") a TIME."""
    return "TIME" if _DAY_AND_PART.match(value) else "DATE"


def _day_expr(ctx: _Context, start: int, end: int, value: str) -> TimeExpression:
    return TimeExpression(ctx.text[start:end], start, end, _kind(value), value, ctx.anchor_iso)


# -- handlers, one per rule in timelex --------------------------------------------------------

def _numeric(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    if m.group("nd"):
        d1, d2, month, year = int(m.group("nd")), None, int(m.group("nm")), m.group("ny")
    else:
        d1, month, year = int(m.group("d1")), int(m.group("m")), m.group("y")
        d2 = int(m.group("d2")) if m.group("d2") else None
    if not 1 <= month <= 12:
        return _bad_date(m, f"month {month} does not exist")
    first = _resolve_dm(ctx, d1, month, year)
    if first is None:
        return _bad_date(m, f"{d1}/{month} is not a date")
    last = _resolve_dm(ctx, d2, month, year) if d2 is not None else None
    if d2 is not None and last is None:
        return _bad_date(m, f"{d2}/{month} is not a date")
    part = m.group("part")
    if isinstance(first, str) or isinstance(last, str):  # no anchor: day and month only
        value = _with_part(str(first), ctx, part)
        return [_Candidate(m.start(), m.end(), "DATE", value,
                           end_value=str(last) if last else None)]
    if isinstance(last, date) and last < first:  # "(30-2/9)" is not a range
        return _bad_date(m, f"range {d1}-{d2}/{month} runs backwards")
    notices: list[Notice] = []
    if m.group("wd1") is None:
        return [_Candidate(m.start(), m.end(), "DATE", _with_part(first.isoformat(), ctx, part),
                           end_value=last.isoformat() if last else None)]
    if last is not None:  # "Senin-Rabu (11-13/9)": the weekdays name the range's ends
        notices += _weekday_notice(ctx, m, "wd1", first)
        if m.group("wd2"):
            notices += _weekday_notice(ctx, m, "wd2", last)
        return [_Candidate(m.start(), m.end(), "DATE", first.isoformat(),
                           end_value=last.isoformat(), notices=notices)]
    if not m.group("wd2"):
        notices += _weekday_notice(ctx, m, "wd1", first)
        return [_Candidate(m.start(), m.end(), "DATE", _with_part(first.isoformat(), ctx, part),
                           notices=notices)]
    # "Kamis dan Jumat (15/9)": the date belongs to the second day; the first is the nearest
    # earlier day with its name. Both days are tagged, inside one expression for the pair.
    notices += _weekday_notice(ctx, m, "wd2", first)
    gap = (ctx.lex.weekdays[m.group("wd2").lower()] - ctx.lex.weekdays[m.group("wd1").lower()]) % 7
    earlier = first - timedelta(days=gap or 7)
    parts = [
        _day_expr(ctx, m.start("wd1"), m.end("wd1"), earlier.isoformat()),
        _day_expr(ctx, m.start("wd2"), m.end(), _with_part(first.isoformat(), ctx, part)),
    ]
    # A range ("Senin-Rabu", "Kamis hingga Sabtu") or two neighbouring days joined by "dan"
    # ("Kamis dan Jumat") span from one to the other; "Senin dan Rabu" and "Sabtu atau Minggu"
    # are two separate days, tagged as the parts only.
    link = " ".join(m.group("link").lower().split())
    is_range = link not in ctx.lex.pair_links or (link == "dan" and gap == 1)
    return [_Candidate(m.start(), m.end(), "DATE", earlier.isoformat(),
                       end_value=first.isoformat() if is_range else None,
                       parts=parts, notices=notices)]


def _named(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    month = ctx.lex.months[m.group("mon").lower().rstrip(".")]
    d1 = int(m.group("d1"))
    d2 = int(m.group("d2")) if m.group("d2") else None
    month1 = ctx.lex.months[m.group("mon1").lower().rstrip(".")] if m.group("mon1") else month
    if m.group("mon1") and d2 is None:
        return []  # "14 September September": not a form, let the plain rule take it
    year = m.group("y")
    last: date | str | None = None
    if d2 is not None:
        last = _resolve_dm(ctx, d2, month, year)
        if last is None:
            return _bad_date(m, f"{d2} {m.group('mon')} is not a date")
        if isinstance(last, date) and not year:
            year = str(last.year)  # "30 Agustus - 2 September": the range ends in one year
    first = _resolve_dm(ctx, d1, month1, year)
    if first is None:
        return _bad_date(m, f"{d1} {m.group('mon1') or m.group('mon')} is not a date")
    if isinstance(first, date) and isinstance(last, date) and last < first:
        if month1 != month:  # "30 Desember - 2 Januari 2018": the start is in the year before
            first = cal.make_date(first.year - 1, first.month, first.day) or first
        else:
            return _bad_date(m, "the range runs backwards")
    shift = ctx.lex.shifts.get(" ".join((m.group("shift") or "").lower().split()), 0)
    if isinstance(first, date) and not m.group("y") and ctx.day and shift:
        # "9 Juli mendatang" is the next 9 July, "9 Juli lalu" the last one
        moved = cal.make_date(first.year + shift, first.month, first.day)
        if moved and (first - ctx.day).days * shift < 0:
            if isinstance(last, date):
                last = cal.make_date(last.year + shift, last.month, last.day) or last
            first = moved
    notices = _weekday_notice(ctx, m, "wd", first) if m.group("wd") and isinstance(
        first, date) else []
    value = first if isinstance(first, str) else first.isoformat()
    end_value = None if last is None else last if isinstance(last, str) else last.isoformat()
    return [_Candidate(m.start(), m.end(), "DATE", _with_part(value, ctx, m.group("part")),
                       end_value=end_value, notices=notices)]


def _hour(ctx: _Context, hour: int, part: str | None) -> int:
    if part and hour in ctx.lex.pm_hours[part.lower()]:
        return hour + 12
    return hour


def _clock(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    hour = int(m.group("h") or m.group("bh"))
    minute = int(m.group("mi") or m.group("bmi") or 0)
    part = m.group("part")
    if hour > 24 or minute > 59:
        return []
    zone = ctx.lex.zones.get(m.group("zone") or "")
    value = cal.clock_value(ctx.day, _hour(ctx, hour, part) % 24, minute, zone)
    end_value = None
    if m.group("h2"):
        hour2, minute2 = int(m.group("h2")), int(m.group("mi2") or 0)
        if hour2 > 24 or minute2 > 59:
            return []
        end_value = cal.clock_value(ctx.day, _hour(ctx, hour2, part) % 24, minute2, zone)
    return [_Candidate(m.start(), m.end(), "TIME", value, end_value=end_value,
                       on_anchor_day=True)]


def _relday(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    if m.group("ref"):
        return [_Candidate(m.start(), m.end(), "DATE", ctx.lex.refs[m.group("ref").lower()])]
    phrase = " ".join(m.group("rel").lower().split())
    if ctx.day is None:
        return [_Candidate(m.start(), m.end(), "DATE", "PRESENT_REF")]
    if phrase in ctx.lex.nights:
        word = next((w for w in phrase.split() if w in ctx.lex.parts), "malam")
        day = ctx.day + timedelta(days=ctx.lex.nights[phrase])
        return [_Candidate(m.start(), m.end(), "TIME", _with_part(day.isoformat(), ctx, word))]
    day = ctx.day + timedelta(days=ctx.lex.days[phrase])
    kind: TimeType = "TIME" if m.group("part") else "DATE"
    return [_Candidate(m.start(), m.end(), kind, _with_part(day.isoformat(), ctx, m.group("part")))]


def _relunit(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    unit = ctx.lex.units[m.group("unit").lower()]
    season = m.group("season")
    shift_word = " ".join((m.group("shift") or "").lower().split())
    if not season and not shift_word:
        return []
    if unit == "W" and m.group("unit")[0].isupper() and not shift_word and not season:
        return []
    shift = ctx.lex.shifts.get(shift_word, 0)
    mod = ctx.lex.seasons[season.lower()] if season else None
    if ctx.day is None:
        ref = "PAST_REF" if shift < 0 else "FUTURE_REF" if shift > 0 else "PRESENT_REF"
        return [_Candidate(m.start(), m.end(), "DATE", ref, mod=mod)]
    if unit == "W":
        if mod == "END":  # "akhir pekan": the weekend
            if not shift_word and ctx.day.isoweekday() <= 2:
                shift = -1  # said on a Monday or Tuesday, "akhir pekan" is the one just gone
            return [_Candidate(m.start(), m.end(), "DATE", cal.week_value(ctx.day, shift) + "-WE")]
        return [_Candidate(m.start(), m.end(), "DATE", cal.week_value(ctx.day, shift), mod=mod)]
    if unit == "M":
        value = cal.month_value(ctx.day.year, ctx.day.month, shift)
    else:
        value = str(ctx.day.year + shift)
    return [_Candidate(m.start(), m.end(), "DATE", value, mod=mod)]


def _model_number(m: re.Match[str]) -> bool:
    """Four or more digits with no thousands dots are a name ("Nokia 3310 tahun lalu"): as
    amounts Indonesian writes them "6.000"."""
    written = m.group("num") or ""
    return written.isdigit() and len(written) >= 4


def _count(ctx: _Context, m: re.Match[str]) -> float | None:
    """The number in a "num" group: digits, number words, or None for vague counts."""
    if m.group("seunit") or (m.groupdict().get("redup")):
        return 1.0 if m.group("seunit") else None
    written = m.group("num").lower()
    if written[0].isdigit():
        return parse_digits(written)
    return number_words().value(written)


def _unit_letter(ctx: _Context, m: re.Match[str]) -> str:
    word = (m.group("unit") or m.group("seunit") or m.groupdict().get("redup") or "").lower()
    return ctx.lex.units[word]


def _hedged(ctx: _Context, m: re.Match[str]) -> tuple[int, str | None]:
    """Where an amount of time starts once a hedge before it is included ("hampir tiga
    tahun"), and the hedge's TIMEX3 mod."""
    hedge = hedge_before(ctx.text, m.start())
    if hedge is None:
        return m.start(), None
    return hedge[0], number_words().hedges[hedge[1]]


def _ago(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    if _model_number(m):
        return []
    amount = _count(ctx, m)
    letter = _unit_letter(ctx, m)
    direction = -1 if " ".join(m.group("dir").lower().split()) in ctx.lex.ago_past else 1
    start, mod = _hedged(ctx, m)
    if ctx.day is None or ctx.anchor is None or amount is None or amount != int(amount):
        return [_Candidate(start, m.end(), "DATE", "PAST_REF" if direction < 0
                           else "FUTURE_REF", mod=mod)]
    n = int(amount) * direction
    if letter == "D":
        value = (ctx.day + timedelta(days=n)).isoformat()
    elif letter == "W":
        value = cal.week_value(ctx.day, n)
    elif letter == "M":
        value = cal.month_value(ctx.day.year, ctx.day.month, n)
    elif letter == "Y":
        value = str(ctx.day.year + n)
    else:  # hours and minutes: a moment before the anchor
        delta = timedelta(hours=n) if letter == "H" else timedelta(minutes=n)
        moment = ctx.anchor + delta
        return [_Candidate(start, m.end(), "TIME", moment.isoformat(timespec="minutes"), mod=mod)]
    return [_Candidate(start, m.end(), "DATE", value, mod=mod)]


def _duration(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    if _model_number(m):
        return []
    letter = _unit_letter(ctx, m)
    amount = _count(ctx, m)
    start, mod = _hedged(ctx, m)
    if amount is None and mod is None and not m.group("redup"):
        mod = "APPROX"  # "puluhan tahun": tens of years, an order of magnitude
    value = cal.duration_value(amount, letter, ctx.lex.unit_years.get(letter))
    return [_Candidate(start, m.end(), "DURATION", value, mod=mod)]


def _month(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    season, year, shift_word = m.group("season"), m.group("y"), m.group("shift")
    cued = season or year or shift_word or m.group("bulan")
    if not cued and ctx.word_before(m.start()) not in ctx.lex.month_cues:
        return []
    if not m.group("mon")[0].isupper() and not (m.group("bulan") or year):
        return []
    month = ctx.lex.months[m.group("mon").lower()]
    mod = ctx.lex.seasons[season.lower()] if season else None
    if year:
        return [_Candidate(m.start(), m.end(), "DATE", f"{int(year):04d}-{month:02d}", mod=mod)]
    if ctx.day is None:
        return [_Candidate(m.start(), m.end(), "DATE", f"XXXX-{month:02d}", mod=mod)]
    shift = ctx.lex.shifts.get(" ".join(shift_word.lower().split()), 0) if shift_word else 0
    since = not shift and ctx.word_before(m.start()) in ctx.lex.month_past_cues
    y, mo = cal.nearest_month(month, ctx.day, -1 if since else shift, inclusive=since)
    return [_Candidate(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}", mod=mod)]


_PUNCT_AFTER = frozenset(".,;:)?!\"'”’")


def _year(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    season = m.group("season")
    mod = ctx.lex.seasons[season.lower()] if season else None
    if not (season or m.group("tahun")):
        before = ctx.word_before(m.start())
        after = ctx.text[m.end() : m.end() + 1]
        if before in ("rp", "rp.", "us$", "$", "idr", "usd"):
            return []
        if before not in ctx.lex.year_cues and not (after == "" or after in _PUNCT_AFTER):
            return []
    year = m.group("y")
    if m.group("decade"):
        return [_Candidate(m.start(), m.end(), "DATE", year[:3], mod=mod)]
    end_value = m.group("y2")
    if end_value and int(end_value) <= int(year):
        end_value = None  # "2016/2017" seasons and "2017-2016" typos: keep the first year only
        if m.group("y2") and int(m.group("y2")) < int(year):
            return []
    return [_Candidate(m.start(), m.end(), "DATE", year, mod=mod, end_value=end_value)]


def _weekday(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    word = m.group("wd")
    cue = " ".join((m.group("cue") or "").lower().split())
    before = ctx.word_before(m.start())
    if not word[0].isupper() and before != "hari":
        return []
    if before in ctx.lex.not_weekdays_after:
        return []  # "Pasar Minggu", "salat Jumat"
    if word.lower() == "minggu" and (cue.split(" ")[0] in ctx.lex.week_words):
        return []  # "Minggu lalu" is last week (the relunit rule), not last Sunday
    weekday = ctx.lex.weekdays[word.lower()]
    kind: TimeType = "TIME" if m.group("part") else "DATE"
    if ctx.day is None:
        return [_Candidate(m.start(), m.end(), kind,
                           _with_part(f"XXXX-WXX-{weekday}", ctx, m.group("part")))]
    if cue.startswith(("pekan", "minggu")):
        shift = ctx.lex.shifts.get(cue.split(" ", 1)[1], 0)
        monday = ctx.day - timedelta(days=ctx.day.isoweekday() - 1)
        day = monday + timedelta(weeks=shift, days=weekday - 1)
    elif cue in ctx.lex.future_after:
        day = cal.weekday_near(weekday, ctx.day, +1, strict=cue in ("depan", "mendatang"))
    elif cue in ctx.lex.past_after:
        day = cal.weekday_near(weekday, ctx.day, -1, strict=True)
    elif cue == "ini":
        monday = ctx.day - timedelta(days=ctx.day.isoweekday() - 1)
        day = monday + timedelta(days=weekday - 1)
    else:
        head = ctx.sentence_head(m.start())
        future = ctx.lex.future_before.search(head) is not None
        day = cal.weekday_near(weekday, ctx.day, +1 if future else -1)
    return [_Candidate(m.start(), m.end(), kind,
                       _with_part(day.isoformat(), ctx, m.group("part")))]


def _set(m: re.Match[str], ctx: _Context) -> list[_Candidate]:
    every: float | None = 1.0
    if m.group("num"):
        written = m.group("num").lower()
        every = parse_digits(written) if written[0].isdigit() else number_words().value(written)
        if every is None:
            return []
    if m.group("wd"):
        if not m.group("wd")[0].isupper() and m.group("wd").lower() == "minggu":
            return [_Candidate(m.start(), m.end(), "SET", "P1W")]
        value = f"XXXX-WXX-{ctx.lex.weekdays[m.group('wd').lower()]}"
    elif m.group("unit"):
        letter = ctx.lex.units[m.group("unit").lower()]
        value = cal.duration_value(every, letter, ctx.lex.unit_years.get(letter))
    elif m.group("part"):
        value = f"XXXX-XX-XXT{ctx.lex.parts[m.group('part').lower()]}"
    else:
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            return []
        value = f"XXXX-XX-{day:02d}"
    return [_Candidate(m.start(), m.end(), "SET", value)]


_HANDLERS: dict[str, Handler] = {
    "numeric": _numeric, "named": _named, "clock": _clock, "relday": _relday,
    "relunit": _relunit, "ago": _ago, "duration": _duration, "month": _month, "year": _year,
    "weekday": _weekday, "set": _set,
}


# -- settling overlaps and joining dates with clock times ---------------------------------------

def _settle(found: list[tuple[int, _Candidate]]) -> list[_Candidate]:
    """Longest candidates first; among equals, the earlier rule. Overlapping ones are dropped."""
    found.sort(key=lambda pair: (pair[1].start - pair[1].end, pair[0], pair[1].start))
    taken: list[_Candidate] = []
    claimed: list[tuple[int, int]] = []
    for _, cand in found:
        if any(cand.start < end and start < cand.end for start, end in claimed):
            continue
        taken.append(cand)
        claimed.append((cand.start, cand.end))
    taken.sort(key=lambda c: c.start)
    return taken


_JOIN_GAP = re.compile(r"\s*,?\s*(?:(?:sekitar|pada|mulai|sejak)\s+)?(?:hari\s+)?", re.IGNORECASE)
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T[A-Z]{2})?$")


def _join_clocks(cands: list[_Candidate], text: str) -> list[_Candidate]:
    """"Kamis (14/9) pukul 14.30 WIB" is one moment: the clock time takes the date's day."""
    out: list[_Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and _joinable(prev, cand, text):
            date_c, clock_c = (prev, cand) if cand.on_anchor_day else (cand, prev)
            day = date_c.value[:10]
            clock = clock_c.value.split("T", 1)[1]
            end_value = None
            if clock_c.end_value:
                end_value = f"{day}T{clock_c.end_value.split('T', 1)[1]}"
            out[-1] = _Candidate(prev.start, cand.end, "TIME", f"{day}T{clock}",
                                 end_value=end_value, notices=prev.notices + cand.notices)
            continue
        out.append(cand)
    return out


def _joinable(a: _Candidate, b: _Candidate, text: str) -> bool:
    if a.on_anchor_day == b.on_anchor_day:
        return False
    day = b if a.on_anchor_day else a
    if day.end_value or day.parts or not _DAY_VALUE.match(day.value):
        return False
    gap = _JOIN_GAP.fullmatch(text, a.end, b.start)
    return gap is not None


def _rule_starts(text: str, triggers: dict[str, tuple[int, ...]]) -> list[tuple[int, int]]:
    """(rule, offset) pairs: where in ``text`` each rule could start.

    Words are found with :func:`warta.nlp.numbers.word_positions`; a run of digits is keyed by
    its length and the character after it, so "2017" tries the year rule and "14/" the date
    rule but neither tries the other. On the 100 longest IndoSum articles (4,900 characters)
    this halves the number of patterns tried per article.
    """
    out: list[tuple[int, int]] = []
    for key, at in word_positions(lower_same_length(text), triggers.keys()):
        out.extend((rule, at) for rule in triggers[key])
    size = len(text)
    for run in digit_runs(text):
        at, end = run.span()
        keys = ["#"]
        if end - at == 4:
            keys.append("#year")
        elif end - at <= 2 and end < size:
            after = text[end]
            if after in "/.-":
                keys.append("#sep")
            if after in ".:":
                keys.append("#clock")
            if after.isspace() or after in "-–—":
                keys.append("#day")
        for key in keys:
            out.extend((rule, at) for rule in triggers.get(key, ()))
    for bracket in re.finditer(r"\(", text):
        out.extend((rule, bracket.start()) for rule in triggers.get("(", ()))
    return out


# -- public -------------------------------------------------------------------------------------

def analyse(text: str, anchor: datetime | None,
            sentence_starts: Sequence[int] = ()) -> Tagged:
    """Time expressions in ``text`` resolved against ``anchor`` (the publication time), with
    notices about weekday/date disagreements and impossible dates."""
    lex = lexicon()
    ctx = _Context(text, anchor, cal.anchor_date(anchor), lex, sentence_starts)
    found: list[tuple[int, _Candidate]] = []
    rules = lex.rules
    for order, at in _rule_starts(text, lex.triggers):
        name, pattern = rules[order]
        m = pattern.match(text, at)
        if m is None:
            continue
        try:
            found.extend((order, cand) for cand in _HANDLERS[name](m, ctx))
        except (OverflowError, ValueError):
            # "1 miliar hari lalu", or an anchor at the end of the calendar: arithmetic
            # leaves the range of dates; the expression is dropped, the article is not.
            continue
    settled = _join_clocks(_settle(found), text)
    times: list[TimeExpression] = []
    notices: list[Notice] = []
    anchor_iso = ctx.anchor_iso
    for cand in settled:
        notices.extend(cand.notices)
        if not cand.value:  # a rejected date: the notice says why
            continue
        kind = _kind(cand.value) if cand.type == "DATE" else cand.type
        times.append(TimeExpression(text[cand.start : cand.end], cand.start, cand.end, kind,
                                    cand.value, anchor_iso, cand.mod, cand.end_value))
        times.extend(cand.parts)
    return Tagged(times, notices)


def tag_times(text: str, anchor: datetime | None) -> list[TimeExpression]:
    """Time expressions in ``text``, normalised against ``anchor`` (see :func:`analyse` for the
    notices about dates that disagree with their weekday)."""
    return analyse(text, anchor).times


_NOTICE_SPAN = re.compile(r" at (\d+)-(\d+): ")


def notice_span(notice: Notice) -> tuple[int, int] | None:
    """The offsets a time notice is about (they are written into its message as "at 12-24")."""
    found = _NOTICE_SPAN.search(notice.message)
    return (int(found.group(1)), int(found.group(2))) if found else None


def parse_anchor(published: str | None) -> datetime | None:
    """The publication time as a datetime, or None when missing or unreadable."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published)
    except ValueError:
        return None


def build(settings: Settings | None = None) -> Any:
    """The "times" stage: fills ``times`` and adds notices to ``warnings``."""

    def times(article: Article) -> Article:
        anchor = parse_anchor(article.published)
        starts = [s.start for s in article.sentences]
        tagged = analyse(article.text, anchor, starts)
        warnings = list(article.warnings) + tagged.notices
        if anchor is None and tagged.times:
            warnings.append(Notice(
                code="no-anchor",
                message="no readable publication time, so relative times (kemarin, pekan "
                        "lalu, Kamis) are left unresolved; give the article a published time",
            ))
        # Each warning also sits on the expression it is about, where a reader of the time
        # looks first.
        flagged = {span: n.code for n in tagged.notices if (span := notice_span(n))}
        found = [replace(t, warning=flagged[(t.start, t.end)]) if (t.start, t.end) in flagged
                 else t for t in tagged.times]
        return replace(article, times=found, warnings=warnings)

    return times


__all__ = ["Tagged", "analyse", "build", "notice_span", "parse_anchor", "tag_times"]
