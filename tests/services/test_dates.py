"""Dates and lengths a QA pass found misread, in English and German, read against the
suite's clock (Tuesday 1 June 2027, 11:00 in Berlin):

- a weekday that doesn't fit the date ("Samstag 10.05") was asked "At what time on
  Wednesday, May 10, 2028?" instead of being told the date is no Saturday;
- `ends: 3h30` (and "3 h 30") was read as 03:30 the next morning;
- "2027-02-30" and "31 April" got the generic "can't read";
- "morgen 10:00 EST" was read as 10:00 in Berlin, and "Samstag Abend 8 Uhr" was unreadable.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.errors import InvalidInput
from bot.render.errors import describe
from bot.render.meets import preview_text
from bot.services.meets import MeetService, parse_when
from bot.services.meets.timeparse import for_option, read_end, read_length
from tests.services.meetkit import START, make

BERLIN = ZoneInfo("Europe/Berlin")


def _refusal(typed: str, clock: ManualClock) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed, BERLIN, clock.now())
    return refused.value


def _wall(when: datetime) -> datetime:
    return when.astimezone(BERLIN).replace(tzinfo=None)


# 10 May after 1 June 2027 is 10 May 2028, a Wednesday.
WRONG_WEEKDAY = [
    "Samstag 10.05",
    "Samstag 10.05 10:00",
    "Sa., 10.05., 10 Uhr",
    "Saturday 10/05",
    "Sat 10 May",
    "Sat 10 May 10am",
]


@pytest.mark.parametrize("typed", WRONG_WEEKDAY)
def test_a_weekday_that_does_not_fit_the_date_is_named(typed: str, clock: ManualClock) -> None:
    refused = _refusal(typed, clock)
    assert refused.key == "error-meets-weekday-mismatch"
    assert describe(refused, "en") == (
        "`when`: May 10, 2028 is a Wednesday, not a Saturday. "
        "Check the date or leave the weekday out."
    )
    assert describe(refused, "de") == (
        "`wann`: Der 10. Mai 2028 ist ein Mittwoch, kein Samstag. "
        "Prüf das Datum oder lass den Wochentag weg."
    )


@pytest.mark.parametrize(
    ("typed", "day"),
    [("Mittwoch 10.05", "Wednesday, May 10, 2028"), ("Samstag 12.06", "Saturday, June 12")],
)
def test_a_weekday_that_fits_still_asks_for_the_time(
    typed: str, day: str, clock: ManualClock
) -> None:
    refused = _refusal(typed, clock)
    assert refused.key == "error-meets-what-time"
    assert day in refused.message


NO_SUCH_DAY = [
    (
        "2027-02-30",
        "`when`: February 2027 has 28 days, so there is no 30 February. Check the date.",
        "`wann`: Der Februar 2027 hat 28 Tage, einen 30. Februar gibt es also nicht. "
        "Prüf das Datum.",
    ),
    (
        "30.02.2028 10:00",
        "`when`: February 2028 has 29 days, so there is no 30 February. Check the date.",
        "`wann`: Der Februar 2028 hat 29 Tage, einen 30. Februar gibt es also nicht. "
        "Prüf das Datum.",
    ),
    (
        "31 April",
        "`when`: April has 30 days, so there is no 31 April. Check the date.",
        "`wann`: Der April hat 30 Tage, einen 31. April gibt es also nicht. Prüf das Datum.",
    ),
    (
        "April 31st 10am",
        "`when`: April has 30 days, so there is no 31 April. Check the date.",
        "`wann`: Der April hat 30 Tage, einen 31. April gibt es also nicht. Prüf das Datum.",
    ),
    (
        "31.4. 10 Uhr",
        "`when`: April has 30 days, so there is no 31 April. Check the date.",
        "`wann`: Der April hat 30 Tage, einen 31. April gibt es also nicht. Prüf das Datum.",
    ),
    (
        "31. September 2027, 18:00",
        "`when`: September 2027 has 30 days, so there is no 31 September. Check the date.",
        "`wann`: Der September 2027 hat 30 Tage, einen 31. September gibt es also nicht. "
        "Prüf das Datum.",
    ),
]


@pytest.mark.parametrize(("typed", "english", "german"), NO_SUCH_DAY)
def test_a_day_its_month_lacks_is_named(
    typed: str, english: str, german: str, clock: ManualClock
) -> None:
    refused = _refusal(typed, clock)
    assert refused.key == "error-dates-no-such-day"
    assert describe(refused, "en") == english
    assert describe(refused, "de") == german


def test_29_february_without_a_year_is_the_coming_february(clock: ManualClock) -> None:
    # From June 2027 the coming February is 2028's, which has a 29th: a question.
    assert "Tuesday, February 29, 2028" in _refusal("29.02.", clock).message
    # From June 2028 it is 2029's, which has none: not a silent jump to 2032.
    clock.set(datetime(2028, 6, 1, 9, 0, tzinfo=UTC))
    refused = _refusal("29.02. 10 Uhr", clock)
    assert describe(refused, "de") == (
        "`wann`: Der Februar 2029 hat 28 Tage, einen 29. Februar gibt es also nicht. "
        "Prüf das Datum."
    )


@pytest.mark.parametrize(
    ("typed", "wall"),
    [
        ("28.02.2029 10:00", datetime(2029, 2, 28, 10)),
        ("2028-02-29 10:00", datetime(2028, 2, 29, 10)),
        ("30 April 10:00", datetime(2028, 4, 30, 10)),
        ("30.06. 18 Uhr", datetime(2027, 6, 30, 18)),
        ("21.08 18.30", datetime(2027, 8, 21, 18, 30)),  # a dotted time is no day
        ("10.31 Uhr", datetime(2027, 6, 2, 10, 31)),
    ],
)
def test_days_that_exist_still_read(typed: str, wall: datetime, clock: ManualClock) -> None:
    assert _wall(parse_when(typed, BERLIN, clock.now()).utc) == wall


PART_OF_DAY = [
    ("Samstag Abend 8 Uhr", datetime(2027, 6, 5, 20)),
    ("samstag abend 20 Uhr", datetime(2027, 6, 5, 20)),
    ("heute Abend 19 Uhr", datetime(2027, 6, 1, 19)),
    ("heute Nachmittag 3", datetime(2027, 6, 1, 15)),
    ("morgen früh 9 Uhr", datetime(2027, 6, 2, 9)),
    ("morgen Vormittag 10:30", datetime(2027, 6, 2, 10, 30)),
    ("morgen abend 8", datetime(2027, 6, 2, 20)),
    ("saturday evening 8", datetime(2027, 6, 5, 20)),
    ("saturday evening 8pm", datetime(2027, 6, 5, 20)),
    ("tomorrow morning 9", datetime(2027, 6, 2, 9)),
    ("tomorrow afternoon 12:30", datetime(2027, 6, 2, 12, 30)),
]


@pytest.mark.parametrize(("typed", "wall"), PART_OF_DAY)
def test_a_part_of_the_day_after_the_day_is_read(
    typed: str, wall: datetime, clock: ManualClock
) -> None:
    assert _wall(parse_when(typed, BERLIN, clock.now()).utc) == wall


@pytest.mark.parametrize(
    ("typed", "wall"),
    [
        ("morgen 10:00 MESZ", datetime(2027, 6, 2, 10)),  # the server's own zone
        ("tomorrow 10:00 CEST", datetime(2027, 6, 2, 10)),
        ("tomorrow 10:00 CET", datetime(2027, 6, 2, 10)),  # its winter name: still Berlin
        ("tomorrow 10:00 UTC", datetime(2027, 6, 2, 12)),  # an explicit offset converts
        ("tomorrow 10:00 +01:00", datetime(2027, 6, 2, 11)),
    ],
)
def test_the_servers_own_zone_and_offsets_read(
    typed: str, wall: datetime, clock: ManualClock
) -> None:
    assert _wall(parse_when(typed, BERLIN, clock.now()).utc) == wall


@pytest.mark.parametrize("typed", ["morgen 10:00 EST", "tomorrow 10am PST", "sat 18:00 BST"])
def test_another_zones_abbreviation_is_refused_not_ignored(typed: str, clock: ManualClock) -> None:
    refused = _refusal(typed, clock)
    zone = typed.split()[-1]
    assert describe(refused, "en") == (
        f"`when`: I read times in the server's time zone, Europe/Berlin, not in {zone}. "
        f"Give the time in Europe/Berlin and leave out `{zone}`."
    )
    assert describe(refused, "de") == (
        f"`wann`: Ich lese Zeiten in der Zeitzone des Servers, Europe/Berlin, nicht in {zone}. "
        f"Gib die Zeit in Europe/Berlin an und lass `{zone}` weg."
    )


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("today 25:00", "error-meets-not-a-time"),
        ("heute 24:00", "error-meets-not-a-time"),
        ("heute 9 Uhr", "error-meets-when-in-past"),
        ("heute", "error-meets-what-time"),
        ("morgen", "error-meets-what-time"),
        ("2027-03-28 02:30", "error-meets-when-skipped"),
    ],
)
def test_other_odd_times_get_their_own_answer(typed: str, key: str, clock: ManualClock) -> None:
    assert _refusal(typed, clock).key == key


# `ends` after a start on Saturday 5 June 2027, 10:00 in Berlin.
SATURDAY = datetime(2027, 6, 5, 10, tzinfo=BERLIN)

LENGTHS = [
    ("3h30", 210),
    ("3 h 30", 210),
    ("3h 30m", 210),
    ("3:30 h", 210),
    ("3 hours 30 minutes", 210),
    ("1 hour and 30 minutes", 90),
    ("1 Std. 30 Min.", 90),
    ("3h", 180),
    ("90 min", 90),
    ("90m", 90),
    ("2,5 h", 150),
    ("2,5 Stunden", 150),
    ("2.5 hours", 150),
    ("for 3 hours", 180),
    ("1 day", 1440),
]


@pytest.mark.parametrize(("typed", "minutes"), LENGTHS)
def test_ends_as_a_length_is_counted_from_the_start(typed: str, minutes: int) -> None:
    assert read_length(typed) == timedelta(minutes=minutes)
    assert read_end(typed, SATURDAY, BERLIN) - SATURDAY == timedelta(minutes=minutes)


CLOCK_ENDS = [
    ("17:00", datetime(2027, 6, 5, 17)),
    ("bis 17 Uhr", datetime(2027, 6, 5, 17)),
    ("bis 18h", datetime(2027, 6, 5, 18)),  # after "bis" a time, not 18 hours
    ("5pm", datetime(2027, 6, 5, 17)),
    ("until 4:30pm", datetime(2027, 6, 5, 16, 30)),
    ("sunday 18:00", datetime(2027, 6, 6, 18)),
    ("3:30", datetime(2027, 6, 6, 3, 30)),  # a clock time; the preview shows how long
]


@pytest.mark.parametrize(("typed", "wall"), CLOCK_ENDS)
def test_ends_as_a_clock_time_is_its_next_occurrence(typed: str, wall: datetime) -> None:
    assert read_length(typed) is None
    assert _wall(read_end(typed, SATURDAY, BERLIN)) == wall


@pytest.mark.parametrize(
    ("typed", "english", "german"),
    [
        ("0h", "`ends`: give a length", "`ende`: Gib eine Dauer"),
        ("2027-06-05 09:00", "the end must be after the start", "nach dem Beginn liegen"),
        ("2027-06-31 18:00", "`ends`: June 2027 has 30 days", "`ende`: Der Juni 2027 hat 30"),
        ("18:00 EST", "`ends`: I read times in the server's", "`ende`: Ich lese Zeiten"),
        ("2.5h30", "I can't read `2.5h30`", "`2.5h30` kann ich weder"),
    ],
)
def test_ends_refusals_say_what_was_wrong(typed: str, english: str, german: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_end(typed, SATURDAY, BERLIN)
    assert english in (describe(refused.value, "en") or "")
    assert german in (describe(refused.value, "de") or "")


def test_a_refusal_for_another_option_names_that_option(clock: ManualClock) -> None:
    refused = for_option(_refusal("31.04. 18 Uhr", clock), "rsvp_by")
    assert (describe(refused, "de") or "").startswith("`zusage_bis`: Der April hat 30 Tage")
    untouched = for_option(_refusal("today 25:00", clock), "rsvp_by")
    assert untouched.key == "error-meets-not-a-time"


def test_a_length_across_the_autumn_change_is_real_time() -> None:
    # 01:00 CEST on 31 October 2027, plus 3 hours, is 03:00 CET on the wall.
    start = datetime(2027, 10, 31, 1, 0, tzinfo=BERLIN)
    end = read_end("3h", start, BERLIN)
    assert end - start.astimezone(UTC) == timedelta(hours=3)
    assert _wall(end) == datetime(2027, 10, 31, 3, 0)


async def test_a_meet_ending_after_a_length_keeps_it_and_its_preview_says_so(
    meets: MeetService,
) -> None:
    # START is Tuesday 8 June 2027, 11:00 in Berlin.
    ends_at = read_end("3h30", START, BERLIN)
    meet = await meets.get(111, await make(meets, ends_at=ends_at))
    assert meet.end - meet.starts_at == timedelta(hours=3, minutes=30)
    english = preview_text(meet, BERLIN, note=None, editing=False, lang="en")
    assert (
        "Ends Tuesday, June 8, 2027, 14:30 (Europe/Berlin, CEST), "
        "3 hours 30 minutes after the start"
    ) in english
    assert "⚠️" not in english
    german = preview_text(meet, BERLIN, note=None, editing=False, lang="de")
    assert (
        "Endet Dienstag, 8. Juni 2027, 14:30 (Europe/Berlin, CEST), "
        "3 Stunden 30 Minuten nach dem Beginn"
    ) in german


async def test_a_clock_end_the_next_morning_is_flagged_in_the_preview(
    meets: MeetService,
) -> None:
    meet = await meets.get(111, await make(meets, ends_at=read_end("3:30", START, BERLIN)))
    english = preview_text(meet, BERLIN, note=None, editing=False, lang="en")
    assert "Ends Wednesday, June 9, 2027, 03:30 (Europe/Berlin, CEST), 16 hours 30 minutes" in (
        english
    )
    assert (
        "⚠️ That's more than 12 hours. If you meant a length, give `ends` as one, "
        "e.g. `3h30` or `90 min`."
    ) in english
    german = preview_text(meet, BERLIN, note=None, editing=False, lang="de")
    assert "16 Stunden 30 Minuten nach dem Beginn" in german
    assert "Wenn du eine Dauer meintest, gib `ende` als Dauer an" in german


async def test_the_default_length_and_one_hour_read_in_words(meets: MeetService) -> None:
    meet = await meets.get(111, await make(meets))
    text = preview_text(meet, BERLIN, note=None, editing=False)
    assert "Ends Tuesday, June 8, 2027, 15:00 (Europe/Berlin, CEST), 4 hours after the start" in (
        text
    )
    short = await meets.get(111, await make(meets, ends_at=START + timedelta(minutes=45)))
    assert "45 Minuten nach dem Beginn" in preview_text(
        short, BERLIN, note=None, editing=False, lang="de"
    )
    hour = await meets.get(111, await make(meets, ends_at=START + timedelta(hours=1)))
    assert "1 hour after the start" in preview_text(hour, BERLIN, note=None, editing=False)
