"""The garage end to end: cars, verification and the owner role, the register, My car…,
and the VIN never leaving the owner's own ephemeral replies."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from typing import Any

import pytest

from bot.services.garage.picking import own_value
from tests.e2e.harness import Harness
from tests.fakediscord import FakeDiscord

pytestmark = pytest.mark.e2e

VIN = "WBSUR9C50BVZ12345"  # a German-built BMW M: no check digit required
ONE_M = "bmw-1m-e82"


def _text(record: Any) -> str:
    parts = [record.content or ""]
    for embed in record.embeds:
        parts.append(json.dumps(embed, ensure_ascii=False))
    for followup in record.followups:
        parts.append(json.dumps(followup, ensure_ascii=False))
    return "\n".join(parts)


def _vin_sightings(fake: FakeDiscord, needle: str) -> list[tuple[str, str, Any]]:
    """Every request the bot sent that carries `needle`: (method, path, json)."""
    found = []
    for request in fake.requests:
        blob = json.dumps(request.json, ensure_ascii=False) + "".join(
            bytes(f.get("data") or b"").decode("utf-8", "replace") for f in request.files
        )
        if needle in blob or needle[-7:] in blob:
            found.append((request.method, request.path, request.json))
    return found


def _owner_ephemeral(fake: FakeDiscord, path: str, body: Any, owner: int) -> bool:
    """Whether a request is an ephemeral answer to an interaction of `owner`'s."""
    match = re.search(r"/interactions/(\d+)/[^/]+/callback", path)
    if match:
        record = fake.interactions[int(match[1])]
        flags = int(((body or {}).get("data") or {}).get("flags") or 0)
    else:
        match = re.search(r"/webhooks/\d+/([^/]+)", path)
        assert match, path
        record = next(r for r in fake.interactions.values() if r.token == match[1])
        flags = int((body or {}).get("flags") or 0) or (64 if record.ephemeral else 0)
    return record.user_id == owner and bool(flags & 64)


async def test_garage_verify_role_register_and_private_vin(
    paddock: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    p = paddock
    alice, bob = p.member_ids[0], p.member_ids[1]
    owners = p.role_the_bot_can_give("1M owners")
    done = await p.run(p.owner_id, "config owner-role", {"role": owners})
    assert "get <@&" in (done.content or "")

    # Autocomplete: the model from the catalogue, the colour from that model's paints.
    models = await p.fake.autocomplete(
        p.guild_id, p.general_id, alice, "garage add", {"model": "1m"}, focused="model"
    )
    await models.wait_response()
    assert models.choices and models.choices[0]["value"] == ONE_M
    colours = await p.fake.autocomplete(
        p.guild_id,
        p.general_id,
        alice,
        "garage add",
        {"model": ONE_M, "colour": "val"},
        focused="colour",
    )
    await colours.wait_response()
    assert colours.choices and colours.choices[0]["value"] == "Valencia Orange"

    first = await p.run(
        alice,
        "garage add",
        {
            "model": ONE_M,
            "colour": "Valencia Orange",
            "year": 2011,
            "vin": VIN,
            "nickname": "Oompa",
        },
    )
    assert first.ephemeral and "Added BMW 1M Coupé “Oompa”" in (first.content or "")
    second = await p.run(
        alice,
        "garage add",
        # The "(not in the catalogue)" choice: the member's own text, marked as chosen.
        {"model": own_value("BMW E30 325i @everyone"), "colour": "Lachssilber"},
    )
    assert "not in the catalogue" in (second.content or "")
    taken = await p.run(bob, "garage add", {"model": ONE_M, "colour": "Alpine White", "vin": VIN})
    assert taken.ephemeral and "ask an organiser" in (taken.content or "")
    await p.run(bob, "garage add", {"model": ONE_M, "colour": "Black Sapphire", "year": 2012})
    assert "clear-vin" in (taken.content or "")

    mine = await p.run(alice, "garage show")
    assert mine.ephemeral and VIN in _text(mine)
    # Organisers see nothing of the VIN until Alice allows the last 7 characters.
    theirs = await p.run(p.organiser_id, "garage show", {"member": alice})
    assert "VZ12345" not in _text(theirs) and "Valencia Orange" in _text(theirs)
    await p.run(alice, "garage privacy", {"organisers_see_vin_end": True})
    theirs = await p.run(p.organiser_id, "garage show", {"member": alice})
    assert "ends `VZ12345`" in _text(theirs) and VIN not in _text(theirs)
    public = await p.run(alice, "garage show", {"public": True})
    assert not public.ephemeral and "VZ12345" not in _text(public)
    assert "@everyone" not in _text(public).replace("@\u200beveryone", "")

    # An organiser frees a disputed VIN (without seeing it); then Bob can add it.
    first_car = (await p.bot.services.garage.cars_of(p.guild_id, alice))[0]
    cleared = await p.run(
        p.organiser_id, "garage clear-vin", {"member": alice, "car": str(first_car.id)}
    )
    assert "Removed the VIN" in cleared.followups[0]["content"]
    again = await p.run(bob, "garage add", {"model": ONE_M, "colour": "Alpine White", "vin": VIN})
    assert "Added" in (again.content or "")

    # Verify the 1M: the owners' role is given; removing it takes the role away.
    cars = await p.fake.autocomplete(
        p.guild_id,
        p.general_id,
        p.organiser_id,
        "garage verify",
        {"member": alice, "car": ""},
        focused="car",
    )
    await cars.wait_response()
    assert cars.choices is not None
    one_m = next(c["value"] for c in cars.choices if "1M" in c["name"])
    denied = await p.run(bob, "garage verify", {"member": alice, "car": one_m})
    assert "Only organisers" in (denied.content or "")
    verified = await p.run(p.organiser_id, "garage verify", {"member": alice, "car": one_m})
    assert "Verified" in verified.followups[0]["content"]
    assert str(owners) in p.guild.members[alice]["roles"]
    shown = await p.run(alice, "garage show")
    assert "✅ verified" in _text(shown)

    # The register: counts, share of production, a chart.
    register = await p.run(bob, "register overview", {"model": ONE_M})
    embed = register.followups[0]["embeds"][0]
    # Alice's 1M, and Bob's two (the second has the VIN Alice's car gave up).
    assert "**3** members' cars, 2 owners" in embed["description"]
    assert "1 verified, 2 not verified" in embed["description"]
    assert "3 of the 6,309 1M Coupés built: 0.05 %" in embed["description"]
    assert register.followups[0]["attachments"]
    listed = await p.run(bob, "register colours", {"model": ONE_M})
    colours_text = listed.embeds[0]["description"]
    assert "**1** × Valencia Orange" in colours_text and "**0** × Java Green" in colours_text
    assert "**1** × Alpine White" in colours_text
    specs = await p.run(bob, "specs", {"model": ONE_M})
    assert "3 in this club's garage" in _text(specs)

    removed = await p.run(alice, "garage remove", {"car": one_m})
    assert "Removed BMW 1M Coupé" in (removed.content or "")
    assert str(owners) not in p.guild.members[alice]["roles"]

    # The VIN went out only in Alice's own ephemeral replies, and in no log line.
    sightings = _vin_sightings(p.fake, VIN)
    assert sightings, "the owner should have seen the VIN at least once"
    for method, path, body in sightings:
        if "VZ12345" in json.dumps(body) and VIN not in json.dumps(body):
            # The tail alone: only in the organiser's view Alice allowed.
            continue
        assert _owner_ephemeral(p.fake, path, body, alice), (method, path)
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert VIN not in logged and "VZ12345" not in logged


async def test_editing_the_last_verified_car_takes_the_owner_role(paddock: Harness) -> None:
    p = paddock
    alice = p.member_ids[0]
    owners = p.role_the_bot_can_give("1M owners")
    await p.run(p.owner_id, "config owner-role", {"role": owners})
    await p.run(alice, "garage add", {"model": ONE_M, "colour": "Alpine White", "vin": VIN})
    car = str((await p.bot.services.garage.cars_of(p.guild_id, alice))[0].id)
    await p.run(p.organiser_id, "garage verify", {"member": alice, "car": car})
    assert str(owners) in p.guild.members[alice]["roles"]

    # Both a new VIN and clear_vin: refused, the car stays verified.
    both = await p.run(alice, "garage edit", {"car": car, "vin": VIN, "clear_vin": True})
    assert both.ephemeral and "not both" in (both.content or "")
    nothing = await p.run(alice, "garage edit", {"car": car})
    assert nothing.ephemeral and "Nothing to change" in (nothing.content or "")
    assert str(owners) in p.guild.members[alice]["roles"]

    # A new colour keeps the mark and the role; clearing the VIN takes both.
    kept = await p.run(alice, "garage edit", {"car": car, "colour": "Black Sapphire"})
    assert "verifying again" not in (kept.content or "")
    assert str(owners) in p.guild.members[alice]["roles"]
    cleared = await p.run(alice, "garage edit", {"car": car, "clear_vin": True})
    assert cleared.ephemeral and "needs verifying again" in cleared.followups[0]["content"]
    assert str(owners) not in p.guild.members[alice]["roles"]


async def test_without_manage_roles_the_organiser_is_told_once(paddock: Harness) -> None:
    p = paddock
    alice = p.member_ids[0]
    owners = p.guild.add_role("Owners")
    await p.run(p.owner_id, "config owner-role", {"role": owners})
    await p.run(alice, "garage add", {"model": ONE_M, "colour": "Alpine White"})
    await p.run(alice, "garage add", {"model": ONE_M, "colour": "Black Sapphire"})
    cars = [c.id for c in await p.bot.services.garage.cars_of(p.guild_id, alice)]
    first = await p.run(p.organiser_id, "garage verify", {"member": alice, "car": str(cars[0])})
    assert "needs Manage Roles" in first.followups[0]["content"]
    again = await p.run(p.organiser_id, "garage verify", {"member": alice, "car": str(cars[1])})
    assert "Verified" in again.followups[0]["content"]
    assert "Manage Roles" not in again.followups[0]["content"]
    assert str(owners) not in p.guild.members[alice]["roles"]


async def test_my_car_picks_from_the_garage_and_the_gate_list_shows_it(paddock: Harness) -> None:
    from tests.e2e.test_meets import create_meet

    p = paddock
    alice, bob = p.member_ids[0], p.member_ids[1]
    await p.run(
        alice, "garage add", {"model": ONE_M, "colour": "Valencia Orange", "nickname": "Oompa"}
    )
    await p.run(alice, "garage add", {"model": own_value("BMW E30 325i"), "colour": "Lachssilber"})
    await p.run(bob, "garage add", {"model": ONE_M, "colour": "Alpine White"})
    announcement = await create_meet(p)
    meet_id = int(announcement["embeds"][0]["footer"]["text"].split("#")[1].split()[0])
    going = await p.fake.press(announcement["id"], f"paddock:rsvp:{meet_id}:going", alice)
    await going.wait_response()

    # My car… offers Alice's garage, and "Other car…".
    opener = await p.fake.press(announcement["id"], f"paddock:car:{meet_id}", alice)
    await opener.wait_response()
    assert opener.ephemeral and opener.original is not None
    select = opener.components[0]["components"][0]
    labels = [o["label"] for o in select["options"]]
    assert labels[0].startswith("BMW 1M Coupé · “Oompa” · Valencia Orange")
    assert labels[1].startswith("BMW E30 325i") and labels[-1] == "Other car…"
    cars = await p.bot.services.garage.cars_of(p.guild_id, alice)
    picked = await p.fake.press(
        opener.original["id"], select["custom_id"], alice, values=[str(cars[0].id)]
    )
    await picked.wait_response()
    assert "Car details saved" in (picked.content or "")

    # Bob picks "Other car…" and types one: the form opens as before.
    bob_going = await p.fake.press(announcement["id"], f"paddock:rsvp:{meet_id}:going", bob)
    await bob_going.wait_response()
    bob_opener = await p.fake.press(announcement["id"], f"paddock:car:{meet_id}", bob)
    await bob_opener.wait_response()
    assert bob_opener.original is not None
    other = await p.fake.press(
        bob_opener.original["id"], select["custom_id"], bob, values=["other"]
    )
    await other.wait_response()
    assert other.modal is not None
    typed = await p.fake.submit(other, {"car": "Borrowed M3", "passengers": "1"})
    await typed.wait_response()
    # A member without a garage gets the form straight away.
    carol = p.member_ids[2]
    await (
        await p.fake.press(announcement["id"], f"paddock:rsvp:{meet_id}:going", carol)
    ).wait_response()
    form = await p.fake.press(announcement["id"], f"paddock:car:{meet_id}", carol)
    await form.wait_response()
    assert form.modal is not None

    listed = await p.run(p.organiser_id, "meet attendees", {"meet": str(meet_id), "export": True})
    assert listed.original is not None
    field = next(f for f in listed.embeds[0]["fields"] if f["name"] == "Cars going")
    assert field["value"] == "1 × BMW 1M Coupé"  # Bob's typed car isn't a garage car
    data = listed.original["_files"][f"meet-{meet_id}-attendees.csv"].decode("utf-8-sig")
    rows = {row[1]: row for row in csv.reader(io.StringIO(data))}
    assert rows[str(alice)][3] == "BMW 1M Coupé, Valencia Orange “Oompa”"
    assert rows[str(bob)][3] == "Borrowed M3"


async def test_a_member_who_left_loses_their_cars_after_30_days(paddock: Harness) -> None:
    from datetime import timedelta

    from bot.flows.garage import check_departures

    p = paddock
    leaver, stayer = p.member_ids[0], p.member_ids[1]
    await p.run(leaver, "garage add", {"model": ONE_M, "colour": "Alpine White", "vin": VIN})
    await p.run(stayer, "garage add", {"model": ONE_M, "colour": "Black Sapphire"})
    del p.guild.members[leaver]  # left; Paddock gets no event for it (no members intent)
    assert await check_departures(p.bot) == 0
    garage = p.bot.services.garage
    assert len(await garage.cars_of(p.guild_id, leaver)) == 1  # kept for 30 days
    p.clock.set(p.clock.now() + timedelta(days=31))
    assert await check_departures(p.bot) == 1
    assert await garage.cars_of(p.guild_id, leaver) == []
    assert len(await garage.cars_of(p.guild_id, stayer)) == 1


# A glyph no chart font has fails the test (the chart is drawn in a worker thread of this
# process, which shares the warning filters): the chart must leave such characters out.
@pytest.mark.filterwarnings("error:Glyph:UserWarning")
async def test_the_register_chart_takes_emoji_and_cjk_colours(paddock: Harness) -> None:
    from PIL import Image

    p = paddock
    alice, bob = p.member_ids[0], p.member_ids[1]
    for member, colour in ((alice, "Frozen Red 🔥"), (bob, "赤いペンキ"), (bob, "Alpine White")):
        added = await p.run(member, "garage add", {"model": ONE_M, "colour": colour})
        assert "Added BMW 1M Coupé" in (added.content or ""), added.content

    register = await p.run(bob, "register overview", {"model": ONE_M})
    [reply] = register.followups
    embed = reply["embeds"][0]
    assert "**3** members' cars, 2 owners" in embed["description"]
    # Discord draws any text: the embed names the colours as the members wrote them.
    by_colour = next(f["value"] for f in embed["fields"] if f["name"] == "By colour")
    assert "Frozen Red 🔥" in by_colour and "赤いペンキ" in by_colour, by_colour
    # ... and the chart came with it, drawn.
    png = reply["_files"]["register.png"]
    assert Image.open(io.BytesIO(png)).size == (1000, 560)


async def test_config_refuses_roles_paddock_could_never_give_or_ping(paddock: Harness) -> None:
    p = paddock
    everyone, bots = p.guild.id, p.guild.bot_role_id  # @everyone; the bot's managed role
    for role in (everyone, bots):
        refused = await p.run(p.owner_id, "config owner-role", {"role": role})
        assert refused.ephemeral and "can't be given to members by a bot" in (refused.content or "")
    german = await p.run(p.owner_id, "config owner-role", {"role": bots}, locale="de")
    assert "kann kein Bot an Mitglieder vergeben" in (german.content or "")
    loud = await p.run(p.owner_id, "config announce-role", {"role": everyone})
    assert loud.ephemeral and "never pings the whole server" in (loud.content or "")
    # A member without Manage Server hears that first, whatever the role.
    member = await p.run(p.member_ids[0], "config owner-role", {"role": everyone})
    assert "Only members with Manage Server" in (member.content or "")
    settings = await p.bot.services.settings.get(p.guild_id)
    assert settings.owner_role_id is None and settings.announce_role_id is None
    # A role of the server's own is taken as before.
    owners = p.guild.add_role("1M owners")
    taken = await p.run(p.owner_id, "config owner-role", {"role": owners})
    assert f"<@&{owners}>" in (taken.content or "")
