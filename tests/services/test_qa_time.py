"""German dotted times ("18.30") in `when`, found in the qa pass: an organiser typing
"21.08.2027 18.30" was asked "At what time…? e.g. `21.08.2027 18.30 10:00`"."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.services.meets import parse_when

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
    ],
)
def test_a_dotted_time_of_day_is_read(typed: str, meant: datetime) -> None:
    assert parse_when(typed, BERLIN, NOW).local.replace(tzinfo=None) == meant


@pytest.mark.parametrize("typed", ["Samstag 21.08", "Samstag 10.05"])
def test_a_dotted_pair_that_can_be_a_date_still_asks_for_the_time(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed, BERLIN, NOW)
    assert refused.value.key == "error-meets-what-time"


def test_an_impossible_dotted_time_is_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when("21.08.2027 25.30", BERLIN, NOW)
    assert refused.value.key == "error-meets-not-a-time"
