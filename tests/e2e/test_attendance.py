"""The live attendance counter and club records, end to end against the fake Discord."""

from __future__ import annotations

import asyncio
import io
import logging
import time
from datetime import timedelta
from typing import Any

import pytest
from PIL import Image

from tests.e2e.harness import Harness
from tests.fakediscord import Interaction, snowflake

pytestmark = pytest.mark.e2e

MEET_TITLE = "1M Meet 2027"


async def create_meet(p: Harness, title: str = MEET_TITLE, series: str = "") -> int:
    options: dict[str, Any] = {
        "title": title,
        "when": "2027-06-01 12:00",
        "location": "Nürburgring",
    }
    if series:
        options["series"] = series
    record = await p.create(options)
    assert (record.content or "").startswith("Announced"), record.content
    meet_id = await p.bot.db.fetchval(
        "SELECT id FROM meets WHERE guild_id = ? AND title = ?", (p.guild_id, title)
    )
    assert meet_id is not None
    return int(meet_id)


async def import_record(p: Harness, count: int = 80, series: str = "") -> None:
    options: dict[str, Any] = {"count": count, "date": "2023-08-26", "label": "1M Meet 2023"}
    if series:
        options["series"] = series
    record = await p.run(p.organiser_id, "records import", options)
    assert record.ephemeral
    assert record.content is not None
    assert record.content.startswith(f"Imported {count} cars"), record.content


async def start_counter(p: Harness, meet_id: int) -> dict[str, Any]:
    """Start the counter in #meets and return the counter message."""
    record = await p.run(
        p.organiser_id, "attendance start", {"meet": str(meet_id), "channel": p.meets_id}
    )
    followup = await record.wait_followup(1, 5)
    assert "is live in" in followup["content"], followup
    return counter_message(p, meet_id)


def counter_message(p: Harness, meet_id: int) -> dict[str, Any]:
    here = f"paddock:att:{meet_id}:here"
    found = [m for m in p.fake.messages_in(p.meets_id) if here in custom_ids(m)]
    assert len(found) == 1, f"expected one counter message, found {len(found)}"
    return found[0]


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row["components"]]


def record_posts(p: Harness, channel_id: int) -> list[dict[str, Any]]:
    return [m for m in p.fake.messages_in(channel_id) if "🏁 New club record" in m["content"]]


async def wait_counter_shows(p: Harness, message_id: int, cars: int, timeout: float = 20) -> None:
    def shows() -> bool:
        message = p.fake.find_message(message_id)
        if message is None:
            return False
        heading = message["embeds"][0]["description"].split("\n")[0]
        return heading == (f"# {cars} car" if cars == 1 else f"# {cars} cars")

    await p.fake.wait_until(shows, timeout, f"counter showing {cars} cars")


async def press_all(
    p: Harness, message_id: int, custom_id: str, users: list[int]
) -> list[Interaction]:
    presses = [await p.fake.press(message_id, custom_id, uid) for uid in users]
    await asyncio.gather(*(press.wait_response(5) for press in presses))
    return presses


async def test_record_night_import_start_92_checkins_one_announcement_stop(
    paddock: Harness,
) -> None:
    p = paddock
    await import_record(p, 80)
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    embed = counter["embeds"][0]
    assert embed["description"].startswith("# 0 cars")
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Record to beat"] == "80 (1M Meet 2023, 26 Aug 2023)"
    assert fields["Progress"] == "▱▱▱▱▱▱▱▱▱▱ 0 / 80 record"

    members = await p.add_members(92)
    here = f"paddock:att:{meet_id}:here"
    presses = await press_all(p, counter["id"], here, members[:80])
    await wait_counter_shows(p, int(counter["id"]), 80)
    assert record_posts(p, p.meets_id) == [], "equalling the record is not beating it"

    presses += await press_all(p, counter["id"], here, members[80:81])
    assert presses[-1].content == "You're checked in: car 81. 81 cars here now."
    await p.fake.wait_until(lambda: len(record_posts(p, p.meets_id)) == 1, 6, "record post")
    announcement = record_posts(p, p.meets_id)[0]
    assert announcement["content"] == (
        "🏁 New club record: 81 cars at 1M Meet 2027. "
        "Previous record: 80 (1M Meet 2023, 26 Aug 2023)."
    )

    presses += await press_all(p, counter["id"], here, members[81:])
    cars = sorted(int(press.content.split("car ")[1].split(".")[0]) for press in presses)
    assert cars == list(range(1, 93)), "every press got its own car number"
    assert all(press.ephemeral for press in presses)
    assert p.fake.late_answers == [], "every press answered inside Discord's 3 s"

    await wait_counter_shows(p, int(counter["id"]), 92)
    await p.fake.wait_until(
        lambda: "now 92 cars" in announcement["content"], what="announcement edited up to 92"
    )
    assert len(record_posts(p, p.meets_id)) == 1
    assert "Previous record: 80 (1M Meet 2023, 26 Aug 2023)" in announcement["content"]
    assert p.fake.all_pings() == []

    stop = await p.run(
        p.organiser_id, "attendance stop", {"meet": str(meet_id)}, channel_id=p.meets_id
    )
    summary = await stop.wait_followup(1, 5)
    assert summary["content"] == (
        "Final: 92 cars. New club record, +12 over the 80 set at 1M Meet 2023."
    )
    await p.fake.wait_until(
        lambda: all(
            c.get("disabled")
            for row in (p.fake.find_message(int(counter["id"])) or {})["components"]
            for c in row["components"]
        ),
        6,
        "counter buttons disabled",
    )
    frozen = p.fake.find_message(int(counter["id"]))
    assert frozen is not None
    assert frozen["embeds"][0]["description"].startswith("# Final: 92 cars")
    assert len(record_posts(p, p.meets_id)) == 1

    history = await p.run(p.member_ids[0], "records show")
    shown = await history.wait_followup(1, 10)
    description = shown["embeds"][0]["description"]
    assert "1M Meet 2023: **80**" in description
    assert "1M Meet 2027: **92** 🏆" in description
    png = shown["_files"]["attendance.png"]
    image = Image.open(io.BytesIO(png))
    image.load()
    assert (image.format, image.size) == ("PNG", (1000, 560))


async def test_restart_in_the_middle_of_counting_resumes_without_double_counts(
    paddock: Harness,
) -> None:
    p = paddock
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    here = f"paddock:att:{meet_id}:here"
    members = await p.add_members(12)
    await press_all(p, counter["id"], here, members[:8])
    staff = await p.fake.press(counter["id"], f"paddock:att:{meet_id}:p5", p.organiser_id)
    await staff.wait_response(3)

    await p.restart()

    again = await press_all(p, counter["id"], here, members[:3])
    assert all("already checked in" in (press.content or "") for press in again)
    more = await press_all(p, counter["id"], here, members[8:])
    assert sorted(press.content.split("car ")[1].split(".")[0] for press in more) == [
        "14",
        "15",
        "16",
        "17",
    ]
    await wait_counter_shows(p, int(counter["id"]), 17)
    status = await p.run(p.member_ids[0], "attendance status")
    fields = {f["name"]: f["value"] for f in status.embeds[0]["fields"]}
    assert (fields["Cars"], fields["Checked in"], fields["Staff tally"]) == ("17", "12", "5")


async def test_staff_buttons_are_for_organisers_and_checkout_undoes_a_checkin(
    paddock: Harness,
) -> None:
    p = paddock
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    member = p.member_ids[0]

    refused = await p.fake.press(counter["id"], f"paddock:att:{meet_id}:p1", member)
    await refused.wait_response(3)
    assert refused.ephemeral
    assert "Only organisers" in (refused.content or "")

    await (
        await p.fake.press(counter["id"], f"paddock:att:{meet_id}:p5", p.organiser_id)
    ).wait_response(3)
    minus = await p.fake.press(counter["id"], f"paddock:att:{meet_id}:m1", p.organiser_id)
    await minus.wait_response(3)
    assert minus.content == "Staff tally −1: 4 cars now."

    first = await p.run(member, "checkin")
    assert first.content == "You're checked in: car 5. 5 cars here now."
    second = await p.run(member, "checkin", {"meet": str(meet_id)})
    assert second.content is not None
    assert second.content.startswith("You're already checked in (car 5)")
    out = await p.fake.press(second.original["id"], f"paddock:att:{meet_id}:out", member)  # type: ignore[index]
    await out.wait_response(3)
    assert out.content == "You're checked out. 4 cars here now."

    adjust = await p.run(
        p.organiser_id,
        "attendance adjust",
        {"meet": str(meet_id), "cars": -10, "reason": "double counted the coach"},
    )
    assert adjust.content is not None
    assert adjust.content.startswith(
        "Staff tally −4, not −10: the count stays between 0 and 100,000. Now 0 cars"
    )
    not_allowed = await p.run(
        member, "attendance adjust", {"meet": str(meet_id), "cars": 3, "reason": "x"}
    )
    assert not_allowed.ephemeral
    assert "Only organisers" in (not_allowed.content or "")
    await wait_counter_shows(p, int(counter["id"]), 0)
    reasons = await p.bot.db.fetchall(
        "SELECT actor_id, delta, reason FROM attendance_events WHERE kind = 'staff' ORDER BY id"
    )
    assert [tuple(r) for r in reasons] == [
        (p.organiser_id, 5, None),
        (p.organiser_id, -1, None),
        (p.organiser_id, -4, "double counted the coach"),
    ]


async def test_burst_of_150_members_and_staff_gives_one_record_ping(paddock: Harness) -> None:
    p = paddock
    role_id = p.guild.add_role("Record fans", mentionable=True)
    await p.run(p.owner_id, "config announce-role", {"role": role_id})
    await p.run(p.owner_id, "config announce-channel", {"channel": p.general_id})
    await import_record(p, 100)
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    members = await p.add_members(150)

    staff_presses = [
        p.fake.press(counter["id"], f"paddock:att:{meet_id}:p1", p.organiser_id) for _ in range(20)
    ]
    member_presses = [
        p.fake.press(counter["id"], f"paddock:att:{meet_id}:here", uid) for uid in members
    ]
    presses = list(await asyncio.gather(*staff_presses, *member_presses))
    await asyncio.gather(*(press.wait_response() for press in presses))
    assert p.fake.late_answers == [], "every press answered inside Discord's 3 s"
    assert all(press.ephemeral for press in presses)

    await wait_counter_shows(p, int(counter["id"]), 170)
    # The record news goes to another channel, on that channel's own budget: it can
    # land after the counter's last edit.
    await p.fake.wait_until(
        lambda: any("now 170 cars" in post["content"] for post in record_posts(p, p.general_id)),
        what="record post edited to 170",
    )
    await p.bot.pacer.flush(timeout=60)
    assert len(record_posts(p, p.general_id)) == 1
    pings = p.fake.all_pings()
    assert len(pings) == 1, pings
    assert pings[0]["roles"] == [role_id]
    assert not pings[0]["edit"]
    assert not pings[0]["everyone"]
    assert record_posts(p, p.meets_id) == []
    assert p.fake.rate_limited == [], "the pacer keeps under Discord's channel limit"


async def test_an_hour_old_counter_is_reposted_and_the_old_one_deleted(paddock: Harness) -> None:
    p = paddock
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    p.clock.advance(timedelta(minutes=51))

    def reposted() -> bool:
        here = f"paddock:att:{meet_id}:here"
        return any(
            here in custom_ids(m) and m["id"] != counter["id"]
            for m in p.fake.messages_in(p.meets_id)
        )

    await p.fake.wait_until(reposted, 3, "a fresh counter message")
    await p.fake.wait_until(
        lambda: p.fake.find_message(int(counter["id"])) is None, 3, "old counter deleted"
    )
    fresh = counter_message(p, meet_id)
    press = await p.fake.press(fresh["id"], f"paddock:att:{meet_id}:here", p.member_ids[0])
    await press.wait_response(3)
    assert press.content == "You're checked in: car 1. 1 car here now."
    await wait_counter_shows(p, int(fresh["id"]), 1)


async def test_records_import_validation_and_remove(paddock: Harness) -> None:
    p = paddock
    future = await p.run(
        p.organiser_id, "records import", {"count": 5, "date": "2099-01-01", "label": "x"}
    )
    assert future.ephemeral
    assert (future.content or "").startswith("`date`: 2099-01-01 is in the future")
    bad = await p.run(
        p.organiser_id, "records import", {"count": 5, "date": "26/08/2023", "label": "x"}
    )
    assert "YYYY-MM-DD" in (bad.content or "")
    member = await p.run(
        p.member_ids[0], "records import", {"count": 5, "date": "2023-08-26", "label": "x"}
    )
    assert "Only organisers" in (member.content or "")

    await p.run(
        p.organiser_id,
        "records import",
        {"count": 800, "date": "2023-08-26", "label": "@everyone typo"},
    )
    choices = await p.fake.autocomplete(
        p.guild_id,
        p.general_id,
        p.organiser_id,
        "records remove",
        {"entry": "typo"},
        focused="entry",
    )
    await choices.wait_response(3)
    assert choices.choices is not None
    assert len(choices.choices) == 1
    removed = await p.run(p.organiser_id, "records remove", {"entry": choices.choices[0]["value"]})
    assert (removed.content or "").startswith("Removed @\u200beveryone typo")
    empty = await p.run(p.member_ids[0], "records show")
    assert (empty.content or "").startswith("No attendance history for the whole server yet")
    assert p.fake.all_pings() == []


async def test_rate_limited_edits_end_on_the_newest_count(paddock: Harness) -> None:
    p = paddock
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    path = rf"/channels/{p.meets_id}/messages/{counter['id']}$"
    p.fake.fail_next("PATCH", path, 429, count=2, retry_after=0.3)
    members = await p.add_members(6)
    here = f"paddock:att:{meet_id}:here"
    began = time.monotonic()
    await press_all(p, counter["id"], here, members[:1])
    # The edit showing car 1 is refused; the others press while discord.py waits out the
    # 429s, so the payload it retries is stale by the time it lands.
    await p.fake.wait_until(lambda: len(p.fake.rate_limited) == 1, what="the first 429")
    for uid in members[1:]:
        await press_all(p, counter["id"], here, [uid])
    await wait_counter_shows(p, int(counter["id"]), 6)
    elapsed = time.monotonic() - began
    await p.bot.pacer.flush(timeout=60)
    assert len(p.fake.rate_limited) == 2
    shown = [
        int(e.json["embeds"][0]["description"].split()[1])
        for e in p.fake.requests_to("PATCH", path)
        if e.status == 200
    ]
    assert shown[0] == 1, shown
    assert shown[-1] == 6, "the last edit shows the newest count"
    assert shown == sorted(shown), "no stale payload lands after a newer one"
    # Coalesced: at most one edit per edit interval, however long the presses took.
    assert len(shown) <= 1 + elapsed / p.bot.pacer.edit_interval, (shown, elapsed)


def refuse_next_edit(p: Harness, counter: dict[str, Any]) -> None:
    """Discord's answer to the next edit of a counter posted more than an hour ago."""
    p.fake.fail_next(
        "PATCH",
        rf"/channels/{p.meets_id}/messages/{counter['id']}$",
        400,
        code=30046,
        message="Maximum number of edits to messages older than 1 hour reached.",
    )


async def test_edit_refused_for_an_old_message_reposts_the_counter(paddock: Harness) -> None:
    p = paddock
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    refuse_next_edit(p, counter)
    press = await p.fake.press(counter["id"], f"paddock:att:{meet_id}:p5", p.organiser_id)
    await press.wait_response(3)
    await p.fake.wait_until(
        lambda: p.fake.find_message(int(counter["id"])) is None, 4, "old counter deleted"
    )
    fresh = counter_message(p, meet_id)
    await wait_counter_shows(p, int(fresh["id"]), 5)
    stored = await p.bot.db.fetchval(
        "SELECT message_id FROM attendance_counters WHERE meet_id = ?", (meet_id,)
    )
    assert stored == int(fresh["id"])


@pytest.mark.parametrize(
    ("status", "code", "logged"), [(404, 10008, "already gone"), (403, 50013, "could not delete")]
)
async def test_an_old_counter_is_already_gone_only_when_discord_says_so(
    paddock: Harness, caplog: pytest.LogCaptureFixture, status: int, code: int, logged: str
) -> None:
    caplog.set_level(logging.INFO, logger="paddock")
    p = paddock
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    refuse_next_edit(p, counter)
    p.fake.fail_next(
        "DELETE", rf"/channels/{p.meets_id}/messages/{counter['id']}$", status, code=code
    )
    press = await p.fake.press(counter["id"], f"paddock:att:{meet_id}:p5", p.organiser_id)
    await press.wait_response(3)
    await p.fake.wait_until(
        lambda: any(logged in r.getMessage() for r in caplog.records), 5, "the delete logged"
    )
    record = next(r for r in caplog.records if logged in r.getMessage())
    # A refusal leaves the old message behind: that is worth a warning, with Discord's reason.
    assert record.levelname == ("INFO" if status == 404 else "WARNING")
    if status == 403:
        assert "403" in record.getMessage()
        assert p.fake.find_message(int(counter["id"])) is not None


async def test_milestones_are_posted_when_configured(paddock: Harness) -> None:
    p = paddock
    await p.run(p.owner_id, "config milestones", {"every": 10})
    meet_id = await create_meet(p)
    await start_counter(p, meet_id)
    adjust = await p.run(
        p.organiser_id,
        "attendance adjust",
        {"meet": str(meet_id), "cars": 25, "reason": "coach party"},
    )
    assert (adjust.content or "").startswith("Staff tally +25.")
    await p.fake.wait_for_message(
        p.meets_id, lambda m: m["content"] == "🚗 20 cars at 1M Meet 2027!", 6
    )
    milestones = [m for m in p.fake.messages_in(p.meets_id) if m["content"].startswith("🚗")]
    assert len(milestones) == 1


async def test_a_counter_button_from_another_server_is_unknown(paddock: Harness) -> None:
    p = paddock
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    other = p.fake.add_guild("Rival Club", owner_id=p.owner_id)
    channel_id = other.add_channel("general")
    stranger = other.add_member(name="stranger")
    # The same button, copied into the other server: its meet id is not theirs.
    forged = {**counter, "id": str(snowflake()), "channel_id": str(channel_id)}
    forged["guild_id"] = str(other.id)
    p.fake.channels[channel_id].messages[int(forged["id"])] = forged

    press = await p.fake.press(forged["id"], f"paddock:att:{meet_id}:here", stranger)
    await press.wait_response(3)
    assert press.ephemeral
    assert "no attendance counter" in (press.content or "")
    nobody = await p.fake.slash(other.id, channel_id, stranger, "checkin")
    await nobody.wait_response(3)
    assert "No attendance counter is live" in (nobody.content or "")
    count = await p.bot.db.fetchval("SELECT COUNT(*) FROM attendance_events")
    assert count == 0
