"""A meet's life end to end: preview, form, deadline, thread, cancelled meets, /meet mine.

Every flow is driven as a member would, through the fake Discord, and every reply
and post is read.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.e2e.harness import Harness, post_id, post_preview, preview_of

pytestmark = pytest.mark.e2e

BASE = {"title": "Spring drive", "when": "2027-06-05 10:00", "location": "Nürburg"}


def _ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row["components"]]


def _button(message: dict[str, Any], suffix: str) -> str:
    return next(i for i in _ids(message) if i.endswith(suffix))


async def _nothing_stored(p: Harness) -> None:
    db = p.bot.db
    assert await db.fetchval("SELECT COUNT(*) FROM meets") == 0
    assert await db.fetchval("SELECT COUNT(*) FROM meet_drafts") == 0
    assert p.fake.messages_in(p.meets_id) == []
    assert [m for m in p.fake.messages_in(p.general_id) if m.get("embeds")] == []
    assert p.guild.scheduled_events == {}


async def test_preview_then_discard_leaves_nothing_behind(paddock: Harness) -> None:
    p = paddock
    record = await p.run(p.organiser_id, "meet create", {**BASE, "channel": p.meets_id})
    assert record.ephemeral
    text = record.content or ""
    assert text.startswith("**Preview:** nobody sees this meet until you press **Post**."), text
    assert "Starts **Saturday, June 5, 2027, 10:00 (Europe/Berlin, CEST)**" in text
    assert "Ends Saturday, June 5, 2027, 14:00 (Europe/Berlin, CEST)" in text
    assert "RSVPs close at the start, Saturday, June 5, 2027, 10:00 (Europe/Berlin, CEST)" in text
    assert f"posted in <#{p.meets_id}>" in text
    assert "expires in 15 minutes" in text
    preview = preview_of(record)
    assert preview is not None
    labels = [c["label"] for row in preview["components"] for c in row["components"]]
    assert labels == ["Post", "Change…", "Discard"]
    embed = record.embeds[0]
    assert embed["title"] == "Spring drive"
    assert "Open in maps" in embed["description"]
    assert "openstreetmap.org/search?query=N%C3%BCrburg" in embed["description"]
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meets") == 0
    assert p.fake.messages_in(p.meets_id) == []
    assert p.guild.scheduled_events == {}

    # Only the organiser who made the preview can press it, even another organiser.
    other = await p.fake.press(preview["id"], post_id(preview), p.owner_id)
    await other.wait_response(3)
    assert "Only the organiser who made this preview" in (other.content or ""), other.content
    member = await p.fake.press(preview["id"], post_id(preview), p.member_ids[0])
    await member.wait_response(3)
    assert "Only organisers" in (member.content or "")

    discard = await p.fake.press(preview["id"], _button(preview, ":discard"), p.organiser_id)
    await discard.wait_response(3)
    assert discard.content == "Discarded. Nothing was posted or changed."
    gone = p.fake.find_message(int(preview["id"]))
    assert gone is not None and not gone.get("components") and not gone.get("embeds")
    await _nothing_stored(p)


async def test_form_change_restart_then_post(paddock: Harness) -> None:
    p = paddock
    opener = await p.run(p.organiser_id, "meet create", {"capacity": 12, "channel": p.meets_id})
    assert opener.modal is not None, opener.content
    fields = {
        c["custom_id"]: c
        for row in opener.modal["components"]
        for c in (row.get("components") or [row.get("component")])
    }
    assert list(fields) == ["title", "when", "location", "description"]
    assert fields["description"]["style"] == 2  # paragraph: line breaks allowed
    assert (fields["title"]["max_length"], fields["description"]["max_length"]) == (100, 1000)

    route = "Meet at the petrol station.\nThen B258 to Adenau.\n\nLunch at 13:00."
    form = await p.fake.submit(
        opener,
        {
            "title": "Eifel tour",
            "when": "Samstag 10 Uhr",
            "location": "Aral Nürburg",
            "description": route,
        },
    )
    await form.wait_response(3)
    assert "Starts **Saturday, June 5, 2027, 10:00 (Europe/Berlin, CEST)**" in (form.content or "")
    assert "Lunch at 13:00." in form.embeds[0]["description"]
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meets") == 0

    # Change… opens the form again, filled in; its answer updates the same preview.
    preview = preview_of(form)
    assert preview is not None
    change = await p.fake.press(preview["id"], _button(preview, ":change"), p.organiser_id)
    await change.wait_response(3)
    assert change.modal is not None
    defaults = {
        c["custom_id"]: c.get("value")
        for row in change.modal["components"]
        for c in (row.get("components") or [row.get("component")])
    }
    assert defaults["when"] == "2027-06-05 10:00"
    assert defaults["description"] == route
    await p.restart()  # the draft and its buttons survive
    again = await p.fake.submit(
        change,
        {
            "title": "Eifel tour II",
            "when": "2027-06-06 09:30",
            "location": "Aral Nürburg",
            "description": route,
        },
    )
    await again.wait_response(3)
    assert again.callbacks[0].type == 7, "the preview is updated in place"
    updated = p.fake.find_message(int(preview["id"]))
    assert updated is not None
    assert "Sunday, June 6, 2027, 09:30" in updated["content"]
    assert updated["embeds"][0]["title"] == "Eifel tour II"

    post = await p.fake.press(preview["id"], post_id(preview), p.organiser_id)
    await post.wait_response(3)
    await p.fake.wait_until(lambda: (post.content or "").startswith("Announced"), 5, "posted")
    assert "[Eifel tour II](https://discord.com/channels/" in (post.content or "")
    (announcement,) = [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
    description = announcement["embeds"][0]["description"]
    assert "Then B258 to Adenau.\n\nLunch at 13:00." in description
    assert "12" in announcement["embeds"][0]["fields"][0]["value"]
    assert len(p.guild.scheduled_events) == 1
    answered = p.fake.find_message(int(preview["id"]))
    assert answered is not None and not answered.get("components"), "no second Post"
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meets") == 1
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meet_drafts") == 0


async def test_unanswered_preview_expires_quietly(paddock: Harness) -> None:
    p = paddock
    record = await p.run(p.organiser_id, "meet create", {**BASE, "channel": p.meets_id})
    preview = preview_of(record)
    assert preview is not None
    p.clock.advance(timedelta(minutes=15, seconds=1))
    for _ in range(100):  # the background sweep forgets it, telling nobody
        if await p.bot.db.fetchval("SELECT COUNT(*) FROM meet_drafts") == 0:
            break
        await asyncio.sleep(0.05)
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meet_drafts") == 0
    late = await p.fake.press(preview["id"], post_id(preview), p.organiser_id)
    await late.wait_response(3)
    assert "This preview has expired" in (late.content or ""), late.content
    await _nothing_stored(p)


async def test_deadline_closes_the_buttons_even_across_a_restart(paddock: Harness) -> None:
    p = paddock
    posted = await p.create({**BASE, "channel": p.meets_id, "rsvp_by": "2027-06-04 18:00"})
    assert (posted.content or "").startswith("Announced")
    (announcement,) = [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
    assert "**RSVP by:** <t:" in announcement["embeds"][0]["description"]
    meet_id = _button(announcement, ":going").split(":")[2]
    a, b = p.member_ids[0], p.member_ids[1]
    going = await p.fake.press(announcement["id"], _button(announcement, ":going"), a)
    await going.wait_response(3)

    await p.stop()
    p.clock.set(datetime(2027, 6, 4, 16, 0, 1, tzinfo=UTC))  # 18:00 Berlin, plus 1 s
    await p.start()

    def closed() -> bool:
        message = p.fake.find_message(int(announcement["id"]))
        return message is not None and all(
            c.get("disabled") for row in message["components"] for c in row["components"]
        )

    await p.fake.wait_until(closed, 5, "the buttons disabled at the deadline")
    message = p.fake.find_message(int(announcement["id"]))
    assert message is not None
    assert message["embeds"][0]["description"].startswith("**RSVPs closed.**")
    assert f"<@{a}>" in message["embeds"][0]["fields"][3]["value"]

    late = await p.run(b, "rsvp", {"meet": meet_id, "status": "going"})
    assert "closed at its deadline" in (late.content or ""), late.content
    assert "An organiser can still change your answer" in (late.content or "")
    organiser = await p.run(p.organiser_id, "rsvp", {"meet": meet_id, "status": "maybe"})
    assert (organiser.content or "").startswith("You're a maybe"), organiser.content
    # An organiser can still change a member's answer; a member can't change another's.
    denied = await p.run(a, "rsvp", {"meet": meet_id, "status": "no", "member": b})
    assert "Only organisers" in (denied.content or ""), denied.content
    for_b = await p.run(p.organiser_id, "rsvp", {"meet": meet_id, "status": "going", "member": b})
    assert for_b.content == f"<@{b}> is going, with 1 other.", for_b.content
    assert not for_b.original or not for_b.original.get("_pings", {}).get("users")
    mine = await p.bot.services.meets.rsvp_of(p.guild_id, int(meet_id), b)
    assert mine is not None and mine.status == "going"
    await p.bot.pacer.flush()
    assert closed(), "an answer after the deadline keeps the buttons off"
    edits = p.fake.find_message(int(announcement["id"]))
    assert edits is not None and "RSVPs closed" in edits["embeds"][0]["description"]


async def test_thread_opens_and_takes_members_reminders_and_changes(paddock: Harness) -> None:
    p = paddock
    done = await p.run(p.owner_id, "config meet-threads", {"state": "on"})
    assert "discussion thread" in (done.content or "")
    posted = await p.create({**BASE, "when": "2027-06-03 10:00", "channel": p.meets_id})
    assert (posted.content or "").startswith("Announced")
    (announcement,) = [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
    thread = p.fake.channels.get(int(announcement["id"]))
    assert thread is not None and thread.type == 11
    assert (thread.name, thread.parent_id) == ("Spring drive", p.meets_id)
    meet_id = _button(announcement, ":going").split(":")[2]
    (opened,) = p.fake.requests_to("POST", rf"/messages/{announcement['id']}/threads$")
    assert opened.audit_reason == f"Discussion of meet #{meet_id}"
    a, b, c = p.member_ids[0], p.member_ids[1], (await p.add_members(1))[0]
    for user, answer in ((a, ":going"), (b, ":maybe"), (c, ":no")):
        pressed = await p.fake.press(announcement["id"], _button(announcement, answer), user)
        await pressed.wait_response(3)
    await p.fake.wait_until(lambda: b in thread.thread_members, 5, "members added")
    assert a in thread.thread_members and c not in thread.thread_members
    shown = await p.fake.wait_for_message(
        p.meets_id,
        lambda m: (
            m["id"] == announcement["id"] and f"<#{thread.id}>" in m["embeds"][0]["description"]
        ),
        5,
    )
    assert shown

    p.clock.set(datetime(2027, 6, 2, 8, 0, 5, tzinfo=UTC))  # 24 h before, plus 5 s
    reminder = await p.fake.wait_for_message(
        thread.id, lambda m: "Reminder" in (m.get("content") or ""), 5
    )
    assert reminder["_pings"]["users"] == [a]
    assert not [m for m in p.fake.messages_in(p.meets_id) if "Reminder" in (m.get("content") or "")]

    record = await p.run(p.organiser_id, "meet edit", {"meet": meet_id, "location": "Adenau"})
    await post_preview(p.fake, record, p.organiser_id)
    change = await p.fake.wait_for_message(
        thread.id, lambda m: "Change to" in (m.get("content") or ""), 5
    )
    assert sorted(change["_pings"]["users"]) == sorted([a, b])


async def test_cancelled_meet_is_still_found_and_listed(paddock: Harness) -> None:
    p = paddock
    await p.create({**BASE, "channel": p.meets_id})
    await p.create({**BASE, "when": "2027-06-19 10:00", "channel": p.meets_id})
    first, second = [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
    first_id = _button(first, ":going").split(":")[2]

    both = await p.run(p.member_ids[0], "meet info", {"meet": "spring drive"})
    assert "there are two meets called `spring drive`" in (both.content or ""), both.content
    assert "Pick the one you mean from the list" in (both.content or "")

    record = await p.run(p.organiser_id, "meet cancel", {"meet": first_id, "reason": "Rain"})
    await record.wait_followup(1, 5)
    p.clock.set(datetime(2027, 6, 8, 9, 0, tzinfo=UTC))  # three days after its start
    info = await p.run(p.member_ids[0], "meet info", {"meet": first_id})
    assert info.embeds and info.embeds[0]["title"] == "Cancelled: Spring drive", info.content
    fields = {f["name"]: f["value"] for f in info.embeds[0]["fields"]}
    assert fields["Cancelled"] == "Rain"
    # By title, the cancelled meet still counts: both are found, so the member is asked.
    by_title = await p.run(p.member_ids[0], "meet info", {"meet": "spring"})
    assert "there are two meets called `spring`" in (by_title.content or ""), by_title.content
    listing = await p.run(p.member_ids[0], "meet list")
    names = [f["name"] for f in listing.embeds[0]["fields"]]
    assert (
        names[0].startswith("[cancelled] #")
        and "cancelled" in listing.embeds[0]["fields"][0]["value"]
    )
    assert len(names) == 2
    p.clock.set(datetime(2027, 6, 12, 9, 0, tzinfo=UTC))  # a week and a day after
    gone = await p.run(p.member_ids[0], "meet list")
    assert [f["name"] for f in gone.embeds[0]["fields"]] == [names[1]]
    _ = second


async def test_meet_mine_lists_own_answers_with_links(paddock: Harness) -> None:
    p = paddock
    await p.create({**BASE, "channel": p.meets_id, "capacity": 1})
    await p.create(
        {
            **BASE,
            "title": "Night run",
            "when": "2027-06-12 21:00",
            "channel": p.meets_id,
            "location": "https://osm.org/go/0Ji",
        }
    )
    first, second = [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
    assert "[Open in maps](<https://osm.org/go/0Ji>)" in second["embeds"][0]["description"]
    a, b = p.member_ids[0], p.member_ids[1]
    for message, user, answer in (
        (first, b, ":going"),
        (first, a, ":going"),
        (second, a, ":maybe"),
    ):
        pressed = await p.fake.press(message["id"], _button(message, answer), user)
        await pressed.wait_response(3)
    assert "1 of 1 places" not in (pressed.content or "")
    assert (pressed.content or "").startswith("You're a maybe (nobody going yet)."), pressed.content
    mine = await p.run(a, "meet mine")
    lines = mine.embeds[0]["description"].split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("**[Spring drive](https://discord.com/channels/")
    assert lines[0].endswith("#1 on the waitlist")
    assert lines[1].endswith("maybe") and "Night run" in lines[1]
    nobody = await p.run(p.organiser_id, "meet mine")
    assert "You haven't answered any upcoming meet" in nobody.embeds[0]["description"]


async def test_closed_dms_fall_back_to_one_channel_mention(paddock: Harness) -> None:
    p = paddock
    await p.create({**BASE, "when": "2027-06-03 10:00", "channel": p.meets_id})
    (announcement,) = [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
    closed = p.guild.add_member(name="closed", dms_closed=True)
    open_ = p.guild.add_member(name="open")
    for user in (closed, open_):
        await p.run(user, "meet notify", {"via": "dm"})
        pressed = await p.fake.press(announcement["id"], _button(announcement, ":going"), user)
        await pressed.wait_response(3)
    p.clock.set(datetime(2027, 6, 2, 8, 0, 5, tzinfo=UTC))
    reminder = await p.fake.wait_for_message(
        p.meets_id, lambda m: "Reminder" in (m.get("content") or ""), 5
    )
    assert reminder["_pings"]["users"] == [closed]
    dms = [
        m
        for ch in p.fake.channels.values()
        if ch.type == 1 and ch.recipient and int(ch.recipient["id"]) == open_
        for m in ch.message_list()
    ]
    assert len(dms) == 1 and "Reminder" in dms[0]["content"]
    await asyncio.sleep(0.3)
    reminders = [
        m for m in p.fake.messages_in(p.meets_id) if "Reminder" in (m.get("content") or "")
    ]
    assert len(reminders) == 1


async def test_edit_form_applies_a_rename_at_once_and_previews_a_move(paddock: Harness) -> None:
    p = paddock
    await p.create({**BASE, "channel": p.meets_id})
    (announcement,) = [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
    meet_id = _button(announcement, ":going").split(":")[2]
    member = p.member_ids[0]
    pressed = await p.fake.press(announcement["id"], _button(announcement, ":maybe"), member)
    await pressed.wait_response(3)

    opener = await p.run(p.organiser_id, "meet edit", {"meet": meet_id})
    assert opener.modal is not None and opener.modal["title"] == "Change the meet"
    values = {
        c["custom_id"]: c.get("value")
        for row in opener.modal["components"]
        for c in (row.get("components") or [row.get("component")])
    }
    assert values == {
        "title": "Spring drive",
        "when": "2027-06-05 10:00",
        "location": "Nürburg",
        "description": None,
    }
    renamed = await p.fake.submit(
        opener, {"title": "Spring drive 2027", "when": "2027-06-05 10:00", "location": "Nürburg"}
    )
    await renamed.wait_response(3)
    if renamed.callbacks[0].type == 5:
        await renamed.wait_followup(1, 5)
    text = renamed.followups[0]["content"] if renamed.followups else renamed.content
    assert (text or "").startswith("Updated **[Spring drive 2027]("), text
    assert "Told" not in (text or "")

    opener = await p.run(p.organiser_id, "meet edit", {"meet": meet_id})
    moved = await p.fake.submit(
        opener, {"title": "Spring drive 2027", "when": "2027-06-05 11:00", "location": "Nürburg"}
    )
    await moved.wait_response(3)
    assert "Starts **Saturday, June 5, 2027, 11:00 (Europe/Berlin, CEST)**" in (moved.content or "")
    meet = await p.bot.services.meets.get(p.guild_id, int(meet_id))
    assert meet.starts_at == datetime(2027, 6, 5, 8, 0, tzinfo=UTC), "nothing moves before Post"
    posted = await post_preview(p.fake, moved, p.organiser_id)
    assert "Told 1 member going, waiting or maybe" in (posted.content or ""), posted.content
    notice = await p.fake.wait_for_message(
        p.meets_id, lambda m: "Change to" in (m.get("content") or ""), 5
    )
    assert notice["_pings"]["users"] == [member]
