"""Meets end to end: the real bot, real discord.py, the fake Discord over loopback."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from icalendar import Calendar

from tests.e2e.harness import Harness, post_preview
from tests.fakediscord import MANAGE_EVENTS

pytestmark = pytest.mark.e2e


def _embed(message: dict[str, Any]) -> dict[str, Any]:
    return message["embeds"][0]


def _field(embed: dict[str, Any], prefix: str) -> str:
    for field in embed.get("fields", []):
        if field["name"].startswith(prefix):
            return field["value"]
    raise AssertionError(f"no field {prefix!r} in {[f['name'] for f in embed.get('fields', [])]}")


def _custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row["components"]]


async def wait_announcement(
    p: Harness, announcement: dict[str, Any], predicate: Any, timeout: float = 5.0
) -> dict[str, Any]:
    """Wait until the announcement's embed satisfies `predicate`; return that embed."""
    mid = int(announcement["id"])

    def ok() -> bool:
        message = p.fake.find_message(mid)
        return message is not None and bool(message.get("embeds")) and predicate(_embed(message))

    await p.fake.wait_until(ok, timeout, "announcement update")
    message = p.fake.find_message(mid)
    assert message is not None
    return _embed(message)


async def create_meet(p: Harness, **options: Any) -> dict[str, Any]:
    """Run /meet create as the organiser and return the announcement message."""
    opts: dict[str, Any] = {
        "title": "Cars and Coffee",
        "when": "2027-06-05 10:00",
        "location": "Nürburg",
        "channel": p.meets_id,
    }
    opts.update(options)
    channel = opts["channel"] or p.meets_id
    if opts["channel"] is None:
        del opts["channel"]  # falls back to /config meets-channel
    record = await p.create(opts)
    text = record.content or ""
    assert text.startswith("Announced"), text
    messages = [m for m in p.fake.messages_in(channel) if m.get("embeds")]
    assert messages, "no announcement posted"
    return messages[-1]


async def test_create_press_restart_press(paddock: Harness) -> None:
    p = paddock
    await p.run(p.owner_id, "config meets-channel", {"channel": p.meets_id})
    announcement = await create_meet(p, capacity=2, channel=None)
    ids = _custom_ids(announcement)
    assert len(ids) == 4
    going = next(i for i in ids if i.endswith(":going"))
    a, b = p.member_ids[0], p.member_ids[1]

    press = await p.fake.press(announcement["id"], going, a)
    reply = await press.wait_response(3)
    assert press.ephemeral
    assert "You're going: 1/2" in press.content, reply

    await p.restart()
    press = await p.fake.press(announcement["id"], going, b)
    await press.wait_response(3)
    assert "You're going: 2/2" in press.content
    current = await wait_announcement(p, announcement, lambda e: "2/2" in _field(e, "Places"))
    assert f"<@{a}>" in _field(current, "Going")
    assert f"<@{b}>" in _field(current, "Going")


def _button(announcement: dict[str, Any], suffix: str) -> str:
    return next(i for i in _custom_ids(announcement) if i.endswith(suffix))


async def press(p: Harness, announcement: dict[str, Any], suffix: str, user: int) -> str:
    record = await p.fake.press(announcement["id"], _button(announcement, suffix), user)
    await record.wait_response(3)
    assert record.ephemeral
    return record.content or ""


async def test_rsvp_command_modal_and_limits(paddock: Harness) -> None:
    p = paddock
    announcement = await create_meet(p, capacity=1)
    meet_id = announcement["embeds"][0]["footer"]["text"].split("#")[1].split()[0]
    a, b = p.member_ids[0], p.member_ids[1]

    # My car… without an answer never answers silently: it asks, and offers Going with
    # the car in one step. That form is answered from its custom id and SQLite alone,
    # so one opened before a restart still saves after it.
    asked = await p.fake.press(announcement["id"], _button(announcement, f"car:{meet_id}"), b)
    await asked.wait_response(3)
    assert asked.modal is None and asked.ephemeral
    assert "You haven't answered" in (asked.content or ""), asked.content
    assert "Press **Going** or **Maybe** first" in (asked.content or "")
    assert await p.bot.services.meets.rsvp_of(p.guild_id, int(meet_id), b) is None
    assert asked.original is not None
    offer = asked.original["components"][0]["components"][0]
    assert offer["label"] == "I'm going, with my car…"
    opener = await p.fake.press(asked.original["id"], offer["custom_id"], b)
    await opener.wait_response(3)
    assert opener.modal is not None
    assert await p.bot.services.meets.rsvp_of(p.guild_id, int(meet_id), b) is None
    await p.restart()

    record = await p.run(
        a, "rsvp", {"meet": meet_id, "status": "going", "car": "BMW 1M", "passengers": 1}
    )
    assert record.ephemeral
    assert record.content.startswith("You're going: 1/1"), record.content
    submitted = await p.fake.submit(opener, {"car": "M2 CS <@&1> @everyone", "passengers": "2"})
    await submitted.wait_response(3)
    assert "The meet is full: you're #1 on the waitlist" in submitted.content
    assert "Car details saved" in submitted.content
    record = await p.run(b, "rsvp", {"meet": meet_id, "status": "going"})
    assert "#1 on the waitlist" in record.content, "pressing Going again keeps the place"

    # Limits are checked by the bot and name the field.
    record = await p.run(b, "rsvp", {"meet": meet_id, "status": "maybe", "passengers": 9})
    assert "`passengers` must be from 0 to 8" in record.content
    record = await p.run(b, "rsvp", {"meet": meet_id, "status": "maybe", "car": "x" * 81})
    assert "`car` is 81 characters; the limit is 80" in record.content

    # Going leaves: the waitlisted member is promoted and told in the channel.
    record = await p.run(a, "rsvp", {"meet": meet_id, "status": "no"})
    assert "not going" in record.content
    told = await p.fake.wait_for_message(
        p.meets_id, lambda m: "A place opened up" in (m.get("content") or ""), 5
    )
    assert told["_pings"]["users"] == [b]
    embed = await wait_announcement(p, announcement, lambda e: f"<@{b}>" in _field(e, "Going"))
    going = _field(embed, "Going")
    assert "M2 CS" in going
    assert "(+2)" in going
    assert "@everyone" not in going.replace("@\u200beveryone", "")
    assert not [ping for ping in p.fake.all_pings() if ping["everyone"] or ping["roles"]]


async def test_button_with_another_servers_meet_is_unknown(paddock: Harness) -> None:
    p = paddock
    other = p.fake.add_guild("Other Club", owner_id=p.owner_id)
    other_channel = other.add_channel("meets")
    record = await p.fake.slash(
        other.id,
        other_channel,
        p.owner_id,
        "meet create",
        {"title": "Their meet", "when": "2027-06-10 10:00", "location": "Spa"},
    )
    await post_preview(p.fake, record, p.owner_id)
    theirs = next(m for m in p.fake.messages_in(other_channel) if m.get("embeds"))
    their_going = _button(theirs, ":going")

    ours = await create_meet(p)
    our_meet = _meet_id(ours)
    # A crafted custom id on our message that points at the other server's meet.
    message = p.fake.find_message(int(ours["id"]))
    assert message is not None
    message["components"][0]["components"][0]["custom_id"] = their_going
    record = await p.fake.press(ours["id"], their_going, p.member_ids[0])
    await record.wait_response(3)
    assert "I don't know that meet in this server" in record.content
    record = await p.run(
        p.member_ids[0], "rsvp", {"meet": their_going.split(":")[2], "status": "going"}
    )
    assert "I don't know that meet in this server" in record.content
    record = await p.run(p.member_ids[0], "meet info", {"meet": their_going.split(":")[2]})
    assert "I don't know that meet in this server" in record.content
    record = await p.run(p.member_ids[0], "meet info", {"meet": our_meet})
    assert record.ephemeral
    assert record.embeds[0]["url"].endswith(f"/{p.meets_id}/{ours['id']}")
    listing = await p.run(p.member_ids[0], "meet list")
    names = [f["name"] for f in listing.embeds[0]["fields"]]
    assert len(names) == 1
    assert "Cars and Coffee" in names[0]
    choices = await p.fake.autocomplete(
        p.guild.id, p.general_id, p.member_ids[0], "rsvp", options={"meet": ""}, focused="meet"
    )
    await choices.wait_response(3)
    assert [c["name"].split(" · ")[0] for c in choices.choices] == ["Cars and Coffee"]


async def test_burst_of_200_presses_on_100_places(paddock: Harness) -> None:
    p = paddock
    announcement = await create_meet(p, capacity=100)
    users = await p.add_members(200)
    going = _button(announcement, ":going")
    mid = int(announcement["id"])
    began = time.monotonic()
    records = await asyncio.gather(*(p.fake.press(mid, going, u) for u in users))
    await asyncio.gather(*(r.wait_response() for r in records))
    first_answer = min(r.callbacks[0].at for r in records)
    assert max(r.dispatched_at for r in records) < first_answer, "one burst: all 200 in flight"
    assert p.fake.late_answers == [], "every press answered inside Discord's 3 s"
    confirmed = [r for r in records if (r.content or "").startswith("You're going")]
    waiting = [r for r in records if "on the waitlist" in (r.content or "")]
    assert (len(confirmed), len(waiting)) == (100, 100)

    rows = await p.bot.db.fetchall("SELECT user_id, status FROM meet_rsvps ORDER BY seq", ())
    assert len(rows) == 200
    assert len({r["user_id"] for r in rows}) == 200
    # Press order is dispatch order: the first 100 pressed are the ones going.
    assert [r["user_id"] for r in rows if r["status"] == "going"] == users[:100]
    assert [r["user_id"] for r in rows if r["status"] == "waitlist"] == users[100:]
    positions = sorted(int(r.content.split("#")[1].split()[0]) for r in waiting)
    assert positions == list(range(1, 101))

    embed = await wait_announcement(
        p,
        announcement,
        lambda e: _field(e, "Places").endswith("100/100") and _field(e, "Waiting") == "100",
        timeout=10,
    )
    # All 100 going are listed, over continuation fields, not 9 and "+91 more".
    names = [f["name"] for f in embed["fields"]]
    start = names.index("Going (100)")
    going = [f["value"] for f in embed["fields"][start:] if f["name"].startswith("Going")]
    assert names[start + 1 : start + len(going)] == ["Going (continued)"] * (len(going) - 1)
    listed = "\n".join(going).splitlines()
    assert listed == [f"<@{u}>" for u in users[:100]]
    assert all(len(v) <= 1024 for v in going)
    assert len(embed["fields"]) <= 25
    total = sum(len(f["name"]) + len(f["value"]) for f in embed["fields"])
    total += len(embed["title"]) + len(embed["description"]) + len(embed["footer"]["text"])
    assert total <= 6000
    await p.bot.pacer.flush(timeout=60)
    elapsed = time.monotonic() - began

    assert p.fake.rate_limited == []
    edits = p.fake.requests_to("PATCH", rf"/channels/\d+/messages/{mid}$")
    assert edits, "the announcement was never edited"
    # Coalesced: 200 changes, at most one edit per edit interval however long they took.
    assert len(edits) <= 1 + elapsed / p.bot.pacer.edit_interval, (len(edits), elapsed)
    final = p.fake.find_message(mid)
    assert final is not None
    assert _field(_embed(final), "Places").endswith("100/100")


async def test_cancel_disables_buttons_and_tells_going_and_maybe_once(paddock: Harness) -> None:
    p = paddock
    announcement = await create_meet(p)
    a, b, c = p.member_ids[0], p.member_ids[1], (await p.add_members(1))[0]
    assert "going" in await press(p, announcement, ":going", a)
    assert "maybe" in await press(p, announcement, ":maybe", b)
    assert "not going" in await press(p, announcement, ":no", c)
    meet_id = _custom_ids(announcement)[0].split(":")[2]

    denied = await p.run(a, "meet cancel", {"meet": meet_id})
    assert "Only organisers" in denied.content
    record = await p.run(
        p.organiser_id, "meet cancel", {"meet": meet_id, "reason": "Rain @everyone"}
    )
    await record.wait_followup(1, 5)
    assert "told 2 members" in record.followups[0]["content"]

    notice = await p.fake.wait_for_message(
        p.meets_id, lambda m: "is cancelled" in (m.get("content") or ""), 5
    )
    assert sorted(notice["_pings"]["users"]) == sorted([a, b])
    assert not notice["_pings"]["everyone"]
    embed = await wait_announcement(p, announcement, lambda e: e["title"].startswith("Cancelled"))
    assert "Rain" in embed["description"]
    final = p.fake.find_message(int(announcement["id"]))
    assert final is not None
    assert all(c["disabled"] for row in final["components"] for c in row["components"])

    again = await p.run(p.organiser_id, "meet cancel", {"meet": meet_id})
    if again.callbacks[0].type == 5:  # deferred: the answer comes as a follow-up
        await again.wait_followup(1, 5)
    assert "already cancelled" in (again.content or "") or "already cancelled" in str(
        again.followups
    )
    notices = [
        m for m in p.fake.messages_in(p.meets_id) if "is cancelled" in (m.get("content") or "")
    ]
    assert len(notices) == 1


async def test_reminders_follow_the_clock_and_survive_a_restart(paddock: Harness) -> None:
    p = paddock
    # Harness clock: 2027-06-01 09:00 UTC. The meet is 2027-06-03 10:00 Berlin = 08:00 UTC.
    announcement = await create_meet(p, when="2027-06-03 10:00")
    a, b, c = p.member_ids[0], p.member_ids[1], (await p.add_members(1))[0]
    await press(p, announcement, ":going", a)
    await press(p, announcement, ":maybe", b)
    await press(p, announcement, ":going", c)
    await press(p, announcement, ":no", c)

    def reminders() -> list[dict[str, Any]]:
        return [m for m in p.fake.messages_in(p.meets_id) if "Reminder" in (m.get("content") or "")]

    await asyncio.sleep(0.3)
    assert reminders() == []
    p.clock.set(datetime(2027, 6, 2, 8, 0, 5, tzinfo=UTC))  # 24 h before, plus 5 s
    first = await p.fake.wait_for_message(
        p.meets_id, lambda m: "Reminder" in (m.get("content") or ""), 5
    )
    assert first["_pings"]["users"] == [a]
    assert not first["_pings"]["everyone"]
    assert first["_pings"]["roles"] == []

    await p.restart()
    await asyncio.sleep(0.3)
    assert len(reminders()) == 1, "a restart must not resend the 24 h reminder"

    # The 1 h reminder falls due while the bot is down; it goes out on start.
    await p.stop()
    p.clock.set(datetime(2027, 6, 3, 7, 30, tzinfo=UTC))
    await p.start()
    await p.fake.wait_until(lambda: len(reminders()) == 2, 5, "missed reminder")
    await asyncio.sleep(0.3)
    assert len(reminders()) == 2
    assert reminders()[1]["_pings"]["users"] == [a]


async def test_calendar_file_parses_back(paddock: Harness) -> None:
    p = paddock
    announcement = await create_meet(p, title="Nürburgring 2027", when="2027-08-21 10:00")
    meet_id = _custom_ids(announcement)[0].split(":")[2]
    files: list[bytes] = []
    for _ in range(2):
        record = await p.run(p.member_ids[0], "meet calendar", {"meet": meet_id})
        assert record.ephemeral
        assert record.original is not None
        files.append(record.original["_files"][f"meet-{meet_id}.ics"])
    events = [next(iter(Calendar.from_ical(f).walk("VEVENT"))) for f in files]
    assert str(events[0]["UID"]) == str(events[1]["UID"])
    assert str(events[0]["LOCATION"]) == "Nürburg"
    assert events[0].decoded("DTSTART") == datetime(2027, 8, 21, 8, 0, tzinfo=UTC)


def _meet_id(announcement: dict[str, Any]) -> str:
    return _custom_ids(announcement)[0].split(":")[2]


def _dm_messages(p: Harness, user_id: int) -> list[dict[str, Any]]:
    return [
        m
        for channel in p.fake.channels.values()
        if channel.type == 1 and channel.recipient and int(channel.recipient["id"]) == user_id
        for m in channel.message_list()
    ]


async def test_edit_previews_then_tells_going_waiting_and_maybe_once(paddock: Harness) -> None:
    p = paddock
    announcement = await create_meet(p, capacity=5)
    meet_id = _meet_id(announcement)
    a, b, c = p.member_ids[0], p.member_ids[1], (await p.add_members(1))[0]
    record = await p.run(b, "meet notify", {"via": "dm"})
    assert "DM" in record.content
    await press(p, announcement, ":going", a)
    await press(p, announcement, ":going", b)
    await press(p, announcement, ":maybe", c)

    record = await p.run(p.organiser_id, "meet edit", {"meet": meet_id, "title": "Renamed"})
    await record.wait_followup(1, 5)
    assert not [
        m for m in p.fake.messages_in(p.meets_id) if "Change to" in (m.get("content") or "")
    ]

    record = await p.run(
        p.organiser_id,
        "meet edit",
        {"meet": meet_id, "when": "2027-06-06 11:00", "location": "Adenau"},
    )
    # A move is previewed first, its time spelled out; nothing changes before Post.
    assert record.ephemeral
    preview = record.content or ""
    assert "Sunday, June 6, 2027, 11:00 (Europe/Berlin, CEST)" in preview, preview
    assert "Adenau" in record.embeds[0]["description"]
    meet = await p.bot.services.meets.get(p.guild_id, int(meet_id))
    assert meet.location == "Nürburg"
    posted = await post_preview(p.fake, record, p.organiser_id)
    assert "Told 3 members going, waiting or maybe" in (posted.content or ""), posted.content
    notice = await p.fake.wait_for_message(
        p.meets_id, lambda m: "Change to" in (m.get("content") or ""), 5
    )
    assert sorted(notice["_pings"]["users"]) == sorted([a, c])  # the maybe too
    assert "Adenau" in notice["content"]
    await p.fake.wait_until(lambda: bool(_dm_messages(p, b)), 5, "DM to the opted-in member")
    assert "Adenau" in _dm_messages(p, b)[0]["content"]
    assert _dm_messages(p, c) == []
    await asyncio.sleep(0.2)
    changes = [m for m in p.fake.messages_in(p.meets_id) if "Change to" in (m.get("content") or "")]
    assert len(changes) == 1 and len(_dm_messages(p, b)) == 1, "each member told exactly once"
    embed = await wait_announcement(p, announcement, lambda e: "Adenau" in e["description"])
    assert embed["title"] == "Renamed"
    assert str(int(datetime(2027, 6, 6, 9, 0, tzinfo=UTC).timestamp())) in embed["description"]


async def test_a_moved_start_previews_the_end_and_deadline_it_will_post(
    paddock: Harness,
) -> None:
    p = paddock
    announcement = await create_meet(p, ends="16:00", rsvp_by="2027-06-04 18:00")
    record = await p.run(
        p.organiser_id, "meet edit", {"meet": _meet_id(announcement), "when": "2027-06-05 11:00"}
    )
    # Moving the start keeps the meet's length and its deadline's lead, and the preview
    # says so: the organiser approves the end and the deadline members will see.
    preview = record.content or ""
    assert "Ends Saturday, June 5, 2027, 17:00 (Europe/Berlin, CEST)" in preview, preview
    assert "RSVPs close Friday, June 4, 2027, 19:00 (Europe/Berlin, CEST)" in preview, preview
    previewed = record.embeds[0]["description"]
    await post_preview(p.fake, record, p.organiser_id)
    moved = str(int(datetime(2027, 6, 5, 9, 0, tzinfo=UTC).timestamp()))
    posted = await wait_announcement(p, announcement, lambda e: moved in e["description"])
    assert posted["description"] == previewed


async def test_scheduled_event_follows_edit_and_cancel(paddock: Harness) -> None:
    p = paddock
    announcement = await create_meet(p, title="Ring day", location="Nürburgring")
    meet_id = _meet_id(announcement)
    events = list(p.guild.scheduled_events.values())
    assert len(events) == 1
    event = events[0]
    assert event["entity_type"] == 3
    assert event["entity_metadata"]["location"] == "Nürburgring"
    start = datetime.fromisoformat(event["scheduled_start_time"])
    end = datetime.fromisoformat(event["scheduled_end_time"])
    assert start == datetime(2027, 6, 5, 8, 0, tzinfo=UTC)
    assert (end - start).total_seconds() == 4 * 3600

    record = await p.run(p.organiser_id, "meet edit", {"meet": meet_id, "location": "Spa"})
    assert event["entity_metadata"]["location"] == "Nürburgring", "mirrored only after Post"
    await post_preview(p.fake, record, p.organiser_id)
    assert event["entity_metadata"]["location"] == "Spa"
    record = await p.run(p.organiser_id, "meet cancel", {"meet": meet_id})
    await record.wait_followup(1, 5)
    assert event["status"] == 4


async def test_without_manage_events_the_organiser_is_told_once(paddock: Harness) -> None:
    p = paddock
    p.guild.bot_permissions = p.guild.bot_permissions & ~MANAGE_EVENTS

    def role_update_seen() -> bool:
        guild = p.bot.get_guild(p.guild_id)
        return guild is not None and not guild.me.guild_permissions.manage_events

    await p.fake.wait_until(role_update_seen, what="the bot seeing it lost Manage Events")
    notes = []
    for title in ("First", "Second"):
        record = await p.create(
            {"title": title, "when": "2027-06-05 10:00", "location": "x", "channel": p.meets_id}
        )
        notes.append(record.content or "")
    assert "Manage Events" in notes[0]
    assert "Manage Events" not in notes[1]
    assert notes[1].startswith("Announced")
    assert p.guild.scheduled_events == {}


async def test_permissions_and_bad_input(paddock: Harness) -> None:
    p = paddock
    member = p.member_ids[0]
    base = {"title": "Drive", "when": "2027-06-05 10:00", "location": "x"}
    record = await p.run(member, "meet create", base)
    assert "Only organisers" in record.content
    assert p.fake.messages_in(p.meets_id) == []

    cases = [
        ({"title": "t" * 101}, "`title` is 101 characters; the limit is 100"),
        ({"location": "l" * 101}, "`location` is 101 characters; the limit is 100"),
        ({"capacity": 0}, "`capacity` must be a whole number from 1 to 10,000"),
        ({"when": "2027-03-28 02:30"}, "doesn't exist in Europe/Berlin"),
        ({"when": "2026-01-01 10:00"}, "in the past"),
        ({"when": "whenever"}, "`2027-08-21 10:00`"),
        # A day without a time of day is asked about, never read as midnight.
        ({"when": "saturday"}, "At what time on Saturday, June 5? e.g. `saturday 10:00`"),
        ({"when": "morgen"}, "At what time on Wednesday, June 2?"),
    ]
    for change, needle in cases:
        record = await p.run(p.organiser_id, "meet create", {**base, **change})
        if not record.content:
            await record.wait_followup(1, 5)
        text = record.content or record.followups[0]["content"]
        assert needle in text, (change, text)
        assert len(text) < 300, text
        assert record.ephemeral or record.followups[0].get("flags", 0) & 64
    assert [m for m in p.fake.messages_in(p.general_id) if m.get("embeds")] == []

    announcement = await create_meet(p)
    meet_id = _meet_id(announcement)
    bot_user = p.guild.add_member(name="otherbot", bot=True)
    record = await p.fake.press(announcement["id"], _button(announcement, ":going"), bot_user)
    await record.wait_response(3)
    assert "Bots can't" in record.content
    record = await p.run(member, "meet attendees", {"meet": meet_id, "export": True})
    assert "Only organisers" in record.content
    record = await p.run(member, "meet edit", {"meet": meet_id, "title": "Mine now"})
    assert "Only organisers" in record.content


def _check_notice(messages: list[dict[str, Any]], news: str, members: set[int]) -> None:
    """One notice: the news first, each member mentioned once, every message within limits."""
    assert messages, f"no {news!r} notice"
    first_line = (messages[0].get("content") or "").split("\n", 1)[0]
    assert news in first_line and "<@" not in first_line, first_line
    pinged: list[int] = []
    for message in messages:
        content = message.get("content") or ""
        assert len(content) <= 2000
        allowed = (message.get("_allowed_mentions") or {}).get("users") or []
        assert len(allowed) <= 100
        assert len(message["_pings"]["users"]) <= 100
        assert not message["_pings"]["everyone"] and message["_pings"]["roles"] == []
        in_text = [int(u) for u in re.findall(r"<@(\d+)>", content)]
        assert sorted(in_text) == message["_pings"]["users"]
        pinged.extend(in_text)
    assert len(pinged) == len(set(pinged)), "someone was mentioned twice"
    assert set(pinged) == members


async def test_notices_to_150_going_members_reach_each_once(paddock: Harness) -> None:
    p = paddock
    announcement = await create_meet(p)  # Saturday 2027-06-05 10:00 Berlin
    users = await p.add_members(150)
    by_dm = users[0]
    record = await p.run(by_dm, "meet notify", {"via": "dm"})
    assert "DM" in record.content
    going = _button(announcement, ":going")
    presses = await asyncio.gather(*(p.fake.press(announcement["id"], going, u) for u in users))
    await asyncio.gather(*(r.wait_response(5) for r in presses))
    in_channel = set(users[1:])

    def notices(news: str) -> list[dict[str, Any]]:
        found = [m for m in p.fake.messages_in(p.meets_id) if news in (m.get("content") or "")]
        return sorted(found, key=lambda m: int(m["id"]))

    def mentioned(news: str) -> int:
        return sum(len(m["_pings"]["users"]) for m in notices(news))

    p.clock.set(datetime(2027, 6, 4, 8, 0, 5, tzinfo=UTC))  # 24 h before, plus 5 s
    await p.fake.wait_until(lambda: mentioned("Reminder") >= 149, 20, "the whole reminder")
    await p.bot.pacer.flush()
    reminder = notices("Reminder")
    assert len(reminder) == 2
    _check_notice(reminder, "Reminder", in_channel)
    await p.fake.wait_until(lambda: bool(_dm_messages(p, by_dm)), 5, "the reminder by DM")
    assert "Reminder" in _dm_messages(p, by_dm)[0]["content"]

    record = await p.run(
        p.organiser_id, "meet cancel", {"meet": _meet_id(announcement), "reason": "Rain"}
    )
    await record.wait_followup(1, 20)
    assert "told 150 members" in record.followups[0]["content"]
    await p.fake.wait_until(lambda: mentioned("is cancelled") >= 149, 20, "the whole cancel notice")
    await p.bot.pacer.flush()
    _check_notice(notices("is cancelled"), "is cancelled", in_channel)
    assert "Rain" in notices("is cancelled")[0]["content"].split("\n", 1)[0]
    await p.fake.wait_until(lambda: len(_dm_messages(p, by_dm)) == 2, 5, "the cancel by DM")
    assert "is cancelled" in _dm_messages(p, by_dm)[1]["content"]
    assert p.fake.rate_limited == []


async def test_when_is_read_exactly_in_the_servers_zone(paddock: Harness) -> None:
    p = paddock
    # Harness clock: Tuesday 2027-06-01 09:00 UTC, 11:00 in Berlin.
    announcement = await create_meet(p, when="Samstag 10 Uhr")
    saturday = int(datetime(2027, 6, 5, 8, 0, tzinfo=UTC).timestamp())
    assert f"<t:{saturday}:" in _embed(announcement)["description"]
    announcement = await create_meet(p, when="tomorrow 9")
    wednesday = int(datetime(2027, 6, 2, 7, 0, tzinfo=UTC).timestamp())
    assert f"<t:{wednesday}:" in _embed(announcement)["description"]


async def test_attendees_export_and_late_press(paddock: Harness) -> None:
    p = paddock
    announcement = await create_meet(p, capacity=1, title="@everyone **Gate** <@&1>")
    meet_id = _meet_id(announcement)
    assert "@everyone" not in _embed(announcement)["title"].replace("@\u200beveryone", "")
    a, b = p.member_ids[0], p.member_ids[1]
    await p.run(a, "rsvp", {"meet": meet_id, "status": "going", "car": "=cmd|' /C calc'!A0"})
    await press(p, announcement, ":going", b)
    record = await p.run(p.organiser_id, "meet attendees", {"meet": meet_id, "export": True})
    assert record.original is not None
    data = record.original["_files"][f"meet-{meet_id}-attendees.csv"].decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0] == [
        "name",
        "user_id",
        "status",
        "car",
        "passengers",
        "rsvp_time",
        "waitlist_position",
    ]
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id[str(a)][2:4] == ["going", "'=cmd|' /C calc'!A0"]
    assert (by_id[str(b)][2], by_id[str(b)][6]) == ("waitlist", "1")

    p.clock.set(datetime(2027, 6, 5, 8, 0, tzinfo=UTC))  # the meet starts
    late = await press(p, announcement, ":going", p.organiser_id)
    assert "closed when it started" in late
    assert not [ping for ping in p.fake.all_pings() if ping["everyone"] or ping["roles"]]
