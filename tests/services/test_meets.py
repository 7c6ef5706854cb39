"""Meet rules on a real SQLite file built by the production migrations."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.db.rows import to_db
from bot.errors import Conflict, InvalidInput, NeedsAnswer, NotFound
from bot.render.meets import rsvp_summary
from bot.services.meets import MeetService, ReminderService
from bot.services.meets.models import MeetChanges
from tests.services.meetkit import GUILD, NOW, OTHER_GUILD, START, make


async def statuses(meets: MeetService, meet_id: int) -> dict[str, list[int]]:
    roster = await meets.roster(GUILD, meet_id)
    return {
        "going": [r.user_id for r in roster.going],
        "waitlist": [r.user_id for r in roster.waitlist],
        "maybe": [r.user_id for r in roster.maybe],
        "no": [r.user_id for r in roster.no],
    }


# -- capacity and waitlist --------------------------------------------------
async def test_full_meet_waitlists_in_press_order(meets: MeetService) -> None:
    meet_id = await make(meets, capacity=2)
    results = [await meets.rsvp(GUILD, meet_id, user, "going") for user in (1, 2, 3, 4, 5)]
    assert [r.rsvp.status for r in results] == [
        "going",
        "going",
        "waitlist",
        "waitlist",
        "waitlist",
    ]
    assert [r.waitlist_position for r in results] == [None, None, 1, 2, 3]
    assert rsvp_summary(results[1]) == "You're going: 2/2 places taken."
    assert rsvp_summary(results[3]).startswith("The meet is full: you're #2 on the waitlist")
    assert await statuses(meets, meet_id) == {
        "going": [1, 2],
        "waitlist": [3, 4, 5],
        "maybe": [],
        "no": [],
    }


async def test_leaving_promotes_first_in_line(meets: MeetService) -> None:
    meet_id = await make(meets, capacity=2)
    for user in (1, 2, 3, 4):
        await meets.rsvp(GUILD, meet_id, user, "going")
    result = await meets.rsvp(GUILD, meet_id, 1, "no")
    assert result.promoted == (3,)
    assert result.meet.going == 2
    assert await statuses(meets, meet_id) == {
        "going": [2, 3],
        "waitlist": [4],
        "maybe": [],
        "no": [1],
    }


async def test_maybe_leaves_waitlist_and_later_going_goes_to_the_back(meets: MeetService) -> None:
    meet_id = await make(meets, capacity=1)
    for user in (1, 2, 3, 4):
        await meets.rsvp(GUILD, meet_id, user, "going")
    await meets.rsvp(GUILD, meet_id, 2, "maybe")
    back = await meets.rsvp(GUILD, meet_id, 2, "going")
    assert back.rsvp.status == "waitlist"
    assert back.waitlist_position == 3
    assert (await statuses(meets, meet_id))["waitlist"] == [3, 4, 2]


async def test_pressing_going_again_keeps_place(meets: MeetService) -> None:
    meet_id = await make(meets, capacity=1)
    await meets.rsvp(GUILD, meet_id, 1, "going")
    await meets.rsvp(GUILD, meet_id, 2, "going")
    await meets.rsvp(GUILD, meet_id, 3, "going")
    again = await meets.rsvp(GUILD, meet_id, 2, "going")
    assert again.waitlist_position == 1
    assert not again.changed_status
    assert (await meets.rsvp(GUILD, meet_id, 1, "going")).rsvp.status == "going"
    assert await statuses(meets, meet_id) == {
        "going": [1],
        "waitlist": [2, 3],
        "maybe": [],
        "no": [],
    }


async def test_one_answer_per_member_replaces_the_old_one(meets: MeetService, db: Database) -> None:
    meet_id = await make(meets)
    await meets.rsvp(GUILD, meet_id, 1, "going", car="BMW 1M", passengers=1)
    await meets.rsvp(GUILD, meet_id, 1, "maybe")
    await meets.rsvp(GUILD, meet_id, 1, "no")
    rows = await db.fetchall("SELECT status, car, passengers FROM meet_rsvps WHERE user_id = 1")
    assert [tuple(r) for r in rows] == [("no", "BMW 1M", 1)]


async def test_raising_capacity_promotes_in_order(meets: MeetService) -> None:
    meet_id = await make(meets, capacity=1)
    for user in (1, 2, 3, 4):
        await meets.rsvp(GUILD, meet_id, user, "going")
    result = await meets.edit(GUILD, meet_id, MeetChanges(capacity=3))
    assert result.promoted == (2, 3)
    assert await statuses(meets, meet_id) == {
        "going": [1, 2, 3],
        "waitlist": [4],
        "maybe": [],
        "no": [],
    }


async def test_lowering_capacity_keeps_confirmed_members(meets: MeetService) -> None:
    meet_id = await make(meets, capacity=4)
    for user in (1, 2, 3, 4):
        await meets.rsvp(GUILD, meet_id, user, "going")
    result = await meets.edit(GUILD, meet_id, MeetChanges(capacity=2))
    assert result.promoted == ()
    assert result.meet.going == 4
    late = await meets.rsvp(GUILD, meet_id, 5, "going")
    assert late.rsvp.status == "waitlist"
    # One leaving still leaves 3 > 2: nobody is promoted until going drops below capacity.
    assert (await meets.rsvp(GUILD, meet_id, 1, "no")).promoted == ()
    assert (await meets.rsvp(GUILD, meet_id, 2, "no")).promoted == ()
    assert (await meets.rsvp(GUILD, meet_id, 3, "no")).promoted == (5,)


async def test_no_capacity_means_everyone_goes(meets: MeetService) -> None:
    meet_id = await make(meets)
    results = [await meets.rsvp(GUILD, meet_id, user, "going") for user in range(1, 31)]
    assert {r.rsvp.status for r in results} == {"going"}
    assert rsvp_summary(results[-1]) == "You're going, with 29 others."


async def test_burst_of_200_presses_is_exact(meets: MeetService, db: Database) -> None:
    meet_id = await make(meets, capacity=100)
    users = list(range(1000, 1200))
    results = await asyncio.gather(*(meets.rsvp(GUILD, meet_id, u, "going") for u in users))
    assert sum(r.rsvp.status == "going" for r in results) == 100
    assert sum(r.rsvp.status == "waitlist" for r in results) == 100
    state = await statuses(meets, meet_id)
    assert state["going"] == users[:100]
    assert state["waitlist"] == users[100:]
    assert sorted(r.waitlist_position for r in results if r.waitlist_position) == list(
        range(1, 101)
    )
    assert await db.fetchval("SELECT COUNT(*) FROM meet_rsvps WHERE meet_id = ?", (meet_id,)) == 200


async def test_a_refused_press_in_a_burst_fails_alone(meets: MeetService) -> None:
    """Presses of one meet may share a transaction (PostgreSQL batches them as SQLite
    does): one that is refused must not take the others down with it."""
    meet_id = await make(meets, capacity=5)
    users = list(range(2000, 2010))
    presses = [meets.rsvp(GUILD, meet_id, u, "going") for u in users]
    # A car without an answer is refused (NeedsAnswer), in the middle of the burst.
    presses.insert(5, meets.rsvp(GUILD, meet_id, 2999, None, car="E30 M3"))
    results = await asyncio.gather(*presses, return_exceptions=True)

    refused = results.pop(5)
    assert isinstance(refused, NeedsAnswer)
    assert [r.rsvp.status for r in results] == ["going"] * 5 + ["waitlist"] * 5  # type: ignore[union-attr]
    state = await statuses(meets, meet_id)
    assert (state["going"], state["waitlist"]) == (users[:5], users[5:])


# -- closing, cancelling -------------------------------------------------------
async def test_rsvps_close_when_the_meet_starts(meets: MeetService, clock: ManualClock) -> None:
    meet_id = await make(meets)
    clock.set(START - timedelta(seconds=1))
    await meets.rsvp(GUILD, meet_id, 1, "going")
    clock.set(START)
    with pytest.raises(Conflict, match="closed when it started"):
        await meets.rsvp(GUILD, meet_id, 2, "going")
    assert (await meets.get(GUILD, meet_id)).going == 1


async def test_cancelled_meet_refuses_rsvps_and_second_cancel(meets: MeetService) -> None:
    meet_id = await make(meets)
    await meets.rsvp(GUILD, meet_id, 1, "going")
    await meets.rsvp(GUILD, meet_id, 2, "maybe")
    await meets.rsvp(GUILD, meet_id, 3, "no")
    result = await meets.cancel(GUILD, meet_id, "Track closed")
    assert result.notify_ids == (1, 2)
    assert result.meet.cancel_reason == "Track closed"
    with pytest.raises(Conflict):
        await meets.rsvp(GUILD, meet_id, 4, "going")
    with pytest.raises(Conflict, match="already cancelled"):
        await meets.cancel(GUILD, meet_id)
    assert await meets.upcoming(GUILD) == []


# -- servers never mix ---------------------------------------------------------
async def test_other_servers_meets_are_unknown(meets: MeetService) -> None:
    mine = await make(meets, title="Ours")
    theirs = await make(meets, OTHER_GUILD, title="Theirs")
    with pytest.raises(NotFound):
        await meets.get(GUILD, theirs)
    with pytest.raises(NotFound):
        await meets.rsvp(GUILD, theirs, 1, "going")
    with pytest.raises(NotFound):
        await meets.edit(GUILD, theirs, MeetChanges(title="Hijacked"))
    with pytest.raises(NotFound):
        await meets.cancel(GUILD, theirs)
    assert [m.id for m in await meets.upcoming(GUILD)] == [mine]
    assert await meets.upcoming(GUILD, "Theirs") == []
    assert (await meets.get(OTHER_GUILD, theirs)).title == "Theirs"


async def test_upcoming_orders_filters_and_searches(meets: MeetService, clock: ManualClock) -> None:
    later = await make(meets, title="Nürburgring 2027", starts_at=START + timedelta(days=30))
    sooner = await make(meets, title="Monthly drive", starts_at=START)
    past = await make(meets, title="Yesterday drive", starts_at=NOW + timedelta(hours=1))
    clock.advance(hours=2)
    assert [m.id for m in await meets.upcoming(GUILD)] == [sooner, later]
    assert [m.id for m in await meets.upcoming(GUILD, "drive")] == [sooner]
    assert [m.id for m in await meets.upcoming(GUILD, "drive", include_past_hours=3)] == [
        past,
        sooner,
    ]
    assert [m.id for m in await meets.upcoming(GUILD, "%")] == []


# -- input limits ------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("title", "x" * 101, "`title` is 101 characters; the limit is 100"),
        ("title", "   ", "`title` can't be empty"),
        ("location", "y" * 101, "`location` is 101 characters; the limit is 100"),
        ("description", "z" * 1001, "`description` is 1001 characters; the limit is 1000"),
        ("capacity", 0, "`capacity` must be a whole number from 1 to 10,000"),
        ("capacity", 10_001, "`capacity` must be a whole number from 1 to 10,000"),
    ],
)
async def test_create_limits_name_the_field(
    meets: MeetService, field: str, value: object, needle: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await make(meets, **{field: value})
    assert needle in caught.value.message


async def test_create_at_the_limits_is_fine(meets: MeetService) -> None:
    meet_id = await make(
        meets, title="t" * 100, location="l" * 100, description="d" * 1000, capacity=10_000
    )
    meet = await meets.get(GUILD, meet_id)
    assert (len(meet.title), meet.capacity) == (100, 10_000)


async def test_create_in_the_past_is_refused(meets: MeetService) -> None:
    with pytest.raises(InvalidInput, match="past"):
        await make(meets, starts_at=NOW - timedelta(minutes=1))


@pytest.mark.parametrize(
    ("car", "passengers", "needle"),
    [
        ("c" * 81, 0, "`car` is 81 characters; the limit is 80"),
        ("BMW 1M", 9, "`passengers` must be from 0 to 8"),
        ("BMW 1M", -1, "`passengers` must be from 0 to 8"),
        ("BMW 1M", "two", "`passengers` must be a number from 0 to 8"),
    ],
)
async def test_rsvp_limits_name_the_field(
    meets: MeetService, car: str, passengers: object, needle: str
) -> None:
    meet_id = await make(meets)
    with pytest.raises(InvalidInput) as caught:
        await meets.rsvp(GUILD, meet_id, 1, "going", car=car, passengers=passengers)  # type: ignore[arg-type]
    assert needle in caught.value.message
    assert await meets.rsvp_of(GUILD, meet_id, 1) is None


async def test_car_only_answer_keeps_status_and_never_answers(meets: MeetService) -> None:
    meet_id = await make(meets)
    await meets.rsvp(GUILD, meet_id, 1, "maybe")
    kept = await meets.rsvp(GUILD, meet_id, 1, None, car="M2 CS", passengers="2")
    assert (kept.rsvp.status, kept.rsvp.car, kept.rsvp.passengers) == ("maybe", "M2 CS", 2)
    with pytest.raises(NeedsAnswer, match="press Going or Maybe"):
        await meets.rsvp(GUILD, meet_id, 2, None, car="1M")
    assert await meets.rsvp_of(GUILD, meet_id, 2) is None
    both = await meets.rsvp(GUILD, meet_id, 2, "going", car="1M")
    assert (both.rsvp.status, both.rsvp.car) == ("going", "1M")


# -- notification preference -------------------------------------------------
async def test_dm_opt_in_is_per_server(meets: MeetService) -> None:
    await meets.set_notify(GUILD, 1, "dm")
    await meets.set_notify(OTHER_GUILD, 2, "dm")
    await meets.set_notify(GUILD, 3, "dm")
    await meets.set_notify(GUILD, 3, "channel")
    assert await meets.dm_opt_ins(GUILD, [1, 2, 3, 4]) == {1}
    assert await meets.notify_pref(OTHER_GUILD, 1) == "channel"


# -- reminders ---------------------------------------------------------------
async def test_reminders_fire_once_and_skip_the_past(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    reminders = ReminderService(db, clock)
    # 20 h away: the 24 h reminder is already past, only the 1 h one is pending.
    meet_id = await make(meets, starts_at=NOW + timedelta(hours=20), reminder_minutes=(1440, 60))
    assert await reminders.states(meet_id) == {1440: "skipped", 60: "pending"}
    await meets.rsvp(GUILD, meet_id, 1, "going")
    await meets.rsvp(GUILD, meet_id, 2, "maybe")
    assert await reminders.due() == []
    clock.set(NOW + timedelta(hours=19))
    due = await reminders.due()
    assert [(d.meet.id, d.minutes_before, d.going_ids) for d in due] == [(meet_id, 60, (1,))]
    assert await reminders.claim(due[0].id)
    assert not await reminders.claim(due[0].id)
    await reminders.mark_sent(due[0].id, 42)
    assert await reminders.due() == []
    assert await reminders.states(meet_id) == {1440: "skipped", 60: "sent"}


async def test_missed_reminder_sent_late_only_before_start(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    reminders = ReminderService(db, clock)
    soon = await make(meets, starts_at=NOW + timedelta(hours=3), reminder_minutes=(120,))
    gone = await make(meets, starts_at=NOW + timedelta(hours=2), reminder_minutes=(60,))
    clock.set(NOW + timedelta(hours=2, minutes=30))  # "the bot was down"
    due = await reminders.due()
    assert [d.meet.id for d in due] == [soon]
    assert await reminders.states(gone) == {60: "skipped"}


async def test_reminders_missed_together_send_only_the_latest(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    reminders = ReminderService(db, clock)
    meet_id = await make(meets, starts_at=NOW + timedelta(days=2), reminder_minutes=(1440, 60))
    other = await make(meets, starts_at=NOW + timedelta(days=2, hours=1), reminder_minutes=(60,))
    await meets.rsvp(GUILD, meet_id, 1, "going")
    # Down across both reminders of the first meet: members get one reminder, the
    # nearest ("starts in 30 minutes"), not "tomorrow" and "in an hour" back to back.
    clock.set(NOW + timedelta(days=2, minutes=-30))
    due = await reminders.due()
    assert [(d.meet.id, d.minutes_before) for d in due] == [(meet_id, 60)]
    assert await reminders.states(meet_id) == {1440: "skipped", 60: "pending"}
    assert await reminders.states(other) == {60: "pending"}
    # One due reminder alone is sent as before, late or not.
    clock.set(NOW + timedelta(days=2, minutes=1))
    assert [(d.meet.id, d.minutes_before) for d in await reminders.due()] == [(other, 60)]


async def test_edit_time_reschedules_and_cancel_retires_reminders(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    reminders = ReminderService(db, clock)
    meet_id = await make(meets, reminder_minutes=(60,))
    await meets.edit(GUILD, meet_id, MeetChanges(starts_at=START + timedelta(days=1)), (60,))
    rows = await db.fetchall(
        "SELECT due_at, state FROM meet_reminders WHERE meet_id = ?", (meet_id,)
    )
    assert [tuple(r) for r in rows] == [(to_db(START + timedelta(days=1, hours=-1)), "pending")]
    await meets.cancel(GUILD, meet_id)
    assert await reminders.states(meet_id) == {60: "skipped"}


async def test_edit_reports_what_changed(meets: MeetService) -> None:
    meet_id = await make(meets)
    await meets.rsvp(GUILD, meet_id, 1, "going")
    await meets.rsvp(GUILD, meet_id, 2, "maybe")
    same = await meets.edit(GUILD, meet_id, MeetChanges(location="Nürburg", title="New name"))
    assert (same.time_changed, same.place_changed) == (False, False)
    await meets.rsvp(GUILD, meet_id, 3, "no")
    moved = await meets.edit(GUILD, meet_id, MeetChanges(location="Adenau"))
    # Going, waitlisted and maybe members hear of a move; those who can't go don't.
    assert (moved.time_changed, moved.place_changed, moved.notify_ids) == (False, True, (1, 2))
    with pytest.raises(InvalidInput, match="Nothing to change"):
        await meets.edit(GUILD, meet_id, MeetChanges())


@pytest.mark.parametrize(
    "query", ["99999999999999999999999", "²", "١٢", "%_%", "'; DROP TABLE meets; --"]
)
async def test_search_survives_hostile_queries(meets: MeetService, query: str) -> None:
    await make(meets)
    assert await meets.upcoming(GUILD, query) == []


async def test_search_by_id(meets: MeetService) -> None:
    meet_id = await make(meets, title="Drive")
    assert [m.id for m in await meets.upcoming(GUILD, str(meet_id))] == [meet_id]


async def test_invisible_title_is_empty_and_far_future_refused(meets: MeetService) -> None:
    with pytest.raises(InvalidInput, match="`title` can't be empty"):
        await make(meets, title="\u200b\u200b\u202e")
    with pytest.raises(InvalidInput, match="more than 5 years"):
        await make(meets, starts_at=NOW + timedelta(days=6 * 365))


async def test_delete_and_event_mirror_touch_only_this_server(meets: MeetService) -> None:
    meet_id = await make(meets)
    await meets.attach_event(OTHER_GUILD, meet_id, 77)
    await meets.delete(OTHER_GUILD, meet_id)
    assert (await meets.get(GUILD, meet_id)).event_id is None
    await meets.attach_event(GUILD, meet_id, 77)
    assert (await meets.get(GUILD, meet_id)).event_id == 77
    await meets.delete(GUILD, meet_id)
    with pytest.raises(NotFound):
        await meets.get(GUILD, meet_id)


# The send step's re-check (ReminderService.confirm): a cancel or a move that lands
# after the claim, before the post.
async def _claimed(reminders: ReminderService, meet_id: int) -> int:
    due = await reminders.due()
    assert [d.meet.id for d in due] == [meet_id]
    assert await reminders.claim(due[0].id)
    return due[0].id


async def _claimed_an_hour_before(
    db: Database, meets: MeetService, clock: ManualClock
) -> tuple[ReminderService, int, int]:
    """A meet two hours from NOW with a 60-minute reminder, claimed when due: the
    service, the meet and the claimed reminder."""
    reminders = ReminderService(db, clock)
    meet_id = await make(meets, starts_at=NOW + timedelta(hours=2), reminder_minutes=(60,))
    clock.set(NOW + timedelta(hours=1, seconds=5))
    return reminders, meet_id, await _claimed(reminders, meet_id)


async def test_a_reminder_claimed_before_a_cancel_is_not_sent(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    reminders, meet_id, claimed = await _claimed_an_hour_before(db, meets, clock)
    await meets.cancel(GUILD, meet_id, "rain")
    assert await reminders.confirm(claimed) is None
    assert await reminders.states(meet_id) == {60: "skipped"}
    assert await reminders.due() == []


async def test_a_claimed_reminder_goes_out_with_the_meet_as_it_is_now(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    reminders, meet_id, claimed = await _claimed_an_hour_before(db, meets, clock)
    await meets.rsvp(GUILD, meet_id, 7, "going")
    await meets.edit(GUILD, meet_id, MeetChanges(location="Adenau"), (60,))
    confirmed = await reminders.confirm(claimed)
    assert confirmed is not None
    assert (confirmed.meet.location, confirmed.going_ids) == ("Adenau", (7,))
    assert await reminders.states(meet_id) == {60: "claimed"}
    assert await reminders.confirm(claimed) is not None  # asking again changes nothing
    await reminders.mark_sent(claimed, 1)
    assert await reminders.confirm(claimed) is None  # sent: never again


async def test_a_claimed_reminder_of_a_moved_meet_goes_once_at_the_new_time(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    start = NOW + timedelta(hours=2)
    reminders, meet_id, claimed = await _claimed_an_hour_before(db, meets, clock)
    # Moved an hour later: the edit planned the 60-minute reminder for the new time.
    await meets.edit(GUILD, meet_id, MeetChanges(starts_at=start + timedelta(hours=1)), (60,))
    assert await reminders.confirm(claimed) is None
    assert await reminders.due() == []
    clock.set(NOW + timedelta(hours=2, seconds=5))
    due = await reminders.due()
    assert [(d.meet.id, d.minutes_before) for d in due] == [(meet_id, 60)]
    assert due[0].id != claimed and await reminders.claim(due[0].id)
    assert await reminders.confirm(due[0].id) is not None
    await reminders.mark_sent(due[0].id, 1)
    rows = await db.fetchall(
        "SELECT state FROM meet_reminders WHERE meet_id = ? ORDER BY id", (meet_id,)
    )
    assert [r["state"] for r in rows] == ["skipped", "sent"]


async def test_a_claimed_reminder_no_move_planned_anew_is_re_planned(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    """A move that planned no replacement (the server's reminders changed since): the
    claim is put back for the new time, not lost; one whose new time has passed is
    dropped, as a reminder planned in the past is."""
    start = NOW + timedelta(hours=2)
    reminders, meet_id, claimed = await _claimed_an_hour_before(db, meets, clock)
    await meets.edit(GUILD, meet_id, MeetChanges(starts_at=start + timedelta(hours=3)), ())
    assert await reminders.confirm(claimed) is None
    assert await reminders.states(meet_id) == {60: "pending"}
    clock.set(NOW + timedelta(hours=4, seconds=5))
    assert await _claimed(reminders, meet_id) == claimed
    # Moved earlier now, so that "an hour before" has passed: dropped.
    await meets.edit(
        GUILD, meet_id, MeetChanges(starts_at=NOW + timedelta(hours=4, minutes=30)), ()
    )
    assert await reminders.confirm(claimed) is None
    assert await reminders.states(meet_id) == {60: "skipped"}
