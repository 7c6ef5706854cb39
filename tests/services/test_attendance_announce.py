"""The record announcement's claim / store steps: it goes out, and pings, at most once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.render import attendance as ui
from bot.services.attendance import AttendanceService, RecordsService
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from tests.services.test_attendance import GUILD, ORGANISER, OTHER_GUILD, add_meet, import_80

NOW = datetime(2024, 8, 24, 10, 0, tzinfo=UTC)


@pytest.fixture
def service(db: Database) -> AttendanceService:
    clock = ManualClock(NOW)
    return AttendanceService(db, clock, GuildSettingsService(db), MeetService(db, clock))


@pytest.fixture
def records(db: Database) -> RecordsService:
    return RecordsService(db, ManualClock(NOW))


async def broken(service: AttendanceService, records: RecordsService, db: Database) -> int:
    """A live counter whose record has just fallen (81 over 80)."""
    meet_id = await add_meet(db)
    await service.start(GUILD, meet_id, channel_id=5, actor_id=ORGANISER)
    await service.set_message(GUILD, meet_id, 1000)
    await import_80(records)
    assert (await service.adjust(GUILD, meet_id, ORGANISER, 81)).record_broken
    return meet_id


async def test_only_the_first_claim_may_ping(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id = await broken(service, records, db)
    assert await service.claim_announcement(GUILD, meet_id, 7)
    # A retry or a restart: the first send may have reached Discord.
    assert not await service.claim_announcement(GUILD, meet_id, 7)
    state = await service.state(GUILD, meet_id)
    assert (state.announce_channel_id, state.announce_message_id) == (7, None)
    assert (await service.live_counters(GUILD))[0].announce_pending


async def test_a_released_claim_is_a_first_one_again(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id = await broken(service, records, db)
    assert await service.claim_announcement(GUILD, meet_id, 7)
    await service.release_announcement(GUILD, meet_id)
    assert (await service.state(GUILD, meet_id)).announce_channel_id is None
    assert await service.claim_announcement(GUILD, meet_id, 7)


async def test_no_claim_before_the_record_falls_or_after_it_is_posted(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id = await add_meet(db)
    await service.start(GUILD, meet_id, channel_id=5, actor_id=ORGANISER)
    assert not await service.claim_announcement(GUILD, meet_id, 7)

    other = await broken(service, records, db)
    assert await service.set_announcement(GUILD, other, 7, 5000)
    assert not await service.claim_announcement(GUILD, other, 7)
    await service.release_announcement(GUILD, other)  # a posted one is never released
    state = await service.state(GUILD, other)
    assert (state.announce_channel_id, state.announce_message_id) == (7, 5000)


async def test_the_message_id_is_stored_once_and_never_shared(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    first = await broken(service, records, db)
    second = await add_meet(db, title="1M Meet 2024")  # same title, same channel
    await service.start(GUILD, second, channel_id=5, actor_id=ORGANISER)
    await service.adjust(GUILD, second, ORGANISER, 82)

    assert await service.set_announcement(GUILD, first, 7, 5000)
    assert not await service.set_announcement(GUILD, first, 7, 6000), "already stored"
    assert not await service.set_announcement(GUILD, second, 7, 5000), "the first one's post"
    assert await service.set_announcement(GUILD, second, 7, 6000)
    assert (await service.state(GUILD, first)).announce_message_id == 5000
    assert (await service.state(GUILD, second)).announce_message_id == 6000


async def test_claims_and_stores_stay_in_their_server(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id = await broken(service, records, db)
    assert not await service.claim_announcement(OTHER_GUILD, meet_id, 7)
    assert not await service.set_announcement(OTHER_GUILD, meet_id, 7, 5000)
    await service.release_announcement(OTHER_GUILD, meet_id)
    assert await service.claim_announcement(GUILD, meet_id, 7)
    await service.release_announcement(OTHER_GUILD, meet_id)
    assert (await service.state(GUILD, meet_id)).announce_channel_id == 7


async def test_the_post_is_recognised_in_either_form_and_only_for_its_meet(
    service: AttendanceService, records: RecordsService, db: Database
) -> None:
    meet_id = await broken(service, records, db)
    just_broken = await service.state(GUILD, meet_id)
    await service.adjust(GUILD, meet_id, ORGANISER, 5)
    raised = await service.state(GUILD, meet_id)
    other = await add_meet(db, title="1M Meet")  # a prefix of the first title
    await service.start(GUILD, other, channel_id=5, actor_id=ORGANISER)
    stranger = await service.state(GUILD, other)

    for text in (
        ui.record_announcement(just_broken),
        ui.record_announcement(raised),
        ui.record_announcement(raised, role_id=42),
    ):
        assert ui.is_record_announcement(text, raised), text
        assert not ui.is_record_announcement(text, stranger), text
    assert not ui.is_record_announcement(ui.milestone_text(raised.meet, 50), raised)
    assert not ui.is_record_announcement("Final: 86 cars. New club record, +6", raised)
