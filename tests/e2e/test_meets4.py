"""Meets as a club member reads them: /meet info's dates of a recurring meet, a capacity
raise that moves members up, list titles, and a reminder racing a cancel."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from icalendar import Calendar

from tests.e2e.conftest import make_harness
from tests.e2e.harness import Harness
from tests.e2e.test_meets import create_meet, press
from tests.e2e.test_recurring import announcements, free_port, meet_id, sunday_drive
from tests.fakediscord import FakeDiscord

pytestmark = pytest.mark.e2e


def _ids(announcement: dict[str, Any]) -> str:
    return meet_id(announcement)


@pytest.mark.parametrize(
    ("locale", "reply", "told"),
    [
        ("en-US", "Moved 2 members up from the waitlist", "A place opened up"),
        ("de", "2 Mitglieder sind von der Warteliste nachgerückt", "Ein Platz ist frei geworden"),
    ],
)
async def test_raising_capacity_moves_members_up_and_says_so(
    paddock: Harness, locale: str, reply: str, told: str
) -> None:
    p = paddock
    await p.add_members(1)
    announcement = await create_meet(p, capacity=1)
    meet = _ids(announcement)
    for member in p.member_ids[:4]:
        await press(p, announcement, ":going", member)
    before = len(p.fake.messages_in(p.meets_id))
    done = await p.run(p.organiser_id, "meet edit", {"meet": meet, "capacity": 3}, locale=locale)
    assert reply in str(done.content), done.content
    await p.fake.wait_until(
        lambda: len(p.fake.messages_in(p.meets_id)) > before, 10, "the promotion notice"
    )
    notice = p.fake.messages_in(p.meets_id)[-1]
    assert "A place opened up" in notice["content"], notice  # the server's language
    assert sorted(notice["_pings"]["users"]) == sorted(p.member_ids[1:3])
    assert told


@pytest.mark.parametrize(
    ("locale", "cancelled", "next_word"),
    [("en-US", "**cancelled**: Rain", "Next:"), ("de", "**abgesagt**: Rain", "Als Nächstes:")],
)
async def test_meet_info_shows_a_series_cancelled_dates_with_their_reason(
    paddock: Harness, locale: str, cancelled: str, next_word: str
) -> None:
    """/meet info of a date of a recurring meet lists its cancelled dates, marked
    cancelled with the reason, as /meet list does, instead of leaving them out."""
    p = paddock
    await p.run(p.owner_id, "config post-ahead", {"ahead": "8d"})
    await p.create(sunday_drive(p))
    p.clock.set(datetime(2027, 6, 5, 9, 0, tzinfo=UTC))  # 13 June is 8 days off
    await p.fake.wait_until(lambda: len(announcements(p)) == 2, 10, "the second date")
    first, second = (meet_id(a) for a in announcements(p))
    options = {"meet": first, "reason": "Rain", "dates": "this"}
    done = await p.run(p.organiser_id, "meet cancel", options)
    await p.fake.wait_until(lambda: str(done.content).startswith("Cancelled"), 10, "the cancel")

    for meet in (second, first):  # a date that goes ahead, and the cancelled one itself
        info = await p.run(p.member_ids[0], "meet info", {"meet": meet}, locale=locale)
        field = next(f for f in info.embeds[0]["fields"] if next_word in f["value"])
        lines = field["value"].split(next_word + "\n")[1].splitlines()
        assert lines[0].startswith(f"<t:1812268800:F> · {cancelled} · ["), lines  # 6 June
        assert lines[1].startswith("<t:1812873600:F> · 0 "), lines  # 13 June, announced
        assert len(lines) == 5, lines  # and the four dates that go ahead
        assert len(field["value"]) <= 1024


async def test_records_show_names_a_series_once_when_the_label_is_its_name(
    paddock: Harness,
) -> None:
    p = paddock
    for label, day in (("Nürburgring", "2025-08-23"), ("Spring Drive", "2026-04-12")):
        options = {"count": 40, "date": day, "label": label, "series": "Nürburgring"}
        done = await p.run(p.organiser_id, "records import", options)
        assert str(done.content).startswith("Imported"), done.content
    shown = await p.run(p.member_ids[0], "records show")
    lines = str(shown.followups[0]["embeds"][0]["description"]).splitlines()
    assert "23 Aug 2025 · Nürburgring: **40** 🏆 (imported)" in lines, lines
    assert any("Spring Drive [Nürburgring]: **40**" in line for line in lines), lines
    assert not any("Nürburgring [Nürburgring]" in line for line in lines), lines
    choices = await p.fake.autocomplete(
        p.guild_id, p.general_id, p.organiser_id, "records remove", {"entry": ""}, focused="entry"
    )
    await choices.wait_response(3)
    names = [c["name"] for c in choices.choices or []]
    assert any(n.endswith("· Nürburgring") for n in names), names
    assert not any("Nürburgring [Nürburgring]" in n for n in names), names


async def test_meet_list_field_names_read_without_markdown(paddock: Harness) -> None:
    """Discord shows an embed field name's markdown as typed: /meet list names a meet
    by its title as meant, never a ping, while the announcement still escapes it."""
    p = paddock
    announcement = await create_meet(p, title="**Big** Meet @everyone")
    weekly = {**sunday_drive(p), "title": "__Sunday__ Drive_2027"}
    await p.create(weekly)
    listing = await p.run(p.member_ids[0], "meet list")
    names = [f["name"] for f in listing.embeds[0]["fields"]]
    big = meet_id(announcement)
    assert f"#{big} Big Meet @\u200beveryone" in names, names
    assert "🔁 Sunday Drive_2027" in names, names
    assert announcement["embeds"][0]["title"] == "\\*\\*Big\\*\\* Meet @\u200beveryone"
    assert not p.fake.all_pings(), "user text never pings"


def _reminders(p: Harness) -> list[dict[str, Any]]:
    return [m for m in p.fake.messages_in(p.meets_id) if "Reminder" in (m.get("content") or "")]


async def _states(p: Harness) -> list[str]:
    rows = await p.bot.db.fetchall("SELECT state FROM meet_reminders ORDER BY id")
    return [r["state"] for r in rows]


@pytest.mark.parametrize("recurring", [False, True])
async def test_a_cancel_landing_while_the_reminder_posts_takes_the_reminder_back(
    paddock: Harness, recurring: bool
) -> None:
    """The organiser cancels (the meet, or that date of a recurring meet) while Discord
    holds the reminder's post: once the post lands the reminder is taken back, in the
    channel and by DM, and members are left with the cancel notice alone."""
    p = paddock
    going, by_dm = p.member_ids[0], p.member_ids[1]
    if recurring:
        await p.create({**sunday_drive(p), "when": "2027-06-03 10:00"})
        announcement = announcements(p)[0]
    else:
        announcement = await create_meet(p, when="2027-06-03 10:00")
    meet = meet_id(announcement)
    await p.run(by_dm, "meet notify", {"via": "dm"})
    for member in (going, by_dm):
        await press(p, announcement, ":going", member)
    held = p.fake.hold_next(
        "POST",
        rf"^/channels/{p.meets_id}/messages$",
        lambda body: "Reminder" in str((body or {}).get("content")),
    )
    p.clock.set(datetime(2027, 6, 2, 8, 0, 5, tzinfo=UTC))  # the 24 h reminder is due
    await asyncio.wait_for(held.arrived.wait(), 10)
    options = {"meet": meet, "reason": "Rain", **({"dates": "this"} if recurring else {})}
    cancel = await p.slash(p.organiser_id, "meet cancel", options)
    cancelled = "SELECT cancelled_at IS NOT NULL FROM meets WHERE id = ?"
    for _ in range(200):  # the cancel has committed while the post is in flight
        if await p.bot.db.fetchval(cancelled, (int(meet),)):
            break
        await asyncio.sleep(0.05)
    assert await p.bot.db.fetchval(cancelled, (int(meet),))
    held.release.set()
    await cancel.wait_followup(1, 10)
    assert str(cancel.followups[0]["content"]).startswith("Cancelled"), cancel.followups
    await p.fake.wait_until(
        lambda: "Rain" in str(p.fake.messages_in(p.meets_id)[-1].get("content")),
        10,
        "the cancel notice",
    )
    for _ in range(200):
        if "claimed" not in await _states(p) and not _reminders(p):
            break
        await asyncio.sleep(0.05)
    assert _reminders(p) == [], "the reminder is taken back from the channel"
    dm = p.fake.dm_channels[by_dm]
    assert not any("Reminder" in str(m.get("content")) for m in p.fake.messages_in(dm))
    assert await _states(p) == ["skipped", "skipped"]


async def test_a_reminder_posted_while_nothing_is_cancelled_stays_once(paddock: Harness) -> None:
    """The same held post with no cancel: the reminder stays, once, and is marked sent."""
    p = paddock
    announcement = await create_meet(p, when="2027-06-03 10:00")
    await press(p, announcement, ":going", p.member_ids[0])
    held = p.fake.hold_next(
        "POST",
        rf"^/channels/{p.meets_id}/messages$",
        lambda body: "Reminder" in str((body or {}).get("content")),
    )
    p.clock.set(datetime(2027, 6, 2, 8, 0, 5, tzinfo=UTC))
    await asyncio.wait_for(held.arrived.wait(), 10)
    held.release.set()
    await p.fake.wait_until(lambda: len(_reminders(p)) == 1, 10, "the reminder")
    for _ in range(200):
        if "claimed" not in await _states(p):
            break
        await asyncio.sleep(0.05)
    assert await _states(p) == ["sent", "pending"]
    assert len(_reminders(p)) == 1
    assert _reminders(p)[0]["_pings"]["users"] == [p.member_ids[0]]


async def test_calendar_names_members_the_organiser_mentioned(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    """The bot's cache lacks members (no members intent): their names are looked up when
    the organiser writes the text (create, edit, a cancel's reason) and kept, so the
    feed and /meet calendar say "@Name", across a restart too."""
    p = make_harness(fake, tmp_path)
    p.web_port = free_port()
    await p.start()
    try:
        lead = p.guild.add_member(name="lead_driver", nick="Jana")
        sweep = p.guild.add_member(name="sweeper")
        stranger = 987654321098765432
        announcement = await create_meet(
            p, title="Eifel run", description=f"Lead car: <@{lead}>, ask <@!{stranger}>"
        )
        meet = meet_id(announcement)
        done = await p.run(
            p.organiser_id,
            "meet edit",
            {"meet": meet, "description": f"Lead car: <@{lead}>, sweep <@{sweep}>"},
        )
        assert str(done.content).startswith("Updated"), done.content
        cancel = await p.run(
            p.organiser_id, "meet cancel", {"meet": meet, "reason": f"<@{sweep}> is ill"}
        )
        assert str(cancel.content).startswith("Cancelled"), cancel.content
        await p.restart()
        shown = await p.run(p.owner_id, "config calendar-link")
        feed, _ = re.findall(r"<(http://[^>]+)>", str(shown.content))
        async with aiohttp.ClientSession() as session, session.get(feed) as resp:
            from_feed = Calendar.from_ical(await resp.read())
        for locale in ("en-US", "de"):
            record = await p.run(p.member_ids[0], "meet calendar", {"meet": meet}, locale=locale)
            assert record.original is not None
            (data,) = record.original["_files"].values()
            for cal in (from_feed, Calendar.from_ical(data)):
                (event,) = cal.walk("VEVENT")
                text = str(event["DESCRIPTION"])
                assert "Lead car: @Jana, sweep @Sweeper" in text, text
                assert cal is not from_feed or "Cancelled: @Sweeper is ill" in text, text
                assert "<" not in text, text
        # Before the edit the stranger was mentioned: no member, so the neutral word
        # would have stood; no lookup of theirs was kept.
        kept = await p.bot.db.fetchall("SELECT user_id FROM mention_names ORDER BY name")
        assert sorted(r["user_id"] for r in kept) == sorted([lead, sweep])
    finally:
        await p.stop()
