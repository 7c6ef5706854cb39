"""The garage's answers as a member reads them, in English and German: typed models that
are not picked from the list, a hint to copy, verifying twice, and the register's model
filter. Every message here carries member text; none of it may ping."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.services.garage.picking import own_value
from tests.e2e.conftest import make_harness
from tests.e2e.harness import Harness
from tests.e2e.test_specs import CLUB_ENTRY as SPECS_CLUB_ENTRY
from tests.fakediscord import FakeDiscord

pytestmark = pytest.mark.e2e

GERMAN = "de"
ONE_M = "bmw-1m-e82"


def _text(record: Any) -> str:
    parts = [record.content or ""]
    parts += [json.dumps(e, ensure_ascii=False) for e in record.embeds]
    parts += [json.dumps(f, ensure_ascii=False) for f in record.followups]
    return "\n".join(parts)


async def _choices(p: Harness, user: int, typed: str, locale: str = "en-US") -> list[Any]:
    record = await p.fake.autocomplete(
        p.guild_id,
        p.general_id,
        user,
        "garage add",
        {"model": typed, "colour": ""},
        focused="model",
        locale=locale,
    )
    await record.wait_response()
    assert record.choices is not None
    return record.choices


async def test_a_typed_model_is_one_car_or_a_question(paddock: Harness) -> None:
    p = paddock
    alice = p.member_ids[0]
    garage = p.bot.services.garage

    # "bmw m3" fits four generations: asked, closest first, and nothing is stored.
    several = await p.run(alice, "garage add", {"model": "bmw m3", "colour": "Silver"})
    assert several.ephemeral
    assert (several.content or "").startswith(
        "'bmw m3' fits several cars in the catalogue; the closest are **BMW M3 (G80, 2021–)**, "
    )
    assert (several.content or "").endswith(
        "Pick yours from the list as you type, or choose “bmw m3 (not in the catalogue)” "
        "there for a car the catalogue lacks."
    )
    german = await p.run(
        alice, "garage add", {"model": "bmw m3", "colour": "Silber"}, locale=GERMAN
    )
    assert german.ephemeral
    assert (german.content or "").startswith(
        "„bmw m3“ passt auf mehrere Autos im Katalog; am nächsten kommen **BMW M3 (G80, 2021–)**"
    )
    assert "oder wähl dort „bmw m3 (nicht im Katalog)“" in (german.content or "")
    assert await garage.cars_of(p.guild_id, alice) == []

    # Text that names exactly one catalogue car is that car, as if picked.
    one = await p.run(alice, "garage add", {"model": "bmw 1m", "colour": "Valencia Orange"})
    assert one.content == "Added BMW 1M Coupé in Valencia Orange to your garage."
    [car] = await garage.cars_of(p.guild_id, alice)
    assert (car.model_id, car.model_source) == (ONE_M, "catalogue")

    # A car the catalogue lacks, typed without choosing "(not in the catalogue)": asked.
    unknown = await p.run(alice, "garage add", {"model": "Datsun 240Z", "colour": "Red"})
    assert unknown.content == (
        "No car in the catalogue is called 'Datsun 240Z'. If yours isn't in it, choose "
        "“Datsun 240Z (not in the catalogue)” from the list as you type: it is then saved "
        "as your own text."
    )
    unknown_de = await p.run(
        alice, "garage add", {"model": "Datsun 240Z", "colour": "Rot"}, locale=GERMAN
    )
    assert (unknown_de.content or "").startswith("Im Katalog heißt kein Auto „Datsun 240Z“.")
    assert len(await garage.cars_of(p.guild_id, alice)) == 1

    # The explicit choice, as the list offers it (in the member's language), is stored
    # as the member's own text and says so.
    [*_, own] = await _choices(p, alice, "Datsun 240Z")
    assert own == {"name": "Datsun 240Z (not in the catalogue)", "value": own_value("Datsun 240Z")}
    [*_, own_de] = await _choices(p, alice, "Datsun 240Z", GERMAN)
    assert own_de["name"] == "Datsun 240Z (nicht im Katalog)"
    added = await p.run(alice, "garage add", {"model": own["value"], "colour": "Red"})
    assert added.content == (
        "Added Datsun 240Z in Red to your garage. It is not in the catalogue, so it has no "
        "/specs card."
    )
    datsun = (await garage.cars_of(p.guild_id, alice))[-1]
    assert (datsun.model_id, datsun.model, datsun.model_source) == (None, "Datsun 240Z", "own")

    # /garage edit asks the same way, and changes nothing until it knows.
    edit = await p.run(alice, "garage edit", {"car": str(datsun.id), "model": "bmw m3"})
    assert edit.ephemeral and "fits several cars in the catalogue" in (edit.content or "")
    assert (await garage.get(p.guild_id, datsun.id)).model == "Datsun 240Z"

    # A free-text car stored before the choice was explicit keeps working.
    await p.bot.services.garage.db.execute(
        "UPDATE garage_cars SET model_source = 'typed' WHERE id = ?", (datsun.id,)
    )
    shown = await p.run(alice, "garage show")
    assert "Datsun 240Z" in _text(shown) and "not in the catalogue" in _text(shown)
    recoloured = await p.run(alice, "garage edit", {"car": str(datsun.id), "colour": "Blue"})
    assert recoloured.content == "Saved Datsun 240Z in Blue."
    assert (await garage.get(p.guild_id, datsun.id)).model_source == "typed"

    # Hostile text is echoed, and never pings.
    hostile = await p.run(alice, "garage add", {"model": "@everyone <@&1>", "colour": "Red"})
    assert hostile.ephemeral and "No car in the catalogue" in (hostile.content or "")
    assert p.fake.all_pings() == []

    # A generation's name carries its chassis in brackets; the colour adds none.
    e46 = await p.run(alice, "garage add", {"model": "m3 e46", "colour": "Phoenix Yellow"})
    assert e46.content == "Added BMW M3 (E46) in Phoenix Yellow to your garage."


# The specs tests' club entry, named with what a hint must copy as written.
CLUB_ENTRY = SPECS_CLUB_ENTRY.replace('variant = "Ring Taxi"', 'variant = "Ring_Taxi @everyone"')
assert CLUB_ENTRY != SPECS_CLUB_ENTRY


async def test_the_specs_hint_copies_as_written_and_never_pings(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    club = tmp_path / "club-cars"
    club.mkdir()
    (club / "ring-taxi.toml").write_text(CLUB_ENTRY)
    p = make_harness(fake, tmp_path)
    p.catalogue_extra = club
    await p.start()
    try:
        alice = p.member_ids[0]
        await p.run(alice, "garage add", {"model": "club-1m-ring-taxi", "colour": "Black"})
        mine = await p.run(alice, "garage show")
        public = await p.run(alice, "garage show", {"public": True})
        german = await p.run(alice, "garage show", locale=GERMAN)
        for record, hint in (
            (mine, "Specs: `/specs model:BMW 1M Coupé Ring_Taxi @everyone`"),
            (public, "Specs: `/specs model:BMW 1M Coupé Ring_Taxi @everyone`"),
            (german, "Daten: `/daten modell:BMW 1M Coupé Ring_Taxi @everyone`"),
        ):
            [field] = record.embeds[0]["fields"]
            # Exactly what the member copies: no zero-width space, no backslash.
            assert hint in field["value"].splitlines()
            # The car's title is not for copying: there "@everyone" stays escaped.
            assert field["name"] == "BMW 1M Coupé Ring\\_Taxi @\u200beveryone"
        assert not public.ephemeral
        # Copied and sent back, the hint finds the car.
        specs = await p.run(alice, "specs", {"model": "BMW 1M Coupé Ring_Taxi @everyone"})
        assert specs.embeds[0]["title"].startswith("BMW 1M Coupé Ring\\_Taxi")
        assert p.fake.all_pings() == []
    finally:
        await p.stop()


async def test_verifying_twice_says_it_already_is(paddock: Harness) -> None:
    p = paddock
    alice = p.member_ids[0]
    owners = p.role_the_bot_can_give("1M owners")
    await p.run(p.owner_id, "config owner-role", {"role": owners})
    await p.run(alice, "garage add", {"model": ONE_M, "colour": "Alpine White"})
    car = str((await p.bot.services.garage.cars_of(p.guild_id, alice))[0].id)
    member = p.guild.members[alice]
    name = member["nick"] or member["user"]["global_name"]

    first = await p.run(p.organiser_id, "garage verify", {"member": alice, "car": car})
    assert first.followups[0]["content"] == f"Verified {name}'s BMW 1M Coupé in Alpine White."
    role_puts = len(p.fake.requests_to("PUT", r"/members/\d+/roles/\d+"))
    again = await p.run(p.organiser_id, "garage verify", {"member": alice, "car": car})
    assert again.followups[0]["content"] == (
        f"{name}'s BMW 1M Coupé in Alpine White is already verified; nothing changed."
    )
    again_de = await p.run(
        p.organiser_id, "garage verify", {"member": alice, "car": car}, locale=GERMAN
    )
    assert again_de.followups[0]["content"] == (
        f"BMW 1M Coupé in Alpine White von {name} ist schon verifiziert; nichts geändert."
    )
    # The role was given once, and the mark kept.
    assert len(p.fake.requests_to("PUT", r"/members/\d+/roles/\d+")) == role_puts
    assert str(owners) in p.guild.members[alice]["roles"]

    taken = await p.run(
        p.organiser_id, "garage verify", {"member": alice, "car": car, "verified": False}
    )
    assert taken.followups[0]["content"].startswith("Took the verified mark")
    not_again = await p.run(
        p.organiser_id,
        "garage verify",
        {"member": alice, "car": car, "verified": False},
        locale=GERMAN,
    )
    assert not_again.followups[0]["content"] == (
        f"BMW 1M Coupé in Alpine White von {name} ist gar nicht verifiziert; "
        "da gibt es nichts zurückzunehmen."
    )


async def test_the_register_filter_matches_a_make_or_the_start_of_a_model(
    paddock: Harness,
) -> None:
    p = paddock
    alice, bob = p.member_ids[0], p.member_ids[1]
    await p.run(alice, "garage add", {"model": own_value("Datsun 240Z"), "colour": "Red"})
    await p.run(bob, "garage add", {"model": own_value("BMW E30 325i"), "colour": "Lachssilber"})
    await p.run(bob, "garage add", {"model": ONE_M, "colour": "Alpine White"})

    for typed in ("Datsun", "datsun 240", "240z"):
        found = await p.run(alice, "register overview", {"model": typed})
        [embed] = found.followups[0]["embeds"]
        assert embed["title"] == "Club register · Datsun 240Z", typed
        assert embed["description"].startswith("**1** member's car, 1 owner")

    # A make: each of its models, counted apart.
    bmw = await p.run(alice, "register overview", {"model": "bmw"})
    [embed] = bmw.followups[0]["embeds"]
    assert embed["title"] == "Club register · bmw"
    assert embed["description"].startswith("**2** members' cars, 1 owner")
    by_model = next(f for f in embed["fields"] if f["name"] == "By model")
    assert sorted(by_model["value"].splitlines()) == ["1 × BMW 1M Coupé", "1 × BMW E30 325i"]

    # Nothing matches: said to the member alone, with what would.
    missed = await p.run(alice, "register overview", {"model": "datsn"})
    assert missed.ephemeral and missed.content == (
        "No member's car in this server matches 'datsn'. Try **Datsun 240Z**: pick one from "
        "the list as you type, or leave `model` empty for the whole garage."
    )
    missed_de = await p.run(alice, "register overview", {"model": "porsche"}, locale=GERMAN)
    assert missed_de.ephemeral and (missed_de.content or "").startswith(
        "Kein Auto von Mitgliedern auf diesem Server passt zu „porsche“. Versuch es mit "
        "**BMW 1M Coupé**, **BMW E30 325i**, **Datsun 240Z**:"
    )
    assert p.fake.all_pings() == []
