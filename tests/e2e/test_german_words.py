"""German as a German writes it, end to end: a meet typed "Samstag Abend halb 8" is
previewed at 19:30, and a German server's spec card names its engine as a car magazine
does."""

from __future__ import annotations

import pytest

from tests.e2e.harness import Harness, preview_of

pytestmark = pytest.mark.e2e


async def test_halb_8_in_the_evening_is_previewed_at_1930(paddock: Harness) -> None:
    p = paddock
    await p.run(p.owner_id, "config meets-channel", {"channel": p.meets_id})
    # Tuesday 1 June 2027 in the harness: Saturday is 5 June.
    created = await p.slash(
        p.organiser_id,
        "meet create",
        {
            "title": "Abendrunde",
            "when": "Samstag Abend halb 8",
            "location": "Nürburg",
            "ends": "viertel vor 11 abends",
        },
        locale="de",
    )
    await created.wait_response(5)
    preview = preview_of(created)
    assert preview is not None, created.content
    text = preview["content"]
    assert "Beginnt **Samstag, 5. Juni 2027, 19:30 (Europe/Berlin, CEST)**" in text
    assert "Endet Samstag, 5. Juni 2027, 22:45 (Europe/Berlin, CEST)" in text

    morning = await p.slash(
        p.organiser_id,
        "meet create",
        {"title": "Frühstück", "when": "Samstag Viertel 8", "location": "Nürburg"},
        locale="de",
    )
    await morning.wait_response(5)
    preview = preview_of(morning)
    assert preview is not None, morning.content
    assert "Beginnt **Samstag, 5. Juni 2027, 07:15 (Europe/Berlin, CEST)**" in preview["content"]
    assert p.fake.late_answers == []


async def test_a_german_spec_card_names_the_engine_as_a_magazine_does(paddock: Harness) -> None:
    p = paddock
    await p.run(p.owner_id, "config language", {"language": "de"})
    card = await p.run(p.member_ids[0], "specs", {"model": "bmw-m3-e36-32"})
    [embed] = card.embeds
    [engine] = [f["value"] for f in embed["fields"] if f["name"] == "Motor"]
    assert engine.split("\n")[1:] == ["3,2-l-Reihensechszylinder, Saugmotor", "3.201 cm³"]
