"""A meet's life: RSVP deadline, end time, cancelled meets kept findable, a member's answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.errors import InvalidInput, RsvpClosed
from bot.services.meets import MeetService
from bot.services.meets.models import MeetChanges
from tests.services.meetkit import GUILD, NOW, START, make


async def test_deadline_closes_members_but_not_organisers(
    meets: MeetService, clock: ManualClock
) -> None:
    deadline = START - timedelta(days=1)
    meet_id = await make(meets, rsvp_deadline=deadline)
    await meets.rsvp(GUILD, meet_id, 1, "going")
    clock.set(deadline)
    with pytest.raises(RsvpClosed) as closed:
        await meets.rsvp(GUILD, meet_id, 1, "no")
    assert closed.value.deadline == deadline
    assert (await meets.rsvp_of(GUILD, meet_id, 1)).status == "going"  # type: ignore[union-attr]
    changed = await meets.rsvp(GUILD, meet_id, 1, "no", organiser=True)
    assert changed.rsvp.status == "no"
    clock.set(START)
    with pytest.raises(RsvpClosed) as started:
        await meets.rsvp(GUILD, meet_id, 1, "going", organiser=True)
    assert started.value.deadline is None


async def test_closing_due_lists_each_closed_announcement_until_marked(
    meets: MeetService, clock: ManualClock
) -> None:
    early = await make(meets, rsvp_deadline=START - timedelta(hours=2), channel_id=5)
    plain = await make(meets, channel_id=5)
    unannounced = await make(meets)
    for meet_id, message_id in ((early, 50), (plain, 51)):
        await meets.attach_message(GUILD, meet_id, 5, message_id)
    assert await meets.closing_due() == []
    clock.set(START - timedelta(hours=2))
    assert [m.id for m in await meets.closing_due()] == [early]
    await meets.mark_closed_shown(early)
    assert await meets.closing_due() == []
    clock.set(START)
    assert [m.id for m in await meets.closing_due()] == [plain]
    assert unannounced not in [m.id for m in await meets.closing_due()]


async def test_moving_the_start_keeps_length_and_deadline_lead(meets: MeetService) -> None:
    meet_id = await make(
        meets, ends_at=START + timedelta(hours=3), rsvp_deadline=START - timedelta(hours=12)
    )
    moved = await meets.edit(GUILD, meet_id, MeetChanges(starts_at=START + timedelta(days=1)))
    meet = moved.meet
    assert meet.end - meet.starts_at == timedelta(hours=3)
    assert meet.starts_at - meet.rsvp_closes_at == timedelta(hours=12)
    default = await meets.get(GUILD, await make(meets))
    assert default.end - default.starts_at == timedelta(hours=4)
    assert default.rsvp_closes_at == default.starts_at


@pytest.mark.parametrize(
    ("options", "needle"),
    [
        ({"ends_at": START}, "`ends`: the end must be after the start"),
        ({"ends_at": START + timedelta(days=3)}, "at most 2 days"),
        ({"rsvp_deadline": START + timedelta(minutes=1)}, "at or before the start"),
        ({"rsvp_deadline": NOW - timedelta(minutes=1)}, "`rsvp_by` is in the past"),
    ],
)
async def test_bad_end_or_deadline_is_refused(
    meets: MeetService, options: dict[str, object], needle: str
) -> None:
    with pytest.raises(InvalidInput, match=needle.replace("(", r"\(")):
        await make(meets, **options)


async def test_cancelled_meet_stays_listed_a_week_after_its_start(
    meets: MeetService, clock: ManualClock
) -> None:
    meet_id = await make(meets)
    await meets.cancel(GUILD, meet_id, "Rain")
    assert [m.id for m in await meets.upcoming(GUILD)] == []
    listed = await meets.upcoming(GUILD, include_cancelled=True)
    assert [(m.id, m.cancelled) for m in listed] == [(meet_id, True)]
    clock.set(START + timedelta(days=6))
    assert [m.id for m in await meets.upcoming(GUILD, "coffee", include_cancelled=True)] == [
        meet_id
    ]
    clock.set(START + timedelta(days=7, seconds=1))
    assert await meets.upcoming(GUILD, include_cancelled=True) == []


async def test_answers_of_lists_a_members_upcoming_answers(
    meets: MeetService, clock: ManualClock
) -> None:
    soon = await make(meets, title="Soon", starts_at=START - timedelta(days=2), capacity=1)
    later = await make(meets, title="Later")
    past = await make(meets, title="Past", starts_at=NOW + timedelta(hours=1))
    await meets.rsvp(GUILD, soon, 2, "going")
    await meets.rsvp(GUILD, soon, 1, "going")  # full: waitlisted
    await meets.rsvp(GUILD, later, 1, "maybe")
    await meets.rsvp(GUILD, past, 1, "going")
    await meets.rsvp(GUILD, later, 3, "going")
    clock.set(NOW + timedelta(hours=2))
    mine = await meets.answers_of(GUILD, 1)
    assert [(a.meet.title, a.status, a.waitlist_position) for a in mine] == [
        ("Soon", "waitlist", 1),
        ("Later", "maybe", None),
    ]
    assert await meets.answers_of(GUILD + 1, 1) == []


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("3h", 3),
        ("90m", 1.5),
        ("2h30m", 2.5),
        ("1,5 Stunden", 1.5),
        ("16:00", 6),  # the first 16:00 after a 10:00 start (Berlin)
        ("02:00", 16),  # after midnight: the next day
        ("sunday 18:00", 32),
    ],
)
def test_end_is_a_length_or_the_next_such_time_after_the_start(text: str, hours: float) -> None:
    from zoneinfo import ZoneInfo

    from bot.services.meets.timeparse import read_end

    start = datetime(2027, 6, 5, 8, 0, tzinfo=UTC)  # Saturday 10:00 in Berlin
    assert read_end(text, start, ZoneInfo("Europe/Berlin")) == start + timedelta(hours=hours)


def test_unreadable_end_names_its_option() -> None:
    from zoneinfo import ZoneInfo

    from bot.services.meets.timeparse import read_end

    with pytest.raises(InvalidInput, match="`ends`") as refused:
        read_end("whenever", datetime(2027, 6, 5, 8, 0, tzinfo=UTC), ZoneInfo("Europe/Berlin"))
    assert "`3h`" in refused.value.message
