"""Adopting an announcement whose message id was never stored (a crash mid /meet create)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.clock import ManualClock
from bot.services.meets import MeetService
from tests.services.meetkit import GUILD, NOW, OTHER_GUILD
from tests.services.meetkit import make as make_meet

CHANNEL, OTHER_CHANNEL = 50, 51


async def test_adopts_only_while_no_announcement_is_stored(meets: MeetService) -> None:
    meet_id = await make(meets)
    assert await meets.adopt_message(GUILD, meet_id, CHANNEL, 700)
    assert not await meets.adopt_message(GUILD, meet_id, CHANNEL, 701)
    meet = await meets.get(GUILD, meet_id)
    assert (meet.channel_id, meet.message_id) == (CHANNEL, 700)


async def test_never_replaces_an_attached_announcement(meets: MeetService) -> None:
    meet_id = await make(meets)
    await meets.attach_message(GUILD, meet_id, CHANNEL, 700)
    assert not await meets.adopt_message(GUILD, meet_id, CHANNEL, 701)
    assert (await meets.get(GUILD, meet_id)).message_id == 700


async def test_adopts_only_from_the_meet_channel_and_server(meets: MeetService) -> None:
    meet_id = await make(meets)
    assert not await meets.adopt_message(GUILD, meet_id, OTHER_CHANNEL, 700)
    assert not await meets.adopt_message(OTHER_GUILD, meet_id, CHANNEL, 700)
    assert (await meets.get(GUILD, meet_id)).message_id is None


async def test_concurrent_adopters_agree_on_one_message(meets: MeetService) -> None:
    meet_id = await make(meets)
    won = await asyncio.gather(
        *(meets.adopt_message(GUILD, meet_id, CHANNEL, m) for m in range(700, 710))
    )
    assert sum(won) == 1
    assert (await meets.get(GUILD, meet_id)).message_id == 700 + won.index(True)


async def test_unannounced_lists_upcoming_orphans_of_an_earlier_run(
    meets: MeetService, clock: ManualClock
) -> None:
    orphan = await make(meets, title="Orphan")
    announced = await make(meets, title="Announced")
    await meets.attach_message(GUILD, announced, CHANNEL, 700)
    cancelled = await make(meets, title="Cancelled")
    await meets.cancel(GUILD, cancelled)
    await make(meets, title="No channel", channel_id=None)
    soon = await make(meets, title="Soon", starts_at=NOW + timedelta(hours=1))
    await make(meets, OTHER_GUILD, title="Elsewhere")
    clock.advance(minutes=1)
    restarted = clock.now()
    await make(meets, title="This run's own")  # created at `restarted`: in flight, not ours

    found = await meets.unannounced(restarted)
    assert [m.title for m in found] == ["Orphan", "Soon", "Elsewhere"]
    assert found[0].id == orphan and found[1].id == soon
    clock.advance(hours=2)  # "Soon" has started: too late to announce
    assert [m.title for m in await meets.unannounced(restarted)] == ["Orphan", "Elsewhere"]


async def make(meets: MeetService, guild: int = GUILD, **kwargs: object) -> int:
    return await make_meet(meets, guild, **{"channel_id": CHANNEL, **kwargs})
