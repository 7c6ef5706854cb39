"""QA findings on meets (session fixa): the calendar file, the feed, and /meet create's
answers to odd input, end to end against the fake Discord."""

from __future__ import annotations

from icalendar import Calendar

import pytest

from tests.e2e.harness import Harness
from tests.e2e.test_meets import _meet_id, create_meet

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
