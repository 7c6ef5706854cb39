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


async def test_reminders_understand_unit_words_in_english_and_german(paddock: Harness) -> None:
    p = paddock
    english = await p.run(p.owner_id, "config reminders", {"times": "2 days, 1 hour, 30 minutes"})
    assert english.content == "Reminders: 2 days, 1 hour, 30 minutes."
    german = await p.run(
        p.owner_id, "config reminders", {"times": "2 Tage, 1 Stunde, 30 Minuten"}, locale="de"
    )
    assert german.content == "Erinnerungen: 2 Tage, 1 Stunde, 30 Minuten."
    refused = await p.run(p.owner_id, "config reminders", {"times": "2 months"})
    assert refused.ephemeral
    assert "`2 months` is not a reminder time" in (refused.content or "")
    assert "`2 days`" in (refused.content or "")


async def test_post_ahead_out_of_range_names_what_was_typed(paddock: Harness) -> None:
    p = paddock
    refused = await p.run(p.owner_id, "config post-ahead", {"ahead": "30d"})
    assert refused.ephemeral
    assert refused.content == (
        "`30d` is out of range: announce recurring meets from 1 hour to 28 days ahead."
    )
    accepted = await p.run(p.owner_id, "config post-ahead", {"ahead": "2 Tage"}, locale="de")
    assert (
        accepted.content == "Wiederkehrende Treffen: jeder Termin wird 2 Tage vorher angekündigt."
    )
    shown = accepted.embeds[0]["fields"]
    assert "jeder Termin 2 Tage vorher angekündigt" in {f["value"] for f in shown}, shown
