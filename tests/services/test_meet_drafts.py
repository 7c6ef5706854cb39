"""Previews: nothing is a meet until Post; Post happens once; drafts expire."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.errors import Forbidden, InvalidInput, NotFound
from bot.services.meets import MeetService
from bot.services.meets.drafts import DraftService
from bot.services.meets.models import MeetChanges, MeetPlan
from tests.services.meetkit import GUILD, START, make

ORGANISER = 9


@pytest.fixture
def drafts(db: Database, clock: ManualClock, meets: MeetService) -> DraftService:
    return DraftService(db, clock, meets)


def plan(**kwargs: object) -> MeetPlan:
    base: dict[str, object] = {"title": "Spring drive", "starts_at": START, "location": "Adenau"}
    base.update(kwargs)
    return MeetPlan(**base)  # type: ignore[arg-type]


async def test_post_makes_one_meet_and_the_draft_is_gone(
    db: Database, drafts: DraftService, meets: MeetService
) -> None:
    draft = await drafts.open(GUILD, ORGANISER, plan(capacity=5), note="read as CEST")
    assert await db.fetchval("SELECT COUNT(*) FROM meets") == 0
    again = await drafts.get(GUILD, draft.id, ORGANISER)
    assert (again.plan.title, again.plan.capacity, again.note) == (
        "Spring drive",
        5,
        "read as CEST",
    )
    with pytest.raises(Forbidden):
        await drafts.get(GUILD, draft.id, ORGANISER + 1)
    meet_id = await drafts.post_new(GUILD, draft.id, ORGANISER, (60,))
    meet = await meets.get(GUILD, meet_id)
    assert (meet.title, meet.starts_at, meet.capacity, meet.created_by) == (
        "Spring drive",
        START,
        5,
        ORGANISER,
    )
    with pytest.raises(NotFound):
        await drafts.post_new(GUILD, draft.id, ORGANISER, ())
    assert await db.fetchval("SELECT COUNT(*) FROM meets") == 1
    assert await db.fetchval("SELECT COUNT(*) FROM meet_drafts") == 0


async def test_discard_and_expiry_leave_nothing(
    db: Database, drafts: DraftService, clock: ManualClock
) -> None:
    first = await drafts.open(GUILD, ORGANISER, plan())
    await drafts.discard(GUILD, first.id, ORGANISER)
    with pytest.raises(NotFound):
        await drafts.post_new(GUILD, first.id, ORGANISER, ())
    second = await drafts.open(GUILD, ORGANISER, plan())
    clock.advance(timedelta(minutes=15))
    with pytest.raises(NotFound, match="expired"):
        await drafts.get(GUILD, second.id, ORGANISER)
    assert await drafts.sweep() == 1
    assert await db.fetchval("SELECT COUNT(*) FROM meet_drafts") == 0
    assert await db.fetchval("SELECT COUNT(*) FROM meets") == 0


async def test_revise_replaces_the_plan_and_post_checks_it_again(
    drafts: DraftService, clock: ManualClock
) -> None:
    draft = await drafts.open(GUILD, ORGANISER, plan())
    revised = await drafts.revise(draft, plan(title="Autumn drive", description="a\nb"), None)
    assert (revised.plan.title, revised.plan.description) == ("Autumn drive", "a\nb")
    clock.set(START)
    with pytest.raises(NotFound):  # the draft expired long before the start
        await drafts.post_new(GUILD, draft.id, ORGANISER, ())


async def test_edit_draft_applies_on_post_only(drafts: DraftService, meets: MeetService) -> None:
    meet_id = await make(meets)
    await meets.rsvp(GUILD, meet_id, 1, "maybe")
    draft = await drafts.open(GUILD, ORGANISER, MeetChanges(location="Spa"), meet_id=meet_id)
    assert draft.is_edit and draft.changes.moves
    assert (await meets.get(GUILD, meet_id)).location == "Nürburg"
    result = await drafts.post_edit(GUILD, draft.id, ORGANISER, ())
    assert (result.meet.location, result.place_changed, result.notify_ids) == ("Spa", True, (1,))
    with pytest.raises(InvalidInput, match="Nothing to change"):
        bad = await drafts.open(GUILD, ORGANISER, MeetChanges(), meet_id=meet_id)
        await drafts.post_edit(GUILD, bad.id, ORGANISER, ())


async def test_a_pending_choice_keeps_the_options_for_its_organiser_until_it_expires(
    db: Database, drafts: DraftService, meets: MeetService, clock: ManualClock
) -> None:
    meet_id = await make(meets)
    options = {"title": "Herbstfahrt «Eifel»", "when": "2027-06-08 11:00", "capacity": 12}
    choice_id = await drafts.hold_choice(GUILD, ORGANISER, meet_id, "edit", options)
    held = await drafts.choice(GUILD, choice_id, ORGANISER)
    assert (held.meet_id, held.action, held.options) == (meet_id, "edit", options)
    # Asked twice (the first answer failed): still there.
    assert (await drafts.choice(GUILD, choice_id, ORGANISER)).options == options
    with pytest.raises(Forbidden):
        await drafts.choice(GUILD, choice_id, ORGANISER + 1)
    with pytest.raises(NotFound):
        await drafts.choice(GUILD + 1, choice_id, ORGANISER)
    # A choice is not a draft, and a draft not a choice: their buttons can't be crossed.
    with pytest.raises(NotFound):
        await drafts.get(GUILD, choice_id, ORGANISER)
    draft = await drafts.open(GUILD, ORGANISER, MeetChanges(title="x"), meet_id=meet_id)
    with pytest.raises(NotFound):
        await drafts.choice(GUILD, draft.id, ORGANISER)
    clock.advance(minutes=16)
    with pytest.raises(NotFound) as expired:
        await drafts.choice(GUILD, choice_id, ORGANISER)
    assert expired.value.key == "error-recurring-choice-expired"
    assert await drafts.sweep() == 2
    assert await db.fetchval("SELECT COUNT(*) FROM meet_drafts") == 0


async def test_a_note_keeps_its_words_for_any_language(drafts: DraftService) -> None:
    from bot.services.meets.timeparse import Note

    note = Note("meets-note-twice", wall="2027-10-31 02:30", zone="Europe/Berlin",
                abbreviation="CEST", offset="+02:00")  # fmt: skip
    draft = await drafts.open(GUILD, ORGANISER, plan(), note=note)
    again = await drafts.get(GUILD, draft.id, ORGANISER)
    assert isinstance(again.note, Note) and again.note == note
    assert again.note.text("de").startswith("2027-10-31 02:30 gibt es in Europe/Berlin zweimal")
