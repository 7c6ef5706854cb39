"""The scheduler's waits between tries of a failed announcement (bot/flows/meets/series.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.flows.meets.series import RETRY_MOST, AnnounceRetries
from bot.services.meets import Meet

NOW = datetime(2027, 6, 6, 8, 0, tzinfo=UTC)
MEET = Meet(
    id=7,
    guild_id=1,
    title="Sunday Drive",
    starts_at=NOW + timedelta(days=7),
    ends_at=None,
    location="Leipzig",
    description="",
    capacity=None,
    series="",
    channel_id=5,
    message_id=None,
    event_id=None,
    created_by=9,
    created_at=NOW,
    cancelled_at=None,
    cancel_reason=None,
)


def test_each_failure_doubles_the_wait_up_to_the_most() -> None:
    retries = AnnounceRetries()
    now = NOW
    waits = []
    for _ in range(8):
        retries.failed(MEET, now)
        wait = next(w for w in range(1, 120) if retries.due(now + timedelta(minutes=w)))
        assert retries.due(now + timedelta(minutes=wait) - timedelta(seconds=1)) == []
        waits.append(wait)
        now += timedelta(minutes=wait)
    assert waits == [1, 2, 4, 8, 16, 30, 30, 30]
    assert timedelta(minutes=waits[-1]) == RETRY_MOST


def test_a_posted_date_is_forgotten_and_others_keep_their_own_wait() -> None:
    retries = AnnounceRetries()
    other = replace(MEET, id=8)
    retries.failed(MEET, NOW)
    retries.failed(MEET, NOW)  # second failure: waits 2 minutes
    retries.failed(other, NOW + timedelta(minutes=1))
    assert retries.due(NOW + timedelta(minutes=2)) == [(1, 7), (1, 8)]
    retries.forget(7)
    assert 7 not in retries and 8 in retries
    assert retries.due(NOW + timedelta(days=1)) == [(1, 8)]
