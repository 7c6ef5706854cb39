"""Times typed in the qa3a pass: an English hour with a spaced "am" before the weekday
("10 am saturday") was read as "10 saturday", the 10th of the month, and refused as
"June 10, 2027 is a Thursday"; "12 am saturday" asked for a time of day."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.services.meets import parse_when

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 6, 1, 8, 0, tzinfo=UTC)  # Tuesday 1 June 2027, 10:00 in Berlin


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("10 am saturday", datetime(2027, 6, 5, 10, 0)),
        ("10 AM Saturday", datetime(2027, 6, 5, 10, 0)),
        ("7 am sat", datetime(2027, 6, 5, 7, 0)),
        ("12 am saturday", datetime(2027, 6, 5, 0, 0)),
        ("10:30 am saturday", datetime(2027, 6, 5, 10, 30)),
        ("10 am Samstag", datetime(2027, 6, 5, 10, 0)),
        # German "am" (on) still reads as before
        ("um 10 am Samstag", datetime(2027, 6, 5, 10, 0)),
        ("um 8 am Samstag", datetime(2027, 6, 5, 8, 0)),
        ("um 20 am Samstag", datetime(2027, 6, 5, 20, 0)),
        ("18 Uhr am Samstag", datetime(2027, 6, 5, 18, 0)),
        ("8 pm am Samstag", datetime(2027, 6, 5, 20, 0)),
    ],
)
def test_an_hour_with_a_spaced_am_before_the_weekday_is_that_hour(
    typed: str, meant: datetime
) -> None:
    assert parse_when(typed, BERLIN, NOW).local.replace(tzinfo=None) == meant
