"""/specs end to end: the real bot, real discord.py, the fake Discord over loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.render.specs import MINUS
from bot.services.specs.catalogue import load_catalogue
from tests.e2e.conftest import make_harness
from tests.e2e.harness import Harness
from tests.fakediscord import ALL_PERMISSIONS, FakeDiscord, Interaction

pytestmark = pytest.mark.e2e


def field(embed: dict, name: str) -> str:
    [value] = [f["value"] for f in embed["fields"] if f["name"] == name]
    return value


async def complete(paddock: Harness, options: dict[str, str], focused: str) -> Interaction:
    record = await paddock.fake.autocomplete(
        paddock.guild_id,
        paddock.general_id,
        paddock.member_ids[0],
        "specs",
        options=options,
        focused=focused,
    )
    await record.wait_response()
    return record


async def test_specs_posts_the_1m_card(paddock: Harness) -> None:
    record = await paddock.run(paddock.member_ids[0], "specs", {"model": "bmw-1m-e82"})
    assert paddock.fake.late_answers == [], "answered inside Discord's 3 s"
    assert not record.ephemeral
    [embed] = record.embeds
    assert embed["title"] == "BMW 1M Coupé (E82, 2011–2012)"
    assert "**340 PS** (250 kW · 335 hp)" in field(embed, "Power")
    assert "overboost 500 Nm (369 lb-ft)" in field(embed, "Torque")
    assert field(embed, "Production") == "6,309 built · 2,700 planned"
    # The message really landed in the channel, as a public post.
    posted = paddock.fake.messages_in(paddock.general_id)
    assert any(m.get("embeds") and m["embeds"][0]["title"] == embed["title"] for m in posted)


async def test_typed_text_without_a_pick_resolves(paddock: Harness) -> None:
    record = await paddock.run(paddock.member_ids[0], "specs", {"model": "e46 m3"})
    [embed] = record.embeds
    assert embed["title"] == "BMW M3 (E46, 2000–2006)"


async def test_autocomplete_offers_ids_with_readable_names(paddock: Harness) -> None:
    record = await complete(paddock, {"model": "1m"}, "model")
    assert record.response is not None and record.response.type == 8
    choices = record.choices
    assert choices is not None
    assert 1 <= len(choices) <= 25
    assert choices[0] == {"name": "BMW 1M Coupé (E82, 2011–2012)", "value": "bmw-1m-e82"}
    for choice in choices:
        assert len(choice["name"]) <= 100
        assert len(choice["value"]) <= 100

    typo = await complete(paddock, {"model": "m3 e64"}, "model")
    assert typo.choices is not None
    assert typo.choices[0]["value"] == "bmw-m3-e46"

    empty = await complete(paddock, {"model": ""}, "model")
    assert empty.choices is not None
    assert len(empty.choices) == 25
    assert empty.choices[0]["value"] == "bmw-1m-e82"


async def test_autocomplete_for_compare(paddock: Harness) -> None:
    record = await complete(paddock, {"model": "bmw-1m-e82", "compare": "m2 g8"}, "compare")
    assert record.choices is not None
    assert record.choices[0]["value"] == "bmw-m2-g87"
    # The car already picked as `model` is not offered again.
    empty = await complete(paddock, {"model": "bmw-1m-e82", "compare": ""}, "compare")
    assert empty.choices is not None
    values = [c["value"] for c in empty.choices]
    assert len(values) == 25
    assert "bmw-1m-e82" not in values
    # Alphabetical by label once the 1M is left out; the catalogue grows, so ask it.
    others = sorted(
        (c for c in load_catalogue().cars if c.id != "bmw-1m-e82"), key=lambda c: c.label.casefold()
    )
    assert values == [c.id for c in others[:25]]


async def test_compare_two_cars(paddock: Harness) -> None:
    record = await paddock.run(
        paddock.member_ids[0], "specs", {"model": "bmw-1m-e82", "compare": "bmw-m2-g87"}
    )
    assert not record.ephemeral
    [embed] = record.embeds
    assert embed["title"] == "BMW 1M Coupé (E82) vs BMW M2 (G87)"
    diff = field(embed, "BMW M2 (G87) against BMW 1M Coupé (E82)")
    assert diff.startswith(f"+120 PS, +100 Nm, {MINUS}0.8 s 0–100")


async def test_compare_with_itself_is_refused(paddock: Harness) -> None:
    record = await paddock.run(
        paddock.member_ids[0], "specs", {"model": "1m", "compare": "bmw-1m-e82"}
    )
    assert record.ephemeral
    assert "`compare` is the same car as `model`" in (record.content or "")


async def test_units_follow_the_server_and_the_option_overrides(paddock: Harness) -> None:
    config = await paddock.run(paddock.owner_id, "config units", {"units": "imperial"})
    assert "Units set to imperial" in (config.content or "")

    record = await paddock.run(paddock.member_ids[0], "specs", {"model": "1m"})
    [embed] = record.embeds
    assert field(embed, "0–100 km/h (0–62 mph)") == "4.9 s"
    assert "**335 hp**" in field(embed, "Power")

    metric = await paddock.run(paddock.member_ids[0], "specs", {"model": "1m", "units": "metric"})
    [embed] = metric.embeds
    assert field(embed, "0–100 km/h") == "4.9 s"
    assert "**340 PS**" in field(embed, "Power")


def selects(record: Interaction) -> list[dict]:
    assert record.original is not None
    rows = record.original.get("components") or []
    return [c for row in rows for c in row["components"] if c["type"] == 3]


async def pick(paddock: Harness, record: Interaction, car_id: str) -> Interaction:
    """Choose a car in an ephemeral pick list, as a member would, and wait for the answer."""
    assert record.original is not None
    [select] = [s for s in selects(record) if car_id in [o["value"] for o in s["options"]]]
    chosen = await paddock.fake.press(
        record.original["id"], select["custom_id"], paddock.member_ids[0], values=[car_id]
    )
    await chosen.wait_response(5)
    return chosen


async def test_a_close_miss_offers_a_pick_list(paddock: Harness) -> None:
    record = await paddock.run(paddock.member_ids[0], "specs", {"model": "supra mk4"})
    assert record.ephemeral
    assert record.embeds == []
    assert record.content == (
        "No car is exactly 'supra mk4' in `model`. "
        "Did you mean Toyota GR Supra 3.0 (A90, 2019–)? Pick it below."
    )
    [select] = selects(record)
    assert [o["value"] for o in select["options"]] == ["toyota-gr-supra-a90"]

    chosen = await pick(paddock, record, "toyota-gr-supra-a90")
    assert not chosen.ephemeral
    assert chosen.embeds[0]["title"] == "Toyota GR Supra 3.0 (A90, 2019–)"


async def test_a_car_the_catalogue_lacks_gets_a_plain_answer(paddock: Harness) -> None:
    record = await paddock.run(paddock.member_ids[0], "specs", {"model": "fiat multipla"})
    assert record.ephemeral
    content = record.content or ""
    assert content.startswith(
        "No car matches 'fiat multipla' in `model`: the catalogue has nothing by that name."
    )
    assert "AMG" not in content and "Type R" not in content
    assert selects(record) == []

    bad_compare = await paddock.run(
        paddock.member_ids[0], "specs", {"model": "1m", "compare": "qqqq"}
    )
    assert bad_compare.ephemeral
    assert "No car matches 'qqqq' in `compare`" in (bad_compare.content or "")


async def test_specs_bmw_lists_the_bmws_and_a_pick_posts_the_card(paddock: Harness) -> None:
    record = await paddock.run(paddock.member_ids[0], "specs", {"model": "bmw"})
    assert record.ephemeral
    content = record.content or ""
    assert "No car matches" not in content
    assert content.startswith("**BMW**: ") and content.endswith("Pick one below.")
    options = [o for s in selects(record) for o in s["options"]]
    assert all(o["label"].startswith("BMW ") for o in options)
    assert len(options) == int(content.split(": ")[1].split(" ")[0])
    assert {"label": "BMW 1M Coupé", "value": "bmw-1m-e82", "description": "E82, 2011–2012"} in [
        {k: o[k] for k in ("label", "value", "description")} for o in options
    ]
    # Nothing public yet: the list is only for the member who asked.
    assert not any(m.get("embeds") for m in paddock.fake.messages_in(paddock.general_id))

    chosen = await pick(paddock, record, "bmw-1m-e82")
    assert not chosen.ephemeral
    [embed] = chosen.embeds
    assert embed["title"] == "BMW 1M Coupé (E82, 2011–2012)"
    assert "**340 PS**" in field(embed, "Power")
    posted = paddock.fake.messages_in(paddock.general_id)
    assert any(m.get("embeds") and m["embeds"][0]["title"] == embed["title"] for m in posted)


async def test_a_pick_list_keeps_compare_and_units(paddock: Harness) -> None:
    record = await paddock.run(
        paddock.member_ids[0],
        "specs",
        {"model": "bmw m2", "compare": "1m", "units": "imperial"},
    )
    assert record.ephemeral
    assert (record.content or "").startswith("'bmw m2' in `model` could be ")
    chosen = await pick(paddock, record, "bmw-m2-cs-f87")
    [embed] = chosen.embeds
    assert embed["title"] == "BMW M2 CS (F87) vs BMW 1M Coupé (E82)"
    column = field(embed, "BMW M2 CS (F87)")
    assert "**Top speed** 155 mph (250 km/h), limited; 174 mph with M Driver's Package" in column

    unclear_compare = await paddock.run(
        paddock.member_ids[0], "specs", {"model": "1m", "compare": "porsche gt3"}
    )
    chosen = await pick(paddock, unclear_compare, "porsche-911-gt3-997-1")
    assert chosen.embeds[0]["title"] == "BMW 1M Coupé (E82) vs Porsche 911 GT3 (997.1)"


async def test_1m_typed_as_members_type_it(paddock: Harness) -> None:
    record = await paddock.run(paddock.member_ids[0], "specs", {"model": "1M"})
    assert not record.ephemeral
    assert record.embeds[0]["title"] == "BMW 1M Coupé (E82, 2011–2012)"
    # Autocomplete for "1M" offers the 1M and nothing that merely shares letters.
    choices = (await complete(paddock, {"model": "1M"}, "model")).choices
    assert choices == [{"name": "BMW 1M Coupé (E82, 2011–2012)", "value": "bmw-1m-e82"}]
    bmws = (await complete(paddock, {"model": "bmw"}, "model")).choices
    assert bmws and all(c["name"].startswith("BMW ") for c in bmws)


async def test_hostile_input_pings_nobody(paddock: Harness) -> None:
    guild = paddock.guild
    # Give the bot every permission and make a pingable role, so only
    # Paddock's own care stands between this text and a mass ping.
    guild.bot_permissions = ALL_PERMISSIONS
    role_id = guild.add_role("Everyone-ish", mentionable=True)
    victim = paddock.member_ids[1]
    hostile = f"@everyone @here <@&{role_id}> <@{victim}> **bold** " + "x" * 10_000
    before = len(paddock.fake.all_pings())

    record = await paddock.run(paddock.member_ids[0], "specs", {"model": hostile})
    assert record.ephemeral
    content = record.content or ""
    assert content.startswith("No car matches '")
    assert len(content) < 600  # the 10 000 characters are not echoed back
    assert "@everyone" not in content  # escaped, so it does not even look like a ping
    assert f"<@&{role_id}>" not in content
    assert record.response is not None
    assert record.response.data.get("allowed_mentions") == {"parse": []}

    garbage = await paddock.run(paddock.member_ids[0], "specs", {"model": "   "})
    assert garbage.ephemeral
    assert "No car matches '(nothing)'" in (garbage.content or "")

    choices = await complete(paddock, {"model": hostile}, "model")
    assert choices.choices is not None and len(choices.choices) <= 25

    assert paddock.fake.all_pings()[before:] == []


CLUB_ENTRY = """
[[car]]
id = "club-1m-ring-taxi"
make = "BMW"
model = "1M Coupé"
variant = "Ring Taxi"
chassis = "E82"
years = [2012, 2012]
body = "coupé"
aliases = ["ring taxi", "club 1m"]
drive = "RWD"
gearboxes = ["6-speed manual"]
kerb_weight_kg = 1480
top_speed_kmh = 250
top_speed_limited = true
notes = "The club's own 1M with a roll cage, as measured at the 2024 meeting."
sources = ["https://example.org/club/ring-taxi"]

[car.engine]
code = "N54B30T0"
layout = "inline-6"
cylinders = 6
displacement_cc = 2979
aspiration = "twin-turbo"

[car.power]
value = 370
unit = "PS"
standard = "DIN"

[car.torque]
nm = 500
"""


async def test_a_club_entry_is_found_marked_and_compared(
    fake: FakeDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    club = tmp_path / "club-cars"
    club.mkdir()
    (club / "ring-taxi.toml").write_text(CLUB_ENTRY)
    # A broken club file is reported, and the bot still starts with everything else.
    (club / "broken.toml").write_text('[[car]]\nid = "half"\nmake = ')
    paddock = make_harness(fake, tmp_path)
    paddock.catalogue_extra = club
    await paddock.start()
    try:
        choices = (await complete(paddock, {"model": "ring ta"}, "model")).choices
        assert choices is not None
        assert choices[0] == {
            "name": "BMW 1M Coupé Ring Taxi (E82, 2012) · club entry",
            "value": "club-1m-ring-taxi",
        }
        record = await paddock.run(paddock.member_ids[0], "specs", {"model": "ring taxi"})
        assert not record.ephemeral
        [embed] = record.embeds
        assert embed["title"] == "BMW 1M Coupé Ring Taxi (E82, 2012)"
        assert embed["description"].startswith(
            "**Club entry**: added by whoever runs Paddock here, not from Paddock's sourced catalogue"
        )
        compared = await paddock.run(
            paddock.member_ids[0], "specs", {"model": "1m", "compare": "club-1m-ring-taxi"}
        )
        diff = field(compared.embeds[0], "BMW 1M Coupé Ring Taxi (E82) against BMW 1M Coupé (E82)")
        assert diff.startswith("+30 PS, +50 Nm")
        # The bundled 1M is untouched and listed with the club's car under BMW.
        bundled = await paddock.run(paddock.member_ids[0], "specs", {"model": "1m"})
        assert "Club entry" not in (bundled.embeds[0].get("description") or "")
        problems = [r.getMessage() for r in caplog.records if r.name == "paddock.specs"]
        assert any("club-cars/broken.toml, line 3: cannot read:" in p for p in problems)
        listing = await paddock.run(paddock.member_ids[0], "specs", {"model": "bmw"})
        values = [o["value"] for s in selects(listing) for o in s["options"]]
        assert "club-1m-ring-taxi" in values and "bmw-1m-e82" in values
    finally:
        await paddock.stop()
