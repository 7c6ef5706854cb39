"""Dates read as a member would read the replies, through the fake Discord, in English and
German (the harness's clock: Tuesday 1 June 2027, 11:00 in Berlin): a weekday that
doesn't fit the date, a day its month lacks, a length in `ends`, and the preview that
says how long the meet lasts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.e2e.harness import Harness, post_preview, preview_of
from tests.fakediscord import Interaction

pytestmark = pytest.mark.e2e

GERMAN = "de"
BASE = {"title": "Eifel tour", "location": "Nürburg"}


async def _reply(record: Interaction) -> str:
    await record.wait_response(3)
    assert record.ephemeral
    return record.content or ""


async def _nothing_stored(p: Harness) -> None:
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meets") == 0
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meet_drafts") == 0


async def test_a_wrong_weekday_and_a_missing_day_are_told_in_each_language(
    paddock: Harness,
) -> None:
    p = paddock
    cases = [
        (
            {"when": "Sat 10 May"},
            "en-US",
            "`when`: May 10, 2028 is a Wednesday, not a Saturday. "
            "Check the date or leave the weekday out.",
        ),
        (
            {"when": "Samstag 10.05"},
            GERMAN,
            "`wann`: Der 10. Mai 2028 ist ein Mittwoch, kein Samstag. "
            "Prüf das Datum oder lass den Wochentag weg.",
        ),
        (
            {"when": "2027-02-30 10:00"},
            "en-US",
            "`when`: February 2027 has 28 days, so there is no 30 February. Check the date.",
        ),
        (
            {"when": "31.04.2028 10 Uhr"},
            GERMAN,
            "`wann`: Der April 2028 hat 30 Tage, einen 31. April gibt es also nicht. "
            "Prüf das Datum.",
        ),
        (
            {"when": "Samstag 10 Uhr", "rsvp_by": "31.6. 18 Uhr"},
            GERMAN,
            "`zusage_bis`: Der Juni hat 30 Tage, einen 31. Juni gibt es also nicht. "
            "Prüf das Datum.",
        ),
        (
            {"when": "Saturday 10am", "ends": "6pm EST"},
            "en-US",
            "`ends`: I read times in the server's time zone, Europe/Berlin, not in EST. "
            "Give the time in Europe/Berlin and leave out `EST`.",
        ),
    ]
    for options, locale, expected in cases:
        record = await p.slash(p.organiser_id, "meet create", {**BASE, **options}, locale=locale)
        assert await _reply(record) == expected, options
        assert preview_of(record) is None
    await _nothing_stored(p)


def _ends_at(announcement: dict[str, Any]) -> datetime:
    """The end an announcement shows: its `<t:…:t>` timestamp."""
    found = re.search(r"<t:(\d+):t>", announcement["embeds"][0]["description"])
    assert found is not None, announcement
    return datetime.fromtimestamp(int(found[1]), UTC)


async def _saturday_until(p: Harness, ends: str, locale: str = "en-US") -> Interaction:
    """/meet create for Saturday 10:00 with `ends`, answered (with a preview or not)."""
    created = await p.slash(
        p.organiser_id,
        "meet create",
        {**BASE, "when": "Samstag 10 Uhr", "ends": ends},
        locale=locale,
    )
    await _reply(created)
    return created


async def test_ends_as_a_length_is_previewed_and_posted_as_one(paddock: Harness) -> None:
    p = paddock
    await p.run(p.owner_id, "config meets-channel", {"channel": p.meets_id})
    created = await _saturday_until(p, "3h30")
    text = created.content or ""
    assert "Starts **Saturday, June 5, 2027, 10:00 (Europe/Berlin, CEST)**" in text
    assert (
        "Ends Saturday, June 5, 2027, 13:30 (Europe/Berlin, CEST), "
        "3 hours 30 minutes after the start"
    ) in text
    assert "⚠️" not in text

    posted = await post_preview(p.fake, created, p.organiser_id)
    assert (posted.content or "").startswith("Announced **[Eifel tour]("), posted.content
    await p.fake.wait_until(
        lambda: any(m.get("embeds") for m in p.fake.messages_in(p.meets_id)),
        10,
        "the announcement",
    )
    announcement = next(m for m in p.fake.messages_in(p.meets_id) if m.get("embeds"))
    starts = datetime(2027, 6, 5, 8, 0, tzinfo=UTC)  # 10:00 CEST
    assert _ends_at(announcement) == starts + timedelta(hours=3, minutes=30)


async def test_a_german_length_and_a_clock_end_the_next_morning(paddock: Harness) -> None:
    p = paddock
    text = (await _saturday_until(p, "2,5 Std.", GERMAN)).content or ""
    assert (
        "Endet Samstag, 5. Juni 2027, 12:30 (Europe/Berlin, CEST), "
        "2 Stunden 30 Minuten nach dem Beginn"
    ) in text

    # "3:30" stays a time of day; the preview says how long that is, and what to type.
    text = (await _saturday_until(p, "3:30", GERMAN)).content or ""
    assert (
        "Endet Sonntag, 6. Juni 2027, 03:30 (Europe/Berlin, CEST), "
        "17 Stunden 30 Minuten nach dem Beginn"
    ) in text
    assert (
        "⚠️ Das sind mehr als 12 Stunden. Wenn du eine Dauer meintest, gib `ende` als Dauer "
        "an, z. B. `3h30` oder `90 min`."
    ) in text


async def test_the_form_tells_a_wrong_weekday_too(paddock: Harness) -> None:
    p = paddock
    opener = await p.run(p.organiser_id, "meet create", {"channel": p.meets_id})
    assert opener.modal is not None, opener.content
    form = await p.fake.submit(
        opener,
        {"title": "Eifel tour", "when": "Saturday 10/05 10am", "location": "Nürburg"},
    )
    assert await _reply(form) == (
        "`when`: May 10, 2028 is a Wednesday, not a Saturday. "
        "Check the date or leave the weekday out."
    )
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meets") == 0
