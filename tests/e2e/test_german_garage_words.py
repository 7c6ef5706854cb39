"""A German server's garage end to end: a car's nickname in German quotes („…“) wherever
it is shown, and the owner role's audit-log reasons in the server's language."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.harness import Harness
from tests.e2e.test_meets import create_meet

pytestmark = pytest.mark.e2e

GERMAN = "de"
ONE_M = "bmw-1m-e82"


async def test_nicknames_and_role_reasons_in_a_german_server(paddock: Harness) -> None:
    p = paddock
    alice = p.member_ids[0]
    owners = p.role_the_bot_can_give("1M-Besitzer")
    await p.run(p.owner_id, "config owner-role", {"role": owners})
    await p.run(p.owner_id, "config language", {"language": "de"})

    added = await p.run(
        alice,
        "garage add",
        {"model": ONE_M, "colour": "Alpine White", "nickname": "Oompa"},
        locale=GERMAN,
    )
    assert added.content == "BMW 1M Coupé „Oompa“ in Alpine White steht jetzt in deiner Garage."

    # Posted for the channel: the server's language, so German quotes for any reader.
    public = await p.run(alice, "garage show", {"public": True}, locale="en-US")
    [card] = public.embeds
    assert [f["name"] for f in card["fields"]] == ["BMW 1M Coupé „Oompa“"]

    # A German organiser's autocomplete names the car the German way.
    cars = await p.fake.autocomplete(
        p.guild_id,
        p.general_id,
        p.organiser_id,
        "garage verify",
        {"member": alice, "car": "oom"},
        focused="car",
        locale=GERMAN,
    )
    await cars.wait_response()
    assert cars.choices is not None
    [choice] = cars.choices
    assert choice["name"] == "BMW 1M Coupé · „Oompa“ · Alpine White"

    # My car… at a meet: the car column is posted with the meet, so German quotes, and the
    # pick still counts as a garage car (its stored text is the one the RSVP got).
    announcement = await create_meet(p)
    meet_id = int(announcement["embeds"][0]["footer"]["text"].split("#")[1].split()[0])
    going = await p.fake.press(announcement["id"], f"paddock:rsvp:{meet_id}:going", alice)
    await going.wait_response()
    opener = await p.fake.press(announcement["id"], f"paddock:car:{meet_id}", alice, locale=GERMAN)
    await opener.wait_response()
    assert opener.original is not None
    select = opener.components[0]["components"][0]
    assert select["options"][0]["label"] == "BMW 1M Coupé · „Oompa“ · Alpine White"
    picked = await p.fake.press(
        opener.original["id"], select["custom_id"], alice, values=[choice["value"]]
    )
    await picked.wait_response()
    rsvp = await p.bot.services.meets.rsvp_of(p.guild_id, meet_id, alice)
    assert rsvp is not None and rsvp.car == "BMW 1M Coupé, Alpine White „Oompa“"
    # The garage link is stored just after the answer: polled, with a generous ceiling.
    async with asyncio.timeout(20):
        while not await p.bot.services.garage.cars_going(p.guild_id, meet_id):
            await asyncio.sleep(0.05)
    assert [c.cars for c in await p.bot.services.garage.cars_going(p.guild_id, meet_id)] == [1]

    # What the admins read in the audit log when Paddock gives and takes the role.
    await p.run(p.organiser_id, "garage verify", {"member": alice, "car": choice["value"]})
    (given,) = p.fake.requests_to("PUT", rf"/members/{alice}/roles/{owners}$")
    assert given.audit_reason == "Paddock: Besitzer eines verifizierten Autos"
    await p.run(alice, "garage remove", {"car": choice["value"]}, locale=GERMAN)
    (taken,) = p.fake.requests_to("DELETE", rf"/members/{alice}/roles/{owners}$")
    assert taken.audit_reason == "Paddock: kein verifiziertes Auto mehr"
