"""/specs end to end: the real bot, real discord.py, the fake Discord over loopback."""

from __future__ import annotations

import pytest

from bot.render.specs import MINUS
from tests.e2e.harness import Harness
from tests.fakediscord import ALL_PERMISSIONS, Interaction

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
    assert record.latency is not None and record.latency < 3
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
    assert values[0] == "alpine-a110"  # alphabetical once the 1M is left out


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


async def test_no_match_replies_privately_with_suggestions(paddock: Harness) -> None:
    record = await paddock.run(paddock.member_ids[0], "specs", {"model": "supra mk4"})
    assert record.ephemeral
    assert record.embeds == []
    content = record.content or ""
    assert content.startswith("No car matches 'supra mk4' in `model`. Did you mean: ")
    assert "Toyota GR Supra 3.0 (A90, 2019–)" in content

    bad_compare = await paddock.run(
        paddock.member_ids[0], "specs", {"model": "1m", "compare": "qqqq"}
    )
    assert bad_compare.ephemeral
    assert "No car matches 'qqqq' in `compare`" in (bad_compare.content or "")


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
    assert "Did you mean:" in content
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
