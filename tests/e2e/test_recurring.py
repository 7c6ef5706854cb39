"""Recurring meets and the calendar link end to end: the real bot against the fake
Discord, its scheduler announcing dates as the clock moves, across a restart."""

from __future__ import annotations

import asyncio
import re
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from icalendar import Calendar

from tests.e2e.conftest import make_harness
from tests.e2e.harness import Harness, post_preview
from tests.fakediscord import FakeDiscord

pytestmark = pytest.mark.e2e


def announcements(p: Harness) -> list[dict[str, Any]]:
    return [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]


def sunday_drive(p: Harness) -> dict[str, Any]:
    """A weekly meet from Sunday 6 June 2027, 10:00 Berlin, announced in the meets channel."""
    return {
        "title": "Sunday Drive",
        "when": "2027-06-06 10:00",
        "location": "Leipzig",
        "channel": p.meets_id,
        "repeat": "weekly",
    }


def meet_id(message: dict[str, Any]) -> str:
    footer = message["embeds"][0]["footer"]["text"]
    found = re.search(r"Meet #(\d+)", footer)
    assert found, footer
    return found[1]


async def test_a_weekly_meet_is_announced_ahead_once_across_a_restart(paddock: Harness) -> None:
    p = paddock
    record = await p.create(
        {
            "title": "Sunday Drive",
            "when": "2027-06-06 10:00",  # a Sunday
            "location": "Leipzig",
            "channel": p.meets_id,
            "repeat": "weekly",
        },
    )
    text = record.content or ""
    assert "Repeats every Sunday at 10:00 (Europe/Berlin)" in text, text
    assert "announced 7 days before it" in text
    assert len(announcements(p)) == 1
    first = announcements(p)[0]

    # The next Sunday comes within a week: the scheduler announces it, once.
    p.clock.set(datetime(2027, 6, 6, 8, 30, tzinfo=UTC))
    await p.fake.wait_until(lambda: len(announcements(p)) >= 2, 5, "the second date")
    second = announcements(p)[1]
    assert meet_id(second) != meet_id(first)
    assert "Sunday Drive" in second["embeds"][0]["title"]

    await p.restart()
    p.clock.set(datetime(2027, 6, 13, 8, 30, tzinfo=UTC))
    await p.fake.wait_until(lambda: len(announcements(p)) >= 3, 10, "the third date")
    listing = await p.run(p.member_ids[0], "meet list")
    fields = listing.embeds[0]["fields"]
    assert [f["name"] for f in fields] == ["🔁 Sunday Drive"]
    assert fields[0]["value"].count("<t:") == 4
    assert "RSVPs close" not in fields[0]["value"]  # no rsvp_by: they close at each start
    assert len(announcements(p)) == 3  # the restart and many ticks doubled nothing

    info = await p.run(p.member_ids[0], "meet info", {"meet": meet_id(second)})
    repeats = [f["value"] for f in info.embeds[0]["fields"] if f["name"] == "Repeats"]
    assert repeats and repeats[0].startswith("every Sunday at 10:00 (Europe/Berlin)")

    # Cancelling a date of a recurring meet asks which dates (with buttons, see below);
    # `dates` answers it at once.
    asked = await p.run(p.organiser_id, "meet cancel", {"meet": meet_id(announcements(p)[2])})
    assert "Cancel only this date" in str(asked.content), asked.content
    done = await p.run(
        p.organiser_id,
        "meet cancel",
        {"meet": meet_id(announcements(p)[2]), "dates": "later", "reason": "Season over"},
    )
    await done.wait_followup(1, 5)
    assert "Cancelled 1 date of" in done.followups[0]["content"]
    p.clock.set(datetime(2027, 7, 30, tzinfo=UTC))
    later = await p.run(p.member_ids[0], "meet list")
    assert "No meets planned yet" in (later.embeds[0].get("description") or "")
    assert len(announcements(p)) == 3


async def test_each_date_the_scheduler_announces_gets_its_own_thread(paddock: Harness) -> None:
    p = paddock
    await p.run(p.owner_id, "config meet-threads", {"state": "on"})
    await p.create(sunday_drive(p))
    p.clock.set(datetime(2027, 6, 6, 8, 30, tzinfo=UTC))
    await p.fake.wait_until(lambda: len(announcements(p)) >= 2, 5, "the second date")
    second = announcements(p)[1]
    # With meet threads on, a date the scheduler announces is a new meet like any other:
    # its own thread, shown on its announcement, joined by who answers.
    await p.fake.wait_until(
        lambda: int(second["id"]) in p.fake.channels, 5, "the second date's thread"
    )
    thread = p.fake.channels[int(second["id"])]
    assert (thread.type, thread.name, thread.parent_id) == (11, "Sunday Drive", p.meets_id)

    def shows_thread() -> bool:
        current = p.fake.find_message(int(second["id"]))
        return current is not None and f"<#{thread.id}>" in current["embeds"][0]["description"]

    await p.fake.wait_until(shows_thread, 5, "the thread on the announcement")
    going = f"paddock:rsvp:{meet_id(second)}:going"
    pressed = await p.fake.press(second["id"], going, p.member_ids[0])
    await pressed.wait_response(3)
    await p.fake.wait_until(lambda: p.member_ids[0] in thread.thread_members, 5, "joined")


async def test_this_and_later_previews_the_time_an_answered_date_keeps(paddock: Harness) -> None:
    p = paddock
    await p.create(sunday_drive(p))
    first = announcements(p)[0]
    going = f"paddock:rsvp:{meet_id(first)}:going"
    answered = await p.fake.press(first["id"], going, p.member_ids[0])
    await answered.wait_response(3)
    record = await p.run(
        p.organiser_id,
        "meet edit",
        {"meet": meet_id(first), "when": "2027-06-06 11:00", "dates": "later"},
    )
    # A member answered this date, so the edit keeps its 10:00; the preview the
    # organiser approves says 10:00 and why, not the 11:00 it won't get.
    preview = str(record.content)
    assert "Starts **Sunday, June 6, 2027, 10:00 (Europe/Berlin, CEST)**" in preview, preview
    assert "Members have already answered this date, so it keeps its time" in preview
    previewed = record.embeds[0]["description"]
    saved = await post_preview(p.fake, record, p.organiser_id)
    assert "1 date with answers keeps its time" in str(saved.content), saved.content
    assert "<t:1812268800:F>" in previewed  # 10:00 Berlin
    assert announcements(p)[0]["embeds"][0]["description"] == previewed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_calendar_link_serves_the_feed_and_regenerates(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    p = make_harness(fake, tmp_path)
    p.web_port = free_port()
    await p.start()
    try:
        await p.create(
            {
                "title": "Track day",
                "when": "2027-06-20 09:00",
                "location": "Sachsenring",
                "channel": p.meets_id,
            },
        )
        denied = await p.run(p.member_ids[0], "config calendar-link")
        assert "Manage Server" in str(denied.content)
        shown = await p.run(p.owner_id, "config calendar-link")
        feed, page = re.findall(r"<(http://[^>]+)>", str(shown.content))
        assert feed.endswith(".ics") and page.endswith("/")
        async with aiohttp.ClientSession() as session:
            async with session.get(feed) as resp:
                assert resp.status == 200
                cal = Calendar.from_ical(await resp.read())
            assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Track day"]
            async with session.get(page) as resp:
                assert resp.status == 200 and "Track day" in await resp.text()
            renewed = await p.run(p.owner_id, "config calendar-link", {"regenerate": True})
            assert "old ones no longer work" in str(renewed.content)
            new_feed, _ = re.findall(r"<(http://[^>]+)>", str(renewed.content))
            assert new_feed != feed
            for url, status in ((feed, 404), (page, 404), (new_feed, 200)):
                async with session.get(url) as resp:
                    assert resp.status == status, url
    finally:
        await p.stop()


async def test_a_failed_date_announcement_is_tried_again_until_it_appears(
    paddock: Harness,
) -> None:
    """Discord refuses the first posts of a date's announcement: the scheduler keeps
    trying, with a growing wait, and the date appears once, without a restart."""
    p = paddock
    # No reminders: the only posts in the meets channel are announcements.
    await p.run(p.owner_id, "config reminders", {"times": "off"})
    await p.create(sunday_drive(p))
    assert len(announcements(p)) == 1
    posts = rf"^/channels/{p.meets_id}/messages$"

    def tries() -> int:
        return len(p.fake.requests_to("POST", posts))

    before = tries()
    p.fake.fail_next("POST", posts, 503, count=3, message="503: Service Unavailable")
    due = datetime(2027, 6, 6, 8, 30, tzinfo=UTC)  # 13 June is now within the week
    p.clock.set(due)
    await p.fake.wait_until(lambda: tries() == before + 1, 10, "the first try")
    assert len(announcements(p)) == 1
    # Each try that fails waits longer; moving the clock past the longest wait brings
    # exactly one more try per pass.
    for n in (2, 3, 4):
        due += timedelta(minutes=31)
        p.clock.set(due)
        await p.fake.wait_until(lambda n=n: tries() >= before + n, 10, f"try {n}")
    await p.fake.wait_until(lambda: len(announcements(p)) == 2, 10, "the announcement")
    second = announcements(p)[1]
    assert "Sunday Drive" in second["embeds"][0]["title"]
    ids = [meet_id(m) for m in announcements(p)]
    assert len(set(ids)) == 2, ids

    # The organiser's view: the date is listed with its announcement, and more passes
    # (and the restart after them) post nothing twice. The fake holds the post a moment
    # before the bot has stored its id, so wait for the stored id first.
    stored = 0

    async def ids_stored() -> int:
        return int(await p.bot.db.fetchval("SELECT COUNT(message_id) FROM meets") or 0)

    for _ in range(400):  # 20 s, the fake's own ceiling
        if (stored := await ids_stored()) == 2:
            break
        await asyncio.sleep(0.05)
    assert stored == 2, "both dates' announcement ids stored"
    listing = await p.run(p.organiser_id, "meet list")
    assert "[announcement](" in listing.embeds[0]["fields"][0]["value"]
    p.clock.set(due + timedelta(hours=2))
    await p.restart()
    again = await p.run(p.organiser_id, "meet list")
    assert again.embeds[0]["fields"][0]["value"].count("[announcement](") == 1
    assert len(announcements(p)) == 2
    assert tries() == before + 4


def buttons(message: dict[str, Any]) -> dict[str, str]:
    """label -> custom id of a message's buttons."""
    return {
        item["label"]: item["custom_id"]
        for row in message.get("components") or []
        for item in row.get("components") or []
    }


async def test_which_dates_is_asked_with_buttons_that_work_after_a_restart(
    paddock: Harness,
) -> None:
    p = paddock
    await p.run(p.owner_id, "config post-ahead", {"ahead": "8d"})
    await p.create(sunday_drive(p))
    p.clock.set(datetime(2027, 6, 5, 9, 0, tzinfo=UTC))  # 13 June is 8 days off
    await p.fake.wait_until(lambda: len(announcements(p)) == 2, 10, "the second date")
    first, second = (meet_id(m) for m in announcements(p))
    await p.run(p.member_ids[0], "rsvp", {"meet": first, "status": "going"})

    # Cancel without `dates`: a question only the organiser sees, with two buttons.
    asked = await p.run(p.organiser_id, "meet cancel", {"meet": first, "reason": "Rain"})
    question = asked.original
    assert question is not None and question["flags"] & 64  # ephemeral
    assert "** repeats. Cancel only this date (<t:1812268800:F>)" in question["content"]
    assert question["content"].startswith("**[Sunday Drive](https://discord.com/channels/")
    assert "or this and all later dates?" in question["content"]
    choice = buttons(question)
    assert list(choice) == ["This date only", "This and all later dates"]
    assert all(len(c) <= 100 and c.startswith("paddock:dates:") for c in choice.values())
    assert "Cancelled" not in str(announcements(p)[0]["embeds"][0]["title"])  # nothing yet

    # The bot restarts between the question and the answer; the press still works.
    await p.restart()
    other = await p.fake.press(question["id"], choice["This date only"], p.member_ids[0])
    await other.wait_response()
    await p.fake.wait_until(lambda: bool(other.content), 10, "the refusal")
    assert "Only organisers" in str(other.content), other.content
    pressed = await p.fake.press(question["id"], choice["This date only"], p.organiser_id)
    await pressed.wait_response()
    await p.fake.wait_until(
        lambda: (pressed.content or "").startswith("Cancelled"), 10, "the outcome"
    )
    assert "Cancelled **[Sunday Drive](" in str(pressed.content)
    assert "told 1 member." in str(pressed.content)
    assert not pressed.components  # the question's buttons are gone with it
    await p.fake.wait_until(
        lambda: announcements(p)[0]["embeds"][0]["title"].startswith("Cancelled"),
        10,
        "the first date shown cancelled",
    )
    assert not announcements(p)[1]["embeds"][0]["title"].startswith("Cancelled")

    # Editing asks the same, in the organiser's language; "this date only" with a new
    # time turns the question into the preview, and only Post changes the meet.
    asked = await p.run(
        p.organiser_id, "meet edit", {"meet": second, "when": "2027-06-13 11:30"}, locale="de"
    )
    question = asked.original
    assert question is not None
    assert "wiederholt sich. Nur diesen Termin (<t:" in question["content"], question
    choice = buttons(question)
    assert list(choice) == ["Nur diesen Termin", "Diesen und alle späteren"]
    pressed = await p.fake.press(question["id"], choice["Nur diesen Termin"], p.organiser_id)
    await pressed.wait_response()
    assert pressed.callbacks[0].type == 7  # the question updated in place, at once
    preview = pressed.original
    assert preview is not None and preview["content"].startswith("**Preview")
    assert "Sunday, June 13, 2027, 11:30 (Europe/Berlin, CEST)" in preview["content"]
    assert "<t:1812873600:F>" in announcements(p)[1]["embeds"][0]["description"]  # 10:00 still
    posted = await post_preview(p.fake, pressed, p.organiser_id)
    assert str(posted.content).startswith("Updated **[Sunday Drive](")
    info = await p.run(p.organiser_id, "meet info", {"meet": second})
    assert "<t:1812879000:F>" in info.embeds[0]["fields"][0]["value"]  # 13 June 11:30 CEST


async def test_rsvp_by_on_a_recurring_meet_closes_each_date_before_it(paddock: Harness) -> None:
    p = paddock
    options = sunday_drive(p)
    # A time of day can't be "before each date"; nor a time longer than the post-ahead.
    wrong = await p.run(p.organiser_id, "meet create", {**options, "rsvp_by": "friday 18:00"})
    assert "a recurring meet needs a time before each date, e.g. `2 days before`" in str(
        wrong.content
    )
    far = await p.run(p.organiser_id, "meet create", {**options, "rsvp_by": "8 days before"})
    assert "each date is announced 7d before it" in str(far.content), far.content

    created = await p.slash(p.organiser_id, "meet create", {**options, "rsvp_by": "2 days"})
    await created.wait_response()
    preview = str(created.content)
    assert "RSVPs close Friday, June 4, 2027, 10:00 (Europe/Berlin, CEST)" in preview, preview
    assert "Repeats every Sunday at 10:00 (Europe/Berlin); each date is a meet" in preview
    assert "RSVPs close 2 days before each date." in preview
    assert announcements(p) == []  # a preview only
    posted = await post_preview(p.fake, created, p.organiser_id)
    assert str(posted.content).startswith("Announced **[Sunday Drive](")
    first = announcements(p)[0]
    assert "**RSVP by:** <t:1812096000:F>" in first["embeds"][0]["description"]

    info = await p.run(p.member_ids[0], "meet info", {"meet": meet_id(first)}, locale="de")
    repeats = next(f["value"] for f in info.embeds[0]["fields"] if f["name"] == "Wiederholung")
    assert repeats.startswith("jeden Sonntag um 10:00 (Europe/Berlin)"), repeats
    assert "Zusagen schließen 2 Tage vor jedem Termin." in repeats, repeats
    # /meet list says it on the meet's line, after its rule and place, as members read it.
    for locale, line in (
        (
            "en-US",
            "Repeats every Sunday at 10:00 (Europe/Berlin) · Leipzig · "
            "RSVPs close 2 days before each date\n",
        ),
        (
            "de",
            "Wiederholt sich jeden Sonntag um 10:00 (Europe/Berlin) · Leipzig · "
            "Zusagen schließen 2 Tage vor jedem Termin\n",
        ),
    ):
        listing = await p.run(p.member_ids[1], "meet list", locale=locale)
        (field,) = listing.embeds[0]["fields"]
        assert field["value"].startswith(line), field["value"]

    p.clock.set(datetime(2027, 6, 6, 8, 30, tzinfo=UTC))
    await p.fake.wait_until(lambda: len(announcements(p)) == 2, 10, "the second date")
    second = announcements(p)[1]
    assert "**RSVP by:** <t:1812700800:F>" in second["embeds"][0]["description"]


async def test_changing_this_and_later_dates_is_previewed_and_written_on_post(
    paddock: Harness,
) -> None:
    p = paddock
    await p.create(sunday_drive(p))
    first = meet_id(announcements(p)[0])
    # Through the question's second button: the question becomes the preview.
    asked = await p.run(
        p.organiser_id,
        "meet edit",
        {"meet": first, "when": "2027-06-06 11:00", "rsvp_by": "1 day before"},
    )
    assert asked.original is not None
    later = buttons(asked.original)["This and all later dates"]
    pressed = await p.fake.press(asked.original["id"], later, p.organiser_id)
    await pressed.wait_response()
    preview = str(pressed.content)
    assert preview.startswith("**Preview:** nobody sees these changes until you press **Post**.")
    assert "Starts **Sunday, June 6, 2027, 11:00 (Europe/Berlin, CEST)**" in preview
    assert "RSVPs close Saturday, June 5, 2027, 11:00 (Europe/Berlin, CEST)" in preview
    assert (
        "These changes apply to this date and all later dates: every Sunday at 11:00 "
        "(Europe/Berlin)." in preview
    )
    assert "already answered keep their time" in preview
    assert "RSVPs close 1 day before each date." in preview
    # Nothing written yet: the announcement and /meet info still say 10:00.
    assert "<t:1812268800:F>" in announcements(p)[0]["embeds"][0]["description"]
    info = await p.run(p.member_ids[0], "meet info", {"meet": first})
    repeats = next(f["value"] for f in info.embeds[0]["fields"] if f["name"] == "Repeats")
    assert repeats.startswith("every Sunday at 10:00") and "RSVPs close" not in repeats

    saved = await post_preview(p.fake, pressed, p.organiser_id)
    assert str(saved.content).startswith(
        "Updated this and all later dates: every Sunday at 11:00 (Europe/Berlin)."
    ), saved.content
    await p.fake.wait_until(
        lambda: "<t:1812272400:F>" in announcements(p)[0]["embeds"][0]["description"],
        10,
        "the announcement at 11:00",
    )
    assert "**RSVP by:** <t:1812186000:F>" in announcements(p)[0]["embeds"][0]["description"]
    info = await p.run(p.member_ids[0], "meet info", {"meet": first})
    repeats = next(f["value"] for f in info.embeds[0]["fields"] if f["name"] == "Repeats")
    assert repeats.startswith("every Sunday at 11:00")
    assert "RSVPs close 1 day before each date." in repeats

    # With `dates` given: straight to the preview; Discard changes nothing.
    direct = await p.run(
        p.organiser_id, "meet edit", {"meet": first, "title": "Sunday Run", "dates": "later"}
    )
    assert str(direct.content).startswith("**Preview")
    assert "Sunday Run" in direct.embeds[0]["title"]
    discard = next(c for c in buttons(direct.original or {}).values() if c.endswith(":discard"))
    dropped = await p.fake.press((direct.original or {})["id"], discard, p.organiser_id)
    await dropped.wait_response()
    assert "Nothing was posted or changed" in str(dropped.content)
    assert announcements(p)[0]["embeds"][0]["title"] == "Sunday Drive"


@pytest.mark.parametrize(
    ("locale", "cancelled", "no_more"),
    [("en-US", "**cancelled**", "no more dates"), ("de", "**abgesagt**", "keine weiteren Termine")],
)
async def test_cancelled_dates_stay_listed_as_cancelled_for_a_week(
    paddock: Harness, locale: str, cancelled: str, no_more: str
) -> None:
    """Cancelling this and all later dates shows in /meet list as a cancelled one-off
    meet does: marked cancelled, until a week after its start; then it is gone."""
    p = paddock
    await p.run(p.owner_id, "config post-ahead", {"ahead": "8d"})
    await p.create(sunday_drive(p))
    p.clock.set(datetime(2027, 6, 5, 9, 0, tzinfo=UTC))  # 13 June is 8 days off
    await p.fake.wait_until(lambda: len(announcements(p)) == 2, 10, "the second date")
    first = meet_id(announcements(p)[0])
    oneoff = await p.create({"title": "Coffee", "when": "2027-06-09 18:00", "location": "Leipzig"})
    assert str(oneoff.content).startswith("Announced"), oneoff.content
    coffee = await p.bot.db.fetchval("SELECT id FROM meets WHERE title = 'Coffee'")
    for meet, dates in ((first, "later"), (str(coffee), None)):
        options = {"meet": meet, "reason": "Rain", **({"dates": dates} if dates else {})}
        done = await p.run(p.organiser_id, "meet cancel", options)
        await p.fake.wait_until(
            lambda d=done: str(d.content).startswith("Cancelled"), 10, "the cancel"
        )

    listing = await p.run(p.member_ids[0], "meet list", locale=locale)
    fields = {f["name"]: f["value"] for f in listing.embeds[0]["fields"]}
    drive = fields["🔁 Sunday Drive"].splitlines()
    assert drive[1].startswith("<t:1812268800:F> · " + cancelled), drive  # 6 June
    assert drive[2].startswith("<t:1812873600:F> · " + cancelled), drive  # 13 June
    assert drive[3:] == [no_more], drive
    assert f"#{coffee} Coffee" in next(n for n in fields if n.endswith(f"#{coffee} Coffee"))
    assert cancelled in next(v for n, v in fields.items() if n.endswith(f"#{coffee} Coffee"))

    # A week after each start it is gone, the one-off meet and the date alike.
    p.clock.set(datetime(2027, 6, 17, 9, 0, tzinfo=UTC))
    later = await p.run(p.member_ids[0], "meet list", locale=locale)
    fields = {f["name"]: f["value"] for f in later.embeds[0]["fields"]}
    drive = fields["🔁 Sunday Drive"].splitlines()
    assert drive[1].startswith("<t:1812873600:F> · " + cancelled) and drive[2:] == [no_more]
    assert not any(n.endswith("Coffee") for n in fields), fields
    p.clock.set(datetime(2027, 6, 21, 9, 0, tzinfo=UTC))
    gone = await p.run(p.member_ids[0], "meet list", locale=locale)
    assert not any("Sunday Drive" in f["name"] for f in gone.embeds[0].get("fields") or [])
