"""Found in the qa4a pass: the BMW 1M club's meet day, driven through the fake Discord
as its organisers and members do."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.harness import Harness
from tests.e2e.test_attendance import create_meet, import_record, start_counter

pytestmark = pytest.mark.e2e


async def test_stopping_a_stopped_or_missing_counter_is_told_only_to_the_organiser(
    paddock: Harness,
) -> None:
    """/attendance stop thinks in public (its summary is for the channel), so a refusal
    after that landed in the channel for everyone: 'That counter has already stopped.'"""
    p = paddock
    meet_id = await create_meet(p)
    await start_counter(p, meet_id)
    first = await p.run(p.organiser_id, "attendance stop", {"meet": str(meet_id)})
    assert not first.ephemeral and (first.followups[0]["content"] or "").startswith("Final: 0")

    again = await p.run(p.organiser_id, "attendance stop", {"meet": str(meet_id)})
    assert again.ephemeral, again.content
    assert again.content == "That counter has already stopped. Start it again to reopen it."

    other = await create_meet(p, "Cars & Coffee Adenau")
    never = await p.run(p.organiser_id, "attendance stop", {"meet": str(other)})
    assert never.ephemeral, never.content
    assert "has no attendance counter" in (never.content or "")
    public = [
        m["content"]
        for m in p.fake.messages_in(p.general_id)
        if not int(m.get("flags") or 0) & 64 and not m["content"].startswith("Final: 0")
    ]
    assert not [c for c in public if "stopped" in c or "counter" in c], public


async def test_a_broken_record_shows_how_far_past_it_the_count_is(paddock: Harness) -> None:
    """Past the record the counter read '▰▰▰▰▰▰▰▰▰▰ 85 / 80 record', a fraction over 1."""
    p = paddock
    await import_record(p, 80)
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)

    def progress() -> str:
        message = p.fake.find_message(int(counter["id"]))
        assert message is not None
        fields = {f["name"]: f["value"] for f in message["embeds"][0]["fields"]}
        return str(fields.get("Progress", ""))

    await p.run(
        p.organiser_id, "attendance adjust", {"meet": str(meet_id), "cars": 79, "reason": "gate"}
    )
    await p.fake.wait_until(lambda: progress().endswith(" 79 / 80 record"), 10, "79 of 80")
    await p.run(
        p.organiser_id, "attendance adjust", {"meet": str(meet_id), "cars": 6, "reason": "gate"}
    )
    await p.fake.wait_until(lambda: "85" in counter_heading(p, counter), 10, "85 shown")
    assert progress() == "▰▰▰▰▰▰▰▰▰▰ 5 over the record of 80", progress()


def counter_heading(p: Harness, counter: dict[str, Any]) -> str:
    message = p.fake.find_message(int(counter["id"]))
    return "" if message is None else str(message["embeds"][0]["description"])


async def test_a_slip_in_the_series_of_records_show_is_offered_the_right_one(
    paddock: Harness,
) -> None:
    """'/records show series:Nurburgrin' said there was no history at all, while /records
    import offered the series back for the same slip."""
    p = paddock
    await import_record(p, 80, series="Nürburgring")
    slip = await p.run(p.member_ids[0], "records show", {"series": "Nurburgrin"})
    assert slip.ephemeral
    assert slip.content == (
        "No attendance history for Nurburgrin. Did you mean **Nürburgring**? Pick it from the list."
    )
    german = await p.run(p.member_ids[0], "records show", {"series": "Nurburgrin"}, locale="de")
    assert (german.content or "").startswith("Kein Anwesenheitsverlauf für Nurburgrin. Meintest du")
    other = await p.run(p.member_ids[0], "records show", {"series": "Spa"})
    assert (other.content or "").startswith("No attendance history for Spa yet.")
