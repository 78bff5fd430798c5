"""The time tagger's lexicon: ``data/id/time.toml`` and ``data/id/numbers.toml`` compiled into
regular expressions, once per process and only when first needed.

Each pattern is a named rule; :mod:`warta.nlp.times` has one handler per rule that turns a match
into TIMEX3 values. The patterns find spans, the handlers decide: a pattern may over-match (a
capitalised "Juni" that is someone's name) and the handler then drops it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.nlp.numbers import DIGITS, alternation, load_data, number_words


@dataclass(frozen=True)
class TimeLexicon:
    months: dict[str, int]  # full names and abbreviations, lower case, no trailing stop
    weekdays: dict[str, int]
    zones: dict[str, str]
    parts: dict[str, str]  # part of day -> TIMEX3 letters (MO, AF, ...)
    pm_hours: dict[str, frozenset[int]]
    days: dict[str, int]
    nights: dict[str, int]
    refs: dict[str, str]
    shifts: dict[str, int]
    week_words: frozenset[str]
    ago_past: frozenset[str]
    ago_future: frozenset[str]
    units: dict[str, str]
    unit_years: dict[str, int]
    seasons: dict[str, str]
    future_after: frozenset[str]
    future_before: re.Pattern[str]  # "akan", "dijadwalkan": a weekday after them is ahead
    past_after: frozenset[str]
    not_weekdays_after: frozenset[str]
    year_cues: frozenset[str]
    month_cues: frozenset[str]
    month_past_cues: frozenset[str]
    pair_links: frozenset[str]
    vague_counts: frozenset[str]
    rules: tuple[tuple[str, re.Pattern[str]], ...]  # in priority order for equal-length matches
    # Which rules can start at a word, keyed by the word in lower case ("#..." for numbers, "("
    # for a bracket): the tagger tries a rule only where it can start, which is about ten
    # times faster than letting every pattern scan the whole text.
    triggers: dict[str, tuple[int, ...]]


def word_key(word: str) -> str:
    return "#" if word[0].isdigit() else word.lower()


def _firsts(phrases: object) -> set[str]:
    # The tagger finds words split at hyphens, so "baru-baru ini" starts at "baru".
    return {word_key(p.split()[0].split("-")[0]) for p in phrases}  # type: ignore[attr-defined]


def _flat(table: dict[str, list[str]]) -> dict[str, int]:
    return {word: int(key) for key, words in table.items() for word in words}


@cache
def lexicon() -> TimeLexicon:
    data = load_data("id/time.toml")
    numbers = number_words()
    full_months = _flat(data["months"])
    short_months = _flat(data["month_abbreviations"])
    weekdays = _flat(data["weekdays"])
    parts_table = data["parts_of_day"]
    units = dict(data["units"])
    relative = data["relative"]

    wd = alternation(weekdays)
    mon = alternation(full_months)
    mon_short = alternation(short_months)
    part = alternation(parts_table)
    zone = alternation(data["zones"])
    season = alternation(data["seasons"])
    unit = alternation(units)
    shift = alternation(relative["shifts"])
    ago = alternation([*data["relative"]["ago"]["past"], *data["relative"]["ago"]["future"]])
    vague = alternation([*numbers.vague, *data["vague_counts"]["words"]])
    links = data["interval_links"]
    range_link = alternation(links["range"])
    any_link = alternation([*links["range"], *links["pair"]])
    count = rf"(?:{DIGITS}|{numbers.pattern}|{vague})"
    part_tail = rf"(?:\s*,?\s*(?P<part>{part})(?!\w))?"
    calendar_units = alternation([u for u, letter in units.items() if letter in "WMY"])
    day_units = alternation([u for u, letter in units.items() if letter in ("D", "W", "M", "Y")])

    rules = {
        # "Kamis (14/9)", "Kamis dan Jumat (15/9)", "Senin-Rabu (11-13/9)", "14/9/2017"
        "numeric": (
            rf"(?<![\w/.,])(?:(?P<wd1>{wd})(?:\s*(?P<link>{any_link})\s*(?P<wd2>{wd}))?\s*,?\s*)?"
            rf"(?:\(\s*(?P<d1>\d{{1,2}})(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?\s*/\s*(?P<m>\d{{1,2}})"
            rf"(?:\s*/\s*(?P<y>\d{{4}}|\d{{2}}))?\s*\)"
            rf"|(?P<nd>\d{{1,2}})(?P<sep>[/.\-])(?P<nm>\d{{1,2}})(?P=sep)(?P<ny>\d{{4}})(?![\w/]))"
            + part_tail
        ),
        # "14 September 2017", "Senin, 27 Maret 2017", "14-16 September", "30 Agustus - 2 Sep"
        "named": (
            rf"(?<![\w/.,])(?:(?P<wd>{wd})\s*,?\s*(?P<open>\()?\s*)?(?:(?:tanggal|tgl\.?)\s+)?"
            rf"(?P<d1>\d{{1,2}})(?:\s+(?P<mon1>{mon}|{mon_short}))?"
            rf"(?:\s*(?:{range_link}|dan)\s*(?P<d2>\d{{1,2}}))?"
            rf"\s+(?P<mon>{mon}|(?:{mon_short})\.?)(?!\w)"
            rf"(?:\s*,?\s+(?:tahun\s+)?(?P<y>\d{{4}})(?!\d))?(?(open)\s*\))"
            rf"(?:\s+(?P<shift>{shift})(?!\w))?" + part_tail
        ),
        # "pukul 14.30 WITA", "pukul 08.00-10.00 WIB", "jam 8 malam", "14.30 WIB"
        "clock": (
            rf"(?<![\w.])(?:(?:pukul|pkl\.?|jam)\s+(?P<h>\d{{1,2}})(?:[.:](?P<mi>\d{{2}}))?"
            rf"|(?P<bh>\d{{1,2}})[.:](?P<bmi>\d{{2}})(?=\s*(?-i:{zone})(?!\w)))(?![\d.:]\d)"
            rf"(?:\s*(?:{range_link})\s*(?:(?:pukul|jam)\s+)?(?P<h2>\d{{1,2}})"
            rf"(?:[.:](?P<mi2>\d{{2}}))?)?"
            rf"(?:\s*(?P<zone>(?-i:{zone}))(?!\w))?(?:\s+(?P<part>{part})(?!\w))?"
        ),
        # "kemarin", "kemarin sore", "tadi malam", "hari ini", "saat ini"
        "relday": (
            rf"(?<!\w)(?:(?P<rel>{alternation([*relative['days'], *relative['nights']])})"
            rf"(?:\s+(?P<part>{part}))?|(?P<ref>{alternation(relative['refs'])}))(?!\w)"
        ),
        # "pekan lalu", "bulan depan", "awal tahun ini", "akhir pekan", "pertengahan bulan"
        "relunit": (
            rf"(?<!\w)(?:(?P<season>{season})\s+)?(?P<unit>{calendar_units})"
            rf"(?:\s+(?P<shift>{shift}))?(?!\w)"
        ),
        # "tiga hari lalu", "dua pekan lalu", "setahun silam", "lima hari lagi"
        "ago": (
            rf"(?<![\w.,])(?:(?P<num>{count})\s+(?P<unit>{day_units}"
            rf"|jam|menit)|se(?P<seunit>{day_units}|jam))\s+(?P<dir>{ago})(?!\w)"
        ),
        # "hampir tiga tahun", "enam bulan", "24 jam", "setahun", "bertahun-tahun"
        "duration": (
            rf"(?<![\w.,])(?:(?P<num>{count})\s+(?P<unit>{unit})"
            rf"|se(?P<seunit>{unit})(?!-)|ber(?P<redup>{unit})-(?P=redup))(?!\w)"
            rf"(?:\s+(?P<tail>terakhir|ke\s+depan)(?!\w))?"
        ),
        # "Juni 2016", "bulan September 2015", "awal Maret", "Juni lalu"
        "month": (
            rf"(?<!\w)(?:(?P<season>{season})\s+)?(?:(?P<bulan>bulan)\s+)?(?P<mon>{mon})(?!\w)"
            rf"(?:\s+(?:tahun\s+)?(?P<y>\d{{4}})(?!\d)|\s+(?P<shift>{shift})(?!\w))?"
        ),
        # "2016", "tahun 2016", "akhir 2016", "2016-2017", "tahun 1990-an"
        "year": (
            rf"(?<![\w.,/$])(?:(?P<season>{season})\s+)?(?:(?P<tahun>tahun|thn\.?)\s+)?"
            r"(?P<y>(?:1[89]|20)\d\d)(?P<decade>-?an)?"
            rf"(?:\s*(?:{range_link}|/)\s*(?P<y2>(?:1[89]|20)\d\d))?(?![\w%]|[.,]\d)"
        ),
        # "Selasa", "Selasa malam", "Selasa depan", "Senin pekan lalu"
        "weekday": (
            rf"(?<!\w)(?P<wd>{wd})(?!\w)(?:\s+(?P<part>{part})(?!\w))?"
            rf"(?:\s+(?P<cue>(?:pekan|minggu)\s+(?:lalu|depan|ini)|depan|mendatang|lalu|kemarin"
            rf"|besok|nanti|ini)(?!\w))?"
        ),
        # "setiap Senin", "tiap tahun", "setiap dua tahun", "saban pagi"
        "set": (
            rf"(?<!\w)(?:{alternation(data['sets']['cues'])})\s+(?:(?P<num>{DIGITS}|"
            rf"{numbers.pattern})\s+)?(?:hari\s+(?=(?:{wd})(?!\w)))?"
            rf"(?:(?P<wd>{wd})|(?P<unit>{unit})|(?P<part>{part})|tanggal\s+(?P<day>\d{{1,2}}))(?!\w)"
        ),
    }
    wd_words = _firsts(weekdays)
    number_starts = {"#", *_firsts([*numbers.digits, *numbers.whole, *numbers.multipliers]),
                     *_firsts(numbers.vague), *_firsts(data["vague_counts"]["words"])}
    se_units = {f"se{u}" for u in units} | {f"ber{u}" for u in units}
    season_starts = _firsts(data["seasons"])
    starts: dict[str, set[str]] = {
        # Digits are keyed by what follows them (see times._rule_starts): "#sep" a day
        # before "/", "-" or "."; "#day" a day before a space or a dash; "#clock" an hour
        # before "." or ":"; "#year" four digits; "#" any number.
        "numeric": {*wd_words, "(", "#sep"},
        "named": {*wd_words, "#day", "tanggal", "tgl"},
        "clock": {"pukul", "pkl", "jam", "#clock"},
        "relday": _firsts([*relative["days"], *relative["nights"], *relative["refs"]]),
        "relunit": {*season_starts, *_firsts(units)},
        # Hedges ("hampir tiga tahun") are looked for behind a match, not tried as starts.
        "ago": {*number_starts, *se_units},
        "duration": {*number_starts, *se_units},
        "month": {*season_starts, "bulan", *_firsts(full_months)},
        "year": {*season_starts, "tahun", "thn", "#year"},
        "weekday": wd_words,
        "set": _firsts(data["sets"]["cues"]),
    }
    triggers: dict[str, list[int]] = {}
    for index, name in enumerate(rules):
        for key in starts[name]:
            triggers.setdefault(key, []).append(index)
    return TimeLexicon(
        months={**full_months, **short_months},
        weekdays=weekdays,
        zones=dict(data["zones"]),
        parts={k: v["value"] for k, v in parts_table.items()},
        pm_hours={k: frozenset(v["pm_hours"]) for k, v in parts_table.items()},
        days=dict(relative["days"]),
        nights=dict(relative["nights"]),
        refs=dict(relative["refs"]),
        shifts=dict(relative["shifts"]),
        week_words=frozenset(relative["week_words"]["words"]),
        ago_past=frozenset(relative["ago"]["past"]),
        ago_future=frozenset(relative["ago"]["future"]),
        units=units,
        unit_years=dict(data["units_in_years"]),
        seasons=dict(data["seasons"]),
        future_after=frozenset(data["future_cues"]["after"]),
        future_before=re.compile(
            rf"(?<!\w)(?:{alternation(data['future_cues']['before'])})(?!\w)"),
        past_after=frozenset(data["past_cues"]["after"]),
        not_weekdays_after=frozenset(data["not_weekdays"]["after"]),
        year_cues=frozenset(data["year_cues"]["before"]),
        month_cues=frozenset(data["month_cues"]["words"]),
        month_past_cues=frozenset(data["month_cues"]["past"]),
        pair_links=frozenset(links["pair"]),
        vague_counts=frozenset(data["vague_counts"]["words"]),
        rules=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in rules.items()),
        triggers={key: tuple(sorted(indices)) for key, indices in triggers.items()},
    )
