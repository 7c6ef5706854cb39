"""The catalogue's own text on German screens, end to end: a German server's /specs card
shows the German note, factory, colour notes, optional top speed's label and gearbox words
(data/specs/i18n/de.toml), the register's colours their German notes; an English server
keeps the catalogue's English."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.harness import Harness

pytestmark = pytest.mark.e2e

ONE_M = "bmw-1m-e82"


def field(embed: dict[str, Any], name: str) -> str:
    [value] = [f["value"] for f in embed["fields"] if f["name"] == name]
    return str(value)


async def test_a_german_servers_specs_card_reads_german(paddock: Harness) -> None:
    p = paddock
    english = await p.run(p.member_ids[0], "specs", {"model": ONE_M}, locale="de")
    [card] = english.embeds
    assert "Built in Leipzig, Germany" in card["description"]
    assert "Overboost lifts torque from 450 to 500 Nm" in card["description"]

    await p.run(p.owner_id, "config language", {"language": "de"})
    # Posted for the channel: the server's language, whatever the member's client speaks.
    german = await p.run(p.member_ids[0], "specs", {"model": ONE_M}, locale="en-US")
    assert p.fake.late_answers == []
    [card] = german.embeds
    lines = card["description"].split("\n")
    assert lines[:2] == [
        "**2011–2012 · Coupé · Heckantrieb**",
        "Gebaut in Leipzig, Deutschland",
    ]
    note = lines[-1]
    assert note.startswith("Bremsen (gelochte Scheiben, 360/350 mm), Fahrwerksteile aus Aluminium")
    assert "Der Overboost hebt das Drehmoment für einige Sekunden von 450 auf 500 Nm." in note
    assert "bis Juni 2012 entstanden 6.309 Kundenfahrzeuge" in note
    assert "Built" not in card["description"] and "Overboost lifts" not in note
    assert field(card, "Farben").split("\n")[:3] == [
        "Valencia Orange (Metallic; Einführungsfarbe)",
        "Black Sapphire (Metallic)",
        "Alpine White (Unilack)",
    ]

    # The catalogue's other English: an optional top speed's label, a gearbox's own words.
    m2 = await p.run(p.member_ids[0], "specs", {"model": "bmw-m2-f87"})
    assert "270 km/h (168 mph) mit M Driver's Package" in field(
        m2.embeds[0], "Höchstgeschwindigkeit"
    )
    r34 = await p.run(p.member_ids[0], "specs", {"model": "nissan-skyline-gt-r-r34"})
    assert "6-Gang-Schaltgetriebe (Getrag)" in field(r34.embeds[0], "Getriebe")
    assert "Gebaut in Musashimurayama, Tokio, Japan" in r34.embeds[0]["description"]

    alice = p.member_ids[0]
    await p.run(alice, "garage add", {"model": ONE_M, "colour": "Valencia Orange"})
    colours = await p.run(alice, "register colours", {"model": ONE_M})
    [listed] = colours.embeds
    assert "**1** × Valencia Orange (Metallic; Einführungsfarbe)" in listed["description"]
    assert "(BMW Individual, 1 Auto, laut BMWBlog)" in listed["description"]
