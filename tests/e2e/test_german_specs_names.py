"""Model and variant names in German, end to end: a German server's /specs card and
comparison say "Limousine" and "(Europa)", an English one "Saloon" and "(Euro)"; BMW's
"Touring" stays; a German client's autocomplete and pick list name the cars as its cards
do, and finds them by either language's words."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.harness import Harness
from tests.e2e.test_specs import selects

pytestmark = pytest.mark.e2e


async def choices(p: Harness, typed: str, locale: str) -> list[dict[str, Any]]:
    record = await p.fake.autocomplete(
        p.guild_id,
        p.general_id,
        p.member_ids[0],
        "specs",
        options={"model": typed},
        focused="model",
        locale=locale,
    )
    await record.wait_response()
    assert record.choices is not None
    return record.choices


async def test_german_cards_name_body_styles_and_markets_in_german(paddock: Harness) -> None:
    p = paddock
    member = p.member_ids[0]
    english = await p.run(member, "specs", {"model": "audi-rs3-8v-saloon"}, locale="de")
    assert english.embeds[0]["title"] == "Audi RS 3 Saloon (8V, 2017–2020)"

    await p.run(p.owner_id, "config language", {"language": "de"})
    card = await p.run(member, "specs", {"model": "audi rs 3 limousine"}, locale="de")
    assert card.embeds[0]["title"] == "Audi RS 3 Limousine (8V, 2017–2020)"
    card = await p.run(member, "specs", {"model": "m3 e36"}, locale="en-US")
    assert card.embeds[0]["title"] == "BMW M3 3.2 (Europa) (E36, 1995–1999)"
    touring = await p.run(member, "specs", {"model": "m3 touring"})
    assert touring.embeds[0]["title"] == "BMW M3 Touring Competition M xDrive (G81, 2022–)"
    compared = await p.run(member, "specs", {"model": "bmw-m3-e90", "compare": "bmw-m3-e36-32"})
    names = [f["name"] for f in compared.embeds[0]["fields"]]
    assert any("BMW M3 Limousine" in n and "BMW M3 3.2 (Europa)" in n for n in names), names
    text = str(compared.embeds[0])
    assert "Saloon" not in text and "(Euro)" not in text

    # A German client's suggestions read as the cards do; an English client's as the catalogue.
    german = await choices(p, "mini 3-türer", "de")
    assert german[0] == {
        "name": "MINI John Cooper Works 3-Türer (F56, 2015–2024)",
        "value": "mini-jcw-f56",
    }
    english_names = await choices(p, "mini 3-türer", "en-US")
    assert english_names[0]["name"] == "MINI John Cooper Works 3-door (F56, 2015–2024)"
    # A pick list (a make typed alone) too.
    listing = await p.run(member, "specs", {"model": "nissan"}, locale="de")
    labels = [o["label"] for s in selects(listing) for o in s["options"]]
    assert "Nissan GT-R ab Modelljahr 2017 (570 PS)" in labels
    assert p.fake.late_answers == []
