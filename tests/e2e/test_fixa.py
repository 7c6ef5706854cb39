"""QA findings on meets (session fixa): the calendar file, the feed, and /meet create's
answers to odd input, end to end against the fake Discord."""

from __future__ import annotations

import re
from pathlib import Path

import aiohttp
import pytest
from icalendar import Calendar

from tests.e2e.conftest import make_harness
from tests.e2e.harness import Harness
from tests.e2e.test_meets import _meet_id, create_meet
from tests.e2e.test_recurring import free_port
from tests.fakediscord import FakeDiscord

pytestmark = pytest.mark.e2e


async def test_calendar_file_of_a_cancelled_meet_says_it_is_cancelled(paddock: Harness) -> None:
    p = paddock
    announcement = await create_meet(p, title="Eifel run", when="2027-08-21 10:00")
    meet_id = _meet_id(announcement)
    record = await p.run(p.organiser_id, "meet cancel", {"meet": meet_id, "reason": "Rain"})
    await record.wait_followup(1, 5)
    for locale, said, not_said in (
        ("en-US", "is cancelled", "to add"),
        ("de", "ist abgesagt", "einzutragen"),
    ):
        shown = await p.run(p.member_ids[0], "meet calendar", {"meet": meet_id}, locale=locale)
        assert shown.ephemeral
        text = shown.content or ""
        assert said in text and not_said not in text, text
        assert shown.original is not None
        (data,) = shown.original["_files"].values()
        (event,) = Calendar.from_ical(data).walk("VEVENT")
        assert str(event["STATUS"]) == "CANCELLED"


async def test_calendar_texts_show_mentions_as_names_never_raw_ids(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    p = make_harness(fake, tmp_path)
    p.web_port = free_port()
    await p.start()
    try:
        stranger = 987654321098765432
        details = (
            f"Ask <@{p.organiser_id}> or <@&{p.organiser_role_id}>, see <#{p.meets_id}> "
            f"<:pog:123456789012345678> and bring <@!{stranger}>"
        )
        announcement = await create_meet(p, title="Eifel run", description=details)
        shown = await p.run(p.owner_id, "config calendar-link")
        feed, _ = re.findall(r"<(http://[^>]+)>", str(shown.content))
        async with aiohttp.ClientSession() as session, session.get(feed) as resp:
            assert resp.status == 200
            from_feed = Calendar.from_ical(await resp.read())
        record = await p.run(p.member_ids[0], "meet calendar", {"meet": _meet_id(announcement)})
        assert record.original is not None
        (data,) = record.original["_files"].values()
        for cal in (from_feed, Calendar.from_ical(data)):
            (event,) = cal.walk("VEVENT")
            text = str(event["DESCRIPTION"])
            # Members aren't in the bot's cache (no members intent): looked up when the
            # organiser wrote the text; someone who isn't a member: the neutral word.
            assert "Ask @Organiser or @Organiser, see #meets :pog: and bring @member" in text
            assert "<" not in text and str(stranger) not in text, text
    finally:
        await p.stop()


async def test_the_feed_is_named_after_the_server(fake: FakeDiscord, tmp_path: Path) -> None:
    p = make_harness(fake, tmp_path)
    p.web_port = free_port()
    await p.start()
    try:
        shown = await p.run(p.owner_id, "config calendar-link")
        feed, _ = re.findall(r"<(http://[^>]+)>", str(shown.content))
        async with aiohttp.ClientSession() as session, session.get(feed) as resp:
            assert resp.status == 200
            cal = Calendar.from_ical(await resp.read())
        assert str(cal["X-WR-CALNAME"]) == "Test Club: club meets (Paddock)"
    finally:
        await p.stop()


async def test_create_refuses_every_zero_negative_or_absurd(paddock: Harness) -> None:
    p = paddock
    base = {
        "title": "Coffee",
        "when": "2027-06-06 10:00",
        "location": "Nürburg",
        "channel": p.meets_id,
        "repeat": "weekly",
    }
    for every in (0, -2, 1000):
        for locale, said in (("en-US", "every 1 to 52 weeks"), ("de", "alle 1 bis 52 Wochen")):
            options = {**base, "every": every}
            record = await p.run(p.organiser_id, "meet create", options, locale=locale)
            assert record.ephemeral
            assert said in (record.content or ""), (every, record.content)
    # every without repeat is refused as before, 0 included.
    alone = {k: v for k, v in base.items() if k != "repeat"}
    record = await p.run(p.organiser_id, "meet create", {**alone, "every": 0})
    assert record.ephemeral and "repeat" in (record.content or "")
    assert not [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
