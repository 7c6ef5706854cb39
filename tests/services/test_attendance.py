"""The live attendance counter on a real SQLite file built by the migrations."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.db import Database, SQLiteDatabase, Tx
from bot.errors import Conflict, InvalidInput, NotFound
from bot.services.attendance import AttendanceService, RecordsService
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from bot.services.outbox import OutboxService

GUILD, OTHER_GUILD = 111, 222
ORGANISER = 900
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2024, 8, 24, 10, 0, tzinfo=UTC)


async def add_meet(
    db: Database,
    guild_id: int = GUILD,
    title: str = "1M Meet 2024",
    starts_at: datetime = NOW,
    series: str = "",
    cancelled: bool = False,
) -> int:
    async def write(tx: Tx) -> int:
        return int(
            await tx.fetchval(
                "INSERT INTO meets(guild_id, title, starts_at, location, series, created_by, "
                "created_at, cancelled_at) VALUES(?, ?, ?, 'Nürburgring', ?, ?, ?, ?) RETURNING id",
                (
                    guild_id,
                    title,
                    starts_at,
                    series,
                    ORGANISER,
                    NOW,
                    NOW if cancelled else None,
                ),
            )
        )

    return await db.write(write)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def service(db: Database, clock: ManualClock) -> AttendanceService:
    return AttendanceService(db, clock, GuildSettingsService(db), MeetService(db, clock))


@pytest.fixture
def records(db: Database, clock: ManualClock) -> RecordsService:
    return RecordsService(db, clock)


async def started(service: AttendanceService, db: Database, **meet: object) -> int:
    meet_id = await add_meet(db, **meet)  # type: ignore[arg-type]
    await service.start(GUILD, meet_id, channel_id=5, actor_id=ORGANISER)
    await service.set_message(GUILD, meet_id, 1000)
    return meet_id


async def import_80(records: RecordsService, series: str = "") -> None:
    await records.import_entry(
        GUILD,
        cars=80,
        held_on="2023-08-26",
        label="1M Meet 2023",
        series=series,
        actor_id=ORGANISER,
        tz=BERLIN,
    )


async def test_count_is_checkins_plus_staff_tally_and_every_change_is_an_event(
    service: AttendanceService, db: Database
) -> None:
    meet_id = await started(service, db)
    for member in (1, 2, 3):
        await service.check_in(GUILD, meet_id, member)
    await service.adjust(GUILD, meet_id, ORGANISER, 5, "minibus of non-Discord drivers")
    await service.adjust(GUILD, meet_id, ORGANISER, -1)
    await service.check_out(GUILD, meet_id, 2)

    state = await service.state(GUILD, meet_id)
    assert (state.checked_in, state.staff, state.total) == (2, 4, 6)
    events = await db.fetchall(
        "SELECT kind, member_id, delta, actor_id, reason FROM attendance_events "
        "WHERE meet_id = ? ORDER BY id",
        (meet_id,),
    )
    assert [(e["kind"], e["member_id"], e["delta"]) for e in events] == [
        ("checkin", 1, 1),
        ("checkin", 2, 1),
        ("checkin", 3, 1),
        ("staff", None, 5),
        ("staff", None, -1),
        ("checkout", 2, -1),
    ]
    assert events[3]["actor_id"] == ORGANISER
    assert events[3]["reason"] == "minibus of non-Discord drivers"
    # The newest arrivals come first and carry the running total.
    assert [a.total_after for a in state.recent] == [6, 7, 8, 3, 2]


async def test_check_in_is_idempotent_and_check_out_undoes_it(
    service: AttendanceService, db: Database
) -> None:
    meet_id = await started(service, db)
    first = await service.check_in(GUILD, meet_id, 42)
    again = await service.check_in(GUILD, meet_id, 42)
    assert (first.status, first.car, first.total) == ("checked_in", 1, 1)
    assert (again.status, again.car, again.total, again.applied) == ("already_in", 1, 1, 0)

    out = await service.check_out(GUILD, meet_id, 42)
    out_again = await service.check_out(GUILD, meet_id, 42)
    assert (out.status, out.total) == ("checked_out", 0)
    assert (out_again.status, out_again.total) == ("not_in", 0)
    back = await service.check_in(GUILD, meet_id, 42)
    assert (back.status, back.total) == ("checked_in", 1)


async def test_concurrent_presses_by_one_member_count_once(
    service: AttendanceService, db: Database
) -> None:
    meet_id = await started(service, db)
    results = await asyncio.gather(*(service.check_in(GUILD, meet_id, 7) for _ in range(20)))
    assert sorted(r.status for r in results).count("checked_in") == 1
    assert (await service.state(GUILD, meet_id)).total == 1


async def test_total_never_goes_below_zero_or_above_100000(
    service: AttendanceService, db: Database
) -> None:
    meet_id = await started(service, db)
    await service.check_in(GUILD, meet_id, 1)
    await service.adjust(GUILD, meet_id, ORGANISER, 2)
    clamped = await service.adjust(GUILD, meet_id, ORGANISER, -10, "miscounted")
    # The tally may go below 0 (a member's false check-in), the count never does.
    assert (clamped.applied, clamped.checked_in, clamped.staff, clamped.total) == (-3, 1, -1, 0)
    with pytest.raises(Conflict, match="count is already 0"):
        await service.adjust(GUILD, meet_id, ORGANISER, -1)
    top = await service.adjust(GUILD, meet_id, ORGANISER, 100_001 - 1)
    assert (top.applied, top.total) == (100_000, 100_000)
    with pytest.raises(Conflict, match="maximum"):
        await service.check_in(GUILD, meet_id, 2)
    with pytest.raises(InvalidInput, match="cars"):
        await service.adjust(GUILD, meet_id, ORGANISER, 0)
    with pytest.raises(InvalidInput, match="cars"):
        await service.adjust(GUILD, meet_id, ORGANISER, 100_001)


async def test_concurrent_increments_crossing_the_record_break_it_exactly_once(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    await import_80(records)
    meet_id = await started(service, db)
    await service.adjust(GUILD, meet_id, ORGANISER, 75)
    presses = [service.check_in(GUILD, meet_id, member) for member in range(1, 18)]
    presses += [service.adjust(GUILD, meet_id, ORGANISER, 1) for _ in range(8)]
    results = await asyncio.gather(*presses)

    assert sum(r.record_broken for r in results) == 1
    breaker = next(r for r in results if r.record_broken)
    assert breaker.total == 81
    # Every later rise edits the announcement rather than posting again.
    assert sum(r.record_raised for r in results) == 100 - 81
    state = await service.state(GUILD, meet_id)
    assert state.total == state.high_water == 100
    assert state.previous_record is not None
    assert (state.previous_record.cars, state.previous_record.label) == (80, "1M Meet 2023")


async def test_dipping_below_the_record_and_back_does_not_break_it_again(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    await import_80(records)
    meet_id = await started(service, db)
    await service.adjust(GUILD, meet_id, ORGANISER, 80)
    broke = await service.adjust(GUILD, meet_id, ORGANISER, 1)
    dip = await service.adjust(GUILD, meet_id, ORGANISER, -1)
    back = await service.adjust(GUILD, meet_id, ORGANISER, 1)
    higher = await service.adjust(GUILD, meet_id, ORGANISER, 1)
    assert broke.record_broken
    assert not dip.record_broken
    assert not dip.record_raised
    assert not back.record_broken
    assert not back.record_raised
    assert higher.record_raised
    assert not higher.record_broken


async def test_no_history_means_no_record_to_break(
    service: AttendanceService, db: Database
) -> None:
    meet_id = await started(service, db)
    change = await service.adjust(GUILD, meet_id, ORGANISER, 50)
    assert not change.record_broken
    assert (await service.state(GUILD, meet_id)).record is None


async def test_record_is_per_series_and_ignores_later_meets(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    await import_80(records, series="1M Meet")
    await records.import_entry(
        GUILD, cars=300, held_on="2024-05-01", label="Open day", series="", actor_id=1, tz=BERLIN
    )
    meet_id = await started(service, db, series="1M Meet")
    state = await service.state(GUILD, meet_id)
    assert state.record is not None
    assert state.record.cars == 80

    # A meet held before the 2023 import has nothing earlier to beat.
    early = await started(service, db, series="1M Meet", starts_at=datetime(2022, 8, 1, tzinfo=UTC))
    assert (await service.state(GUILD, early)).record is None


async def test_a_check_in_measures_against_the_series_the_meet_has_now(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    # On PostgreSQL the process keeps each meet's series key for paddock_check_in: a
    # series changed meanwhile (by any process) must be noticed, not the old record used.
    for cars, series in ((5, "Nürburgring Nights"), (1, "Spa Sundays")):
        await records.import_entry(
            GUILD,
            cars=cars,
            held_on="2024-05-01",
            label=series,
            series=series,
            actor_id=1,
            tz=BERLIN,
        )
    meet_id = await started(service, db, series="Nürburgring Nights")
    assert not (await service.check_in(GUILD, meet_id, 1)).record_broken  # 1 of 5

    async def move(tx: Tx) -> None:
        await tx.execute("UPDATE meets SET series = 'SPA sundays' WHERE id = ?", (meet_id,))

    await db.write(move)
    change = await service.check_in(GUILD, meet_id, 2)
    assert change.record_broken and change.total == 2  # 2 beats Spa's 1, not the Ring's 5
    state = await service.state(GUILD, meet_id)
    assert state.previous_record is not None
    assert (state.previous_record.cars, state.previous_record.label) == (1, "Spa Sundays")


async def test_milestones_fire_once_per_step_when_configured(
    service: AttendanceService, db: Database
) -> None:
    await GuildSettingsService(db).update(GUILD, milestone_every=10)
    meet_id = await started(service, db)
    first = await service.adjust(GUILD, meet_id, ORGANISER, 9)
    tenth = await service.adjust(GUILD, meet_id, ORGANISER, 1)
    await service.adjust(GUILD, meet_id, ORGANISER, -1)
    again = await service.adjust(GUILD, meet_id, ORGANISER, 1)
    jump = await service.adjust(GUILD, meet_id, ORGANISER, 25)
    assert (first.milestone, tenth.milestone, again.milestone, jump.milestone) == (
        None,
        10,
        None,
        30,
    )


async def test_stop_freezes_the_counter_and_writes_history(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    await import_80(records)
    meet_id = await started(service, db)
    await service.adjust(GUILD, meet_id, ORGANISER, 92)
    summary = await service.stop(GUILD, meet_id, ORGANISER)
    assert (summary.final, summary.new_record, summary.margin) == (92, True, 12)
    assert summary.previous is not None
    assert summary.previous.label == "1M Meet 2023"
    with pytest.raises(Conflict, match="stopped"):
        await service.check_in(GUILD, meet_id, 1)
    with pytest.raises(Conflict, match="already stopped"):
        await service.stop(GUILD, meet_id, ORGANISER)

    history = await records.history(GUILD)
    assert [(h.label, h.cars, h.source) for h in history] == [
        ("1M Meet 2023", 80, "import"),
        ("1M Meet 2024", 92, "live"),
    ]
    best = await records.record(GUILD)
    assert best is not None
    assert (best.cars, best.meet_id) == (92, meet_id)

    # Reopening takes the result back out of the history until it stops again.
    reopened = await service.start(GUILD, meet_id, channel_id=6, actor_id=ORGANISER)
    assert reopened.reopened
    assert reopened.state.total == 92
    assert reopened.old_message == (5, 1000)
    assert [h.cars for h in await records.history(GUILD)] == [80]


async def test_servers_never_see_each_others_counters(
    service: AttendanceService, db: Database
) -> None:
    meet_id = await started(service, db)
    with pytest.raises(NotFound):
        await service.check_in(OTHER_GUILD, meet_id, 1)
    with pytest.raises(NotFound):
        await service.state(OTHER_GUILD, meet_id)
    with pytest.raises(NotFound):
        await service.start(OTHER_GUILD, meet_id, channel_id=1, actor_id=1)
    with pytest.raises(NotFound):
        await service.live_meet(OTHER_GUILD)
    assert await service.live_meet(GUILD) == meet_id


async def test_cancelled_meets_cannot_be_counted(service: AttendanceService, db: Database) -> None:
    meet_id = await add_meet(db, cancelled=True)
    with pytest.raises(Conflict, match="cancelled"):
        await service.start(GUILD, meet_id, channel_id=5, actor_id=ORGANISER)


async def test_live_meet_needs_a_choice_when_several_are_live(
    service: AttendanceService, db: Database
) -> None:
    await started(service, db, title="A")
    await started(service, db, title="B")
    with pytest.raises(InvalidInput, match="several"):
        await service.live_meet(GUILD)


async def test_counter_resumes_after_a_restart(db_path: Path, clock: ManualClock) -> None:
    first = SQLiteDatabase(db_path)
    await first.connect()
    await first.migrate()
    service = AttendanceService(
        first, clock, GuildSettingsService(first), MeetService(first, clock)
    )
    await RecordsService(first, clock).import_entry(
        GUILD, cars=3, held_on="2023-01-01", label="Small", series="", actor_id=1, tz=BERLIN
    )
    meet_id = await started(service, first)
    for member in (1, 2, 3, 4):
        await service.check_in(GUILD, meet_id, member)
    await first.close()

    second = SQLiteDatabase(db_path)
    await second.connect()
    await second.migrate()
    try:
        resumed = AttendanceService(
            second, clock, GuildSettingsService(second), MeetService(second, clock)
        )
        state = await resumed.state(GUILD, meet_id)
        assert (state.total, state.message_id, state.record_broken_at is not None) == (
            4,
            1000,
            True,
        )
        again = await resumed.check_in(GUILD, meet_id, 2)
        assert (again.status, again.total) == ("already_in", 4)
        more = await resumed.check_in(GUILD, meet_id, 5)
        assert (more.total, more.record_broken, more.record_raised) == (5, False, True)
    finally:
        await second.close()


async def test_set_message_only_replaces_the_message_it_expects(
    service: AttendanceService, db: Database, clock: ManualClock
) -> None:
    meet_id = await started(service, db)
    clock.advance(timedelta(minutes=61))
    assert await service.set_message(GUILD, meet_id, 2000, replaces=1000)
    assert not await service.set_message(GUILD, meet_id, 3000, replaces=1000)
    state = await service.state(GUILD, meet_id)
    assert state.message_id == 2000
    assert state.message_posted_at == clock.now()
    live = await service.live_counters()
    assert [(c.meet_id, c.message_posted_at) for c in live] == [(meet_id, clock.now())]


@pytest.mark.parametrize("meet_id", [0, -1, 2**63, 10**25])
async def test_impossible_meet_ids_are_unknown_not_crashes(
    service: AttendanceService, meet_id: int
) -> None:
    with pytest.raises(NotFound):
        await service.check_in(GUILD, meet_id, 1)
    with pytest.raises(NotFound):
        await service.state(GUILD, meet_id)
    with pytest.raises(NotFound):
        await service.start(GUILD, meet_id, channel_id=1, actor_id=1)


async def test_meet_choices_take_percent_and_underscore_literally(
    service: AttendanceService, db: Database
) -> None:
    wanted = await add_meet(db, title="100% Track_Day")
    await add_meet(db, title="1000 Track Days")
    found = await service.meet_choices(GUILD, " 100% track_ ")
    assert [m.id for m in found] == [wanted]
    assert await service.meet_choices(GUILD, "%_%") == []


async def test_abandon_undoes_a_start_that_never_posted_but_keeps_counted_ones(
    service: AttendanceService, db: Database
) -> None:
    unposted = await add_meet(db, title="Unposted")
    await service.start(GUILD, unposted, channel_id=5, actor_id=ORGANISER)
    await service.abandon(GUILD, unposted)
    with pytest.raises(NotFound):
        await service.state(GUILD, unposted)
    counted = await started(service, db, title="Counted")
    await service.check_in(GUILD, counted, 42)
    await service.abandon(GUILD, counted)
    assert (await service.state(GUILD, counted)).checked_in == 1


async def test_a_live_meets_entry_counts_in_its_series_size_until_reopened(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id = await started(service, db, series="1M Meet")
    await service.check_in(GUILD, meet_id, 42)
    await service.stop(GUILD, meet_id, ORGANISER)
    assert await records.history_size(GUILD, "1m meet") == 1
    await service.start(GUILD, meet_id, channel_id=5, actor_id=ORGANISER)  # reopened
    assert await records.history_size(GUILD, "1M Meet") == 0
    await service.stop(GUILD, meet_id, ORGANISER)
    assert [e.series for e in await records.history(GUILD, "1M Meet")] == ["1M Meet"]
    assert await records.history_size(GUILD, "1M Meet") == 1


async def test_an_edit_reads_the_counter_its_mark_and_settings_together(
    service: AttendanceService, db: Database
) -> None:
    meet_id = await started(service, db)
    outbox = OutboxService(db)
    assert await outbox.done("counter", meet_id, await outbox.version("counter", meet_id))
    for member in range(1, 9):  # arrivals and corrections interleaved, more than RECENT
        await service.check_in(GUILD, meet_id, member)
        await service.adjust(GUILD, meet_id, ORGANISER, member, f"bus {member}")
    await service.void(GUILD, meet_id, ORGANISER, 3, "tapped from home")
    await service.check_in(GUILD, meet_id, 20)

    shown = await service.shown(GUILD, meet_id)
    assert shown.state == await service.state(GUILD, meet_id)
    log = await db.fetchall(
        "SELECT kind, total_after FROM attendance_events WHERE meet_id = ? ORDER BY id DESC",
        (meet_id,),
    )
    newest = [(e["kind"], e["total_after"]) for e in log]
    assert [(a.kind, a.total_after) for a in shown.state.recent] == newest[:5]
    fixes = [e for e in newest if e[0] in ("staff", "void")][:5]
    assert [(a.kind, a.total_after) for a in shown.state.corrections] == fixes
    assert shown.state.corrections[0].reason == "tapped from home"
    assert shown.version == await outbox.version("counter", meet_id) == 18
    assert (shown.language, shown.config_announce_channel_id, shown.announce_role_id) == (
        None,
        None,
        None,
    )
    assert shown.news_channel_id == 5  # the counter's own channel

    await GuildSettingsService(db).update(
        GUILD, language="de", announce_channel_id=77, announce_role_id=88
    )
    shown = await service.shown(GUILD, meet_id)
    assert (shown.language, shown.config_announce_channel_id, shown.announce_role_id) == (
        "de",
        77,
        88,
    )
    assert shown.news_channel_id == 77
    with pytest.raises(NotFound):
        await service.shown(OTHER_GUILD, meet_id)
