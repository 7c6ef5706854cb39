"""Organisers count ahead in weeks: '/config post-ahead 2 weeks' and a reminder
'1 week' before a big meet are read, in English and German, as /meet create's
'rsvp_by: 1 week' already is."""

from __future__ import annotations

import pytest

from bot.errors import InvalidInput
from bot.services.guild_settings import format_minutes, parse_post_ahead, parse_reminders


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("2 weeks", 20160), ("1 week", 10080), ("3w", 30240), ("2 Wochen", 20160), ("4 weeks", 40320)],
)
def test_post_ahead_reads_weeks(typed: str, minutes: int) -> None:
    assert parse_post_ahead(typed) == minutes


def test_post_ahead_in_weeks_keeps_its_ceiling() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_post_ahead("5 weeks")
    assert refused.value.key == "error-post-ahead-range"


def test_a_reminder_a_week_ahead_reads_and_shows_in_days() -> None:
    assert parse_reminders("1 week, 1 Woche, 1 day") == (10080, 1440)
    assert format_minutes(10080) == "7d"
    with pytest.raises(InvalidInput) as refused:
        parse_reminders("3 weeks")
    assert refused.value.key == "error-reminders-range"
