"""Numeric dates are day first (bot/services/meets/timeparse.py's docstring): a month
over 12 is refused with the form that works, in English and German, never read the US
way. The suite's clock is Tuesday 1 June 2027, 11:00 in Berlin."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.errors import InvalidInput
from bot.render.errors import describe
from bot.services.meets import parse_when
from bot.services.meets.timeparse import read_end

BERLIN = ZoneInfo("Europe/Berlin")

SWAPPED = [
    (
        "12.13.2027 18:00",
        "`when`: `12.13.2027` has no month 13. Dates are day first, day.month.year: "
        "for Monday, December 13, 2027, type `13.12.2027`.",
        "`wann`: `12.13.2027` hat keinen Monat 13. Ein Datum schreibst du mit dem Tag zuerst, "
        "Tag.Monat.Jahr: für Montag, 13. Dezember 2027 gib `13.12.2027` ein.",
    ),
    (
        "12.13.2027",  # no time yet: the month is the first thing wrong
        "`when`: `12.13.2027` has no month 13. Dates are day first, day.month.year: "
        "for Monday, December 13, 2027, type `13.12.2027`.",
        None,
    ),
    (
        "12/13/2027 6pm",  # the US order, from anyone: the same rule as with dots
        "`when`: `12/13/2027` has no month 13. Dates are day first, day.month.year: "
        "for Monday, December 13, 2027, type `13/12/2027`.",
        None,
    ),
    (
        "12-13-27 18:00",
        "`when`: `12-13-27` has no month 13. Dates are day first, day.month.year: "
        "for Monday, December 13, 2027, type `13-12-27`.",
        None,
    ),
    (
        "12.24. 18 Uhr",  # no year: the coming 24 December
        "`when`: `12.24.` has no month 24. Dates are day first, day.month.year: "
        "for Friday, December 24, type `24.12.`.",
        "`wann`: `12.24.` hat keinen Monat 24. Ein Datum schreibst du mit dem Tag zuerst, "
        "Tag.Monat.Jahr: für Freitag, 24. Dezember gib `24.12.` ein.",
    ),
    (
        "12/24 18:00",
        "`when`: `12/24` has no month 24. Dates are day first, day.month.year: "
        "for Friday, December 24, type `24/12`.",
        None,
    ),
    (
        "2027-13-12 18:00",  # ISO is year-month-day
        "`when`: `2027-13-12` has no month 13. That form is year-month-day: "
        "for Monday, December 13, 2027, type `2027-12-13`.",
        "`wann`: `2027-13-12` hat keinen Monat 13. Diese Form ist Jahr-Monat-Tag: "
        "für Montag, 13. Dezember 2027 gib `2027-12-13` ein.",
    ),
    (
        "02.30.2027 10:00",  # 30 February either way: no suggestion, an example
        "`when`: `02.30.2027` has no month 30. Dates are day first, day.month.year: "
        "e.g. `31.12.2027`.",
        "`wann`: `02.30.2027` hat keinen Monat 30. Ein Datum schreibst du mit dem Tag "
        "zuerst, Tag.Monat.Jahr: z. B. `31.12.2027`.",
    ),
    (
        "2027-14-40 10:00",
        "`when`: `2027-14-40` has no month 14. That form is year-month-day: e.g. `2027-12-31`.",
        "`wann`: `2027-14-40` hat keinen Monat 14. Diese Form ist Jahr-Monat-Tag: "
        "z. B. `2027-12-31`.",
    ),
]


@pytest.mark.parametrize(("typed", "english", "german"), SWAPPED)
def test_a_month_over_12_is_refused_with_what_works(
    typed: str, english: str, german: str | None, clock: ManualClock
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed, BERLIN, clock.now())
    assert describe(refused.value, "en") == english
    if german is not None:
        assert describe(refused.value, "de") == german


@pytest.mark.parametrize(
    ("typed", "wall"),
    [
        ("13.12.2027 18:00", "2027-12-13 18:00"),
        ("13/12/2027 18:00", "2027-12-13 18:00"),
        ("13-12-2027 18:00", "2027-12-13 18:00"),
        ("2027-12-13 18:00", "2027-12-13 18:00"),
        # Both readings are dates: day first, for everyone (the preview spells it out).
        ("12/11/2027 18:00", "2027-11-12 18:00"),
        ("5/6/2027 10:00", "2027-06-05 10:00"),
        # Not dates: a dotted time of day, and a time after a date.
        ("13.12.2027 18.30", "2027-12-13 18:30"),
        ("Samstag 12.13", "2027-06-05 12:13"),
    ],
)
def test_day_first_dates_and_dotted_times_still_read(
    typed: str, wall: str, clock: ManualClock
) -> None:
    parsed = parse_when(typed, BERLIN, clock.now())
    assert parsed.local.strftime("%Y-%m-%d %H:%M") == wall


def test_the_end_option_is_named_when_its_date_has_no_such_month(clock: ManualClock) -> None:
    start = parse_when("13.12.2027 18:00", BERLIN, clock.now()).utc
    with pytest.raises(InvalidInput) as refused:
        read_end("12.14.2027 20:00", start, BERLIN)
    assert describe(refused.value, "en").startswith("`ends`: `12.14.2027` has no month 14.")
