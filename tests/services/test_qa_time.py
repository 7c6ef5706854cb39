"""German dates and times in `when`, found in the qa pass: "21.08.2027 18.30" was asked
"At what time…? e.g. `21.08.2027 18.30 10:00`", and "Samstag 21.08 10:00" was read as
the coming Saturday in June, silently."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.services.meets import parse_when
from bot.services.meets.timeparse import read_end

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 6, 1, 8, 0, tzinfo=UTC)  # Tuesday 1 June 2027, 10:00 in Berlin


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("21.08.2027 18.30", datetime(2027, 8, 21, 18, 30)),
        ("21.08.2027 10.00", datetime(2027, 8, 21, 10, 0)),
        ("21.08.2027 10.05", datetime(2027, 8, 21, 10, 5)),
        ("Sa., 21.08.2027, 18.30", datetime(2027, 8, 21, 18, 30)),
        ("2027-08-21 18.30", datetime(2027, 8, 21, 18, 30)),
        ("21.08. 18.30", datetime(2027, 8, 21, 18, 30)),
        ("Samstag 18.30", datetime(2027, 6, 5, 18, 30)),
        ("Samstag 10.00", datetime(2027, 6, 5, 10, 0)),
        ("18.30", datetime(2027, 6, 1, 18, 30)),
        ("21.08.2027 18.30 Uhr", datetime(2027, 8, 21, 18, 30)),  # as before
        ("Samstag 21.08 10:00", datetime(2027, 8, 21, 10, 0)),
        ("21.08 10:00", datetime(2027, 8, 21, 10, 0)),
        ("21.08, 10 Uhr", datetime(2027, 8, 21, 10, 0)),
        ("21.08 18.30", datetime(2027, 8, 21, 18, 30)),
        ("01.09 9:00", datetime(2027, 9, 1, 9, 0)),
        ("Samstag 18.30 Uhr", datetime(2027, 6, 5, 18, 30)),  # as before
    ],
)
def test_a_dotted_time_of_day_is_read(typed: str, meant: datetime) -> None:
    assert parse_when(typed, BERLIN, NOW).local.replace(tzinfo=None) == meant


@pytest.mark.parametrize(
    ("typed", "day"),
    [("Samstag 21.08", "Saturday, August 21"), ("Sa., 21.08", "Saturday, August 21")],
)
def test_a_weekday_and_a_day_and_month_ask_for_the_time_on_that_date(typed: str, day: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed, BERLIN, NOW)
    assert refused.value.key == "error-meets-what-time"
    assert day in str(refused.value)  # it asked about Saturday 5 June


def test_an_impossible_dotted_time_is_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when("21.08.2027 25.30", BERLIN, NOW)
    assert refused.value.key == "error-meets-not-a-time"


@pytest.mark.parametrize(
    ("typed", "ends"),
    [
        ("bis 17 Uhr", datetime(2027, 8, 21, 17, 0)),
        ("Bis 17:30", datetime(2027, 8, 21, 17, 30)),
        ("until 5pm", datetime(2027, 8, 21, 17, 0)),
        ("17 Uhr", datetime(2027, 8, 21, 17, 0)),  # as before
    ],
)
def test_ends_reads_bis_and_until_before_a_time(typed: str, ends: datetime) -> None:
    # `ende: bis 17 Uhr` was "can't read `bis 17 uhr` as a length or a time".
    starts = datetime(2027, 8, 21, 10, 0, tzinfo=BERLIN)
    assert read_end(typed, starts, BERLIN).astimezone(BERLIN).replace(tzinfo=None) == ends


@pytest.mark.parametrize("typed", ["gestern", "yesterday", "01.05.2027"])
def test_a_past_day_without_a_time_is_past_not_a_question(typed: str) -> None:
    # "gestern" was asked "At what time on Monday, May 31?", then refused as past.
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed, BERLIN, NOW)
    assert refused.value.key == "error-meets-when-past"
