"""Issue 11, the record story: series that match, corrections, and a record post that
tells the truth from its first version to the final count."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.db import Database, SQLiteDatabase, Tx
from bot.db.database import migration_files
from bot.errors import Conflict
from bot.render import attendance as ui
from bot.services.attendance import AttendanceService, CounterState, RecordsService
from bot.services.attendance.records import edit_distance, series_key
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from tests.services.test_attendance import BERLIN, GUILD, NOW, ORGANISER, OTHER_GUILD, started


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def service(db: Database, clock: ManualClock) -> AttendanceService:
    return AttendanceService(db, clock, GuildSettingsService(db), MeetService(db, clock))


@pytest.fixture
def records(db: Database, clock: ManualClock) -> RecordsService:
    return RecordsService(db, clock)


async def imported(
    records: RecordsService,
    cars: int,
    series: str,
    held_on: str = "2023-08-26",
    label: str = "1M Meet 2023",
    guild_id: int = GUILD,
) -> None:
    await records.import_entry(
        guild_id,
        cars=cars,
        held_on=held_on,
        label=label,
        series=series,
        actor_id=ORGANISER,
        tz=BERLIN,
    )


async def totals_in_log(db: Database, meet_id: int) -> tuple[int, int]:
    """The totals as the event log adds them up, to check the running totals against."""
    row = await db.fetchone(
        "SELECT COALESCE(SUM(CASE WHEN kind = 'staff' THEN 0 ELSE delta END), 0), "
        "COALESCE(SUM(CASE WHEN kind = 'staff' THEN delta ELSE 0 END), 0) "
        "FROM attendance_events WHERE meet_id = ?",
        (meet_id,),
    )
    assert row is not None
    return int(row[0]), int(row[1])


# -- series ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "typed", ["nurburgring", "NÜRBURGRING", "Nurburgring", "  nürburgring ", "Nu\u0308rburgring"]
)
async def test_series_match_regardless_of_case_and_accents(
    records: RecordsService, typed: str
) -> None:
    await imported(records, 80, "Nürburgring")
    best = await records.record(GUILD, typed)
    assert best is not None and best.cars == 80
    assert [e.series for e in await records.history(GUILD, typed)] == ["Nürburgring"]
    assert await records.history_size(GUILD, typed) == 1
    match = await records.match_series(GUILD, typed)
    assert (match.name, match.known, match.suggestion) == ("Nürburgring", True, None)


async def test_a_meet_without_a_series_competes_with_the_whole_server(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    await imported(records, 80, "Nürburgring")
    await imported(records, 60, "", held_on="2022-05-01", label="Spring drive")
    await imported(records, 500, "", guild_id=OTHER_GUILD)
    meet_id = await started(service, db)
    state = await service.state(GUILD, meet_id)
    assert state.record is not None and (state.record.cars, state.record.label) == (
        80,
        "1M Meet 2023",
    )
    whole = await records.history(GUILD)
    assert [e.cars for e in whole] == [60, 80]


async def test_a_meet_with_a_series_counts_against_that_series_only(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    await imported(records, 80, "Nürburgring")
    await imported(records, 120, "Spa", label="Spa 2023")
    meet_id = await started(service, db, series="nurburgring")
    record = (await service.state(GUILD, meet_id)).record
    assert record is not None and record.cars == 80


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Nurbrgring", "Nürburgring"),  # one letter left out
        ("Nürbrugring", "Nürburgring"),  # two swapped
        ("Nuerburgring", "Nürburgring"),  # ü written out
        ("Spa Francorchamp", "Spa-Francorchamps"),
        ("Spz", None),  # not a slip of any series here
        ("Hockenheim", None),
        ("Nürburgring 2", None),  # a number is never a slip
    ],
)
async def test_a_new_name_a_slip_away_from_a_series_is_offered_back(
    records: RecordsService, typed: str, suggested: str | None
) -> None:
    await imported(records, 80, "Nürburgring")
    await imported(records, 40, "Spa-Francorchamps", label="Spa 2023")
    match = await records.match_series(GUILD, typed)
    assert not match.known
    assert match.name == typed.strip()
    assert match.suggestion == suggested


async def test_series_autocomplete_matches_accents_and_meets_series(
    records: RecordsService, service: AttendanceService, db: Database
) -> None:
    await imported(records, 80, "Nürburgring")
    await started(service, db, series="Spa")
    assert await records.series_names(GUILD, "nurb") == ["Nürburgring"]
    assert await records.series_names(GUILD) == ["Nürburgring", "Spa"]
    assert await records.series_names(OTHER_GUILD) == []


def test_edit_distance_counts_swaps_as_one() -> None:
    assert edit_distance("nurburgring", "nurbrugring") == 1
    assert edit_distance("nurburgring", "nurbrgring") == 1
    assert edit_distance("abc", "xyz") == 3
    assert series_key(" Nürburg\u200bring ") == "nurburgring"


# -- corrections -------------------------------------------------------------------
async def test_staff_corrections_take_the_count_to_zero_and_the_tally_below_it(
    service: AttendanceService, db: Database
) -> None:
    meet_id = await started(service, db)
    for member in (1, 2, 3):
        await service.check_in(GUILD, meet_id, member)
    minus = await service.adjust(GUILD, meet_id, ORGANISER, -1)
    assert (minus.checked_in, minus.staff, minus.total) == (3, -1, 2)
    rest = await service.adjust(GUILD, meet_id, ORGANISER, -5, "three tapped from the pub")
    assert (rest.applied, rest.staff, rest.total) == (-2, -3, 0)
    with pytest.raises(Conflict, match="already 0"):
        await service.adjust(GUILD, meet_id, ORGANISER, -1)
    state = await service.state(GUILD, meet_id)
    assert (state.checked_in, state.staff, state.total) == (3, -3, 0)
    assert await totals_in_log(db, meet_id) == (3, -3)
    assert "3 checked in · staff tally −3" in (ui.counter_embed(state).footer.text or "")


async def test_a_void_takes_a_member_out_and_they_can_check_in_again(
    service: AttendanceService, db: Database, clock: ManualClock
) -> None:
    meet_id = await started(service, db)
    await service.check_in(GUILD, meet_id, 1)
    await service.check_in(GUILD, meet_id, 2)
    clock.advance(timedelta(minutes=3))
    voided = await service.void(GUILD, meet_id, ORGANISER, 1, "  tapped from   home ")
    assert (voided.status, voided.applied, voided.total) == ("voided", -1, 1)
    again = await service.void(GUILD, meet_id, ORGANISER, 1, "twice")
    assert (again.status, again.applied) == ("not_in", 0)
    back = await service.check_in(GUILD, meet_id, 1)
    assert (back.status, back.car, back.total) == ("checked_in", 2, 2)

    state = await service.state(GUILD, meet_id)
    assert await totals_in_log(db, meet_id) == (state.checked_in, state.staff) == (2, 0)
    [void] = [c for c in state.corrections if c.kind == "void"]
    assert (void.member_id, void.actor_id, void.reason) == (1, ORGANISER, "tapped from home")
    assert void.at == clock.now()
    status = ui.status_embed(state).to_dict()
    [field] = [f for f in status.get("fields", []) if f["name"] == "Last corrections"]
    assert f"removed <@1>'s check-in by <@{ORGANISER}>" in field["value"]
    assert "tapped from home" in field["value"]


async def test_running_totals_match_the_log_under_concurrent_presses(
    service: AttendanceService, db: Database
) -> None:
    meet_id = await started(service, db)
    presses = [service.check_in(GUILD, meet_id, m) for m in range(1, 41)]
    presses += [service.adjust(GUILD, meet_id, ORGANISER, 1) for _ in range(10)]
    presses += [service.check_out(GUILD, meet_id, m) for m in range(1, 6)]
    presses += [service.void(GUILD, meet_id, ORGANISER, m, "x") for m in range(30, 35)]
    await asyncio.gather(*presses)
    state = await service.state(GUILD, meet_id)
    assert (state.checked_in, state.staff) == await totals_in_log(db, meet_id)
    summary = await service.stop(GUILD, meet_id, ORGANISER)
    assert summary.final == state.total


# -- the record post -----------------------------------------------------------------
async def broken_at_81(
    service: AttendanceService, records: RecordsService, db: Database
) -> tuple[int, CounterState]:
    await imported(records, 80, "Nürburgring")
    meet_id = await started(service, db, title="1M Meet 2024", series="nurburgring")
    await service.adjust(GUILD, meet_id, ORGANISER, 79)
    await service.check_in(GUILD, meet_id, 1)
    crossing = await service.check_in(GUILD, meet_id, 2)
    assert crossing.record_broken and crossing.total == 81
    return meet_id, await service.state(GUILD, meet_id)


async def test_the_first_version_names_the_crossing_count_and_the_record_it_beat(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id, _ = await broken_at_81(service, records, db)
    for member in range(3, 14):
        await service.check_in(GUILD, meet_id, member)
    state = await service.state(GUILD, meet_id)
    first = "🏁 New club record: 81 cars at 1M Meet 2024. Previous record: 80 (1M Meet 2023, 26 Aug 2023)."
    # However late the post goes out, its first words are the crossing, not the 92 now.
    assert ui.record_announcement(state, first=True) == first
    assert ui.record_announcement(state).startswith(
        "🏁 New club record at 1M Meet 2024: now 92 cars!"
    )
    assert state.record_broken_cars == 81


async def test_at_stop_the_post_gives_the_final_count_and_the_peak(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id, _ = await broken_at_81(service, records, db)
    for member in range(3, 15):
        await service.check_in(GUILD, meet_id, member)  # 93
    await service.adjust(GUILD, meet_id, ORGANISER, -2, "counted the marshals")
    summary = await service.stop(GUILD, meet_id, ORGANISER)
    assert (summary.final, summary.peak) == (91, 93)
    state = await service.state(GUILD, meet_id)
    text = ui.record_announcement(state)
    assert text.startswith("🏁 New club record at 1M Meet 2024: final 91 cars; peak 93.")
    assert ui.stop_summary(summary).startswith("Final: 91 cars (peak 93). New club record, +11")
    best = await records.record(GUILD, "Nürburgring")
    assert best is not None and (best.cars, best.label) == (91, "1M Meet 2024")


async def test_corrections_back_to_the_record_say_it_stands_and_list_no_new_record(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id, _ = await broken_at_81(service, records, db)
    await service.void(GUILD, meet_id, ORGANISER, 2, "was at home")
    summary = await service.stop(GUILD, meet_id, ORGANISER)
    assert (summary.final, summary.peak, summary.new_record) == (80, 81, False)
    state = await service.state(GUILD, meet_id)
    text = ui.record_announcement(state)
    assert text == (
        "🏁 The club record stands at 1M Meet 2024: final 80 cars; peak 81 after corrections. "
        "The record is still 80 (1M Meet 2023, 26 Aug 2023)."
    )
    assert ui.is_record_announcement(text, state)
    assert not ui.beating(state)
    best = await records.record(GUILD, "Nürburgring")
    assert best is not None and (best.cars, best.label) == (80, "1M Meet 2023")
    history = await records.history(GUILD, "Nürburgring")
    crowned = [e.label for e in history if ui.holds(e, best)]
    assert crowned == ["1M Meet 2023"], "a tie is not a new record"
    embed = ui.history_embed(history, best, "Nürburgring")
    assert "1M Meet 2024: **80** (counted live)" in (embed.description or "")


async def test_dips_and_simultaneous_crossings_break_the_record_once(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id, _ = await broken_at_81(service, records, db)
    await service.adjust(GUILD, meet_id, ORGANISER, -5)  # dip below
    results = await asyncio.gather(*(service.check_in(GUILD, meet_id, m) for m in range(3, 20)))
    assert not any(r.record_broken for r in results)
    state = await service.state(GUILD, meet_id)
    assert state.record_broken_cars == 81


def test_every_form_of_the_post_reads_as_this_meets_post(state_81: CounterState) -> None:
    stopped = replace(state_81, stopped_at=state_81.started_at, high_water=93)
    forms = [
        ui.record_announcement(state_81, first=True),
        ui.record_announcement(replace(state_81, high_water=92)),
        ui.record_announcement(stopped),
        ui.record_announcement(replace(stopped, staff=stopped.staff - 20)),
    ]
    other = replace(state_81, meet=replace(state_81.meet, title="1M Meet 2024 Spa"))
    for text in forms:
        assert ui.is_record_announcement(text, state_81), text
        assert not ui.is_record_announcement(text, other), text


@pytest.fixture
async def state_81(
    service: AttendanceService, records: RecordsService, db: Database
) -> CounterState:
    return (await broken_at_81(service, records, db))[1]


# -- the migration ----------------------------------------------------------------------
async def test_upgrade_keys_old_history_and_keeps_every_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database just before 0008: history under two spellings of one series, a counter with
    events. After 0008 the spellings are one series, the running totals equal the log,
    and every event is still there."""
    real = migration_files()
    number = next(v for v, name, _ in real if name == "0008_records_exact.sql")
    database = SQLiteDatabase(tmp_path / "before.db")
    await database.connect()
    try:
        monkeypatch.setattr("bot.db.database.migration_files", lambda: real[: number - 1])
        await database.migrate()
        for series, cars in (("Nürburgring", 80), ("NURBURGRING", 70), ("", 12)):
            await database.execute(
                "INSERT INTO attendance_history (guild_id, series, source, label, held_on, "
                "cars, created_by, created_at) VALUES (?, ?, 'import', ?, '2023-08-26', ?, 1, "
                "'2024-01-01T00:00:00.000Z')",
                (GUILD, series, f"{series} meet", cars),
            )

        async def write(tx: Tx) -> int:
            return int(
                await tx.fetchval(
                    "INSERT INTO meets (guild_id, title, starts_at, location, created_by, "
                    "created_at) VALUES (?, 'Ring', ?, 'N', 1, ?) RETURNING id",
                    (GUILD, NOW, NOW),
                )
            )

        meet_id = await database.write(write)
        await database.execute(
            "INSERT INTO attendance_counters (meet_id, guild_id, held_on, channel_id, "
            "started_by, started_at, high_water) VALUES (?, ?, '2030-01-01', 5, 1, ?, 3)",
            (meet_id, GUILD, NOW),
        )
        for kind, member, delta in (("checkin", 7, 1), ("checkin", 8, 1), ("staff", None, 2)):
            await database.execute(
                "INSERT INTO attendance_events (guild_id, meet_id, kind, member_id, delta, "
                "actor_id, total_after, at) VALUES (?, ?, ?, ?, ?, 1, 0, ?)",
                (GUILD, meet_id, kind, member, delta, NOW),
            )
        monkeypatch.setattr("bot.db.database.migration_files", lambda: real)
        assert "0008_records_exact.sql" in await database.migrate()

        records = RecordsService(database, ManualClock(NOW))
        assert [e.cars for e in await records.history(GUILD, "nurburgring")] == [80, 70]
        assert await records.history_size(GUILD, "Nürburgring") == 2
        assert await records.history_size(GUILD) == 3
        counter = await database.fetchone(
            "SELECT checked_in, staff FROM attendance_counters WHERE meet_id = ?", (meet_id,)
        )
        assert counter is not None and tuple(counter) == (2, 2)
        assert await database.fetchval("SELECT COUNT(*) FROM attendance_events") == 3
        assert await database.integrity_check() == []
    finally:
        await database.close()
