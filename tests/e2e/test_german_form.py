"""The meet form (the modal /meet create opens) for a member whose Discord is German:
its replies follow the language of the client that submits it, as slash commands' do."""

from __future__ import annotations

import pytest

from tests.e2e.harness import Harness, preview_of
from tests.fakediscord import Interaction

pytestmark = pytest.mark.e2e

GERMAN = "de"


async def _form(p: Harness, when: str, *, locale: str | None = None) -> Interaction:
    opener = await p.run(p.organiser_id, "meet create", {"channel": p.meets_id}, locale=GERMAN)
    assert opener.modal is not None, opener.content
    form = await p.fake.submit(
        opener,
        {"title": "Eifeltour", "when": when, "location": "Aral Nürburg"},
        locale=locale,
    )
    await form.wait_response(3)
    return form


async def test_a_german_member_gets_the_form_preview_in_german(paddock: Harness) -> None:
    p = paddock
    form = await _form(p, "Samstag 10 Uhr")
    assert form.payload["locale"] == GERMAN, "the submit comes from the opener's client"
    preview = preview_of(form)
    assert preview is not None, form.content
    text = form.content or ""
    assert text.startswith("**Vorschau"), text
    assert "Beginnt **Samstag, 5. Juni 2027, 10:00 (Europe/Berlin, CEST)**" in text, text
    labels = [item["label"] for row in preview["components"] for item in row["components"]]
    assert "Veröffentlichen" in labels, labels
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meets") == 0


async def test_a_german_member_gets_the_form_error_in_german(paddock: Harness) -> None:
    p = paddock
    form = await _form(p, "Samstag")
    assert form.ephemeral
    assert preview_of(form) is None
    text = form.content or ""
    assert text == "Um wie viel Uhr am Samstag, 5. Juni? z. B. `Samstag 10:00`"
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meets") == 0


async def test_the_form_follows_the_submitting_client(paddock: Harness) -> None:
    """Opened in German, submitted from an English client: the reply is English."""
    p = paddock
    form = await _form(p, "Saturday", locale="en-GB")
    assert form.content == "At what time on Saturday, June 5? e.g. `Saturday 10:00`"


async def test_a_month_over_12_is_refused_in_the_members_language(paddock: Harness) -> None:
    p = paddock
    form = await _form(p, "12.13.2027 18:00")
    assert form.ephemeral and preview_of(form) is None
    assert form.content == (
        "`wann`: `12.13.2027` hat keinen Monat 13. Ein Datum schreibst du mit dem Tag zuerst, "
        "Tag.Monat.Jahr: für Montag, 13. Dezember 2027 gib `13.12.2027` ein."
    )
    slash = await p.run(
        p.organiser_id,
        "meet create",
        {"title": "Xmas drive", "when": "12/13/2027 6pm", "location": "Leipzig"},
    )
    assert slash.ephemeral and preview_of(slash) is None
    assert slash.content == (
        "`when`: `12/13/2027` has no month 13. Dates are day first, day.month.year: "
        "for Monday, December 13, 2027, type `13/12/2027`."
    )
    assert await p.bot.db.fetchval("SELECT COUNT(*) FROM meets") == 0
