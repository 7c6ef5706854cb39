"""Reading the `when` a member typed, in the server's time zone.

The time of day is found here, because dateparser cannot say whether one was
typed: it fills a missing time with midnight or with the current clock time,
which is how `tomorrow 9` used to become tomorrow at the current minute. So
the text is normalised first (German "Uhr", "nächsten", "21.8.", am/pm, a bare
hour after "tomorrow"), the time of day is taken out, and dateparser reads
what is left as the day. A day without a time of day is a question back to the
organiser, never midnight. This module also decides what a wall-clock time
means in the server's zone, including the two awkward hours a year around
daylight-saving changes.

Numeric dates are always day first: `13.12.2027`, `13/12/2027`, `13-12-2027` (and
without the year, `13.12.`, `13/12`), whoever types them and whatever their Discord's
language; only the ISO form is year first (`2027-12-13`). A club reads one date one
way, and the preview spells the day out. A month over 12 (`12.13.2027`, `12/13/2027`,
`2027-13-12`) is refused with the form that works, never guessed to be the US order:
that guess would read `12/13` as 13 December but `12/11` as 12 November for the same
member, and the second would go out wrong without a word.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput
from bot.i18n import t
from bot.i18n.formats import Day

from .validation import MAX_AHEAD

_LANGUAGES = ["en", "de"]
_MAX_INPUT = 100

_WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        "monday mon montag mo",
        "tuesday tue tues dienstag di",
        "wednesday wed mittwoch mi",
        "thursday thu thur thurs donnerstag do",
        "friday fri freitag fr",
        "saturday sat samstag sonnabend sa",
        "sunday sun sonntag so",
    )
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _index
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_DAY_WORDS = rf"(?:{_WEEKDAY}|today|tomorrow|heute|morgen|übermorgen|uebermorgen)"

# "nächsten Samstag", "am Samstag": dateparser reads neither; the weekday alone
# already means its next occurrence.
_GERMAN_NEXT = re.compile(
    rf"\b(?:nächste[nrs]?|naechste[nrs]?|kommende[nrs]?|diese[nrs]?|am)\s+(?=(?:{_WEEKDAY})\b)"
    r"|^am\s+(?=\d)|\bden\s+(?=\d)"  # "am 21.8.", "Samstag, den 21.8."
)
# "10 am saturday": an English hour, not German "am Samstag" (on Saturday), which
# _GERMAN_NEXT drops and so left "10 saturday", the 10th. After "um" it stays German.
_AM_BEFORE_DAY = re.compile(rf"(?<![\d.:])(?<!\bum )(0?[1-9]|1[0-2])\s+am\s+(?=(?:{_WEEKDAY})\b)")
_TOMORROW = re.compile(r"\b(?:tmrw|tmr|tomorow|tommorow|tommorrow)\b")
_NEXT = re.compile(r"\b(?:next|nächste[nrs]?|naechste[nrs]?|kommende[nrs]?)\b")
# "21.8." (day and month, no year): dateparser reads "21.08." as 21:08.
_DAY_MONTH = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?!\d)")
# "Samstag 21.08 10:00": a day and month without the dot, with the time still to come;
# dateparser reads "21.08" as 21:08 and the weekday alone as the day.
_DAY_MONTH_THEN = re.compile(
    r"(?<![\d.:])(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])(?![\d.])"
    r"(?=,?\s+(?!uhr\b|h\b|am\b|pm\b)\S)"
)
_WEEKDAY_DAY_MONTH = re.compile(
    rf"\b((?:{_WEEKDAY})\.?,?\s+)(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])$"
)  # "Samstag 21.08" with no time yet: the date, so the question names the right day
_ISO_T = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})t(?=\d)")
_NOON = re.compile(r"\b(?:noon|midday|mittags?)\b")
# "Samstag morgen 10 Uhr" is Saturday morning, not tomorrow. (An evening word is
# _DAY_EVENING's: "Samstag abend 8 Uhr" must become 20:00, not 08:00.)
_MORNING = re.compile(rf"\b({_WEEKDAY})\s+(?:morgen|früh|vormittag)s?\b")
# "morgen früh 9 Uhr", "heute Vormittag 10 Uhr", "tomorrow morning 9": the day word
# alone says the day, and the hour is already a morning one.
_DAY_MORNING = re.compile(rf"\b({_DAY_WORDS})\s+(?:früh|vormittags?|morgens|morning)\b")
# "Samstag Abend 8 Uhr", "heute Nachmittag 3", "saturday evening 8": a bare hour from
# 1 to 11 after it is an afternoon or evening one.
_DAY_EVENING = re.compile(rf"\b({_DAY_WORDS})\s+(?:abends?|nachmittags?|evening|afternoon)\b")
# "8 Uhr abends", "halb 8 abends", "viertel vor 11 in the evening": the part of the day
# after the time, ending the text, says the same.
_TIME_THEN_EVENING = re.compile(
    r"(?<=[\d\s])\s*(?:abends|nachmittags|in the (?:evening|afternoon))$"
)
_TIME_THEN_MORNING = re.compile(r"(?<=[\d\s])\s*(?:morgens|vormittags|in the morning)$")
# A time zone's abbreviation after the time of day. The server's own ("CEST", "MEZ" in
# Berlin) only says what the member already meant; any other would be silently read in
# the server's zone, hours off, so it is refused.
_ZONE_WORD = re.compile(r"^\s*(?P<zone>[a-z]{2,5})\b")
_ZONES = (
    "cet cest mez mesz wet west wez wesz eet eest oez oesz bst ist gmt utc msk "
    "est edt et cst cdt ct mst mdt mt pst pdt pt akst akdt hst jst kst aest aedt "
    "acst acdt awst nzst nzdt sast"
)
_ZONE_NAMES = frozenset(_ZONES.split())
# The German names of the zones' abbreviations, which tzdata spells in English.
_ZONE_ALIASES = {
    "cet": "mez", "cest": "mesz", "wet": "wez", "west": "wesz", "eet": "oez", "eest": "oesz",
}  # fmt: skip
# Dates a day number can't have ("30.02.2027", "2027-02-30", "31 April"): told as such,
# not as unreadable text. Month names as dateparser knows them, in English and German.
_MONTHS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        "january jan januar jän jaenner jänner",
        "february feb februar",
        "march mar märz maerz mrz",
        "april apr",
        "may mai",
        "june jun juni",
        "july jul juli",
        "august aug",
        "september sep sept",
        "october oct oktober okt",
        "november nov",
        "december dec dezember dez",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _index
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO_DAY = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_NUMERIC_DAY = re.compile(
    r"(?<![\d:.\-/])(?P<d>\d{1,2})[./](?P<m>\d{1,2})(?:[./](?P<y>\d{4}|\d{2}))?\.?(?![\d:])"
    r"(?!\s*(?:uhr|h|am|pm)\b)"
)
# Day, month and perhaps year as typed, for the month check (the raw text: normalising
# rewrites "12.13." to "12/13"). `.` and `-` count only with a year or a closing dot:
# "12.13" may be 12:13, and "10-13" hours from 10 to 13.
_TYPED_DAY = re.compile(
    r"(?<![\d:.\-/])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})"
    r"(?:(?P=sep)(?P<y>\d{4}|\d{2})(?!\d)|(?P<dot>\.)(?![\d.])|(?![\d:.\-/]))"
)
_NAMED_DAY = re.compile(
    rf"(?<![\d:.])(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(?P<month>{_MONTH})\b\.?"
    r"(?:,?\s+(?P<y>\d{4}))?"
    rf"|\b(?P<month2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.])"
    r"(?:,?\s+(?P<y2>\d{4}))?"
)

_MERIDIEM = r"(?:\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)(?!\w))?"
_CLOCK = re.compile(
    r"(?<![\d:.+\-])(?P<h>\d{1,2})(?::|h(?=\d))(?P<m>\d{2})(?::(?P<s>\d{2}))?"
    + _MERIDIEM
    + r"(?:\s*uhr\b)?(?![\d:])"
)
# "10 Uhr", "9.30 Uhr", "18h", and "9.30pm" (a dot is a time only with a word after it).
_UHR = re.compile(
    r"(?<![\d:.+\-])(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?"
    r"\s*(?:uhr\b|h\b|(?P<ampm>am|pm|a\.m\.|p\.m\.)(?!\w))"
)
# "at 9", "um 9", or a bare hour ending the text right after a day word: "tomorrow 9".
# (Not "sat 21 aug": a number followed by more words is a day of the month.)
_BARE_HOUR = re.compile(
    rf"(?:\b{_DAY_WORDS}\s+(?P<h>\d{{1,2}})$|(?:\b(?:at|um)\s+|@\s*)(?P<h2>\d{{1,2}})(?![\d:.\w]))"
)
# A time of day in words, relative to the hour it names: "halb 8" is half an hour before
# 8 (07:30, or 19:30 where "8" alone would be 20:00), "viertel nach 10" 10:15, "viertel
# vor 8" and "dreiviertel 8" 07:45, south German "viertel 8" 07:15; "half past 7" 07:30,
# "quarter past 10", "quarter to 8". English "half 8" is left alone: in Britain it means
# 08:30, to a German 07:30, so it stays refused rather than guessed.
_PHRASE_SHIFT = {
    "halb": -30, "viertel nach": 15, "viertel vor": -15, "dreiviertel": -15,
    "drei viertel": -15, "viertel": -45,
    "half past": 30, "quarter past": 15, "quarter after": 15, "quarter to": -15,
    "quarter of": -15,
}  # fmt: skip
# The hour after such words may be spelled out too: "halb acht", "quarter to eight".
_HOUR_WORDS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        "eins one",
        "zwei two",
        "drei three",
        "vier four",
        "fünf fuenf five",
        "sechs six",
        "sieben seven",
        "acht eight",
        "neun nine",
        "zehn ten",
        "elf eleven",
        "zwölf zwoelf twelve",
    ),
    start=1,
):
    for _name in _names.split():
        _HOUR_WORDS[_name] = _index
_PHRASE = re.compile(
    r"(?<![\w.])(?:a\s+)?(?P<words>"
    + "|".join(sorted((w.replace(" ", r"\s+") for w in _PHRASE_SHIFT), key=len, reverse=True))
    + r")\s+(?P<h>\d{1,2}(?![\d:.])|(?:"
    + "|".join(sorted(_HOUR_WORDS, key=len, reverse=True))
    + r")\b)"
    + _MERIDIEM
    + r"(?:\s*uhr\b)?"
)
# English "half 8" alone: refused with both readings rather than read as neither.
_HALF_ALONE = re.compile(r"(?<![\w.])half\s+(?P<h>\d{1,2})(?![\d:.])")
# "21.08.2027 18.30", "Samstag 10.00": the German dotted time ending the text. Only where
# it can't be a day and month ("Samstag 21.08" is a date): after a year, or minutes that
# are no month.
_DOT_TIME = re.compile(r"(?<![\d:.+\-/])(?P<h>\d{1,2})\.(?P<m>\d{2})$")
# "Sa 10-14 Uhr", "Samstag 10 bis 14 Uhr", "saturday 10am-2pm": a start and an end. Told
# as such: dateparser read "10-14" as a date ("June 10, 2114 is a Sunday").
_HOUR_MARK = r"(?:am|pm|a\.m\.|p\.m\.|uhr|h)(?!\w)"
_RANGE = re.compile(
    r"(?<![\d:./\-])(?P<a>\d{1,2})(?:[:.h](?P<am>\d{2}))?(?:\s*(?P<amark>"
    + _HOUR_MARK
    + r"))?\s*(?P<sep>-|–|—|bis|to|till|until)\s*(?P<b>\d{1,2})(?:[:.h](?P<bm>\d{2}))?"
    r"(?:\s*(?P<bmark>" + _HOUR_MARK + r"))?(?![\d./\-])",
    re.IGNORECASE,
)
# "2027-06-12T10:00-05:00": a time and its offset, not a range.
_ISO_OFFSET = re.compile(r"\d{4}-\d{1,2}-\d{1,2}[t ]\d{1,2}:\d{2}(?::\d{2})?[+-]\d{2}:?\d{2}$")
# "saturday 1030": a time of day written without its colon. dateparser took it for the
# year 1030 ("`when` is in the past"); only numbers before this year are read so.
_HHMM = re.compile(r"(?<![\d:./\-])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?![\d:./\-])")
_OFFSET = re.compile(r"^\s*(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?)(?!\w)")
_DURATION = re.compile(r"\b(?:hours?|hrs?|minutes?|mins?|stunden?|minuten?)\b")
_FILLER = re.compile(r"(?:^|\s)(?:at|um|ab|@|on|,)(?=\s|$)|[,\s]+$|^[,\s]+")
_YEAR = re.compile(r"\b\d{4}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2}\b")
_RELATIVE = re.compile(
    r"\b(?:today|tomorrow|heute|morgen|übermorgen|uebermorgen|in|next|week|woche)\b"
)


class Note(str):
    """Told to the organiser with the preview, e.g. how an ambiguous hour was read. The
    text is English (logs, tests); `key` and `fields` word it in the organiser's
    language (a draft stores them, so a preview shown later can too)."""

    key: str
    fields: dict[str, str]

    def __new__(cls, key: str, /, **fields: str) -> Note:
        note = super().__new__(cls, t("en", key, **fields))
        note.key = key
        note.fields = fields
        return note

    def text(self, lang: str) -> str:
        return t(lang, self.key, **self.fields)


@dataclass(frozen=True, slots=True)
class ParsedTime:
    utc: datetime
    local: datetime
    note: str | None = None  # told to the organiser, e.g. how an ambiguous hour was read


@dataclass(frozen=True, slots=True)
class _ClockTime:
    at: time
    start: int
    end: int
    meridiem: bool = False  # "am" or "pm" was typed
    # The hour a time in words names ("halb 8": 8), which says whether it is an evening one.
    named_hour: int | None = None


def named_day(text: str) -> tuple[int, int, int] | None:
    """'26 Aug 2023', 'August 26, 2023', '26. August 2023' -> (2023, 8, 26): a day with its
    month by name and a year, as Paddock itself writes dates; None for anything else.
    The day is not checked against the month ('31 April 2023' -> (2023, 4, 31))."""
    found = _NAMED_DAY.fullmatch(" ".join(text.strip().lower().split()))
    if found is None or not (found["y"] or found["y2"]):
        return None
    month = _MONTHS[found["month"] or found["month2"]]
    return int(found["y"] or found["y2"]), month, int(found["d"] or found["d2"])


def _fmt(local: datetime) -> str:
    return local.strftime("%Y-%m-%d %H:%M")


def _quote(text: str) -> str:
    return text[:40].replace("`", "'")


def localise(wall: datetime, tz: ZoneInfo) -> tuple[datetime, str | None]:
    """Attach `tz` to a naive wall time; refuse times that don't exist, flag doubles."""
    first = wall.replace(tzinfo=tz, fold=0)
    second = wall.replace(tzinfo=tz, fold=1)
    round_trip = first.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != wall:
        # In a spring-forward gap: that wall time never happens. PEP 495 reads it
        # with the offset from before the change, which lands just after the gap.
        raise InvalidInput(
            key="error-meets-when-skipped",
            wall=_fmt(wall),
            zone=tz.key,
            instead=_fmt(round_trip),
            abbreviation=str(round_trip.tzname()),
        )
    if first.utcoffset() != second.utcoffset():
        # The fall-back hour happens twice; fold=0 is the first (summer time) one.
        note = Note(
            "meets-note-twice",
            wall=_fmt(wall),
            zone=tz.key,
            abbreviation=str(first.tzname()),
            offset=_offset(first),
        )
        return first, note
    return first, None


def _offset(when: datetime) -> str:
    delta = when.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def normalise(text: str) -> str:
    """Lower-case, single-spaced, with the forms dateparser misreads rewritten."""
    text = " ".join(text.lower().split())
    text = _ISO_T.sub(r"\1 ", text)
    text = _AM_BEFORE_DAY.sub(r"\1am ", text)
    text = _GERMAN_NEXT.sub("", text)
    text = _TOMORROW.sub("tomorrow", text)
    text = _DAY_MONTH.sub(lambda m: f"{m[1]}/{m[2]}", text)
    text = _DAY_MONTH_THEN.sub(lambda m: f"{m[1]}/{m[2]}", text)
    text = _WEEKDAY_DAY_MONTH.sub(lambda m: f"{m[1]}{m[2]}/{m[3]}", text)
    text = _NOON.sub("12:00", text)
    return _MORNING.sub(r"\1", text)


def _hour(raw: str, ampm: str | None) -> int | None:
    hour = int(raw)
    if ampm is None:
        return hour if 0 <= hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if ampm.startswith("p") else 0)


def find_clock_time(text: str) -> _ClockTime | None:
    """The time of day in normalised `text`; InvalidInput if it names an impossible one."""
    phrase = _phrase_time(text)
    if phrase is not None:
        return phrase
    half = _HALF_ALONE.search(text)
    if half is not None and 1 <= int(half["h"]) <= 12:
        named = int(half["h"])
        raise InvalidInput(
            key="error-meets-half-hour",
            name="when",
            text=_quote(half[0]),
            later=f"{named:02d}:30",
            earlier=f"{named - 1:02d}:30",
        )
    for pattern in (_CLOCK, _UHR, _BARE_HOUR):
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        group = "h" if groups["h"] is not None else "h2"
        hour = _hour(groups[group], groups.get("ampm"))
        minute = int(groups.get("m") or 0)
        second = int(groups.get("s") or 0)
        if hour is None or minute > 59 or second > 59:
            raise InvalidInput(key="error-meets-not-a-time", text=_quote(match[0]))
        # For a bare hour only the number is the time; the day word before it stays.
        start, end = match.span(group) if pattern is _BARE_HOUR else match.span()
        return _ClockTime(time(hour, minute, second), start, end, bool(groups.get("ampm")))
    return _dot_time(text)


def _phrase_time(text: str) -> _ClockTime | None:
    """A time in words ("halb 8", "quarter to 8"), as the hour it names shifted."""
    match = _PHRASE.search(text)
    if match is None:
        return None
    named = _HOUR_WORDS.get(match["h"]) or int(match["h"])
    hour = _hour(str(named), match["ampm"])
    shift = _PHRASE_SHIFT[" ".join(match["words"].split())]
    minutes = None if hour is None else hour * 60 + shift
    if minutes is None or not 0 <= minutes < 24 * 60:
        raise InvalidInput(key="error-meets-not-a-time", text=_quote(match[0]))
    at = time(minutes // 60, minutes % 60)
    return _ClockTime(at, *match.span(), bool(match["ampm"]), named_hour=named)


def _dot_time(text: str) -> _ClockTime | None:
    match = _DOT_TIME.search(text)
    if match is None:
        return None
    hour, minute = int(match["h"]), int(match["m"])
    if not (_YEAR.search(text[: match.start()]) or minute == 0 or minute > 12):
        return None
    if hour > 23 or minute > 59:
        raise InvalidInput(key="error-meets-not-a-time", text=_quote(match[0]))
    return _ClockTime(time(hour, minute), *match.span())


def _dateparser(text: str, local_now: datetime) -> datetime | None:
    # Imported on first use: dateparser and its language data take ~18 MiB, which an
    # idle bot shouldn't carry. Callers run this in a worker thread, so the first,
    # slower call doesn't block the event loop.
    import dateparser

    try:
        return dateparser.parse(
            text,
            languages=_LANGUAGES,
            settings={
                "PREFER_DATES_FROM": "future",
                "DATE_ORDER": "DMY",
                "RELATIVE_BASE": local_now.replace(tzinfo=None),
            },
        )
    except (ValueError, OverflowError, ArithmeticError):
        return None


def _only_weekday(day_text: str) -> int | None:
    words = _NEXT.sub("", day_text).split()
    if len(words) == 1 and words[0] in _WEEKDAYS:
        return _WEEKDAYS[words[0]]
    return None


def _read_day(day_text: str, local_now: datetime) -> date | None:
    if not day_text:
        return local_now.date()
    parsed = _dateparser(day_text, local_now)
    return parsed.date() if parsed is not None else None


def _day_name(day: date, today: date) -> Day:
    """The day, with its year when that isn't this year's."""
    return Day(day, "day" if day.year == today.year else "full")


def _unreadable(cleaned: str) -> InvalidInput:
    return InvalidInput(key="error-meets-when-unreadable", text=_quote(cleaned))


def _candidates(day: date, day_text: str, at: time, local_now: datetime) -> list[datetime]:
    """The wall times `day_text` + `at` may mean, earliest first.

    dateparser picks the day without the time of day, so "saturday 18:00" on a
    Saturday morning would become next week, and "21.8. 18:00" on 21 August next
    year. Where the day was given without a year (or as a bare weekday, without
    "next"), the same time one period earlier is tried first.
    """
    wall = datetime.combine(day, at)
    earlier: list[datetime] = []
    if not day_text:
        earlier = [wall]
        wall += timedelta(days=1)
    elif _only_weekday(day_text) is not None and not _NEXT.search(day_text):
        earlier = [wall - timedelta(days=7)]
    elif not _YEAR.search(day_text) and not _RELATIVE.search(day_text):
        try:
            earlier = [wall.replace(year=wall.year - 1)]
        except ValueError:  # 29 February
            earlier = []
    return [*earlier, wall]


def _weekday_mismatch(day_text: str, day: date) -> InvalidInput | None:
    named = {_WEEKDAYS[w] for w in re.findall(r"[a-zäöü]+", day_text) if w in _WEEKDAYS}
    if len(named) == 1 and day.weekday() not in named and len(day_text.split()) > 1:
        wanted = date(2027, 1, 4) + timedelta(days=named.pop())  # a Monday, plus the weekday
        return InvalidInput(
            key="error-meets-weekday-mismatch",
            date=Day(day, "date"),
            weekday=Day(day, "weekday"),
            wanted=Day(wanted, "weekday"),
        )
    return None


def _part_of_day(normal: str) -> tuple[str, bool]:
    """`normal` without "früh", "Abend", "evening" after a day word or "abends" after the
    time, and whether an afternoon or evening was named."""
    normal = _TIME_THEN_MORNING.sub("", _DAY_MORNING.sub(r"\1", normal)).rstrip()
    evening = _DAY_EVENING.search(normal) is not None or bool(_TIME_THEN_EVENING.search(normal))
    return _TIME_THEN_EVENING.sub("", _DAY_EVENING.sub(r"\1", normal)).rstrip(), evening


def _in_the_evening(clock: _ClockTime) -> _ClockTime:
    """An hour from 1 to 11 without am/pm, 12 hours later: "Abend 8 Uhr" is 20:00, and
    "Abend halb 8" 19:30 (the hour named is what counts: "halb 1" is 00:30 or 12:30,
    "halb 12" 11:30 or 23:30)."""
    named = clock.at.hour if clock.named_hour is None else clock.named_hour
    if clock.meridiem or not 1 <= named <= 12 or (named == 12 and clock.at.hour != 11):
        return clock
    return replace(clock, at=clock.at.replace(hour=(clock.at.hour + 12) % 24))


def _foreign_zone(after_clock: str, tz: ZoneInfo, year: int) -> InvalidInput | None:
    """A refusal when the time of day is followed by another zone's abbreviation."""
    match = _ZONE_WORD.match(after_clock)
    if match is None or match["zone"] not in _ZONE_NAMES:
        return None
    own = {str(datetime(year, month, 15, 12, tzinfo=tz).tzname()).lower() for month in (1, 7)}
    own |= {_ZONE_ALIASES[name] for name in own if name in _ZONE_ALIASES}
    if match["zone"] in own:
        return None
    return InvalidInput(
        key="error-dates-other-zone", name="when", typed=match["zone"].upper(), zone=tz.key
    )


def _coming_year(month: int, typed_year: str | None, today: date) -> int:
    """The year a typed date means: the one typed, else the coming one (this year's,
    or next year's when its month is past)."""
    if typed_year is None:
        return today.year + (1 if month < today.month else 0)
    return int(typed_year) + (2000 if len(typed_year) == 2 else 0)


def _meant(year: int, month: int, day: int, typed_year: str | None) -> Day | None:
    """The day a month-and-day swap would give, if that day exists."""
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return Day(date(year, month, day), "full" if typed_year else "day")


def no_such_month(lowered: str, today: date, name: str = "when") -> InvalidInput | None:
    """A refusal when a typed date's month is over 12 (see the module's docstring),
    with the swapped form when that is a real day: "12.13.2027" -> "13.12.2027"."""
    for m in _ISO_DAY.finditer(lowered):
        month = int(m["m"])
        if 1 <= month <= 12:
            continue
        meant = _meant(int(m["y"]), int(m["d"]), month, m["y"])
        fields = {"name": name, "typed": m[0], "month": str(month)}
        if meant is None:
            return InvalidInput(key="error-dates-no-such-month-iso", **fields)
        suggest = f"{m['y']}-{m['d']}-{m['m']}"
        return InvalidInput(key="error-dates-iso-swapped", meant=meant, suggest=suggest, **fields)
    for m in _TYPED_DAY.finditer(lowered):
        month, sep = int(m["m"]), m["sep"]
        if 1 <= month <= 12 or (sep != "/" and m["y"] is None and m["dot"] is None):
            continue
        fields = {"name": name, "typed": m[0], "month": str(month)}
        year = _coming_year(int(m["d"]), m["y"], today)
        meant = _meant(year, int(m["d"]), month, m["y"])
        if meant is None:
            return InvalidInput(key="error-dates-no-such-month", **fields)
        suggest = f"{m['m']}{sep}{m['d']}" + (f"{sep}{m['y']}" if m["y"] else "") + (m["dot"] or "")
        return InvalidInput(key="error-dates-day-first", meant=meant, suggest=suggest, **fields)
    return None


def _no_such_day(normal: str, today: date) -> InvalidInput | None:
    """A refusal naming the month's length when `normal` names a day its month lacks
    ("30.02.2027", "2027-02-30", "31 April", "29.02." before a February of 28 days)."""
    found: list[tuple[str | None, str, str]] = []
    found += [(m["y"], m["m"], m["d"]) for m in _ISO_DAY.finditer(normal)]
    found += [(m["y"], m["m"], m["d"]) for m in _NUMERIC_DAY.finditer(normal)]
    for m in _NAMED_DAY.finditer(normal):
        month = _MONTHS[m["month"] or m["month2"]]
        found.append((m["y"] or m["y2"], str(month), m["d"] or m["d2"]))
    for typed_year, typed_month, typed_day in found:
        month, day = int(typed_month), int(typed_day)
        if not 1 <= month <= 12 or day < 1:
            continue
        year = _coming_year(month, typed_year, today)
        if year < 1:
            continue
        days = calendar.monthrange(year, month)[1]
        if day <= days:
            continue
        first = date(year, month, 1)
        # "April has 30 days" needs no year; February's length depends on it.
        named = Day(first, "month" if typed_year is None and month != 2 else "month-year")
        return InvalidInput(
            key="error-dates-no-such-day",
            name="when",
            month=named,
            days=str(days),
            day=str(day),
            monthname=Day(first, "month"),
        )
    return None


def _with_colon(normal: str, year: int) -> str:
    """`normal` with a lone "1030" (a number before `year`) written "10:30", when no
    other time of day is there."""
    if find_clock_time(normal) is not None:
        return normal
    match = _HHMM.search(normal)
    if match is None or int(match[0]) >= year:
        return normal
    return f"{normal[: match.start()]}{match['h']}:{match['m']}{normal[match.end() :]}"


def _range(cleaned: str) -> InvalidInput | None:
    """A refusal when `cleaned` gives a start and an end ("Sa 10-14 Uhr"): `when` takes
    the start, `ends` the end; both examples are made of what was typed."""
    if _ISO_OFFSET.search(cleaned.lower()):
        return None
    for match in _RANGE.finditer(cleaned):
        amark, bmark = (match["amark"] or "").lower(), (match["bmark"] or "").lower()
        if not (match["am"] or match["bm"] or amark or bmark):
            continue  # "12-06 10:00" is the 12th of June, "in 2 to 3 weeks" no time
        a, b = int(match["a"]), int(match["b"])
        end = _hour(match["b"], bmark if bmark[:1] in ("a", "p") else None)
        if a > 23 or end is None or int(match["bm"] or 0) > 59:
            continue
        mark = match["amark"] or ""
        if not mark and bmark:
            if bmark[:1] in ("a", "p"):  # "10-2pm" is 10am, "6-9pm" is 6pm
                mark = bmark if a <= b or a == 12 else ("am" if bmark[:1] == "p" else "pm")
            else:
                mark = match["bmark"]
        start = match["a"] + (f":{match['am']}" if match["am"] else "")
        start += ("" if mark.lower() in ("am", "pm", "h") else " ") + mark if mark else ""
        return InvalidInput(
            key="error-meets-when-range",
            text=_quote(cleaned),
            start=_quote(cleaned[: match.start()] + start + cleaned[match.end() :]),
            end=f"{end:02d}:{match['bm'] or '00'}",
        )
    return None


# A number standing alone ("9 tomorrow"), not part of a date ("21.8.", "2027-06-05").
_LONE_NUMBER = re.compile(r"(?<![\d.:/-])\b(\d{1,2})\b(?![\d.:/-])")
_NOW = frozenset({"now", "jetzt", "sofort", "right now"})


def _time_example(cleaned: str, day: date, local_now: datetime) -> str:
    """The example the follow-up question gives: what was typed with a time added, the
    hour it named moved into it ("9 tomorrow" -> "tomorrow 09:00"); for "now" a real
    date and time, since "now 10:00" reads as nothing."""
    words, hour = cleaned, 10
    match = _LONE_NUMBER.search(cleaned)
    if match is not None and int(match[1]) <= 23:
        rest = " ".join((cleaned[: match.start()] + " " + cleaned[match.end() :]).split())
        # Only when the number wasn't the day's own ("21 Aug" keeps its 21).
        if rest and _read_day(normalise(rest), local_now) == day:
            words, hour = rest, int(match[1])
    if words.lower() in _NOW:
        soon = (local_now + timedelta(hours=2)).replace(minute=0)
        return f"{soon:%Y-%m-%d %H}:00"
    return f"{words} {hour:02d}:00"


def parse_when(text: str, tz: ZoneInfo, now: datetime) -> ParsedTime:
    """The UTC instant `text` means in `tz`; must be in the future of `now`."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput(key="error-meets-when-empty")
    local_now = now.astimezone(tz)
    both = _range(cleaned[:_MAX_INPUT])
    if both is not None:
        raise both
    impossible = no_such_month(cleaned[:_MAX_INPUT].lower(), local_now.date())
    if impossible is not None:
        raise impossible
    normal, evening = _part_of_day(normalise(cleaned[:_MAX_INPUT]))
    normal = _with_colon(normal, local_now.year)
    impossible = _no_such_day(normal, local_now.date())
    if impossible is not None:
        raise impossible
    try:
        clock = find_clock_time(normal)
        offset = clock is not None and _OFFSET.match(normal[clock.end :]) is not None
        if clock is not None and not offset:
            foreign = _foreign_zone(normal[clock.end :], tz, local_now.year)
            if foreign is not None:
                raise foreign
            if evening:
                clock = _in_the_evening(clock)
        if clock is not None and offset:
            # An explicit offset ("…T10:00+05:00", "10:00 UTC"): dateparser reads it whole.
            parsed = _dateparser(normal, local_now)
            if parsed is None or parsed.tzinfo is None:
                raise _unreadable(cleaned)
            instant = parsed.astimezone(UTC)
            return _checked(instant, instant.astimezone(tz), None, tz, now)
        if clock is None:
            if _DURATION.search(normal):
                # "in 2 hours": relative to now, so the clock time is part of the answer.
                parsed = _dateparser(normal, local_now)
                if parsed is None:
                    raise _unreadable(cleaned)
                local, note = localise(parsed.replace(tzinfo=None, microsecond=0), tz)
                return _checked(local.astimezone(UTC), local, note, tz, now)
            day = _read_day(normal, local_now)
            if day is None:
                raise _unreadable(cleaned)
            if day < local_now.date():  # "gestern", "yesterday": no time of day helps
                raise InvalidInput(key="error-meets-when-past")
            mismatch = _weekday_mismatch(normal, day)
            if mismatch is not None:  # "Samstag 10.05": no question about a Monday
                raise mismatch
            raise InvalidInput(
                key="error-meets-what-time",
                day=_day_name(day, local_now.date()),
                example=_quote(_time_example(cleaned, day, local_now)),
            )
        day_text = _FILLER.sub(" ", normal[: clock.start] + " " + normal[clock.end :]).strip()
        day_text = " ".join(day_text.split())
        if day_text and find_clock_time(day_text) is not None:
            raise _unreadable(cleaned)  # two times of day
        day = _read_day(day_text, local_now)
        if day is None:
            raise _unreadable(cleaned)
        mismatch = _weekday_mismatch(day_text, day)
        if mismatch is not None:
            raise mismatch
        candidates = _candidates(day, day_text, clock.at, local_now)
        wall = candidates[-1]
        for candidate in candidates:
            if candidate > local_now.replace(tzinfo=None):
                wall = candidate
                break
        local, note = localise(wall, tz)
        return _checked(local.astimezone(UTC), local, note, tz, now)
    except (OverflowError, ValueError):
        # Year 1 or 9999 at the edge of what datetime can shift across zones.
        raise InvalidInput(key="error-meets-when-out-of-range") from None


def _checked(
    instant: datetime, local: datetime, note: str | None, tz: ZoneInfo, now: datetime
) -> ParsedTime:
    instant = instant.replace(microsecond=0)
    if instant <= now:
        raise InvalidInput(key="error-meets-when-in-past", wall=_fmt(local), zone=tz.key)
    if instant - now > MAX_AHEAD:
        raise InvalidInput(key="error-meets-when-years-away", wall=_fmt(local))
    return ParsedTime(utc=instant, local=local, note=note)


# A length: "3h", "3h30", "3 h 30", "90 min", "2,5 Std.", "1 hour 30 minutes", "3:30 h".
_LENGTH_UNITS = {
    "d": 1440, "day": 1440, "days": 1440, "tag": 1440, "tage": 1440,
    "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60, "std": 60, "stunde": 60,
    "stunden": 60,
    "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "minuten": 1,
}  # fmt: skip
_LENGTH_UNIT = "|".join(sorted(_LENGTH_UNITS, key=len, reverse=True))
_LENGTH_PART = re.compile(
    rf"\s*(?:(?:,|and|und)\s*)?(?P<n>\d{{1,4}}(?:[.,]\d+)?)\s*(?P<unit>{_LENGTH_UNIT})\.?"
    r"(?![a-zäöü])"
)
# After whole hours, a bare number is minutes: "3h30", "1 Std 30".
_LENGTH_MINUTES = re.compile(r"\s*(?P<n>[0-5]?\d)")
_LENGTH_CLOCK = re.compile(
    r"(?P<h>\d{1,2}):(?P<m>[0-5]\d)\s*(?:h|hrs?|hours?|std|stunden?)\.?"
)  # "3:30 h": a length written as a clock
_LENGTH_LEAD = re.compile(r"^(?:for|für|dauer:?|\+)\s*")
_UNTIL = re.compile(r"^(?:bis|until|till|til|to)\s+(?=\S)", re.IGNORECASE)


def read_length(text: str) -> timedelta | None:
    """The length `text` gives ("3h30", "90 min", "2,5 Std."), or None when it is no
    length (it may be a time of day, "17:00")."""
    cleaned = _LENGTH_LEAD.sub("", " ".join(text.lower().split()))
    clock = _LENGTH_CLOCK.fullmatch(cleaned)
    if clock is not None:
        return timedelta(hours=int(clock["h"]), minutes=int(clock["m"]))
    minutes, position, parts = 0.0, 0, 0
    whole_hours = False  # the last part was whole hours, so a bare number may follow
    while position < len(cleaned):
        part = _LENGTH_PART.match(cleaned, position)
        if part is not None:
            unit = _LENGTH_UNITS[part["unit"]]
            minutes += float(part["n"].replace(",", ".")) * unit
            whole_hours = unit == 60 and part["n"].isdigit()
            position, parts = part.end(), parts + 1
            continue
        rest = _LENGTH_MINUTES.fullmatch(cleaned, position)
        if rest is None or not whole_hours:
            return None
        minutes += int(rest["n"])
        position = len(cleaned)
    return timedelta(minutes=round(minutes)) if parts else None


def for_option(refused: InvalidInput, option: str) -> InvalidInput:
    """`refused` naming `option` (`ends`, `rsvp_by`) where it names `when`: the text was
    read as a time for another option."""
    if refused.key is None or "name" not in refused.fields:
        return refused
    return InvalidInput(key=refused.key, **{**refused.fields, "name": option})


def read_end(text: str, starts_at: datetime, tz: ZoneInfo) -> datetime:
    """When a meet ends: a length after the start (`3h`, `90m`, `3h30`) or a time, read
    as its first occurrence after the start (`16:00`, `bis 17 Uhr`, `sunday 18:00`)."""
    cleaned = " ".join(text.lower().split())
    until = _UNTIL.match(text.strip())
    length = None if until else read_length(cleaned)  # "bis 18h" is 18:00, not 18 hours
    if length is not None:
        if length <= timedelta(0):
            raise InvalidInput(key="error-meets-ends-length")
        # In UTC: an aware local time plus a timedelta moves the wall clock, which
        # across a clock change is an hour off the real length.
        return starts_at.astimezone(UTC) + length
    try:
        return parse_when(_UNTIL.sub("", text.strip()), tz, starts_at).utc
    except InvalidInput as refused:
        if "name" in refused.fields:
            raise for_option(refused, "ends") from None
        if refused.key == "error-meets-when-in-past":  # a date and time before the start
            raise InvalidInput(key="error-meets-ends-before-start") from None
        raise InvalidInput(key="error-meets-ends-unreadable", text=_quote(cleaned)) from None


# "2 days before", "1 day 6h", "48h vorher", "2 Tage davor": a time before the start.
_BEFORE_UNITS = {
    "w": 10080, "week": 10080, "weeks": 10080, "woche": 10080, "wochen": 10080,
    "d": 1440, "day": 1440, "days": 1440, "tag": 1440, "tage": 1440, "tagen": 1440,
    "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60, "std": 60, "stunde": 60,
    "stunden": 60,
    "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "minuten": 1,
}  # fmt: skip
_BEFORE_UNIT = "|".join(sorted(_BEFORE_UNITS, key=len, reverse=True))
_BEFORE_PART = rf"(\d{{1,4}})\s*({_BEFORE_UNIT})\b"
_BEFORE = re.compile(rf"^(?:{_BEFORE_PART}\s*(?:,|and|und)?\s*)+(?:before|vorher|davor|prior)?$")
OFFSET_MAX = 28 * 1440


def read_offset(text: str) -> int | None:
    """Minutes before a meet's start from `2 days before`, `36h`, `1 day 6 hours vorher`;
    None when the text is not of that form (then it may be a time, `friday 18:00`)."""
    cleaned = " ".join(text.lower().split())
    if not _BEFORE.fullmatch(cleaned):
        return None
    return sum(int(n) * _BEFORE_UNITS[unit] for n, unit in re.findall(_BEFORE_PART, cleaned))
