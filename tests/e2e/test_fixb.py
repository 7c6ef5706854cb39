"""QA findings fixed by the `fixb` helper, end to end through the fake Discord."""

from __future__ import annotations

from tests.e2e.harness import Harness
from tests.e2e.test_attendance import create_meet, start_counter


async def test_staff_corrections_group_thousands_in_the_members_language(
    paddock: Harness,
) -> None:
    p = paddock
    meet_id = await create_meet(p)
    await start_counter(p, meet_id)
    added = await p.run(
        p.organiser_id,
        "attendance adjust",
        {"meet": str(meet_id), "cars": 100000, "reason": "festival"},
    )
    # It read "Staff tally +100000." beside "100,000 cars".
    assert (added.content or "").startswith("Staff tally +100,000. Now 100,000 cars")
    removed = await p.run(
        p.organiser_id,
        "attendance adjust",
        {"meet": str(meet_id), "cars": -99000, "reason": "Zählfehler"},
        locale="de",
    )
    assert (removed.content or "").startswith("Teamzählung −99.000. Jetzt 1.000 Autos")

