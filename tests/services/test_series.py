"""Recurring meets against the real schema: posting ahead, restarts, downtime, and
editing or cancelling one date or all later dates."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.errors import InvalidInput
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from bot.services.meets.models import MeetChanges
from bot.services.meets.recurrence import build_rule
from bot.services.meets.series import SeriesService
from bot.services.meets.timeparse import read_offset
from tests import pg_cluster
from tests.services.meetkit import GUILD, ORGANISER

TZ = ZoneInfo("Europe/Berlin")
# Tuesday 1 June 2027, 09:00 UTC; the first date is Sunday 6 June, 10:00 Berlin.
NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
FIRST = datetime(2027, 6, 6, 10, 0, tzinfo=TZ)


def service(db: Database, clock: ManualClock) -> SeriesService:
    settings = GuildSettingsService(db)
    return SeriesService(db, clock, MeetService(db, clock), settings)


@pytest.fixture
def series(db: Database, clock: ManualClock) -> SeriesService:
    return service(db, clock)


async def weekly(series: SeriesService, **kwargs: object) -> int:
    rule = build_rule("weekly", FIRST, "Europe/Berlin", **kwargs)  # type: ignore[arg-type]
    made, first = await series.create(
        GUILD,
        rule,
        title="Sunday Drive",
        location="Leipzig",
        created_by=ORGANISER,
        capacity=2,
        channel_id=55,
        reminder_minutes=(60,),
    )
    assert first.rule_id == made.id and first.occurs_on == date(2027, 6, 6)
    return made.id


async def dates_of(db: Database, rule_id: int) -> list[str]:
    rows = await db.fetchall(
        "SELECT occurs_on FROM meets WHERE rule_id = ? ORDER BY occurs_on", (rule_id,)
    )
    return [r["occurs_on"] for r in rows]


async def test_first_date_is_made_at_once_and_shares_a_series(
    series: SeriesService, db: Database
) -> None:
    rule_id = await weekly(series)
    rule = await series.get(GUILD, rule_id)
    assert rule.series == "Sunday Drive"
    meets = await series.meets.upcoming(GUILD)
    assert [(m.series, m.starts_at) for m in meets] == [("Sunday Drive", FIRST.astimezone(UTC))]
    reminders = await db.fetchval(
        "SELECT COUNT(*) FROM meet_reminders WHERE meet_id = ?", (meets[0].id,)
    )
    assert reminders == 1


async def test_dates_are_made_a_week_ahead_once_across_restarts(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    rule_id = await weekly(series)
    assert await series.make_due() == []  # 13 June is more than 7 days away
    clock.set(datetime(2027, 6, 6, 8, 30, tzinfo=UTC))  # 13 June 08:00 UTC is 6.98 days off
    made = await series.make_due()
    assert [m.occurs_on for m in made] == [date(2027, 6, 13)]
    assert made[0].starts_at == datetime(2027, 6, 13, 8, 0, tzinfo=UTC)
    assert await series.make_due() == []
    # A restart: a new process with its own connections and services.
    again = pg_cluster.reopened(db)
    await again.connect()
    try:
        assert await service(again, clock).make_due() == []
        clock.advance(days=7)
        # Two passes at once (a slow tick overlapping the next) still make it once.
        both = await asyncio.gather(service(again, clock).make_due(), series.make_due())
        assert sorted(m.occurs_on for m in both[0] + both[1]) == [date(2027, 6, 20)]
    finally:
        await again.close()
    assert await dates_of(db, rule_id) == ["2027-06-06", "2027-06-13", "2027-06-20"]


async def test_after_a_long_downtime_only_upcoming_dates_are_made(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    rule_id = await weekly(series)
    await GuildSettingsService(db).update(GUILD, post_ahead_minutes=14 * 1440)
    clock.set(datetime(2027, 7, 1, 12, 0, tzinfo=UTC))  # down for a month
    made = await series.make_due()
    # 13 June to 27 June have passed unposted; 4 and 11 July are within 14 days.
    assert [m.occurs_on for m in made] == [date(2027, 7, 4), date(2027, 7, 11)]
    assert all(m.starts_at > clock.now() for m in made)
    assert await dates_of(db, rule_id) == ["2027-06-06", "2027-07-04", "2027-07-11"]


async def test_until_and_count_end_the_rule(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    rule_id = await weekly(series, count=2)
    clock.set(datetime(2027, 6, 10, tzinfo=UTC))
    assert [m.occurs_on for m in await series.make_due()] == [date(2027, 6, 13)]
    clock.advance(days=30)
    assert await series.make_due() == []
    assert (await series.get(GUILD, rule_id)).active is False
    assert await dates_of(db, rule_id) == ["2027-06-06", "2027-06-13"]


async def test_cancel_one_date_keeps_the_others(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    rule_id = await weekly(series)
    clock.set(datetime(2027, 6, 10, tzinfo=UTC))
    second = (await series.make_due())[0]
    await series.meets.cancel(GUILD, second.id, "rain")
    clock.advance(days=7)
    assert [m.occurs_on for m in await series.make_due()] == [date(2027, 6, 20)]
    assert await dates_of(db, rule_id) == ["2027-06-06", "2027-06-13", "2027-06-20"]
    assert (await series.meets.get(GUILD, second.id)).cancelled


async def test_cancel_this_and_later_dates(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    rule_id = await weekly(series)
    await GuildSettingsService(db).update(GUILD, post_ahead_minutes=14 * 1440)
    made = await series.make_due()  # 13 June
    first = (await series.meets.upcoming(GUILD))[0]
    await series.meets.rsvp(GUILD, made[0].id, 42, "going")
    rule, cancelled = await series.cancel_later(GUILD, made[0].id, "season over")
    assert [r.meet.id for r in cancelled] == [made[0].id]
    assert cancelled[0].notify_ids == (42,)
    assert rule.stopped_from == date(2027, 6, 13) and not rule.active
    assert not (await series.meets.get(GUILD, first.id)).cancelled
    clock.advance(days=60)
    assert await series.make_due() == []
    assert rule.describe().endswith("until 12 June 2027")
    assert await dates_of(db, rule_id) == ["2027-06-06", "2027-06-13"]


async def test_cancelled_dates_are_listed_for_a_week_after_their_start(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    """As a cancelled one-off meet is (MeetService.upcoming): a cancelled date of a
    rule stays among the dates /meet list shows until a week after its start."""
    rule_id = await weekly(series)
    await GuildSettingsService(db).update(GUILD, post_ahead_minutes=14 * 1440)
    made = await series.make_due()  # 13 June
    first = (await series.meets.upcoming(GUILD))[0]
    await series.meets.cancel(GUILD, first.id, "rain")  # 6 June only
    rule = await series.get(GUILD, rule_id)
    listed = await series.listed_dates(rule)
    assert [(d.on, d.meet is not None and d.meet.cancelled) for d in listed] == [
        (date(2027, 6, 6), True),
        (date(2027, 6, 13), False),
        (date(2027, 6, 20), False),
        (date(2027, 6, 27), False),
        (date(2027, 7, 4), False),
    ]
    rule, _ = await series.cancel_later(GUILD, made[0].id)  # 13 June and later
    listed = await series.listed_dates(rule)
    assert [(d.on, d.meet is not None and d.meet.cancelled) for d in listed] == [
        (date(2027, 6, 6), True),
        (date(2027, 6, 13), True),
    ]
    clock.set(datetime(2027, 6, 13, 8, 1, tzinfo=UTC))  # a week and a minute after 6 June
    assert [d.on for d in await series.listed_dates(rule)] == [date(2027, 6, 13)]
    clock.set(datetime(2027, 6, 20, 8, 1, tzinfo=UTC))
    assert await series.listed_dates(rule) == []


async def test_moving_one_date_keeps_its_answers(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    await weekly(series)
    first = (await series.meets.upcoming(GUILD))[0]
    await series.meets.rsvp(GUILD, first.id, 42, "going")
    moved = datetime(2027, 6, 6, 14, 0, tzinfo=TZ)
    result = await series.meets.edit(GUILD, first.id, MeetChanges(starts_at=moved))
    assert result.time_changed and result.notify_ids == (42,)
    after = await series.meets.get(GUILD, first.id)
    assert after.starts_at == moved.astimezone(UTC) and after.going == 1
    assert after.occurs_on == date(2027, 6, 6) and after.sequence == 1
    # Its date is still made: the scheduler doesn't add a second 6 June.
    clock.set(datetime(2027, 6, 6, 9, 0, tzinfo=UTC))
    assert [m.occurs_on for m in await series.make_due()] == [date(2027, 6, 13)]


async def test_series_time_change_moves_unanswered_later_dates_only(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    rule_id = await weekly(series)
    await GuildSettingsService(db).update(GUILD, post_ahead_minutes=21 * 1440)
    made = await series.make_due()
    assert [m.occurs_on for m in made] == [date(2027, 6, 13), date(2027, 6, 20)]
    first = (await series.meets.upcoming(GUILD))[0]
    await series.meets.rsvp(GUILD, made[1].id, 42, "maybe")
    result = await series.edit_later(
        GUILD,
        made[0].id,
        MeetChanges(starts_at=datetime(2027, 6, 13, 11, 30, tzinfo=TZ), location="Halle"),
    )
    assert [r.meet.id for r in result.moved] == [made[0].id]
    assert result.moved[0].meet.starts_at == datetime(2027, 6, 13, 9, 30, tzinfo=UTC)
    assert [(m.id, ids) for m, ids in result.kept] == [(made[1].id, (42,))]
    kept = await series.meets.get(GUILD, made[1].id)
    assert kept.starts_at == made[1].starts_at and kept.location == "Halle"
    # The first date (before the chosen one) is untouched.
    assert (await series.meets.get(GUILD, first.id)).starts_at == FIRST.astimezone(UTC)
    # Dates made from now on are at 11:30, in summer and in winter.
    rule = await series.get(GUILD, rule_id)
    assert rule.sequence == 1 and rule.location == "Halle"
    later = rule.repeat.occurrences(
        datetime(2027, 10, 1, tzinfo=UTC), datetime(2027, 11, 15, tzinfo=UTC)
    )
    assert {s.astimezone(TZ).strftime("%H:%M") for _, s in later} == {"11:30"}
    clock.set(datetime(2027, 6, 7, tzinfo=UTC))
    new = await series.make_due()
    assert [m.occurs_on for m in new] == [date(2027, 6, 27)]
    assert new[0].starts_at.astimezone(TZ).strftime("%H:%M") == "11:30"
    assert new[0].location == "Halle"
    nxt = await series.next_dates(rule, 4)
    assert [d.on for d in nxt] == [
        date(2027, 6, 13),
        date(2027, 6, 20),
        date(2027, 6, 27),
        date(2027, 7, 4),
    ]
    assert nxt[1].meet is not None and nxt[1].starts_at == made[1].starts_at


async def test_series_edit_refuses_another_day(series: SeriesService, clock: ManualClock) -> None:
    await weekly(series)
    first = (await series.meets.upcoming(GUILD))[0]
    from bot.errors import InvalidInput

    with pytest.raises(InvalidInput, match="only the time of day"):
        await series.edit_later(
            GUILD, first.id, MeetChanges(starts_at=datetime(2027, 6, 7, 10, tzinfo=TZ))
        )
    single = await series.meets.create(
        GUILD,
        title="One-off",
        starts_at=NOW + timedelta(days=3),
        location="X",
        created_by=ORGANISER,
    )
    with pytest.raises(InvalidInput, match="doesn't repeat"):
        await series.cancel_later(GUILD, single.id)


async def test_post_ahead_is_read_checked_and_used(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    from bot.errors import InvalidInput
    from bot.services.guild_settings import DEFAULT_POST_AHEAD, parse_post_ahead

    assert (parse_post_ahead("7d"), parse_post_ahead("48h"), parse_post_ahead(" 2 ")) == (
        7 * 1440,
        48 * 60,
        2 * 1440,
    )
    assert (
        parse_post_ahead("2 Tage"),
        parse_post_ahead("1 day"),
        parse_post_ahead("36 hours"),
    ) == (
        2 * 1440,
        1440,
        36 * 60,
    )
    for bad in ("0h", "29d", "soon", "7w", "-1d", "²d", "90 Minuten"):
        with pytest.raises(InvalidInput):
            parse_post_ahead(bad)
    with pytest.raises(InvalidInput) as refused:
        parse_post_ahead(" 30d ")
    # The range alone left the member guessing which part of "30d" was wrong.
    assert (refused.value.key, refused.value.fields["text"]) == ("error-post-ahead-range", "30d")
    settings = GuildSettingsService(db)
    assert (await settings.get(GUILD)).post_ahead_minutes == DEFAULT_POST_AHEAD
    await weekly(series)
    await settings.update(GUILD, post_ahead_minutes=48 * 60)
    clock.set(datetime(2027, 6, 10, 9, 0, tzinfo=UTC))  # 13 June is 3 days off: not yet
    assert await series.make_due() == []
    clock.set(datetime(2027, 6, 11, 9, 0, tzinfo=UTC))  # now within 48 hours
    assert [m.occurs_on for m in await series.make_due()] == [date(2027, 6, 13)]


async def test_a_create_that_could_not_be_announced_is_undone(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    rule_id = await weekly(series)
    await series.delete(GUILD, rule_id)
    assert await dates_of(db, rule_id) == []
    assert await series.rules(GUILD) == []
    clock.advance(days=30)
    assert await series.make_due() == []


async def test_rsvp_before_gives_each_date_its_deadline_on_the_wall_clock(
    series: SeriesService, clock: ManualClock
) -> None:
    """'2 days before' a Sunday 10:00 is the Friday 10:00, also when the clocks go back
    in between (Sunday 31 October 2027)."""
    rule = build_rule("weekly", FIRST, "Europe/Berlin")
    made, first = await series.create(
        GUILD, rule, title="Sunday Drive", location="Leipzig", created_by=ORGANISER,
        channel_id=55, rsvp_before=2 * 1440,
    )  # fmt: skip
    assert (await series.get(GUILD, made.id)).rsvp_before_min == 2880
    assert first.rsvp_deadline == datetime(2027, 6, 4, 10, 0, tzinfo=TZ)
    clock.set(datetime(2027, 10, 26, 9, 0, tzinfo=UTC))
    dates = {m.occurs_on: m for m in await series.make_due()}
    october = dates[date(2027, 10, 31)]
    assert october.starts_at == datetime(2027, 10, 31, 10, 0, tzinfo=TZ)  # CET
    assert october.rsvp_deadline == datetime(2027, 10, 29, 10, 0, tzinfo=TZ)  # CEST
    assert october.starts_at - october.rsvp_deadline == timedelta(hours=49)
    assert october.rsvps_closed(datetime(2027, 10, 29, 8, 1, tzinfo=UTC))
    assert not october.rsvps_closed(datetime(2027, 10, 29, 7, 59, tzinfo=UTC))


async def test_rsvp_before_is_refused_out_of_range_or_already_past(
    series: SeriesService,
) -> None:
    rule = build_rule("weekly", FIRST, "Europe/Berlin")
    options: dict[str, object] = {"title": "T", "location": "L", "created_by": ORGANISER}
    with pytest.raises(InvalidInput) as refused:
        await series.create(GUILD, rule, **options, rsvp_before=29 * 1440)  # type: ignore[arg-type]
    assert refused.value.key == "error-recurring-rsvp-before-range"
    with pytest.raises(InvalidInput) as past:  # the first date is 4 days and 23 hours off
        await series.create(GUILD, rule, **options, rsvp_before=5 * 1440)  # type: ignore[arg-type]
    assert past.value.key == "error-recurring-rsvp-before-first"
    assert await series.rules(GUILD) == []


async def test_edit_later_sets_the_deadline_of_this_and_later_dates_only(
    series: SeriesService, db: Database, clock: ManualClock
) -> None:
    rule_id = await weekly(series)
    clock.set(datetime(2027, 6, 6, 9, 0, tzinfo=UTC))  # the first date has started
    await series.make_due()
    second = (await series.meets.upcoming(GUILD))[0]
    assert second.occurs_on == date(2027, 6, 13) and second.rsvp_deadline is None
    result = await series.edit_later(
        GUILD,
        second.id,
        MeetChanges(rsvp_before=1440, starts_at=datetime(2027, 6, 13, 11, 0, tzinfo=TZ)),
    )
    assert result.rule.rsvp_before_min == 1440
    moved = await series.meets.get(GUILD, second.id)
    assert moved.starts_at == datetime(2027, 6, 13, 11, 0, tzinfo=TZ)
    assert moved.rsvp_deadline == datetime(2027, 6, 12, 11, 0, tzinfo=TZ)
    first = await db.fetchval(
        "SELECT rsvp_deadline FROM meets WHERE rule_id = ? AND occurs_on = ?",
        (rule_id, date(2027, 6, 6)),
    )
    assert first is None  # a date before this one keeps what it had
    clock.set(datetime(2027, 6, 13, 12, 0, tzinfo=UTC))
    third = next(m for m in await series.make_due() if m.occurs_on == date(2027, 6, 20))
    assert third.rsvp_deadline == datetime(2027, 6, 19, 11, 0, tzinfo=TZ)
    with pytest.raises(InvalidInput) as late:  # 20 June 11:00 minus 8 days has passed
        await series.edit_later(GUILD, third.id, MeetChanges(rsvp_before=8 * 1440))
    assert late.value.key == "error-recurring-rsvp-before-this"


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("2 days before", 2880),
        ("2d", 2880),
        ("36h", 2160),
        ("1 day 6 hours before", 1800),
        ("2 Tage vorher", 2880),
        ("90 min", 90),
        ("1 week", 10080),
        ("friday 18:00", None),  # a time, for a one-off meet
        ("2027-06-04 18:00", None),
        ("18:00", None),
        ("5", None),
    ],
)
def test_rsvp_by_before_each_date_is_read(typed: str, minutes: int | None) -> None:
    assert read_offset(typed) == minutes
