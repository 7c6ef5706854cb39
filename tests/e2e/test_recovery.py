"""Recoveries in the middle of a burst: the gateway drops, and Discord fails edits.

* Gateway: the socket closes while presses are being answered, and more presses
  arrive while the bot is disconnected. The bot RESUMEs (no new IDENTIFY), the fake
  replays what it missed, and every press is answered once and stored once.
* Edits: Discord answers 500, 502 and 429 to message edits while members keep
  pressing. The live counter, the meet announcement and the record announcement
  all end on what the database says, the last edit is never a stale one, the
  channel never gets more than 5 sends/edits in 5 s, and the only 429s are ours.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from tests.e2e.harness import Harness
from tests.fakediscord import Interaction, RequestRecord

pytestmark = pytest.mark.e2e

TITLE = "Recovery Run 2027"
CAR = re.compile(r"car (\d+)")
EDIT = r"/channels/\d+/messages/\d+$"


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row["components"]]


def with_button(p: Harness, channel_id: int, prefix: str) -> dict[str, Any]:
    found = [
        m
        for m in p.fake.messages_in(channel_id)
        if any(i.startswith(prefix) for i in custom_ids(m))
    ]
    assert len(found) == 1, f"expected one message with a {prefix} button, found {len(found)}"
    return found[0]


async def create_meet(p: Harness) -> tuple[int, dict[str, Any]]:
    """/meet create with the announcement in #meets; returns (meet id, announcement)."""
    record = await p.create(
        {"title": TITLE, "when": "2027-06-01 12:00", "location": "Nürburg", "channel": p.meets_id}
    )
    assert (record.content or "").startswith("Announced"), record.content
    announcement = with_button(p, p.meets_id, "paddock:rsvp:")
    return int(custom_ids(announcement)[0].split(":")[2]), announcement


async def start_counter(p: Harness, meet_id: int, channel_id: int) -> dict[str, Any]:
    record = await p.run(
        p.organiser_id, "attendance start", {"meet": str(meet_id), "channel": channel_id}
    )
    done = await record.wait_followup(1, 5)
    assert "is live in" in done["content"], done
    return with_button(p, channel_id, f"paddock:att:{meet_id}:")


async def fire(
    p: Harness,
    announcement: dict[str, Any],
    counter: dict[str, Any],
    meet_id: int,
    users: list[int],
) -> tuple[list[Interaction], list[Interaction]]:
    """Every user presses Going and I'm here; dispatched at once, not awaited."""
    going = [
        await p.fake.press(announcement["id"], f"paddock:rsvp:{meet_id}:going", u) for u in users
    ]
    here = [await p.fake.press(counter["id"], f"paddock:att:{meet_id}:here", u) for u in users]
    return going, here


def heading(message: dict[str, Any]) -> str:
    return message["embeds"][0]["description"].split("\n")[0]


def places(message: dict[str, Any]) -> str:
    return message["embeds"][0]["fields"][0]["value"]


def cars(n: int) -> str:
    return f"{n} car" if n == 1 else f"{n} cars"


async def truth(p: Harness, meet_id: int) -> dict[str, int]:
    """What the database says, summed from the rows themselves."""
    db = p.bot.db
    return {
        "going": await db.fetchval(
            "SELECT COUNT(*) FROM meet_rsvps WHERE meet_id = ? AND status = 'going'", (meet_id,)
        ),
        "checked_in": await db.fetchval(
            "SELECT COALESCE(SUM(delta), 0) FROM attendance_events "
            "WHERE meet_id = ? AND kind != 'staff'",
            (meet_id,),
        ),
        "staff": await db.fetchval(
            "SELECT COALESCE(SUM(delta), 0) FROM attendance_events "
            "WHERE meet_id = ? AND kind = 'staff'",
            (meet_id,),
        ),
        "high": await db.fetchval(
            "SELECT high_water FROM attendance_counters WHERE meet_id = ?", (meet_id,)
        ),
    }


def callbacks_sent(p: Harness, press: Interaction) -> int:
    return len(p.fake.requests_to("POST", rf"^/interactions/{press.id}/[^/]+/callback$"))


async def test_gateway_drop_mid_burst_resumes_and_answers_every_press_once(
    paddock: Harness,
) -> None:
    p = paddock
    meet_id, announcement = await create_meet(p)
    counter = await start_counter(p, meet_id, p.general_id)
    members = await p.add_members(80)
    before, during = members[:40], members[40:]

    going1, here1 = await fire(p, announcement, counter, meet_id, before)
    # The socket closes while those are being answered ...
    dropping = asyncio.create_task(p.fake.drop_gateway())
    await asyncio.sleep(0)
    assert not p.fake.connected
    # ... and these arrive while the bot is away: the fake queues them for the resume.
    going2, here2 = await fire(p, announcement, counter, meet_id, during)
    assert p.fake.resume_count == 0, "dispatched before the bot could resume"
    await dropping

    presses = going1 + here1 + going2 + here2
    await asyncio.gather(*(press.wait_response(5) for press in presses))
    assert p.fake.resume_count >= 1
    assert len(p.fake.identify_payloads) == 1, "the bot resumed; it did not start a new session"
    assert p.fake.late_answers == [], "answered within Discord's 3 s"
    # The replay delivered nothing twice: one callback per interaction, from the bot.
    assert [callbacks_sent(p, press) for press in presses] == [1] * len(presses)

    for press in going1 + going2:
        assert (press.content or "").startswith("You're going"), press.content
    numbers = {}
    for press in here1 + here2:
        match = CAR.search(press.content or "")
        assert match and press.content.startswith("You're checked in"), press.content
        numbers[press.user_id] = int(match.group(1))
    assert sorted(numbers.values()) == list(range(1, len(members) + 1))

    rsvps = await p.bot.db.fetchall(
        "SELECT user_id, status FROM meet_rsvps WHERE meet_id = ?", (meet_id,)
    )
    assert sorted((r["user_id"], r["status"]) for r in rsvps) == sorted(
        (u, "going") for u in members
    )
    events = await p.bot.db.fetchall(
        "SELECT member_id, total_after FROM attendance_events WHERE meet_id = ? AND kind = 'checkin'",
        (meet_id,),
    )
    assert sorted((r["member_id"], r["total_after"]) for r in events) == sorted(numbers.items())

    # The messages follow, with no restart needed.
    def converged() -> bool:
        c = p.fake.find_message(int(counter["id"]))
        a = p.fake.find_message(int(announcement["id"]))
        return (
            c is not None
            and a is not None
            and heading(c) == f"# {cars(len(members))}"
            and places(a) == f"{len(members)} going (no limit)"
        )

    await p.fake.wait_until(converged, 5, "counter and announcement at 80")

    # And the bot keeps answering on the resumed session.
    late = await p.fake.press(counter["id"], f"paddock:att:{meet_id}:here", p.member_ids[0])
    await late.wait_response(3)
    assert (
        late.content
        == f"You're checked in: car {len(members) + 1}. {len(members) + 1} cars here now."
    )


def sends_to(p: Harness, channel_id: int) -> list[RequestRecord]:
    """Message creates and edits in one channel that Discord accepted, in time order."""
    accepted = [
        r
        for r in p.fake.requests_to("POST", rf"^/channels/{channel_id}/messages$")
        + p.fake.requests_to("PATCH", rf"^/channels/{channel_id}/messages/\d+$")
        if 200 <= r.status < 300
    ]
    return sorted(accepted, key=lambda r: r.at)


def versions(message: dict[str, Any]) -> list[dict[str, Any]]:
    """Every state the message has shown, oldest first, the current one last."""
    return [*message["_history"], message]


def failed(p: Harness, path: str, status: int) -> int:
    return sum(1 for r in p.fake.requests_to("PATCH", path) if r.status == status)


async def test_edits_failing_with_500_502_429_converge_on_the_database(paddock: Harness) -> None:
    p = paddock
    imported = await p.run(
        p.organiser_id,
        "records import",
        {"count": 10, "date": "2023-08-26", "label": "Recovery Run 2023"},
    )
    assert (imported.content or "").startswith("Imported 10 cars"), imported.content
    meet_id, announcement = await create_meet(p)
    # The counter and (by default) the record news share #meets with the announcement,
    # so all three messages spend one channel budget.
    counter = await start_counter(p, meet_id, p.meets_id)
    counter_path = rf"^/channels/{p.meets_id}/messages/{counter['id']}$"
    announcement_path = rf"^/channels/{p.meets_id}/messages/{announcement['id']}$"
    members = await p.add_members(46)

    def record_post() -> dict[str, Any] | None:
        posts = [m for m in p.fake.messages_in(p.meets_id) if "New club record" in m["content"]]
        assert len(posts) <= 1, "one record announcement, ever"
        return posts[0] if posts else None

    async def wave(users: list[int], staff: str) -> list[Interaction]:
        going, here = await fire(p, announcement, counter, meet_id, users)
        tally = await p.fake.press(counter["id"], f"paddock:att:{meet_id}:{staff}", p.organiser_id)
        presses = [*going, *here, tally]
        await asyncio.gather(*(press.wait_response(5) for press in presses))
        assert all(press.ephemeral for press in presses)
        return presses

    def inject(path: str, status: int, count: int, retry_after: float = 0.3) -> int:
        """Fail the next `count` edits on `path`; returns the failure count to wait for."""
        expected = failed(p, path, status) + count
        p.fake.fail_next("PATCH", path, status, count=count, retry_after=retry_after)
        return expected

    async def met(path: str, status: int, expected: int) -> None:
        await p.fake.wait_until(
            lambda: failed(p, path, status) == expected, 8, f"{status}s on {path}"
        )

    async def converged(what: str) -> dict[str, int]:
        """Wait for every message to show what the database says."""
        want = await truth(p, meet_id)
        total = want["checked_in"] + want["staff"]

        def ok() -> bool:
            c = p.fake.find_message(int(counter["id"]))
            a = p.fake.find_message(int(announcement["id"]))
            r = record_post()
            return (
                c is not None
                and a is not None
                and r is not None
                and heading(c) == f"# {cars(total)}"
                and c["embeds"][0]["footer"]["text"]
                == f"{want['checked_in']} checked in · staff tally {want['staff']}"
                and places(a) == f"{want['going']} going (no limit)"
                and f"now {cars(want['high'])}!" in r["content"]
            )

        await p.fake.wait_until(ok, 10, f"messages converged after {what}")
        return want

    # Each failure is injected before a wave of presses and met by an edit that wave
    # causes, while the wave is still changing the state.
    # 1. A 500 on the counter's edit: discord.py retries it after 1 s.
    expected = inject(counter_path, 500, 1)
    tallies = await wave(members[0:15], "p5")
    # The wave's presses are handled side by side, so the tally counts the check-ins that
    # committed before it: between none and all 15 of them.
    tally = re.fullmatch(r"Staff tally \+5: (\d+) cars now\.", tallies[-1].content or "")
    assert tally is not None and 5 <= int(tally[1]) <= 20, tallies[-1].content
    await met(counter_path, 500, expected)
    # 2. A 502 on the announcement's edit.
    expected = inject(announcement_path, 502, 1)
    tallies = await wave(members[15:30], "m1")
    assert (tallies[-1].content or "").startswith("Staff tally −1:")
    await met(announcement_path, 502, expected)
    # 3. 429s on whatever edit comes next: discord.py waits out retry_after and retries.
    expected = inject(EDIT, 429, 3)
    tallies = await wave(members[30:45], "p1")
    assert (tallies[-1].content or "").startswith("Staff tally +1:")
    await met(EDIT, 429, expected)
    await converged("500, 502 and 429s")

    # 4. Five 429s in a row on one edit: discord.py gives up and raises. Nothing else
    # changes afterwards, so only the pacer's own retry can bring the announcement up
    # to date.
    await p.bot.pacer.flush(timeout=60)
    expected = inject(announcement_path, 429, 5, retry_after=0.05)
    last = await p.fake.press(announcement["id"], f"paddock:rsvp:{meet_id}:going", members[45])
    await last.wait_response(3)
    await met(announcement_path, 429, expected)
    want = await converged("five 429s in a row")
    await p.bot.pacer.flush(timeout=60)
    assert not p.bot.pacer.busy()

    assert want == {"going": 46, "checked_in": 45, "staff": 5, "high": 50}, want
    # Every injected failure was met, and those were the only errors and the only 429s.
    edits = p.fake.requests_to("PATCH", EDIT)
    statuses = sorted(r.status for r in edits if r.status >= 300)
    assert statuses == [429] * 8 + [500, 502], statuses
    assert len(p.fake.rate_limited) == 8, "no 429 beyond the injected ones"

    # The last state of each message is the true one, not a stale retry.
    c = p.fake.find_message(int(counter["id"]))
    a = p.fake.find_message(int(announcement["id"]))
    r = record_post()
    assert c is not None and a is not None and r is not None
    assert heading(c) == "# 50 cars"
    assert c["embeds"][0]["footer"]["text"] == "45 checked in · staff tally 5"
    assert places(a) == "46 going (no limit)"
    assert r["content"] == (
        f"🏁 New club record at {TITLE}: now 50 cars! "
        "Previous record: 10 (Recovery Run 2023, 26 Aug 2023)."
    )
    # Going only grows and the record only rises, so no edit ever showed fewer than one
    # before it (a stale payload landing last would).
    shown_going = [int(places(v).split()[0]) for v in versions(a)]
    assert shown_going == sorted(shown_going), shown_going
    shown_high = [
        int(m.group(1)) for v in versions(r) if (m := re.search(r"(\d+) cars", v["content"]))
    ]
    assert shown_high == sorted(shown_high), shown_high

    # Never more than Discord's 5 creates/edits per 5 s in the channel, failures or not.
    accepted = [rec.at for rec in sends_to(p, p.meets_id)]
    busiest = max(sum(1 for t in accepted if start <= t < start + 5.0) for start in accepted)
    assert busiest <= 5, f"{busiest} sends/edits in 5 s to #meets"
    # Coalescing: far fewer edits than the 94 presses that changed something.
    assert len(edits) < 40, len(edits)


async def test_an_outage_longer_than_the_retries_still_converges_once_discord_is_back(
    paddock: Harness,
) -> None:
    p = paddock
    meet_id, announcement = await create_meet(p)
    # The pacer's policy, with its timings (1.1 s between operations, 2 s, 4 s, ...
    # between retries) shortened so the outage outlasts every retry in well under a second.
    pacer = p.bot.pacer
    pacer.spacing = pacer.edit_interval = pacer.retry_delay = 0.05
    pacer.window = 0.5
    path = rf"^/channels/{p.meets_id}/messages/{announcement['id']}$"
    # 503: discord.py does not retry it itself, so each failure reaches the pacer at once.
    outage = p.bot.pacer.max_retries
    p.fake.fail_next("PATCH", path, 503, count=outage)
    press = await p.fake.press(announcement["id"], f"paddock:rsvp:{meet_id}:going", p.member_ids[0])
    await press.wait_response(3)
    await p.fake.wait_until(
        lambda: failed(p, path, 503) == outage, 5, "Discord failing every retry"
    )
    # Discord is back. Nobody presses anything else; the announcement must still catch up.
    await p.fake.wait_until(
        lambda: places(p.fake.find_message(int(announcement["id"]))) == "1 going (no limit)",
        3,
        "the announcement showing the RSVP after the outage",
    )
