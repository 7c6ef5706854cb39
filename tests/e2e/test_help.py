"""/help end to end: what a member, an organiser and a server admin see, in English and
German, with clickable command mentions carrying the ids Discord gave at sync; checked
against the commands Discord actually holds, so the overview cannot drift from them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import make_harness
from tests.e2e.harness import Harness
from tests.fakediscord import FakeDiscord, Interaction

pytestmark = pytest.mark.e2e

MENTION = re.compile(r"</([-\w ]+):(\d+)>")


def leaves(commands: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any], int]]:
    """(qualified name, command or subcommand, top-level id) of every synced slash command."""
    for top in commands:
        subs = [o for o in top.get("options") or [] if o.get("type") in (1, 2)]
        if not subs:
            yield top["name"], top, int(top["id"])
        for sub in subs:
            yield f"{top['name']} {sub['name']}", sub, int(top["id"])


def audience(command: dict[str, Any]) -> str:
    description = str(command["description"]).rstrip(".")
    if description.endswith("(organisers)"):
        return "organisers"
    if description.endswith("(Manage Server)"):
        return "manage-server"
    return "everyone"


async def overview(p: Harness, user: int, locale: str = "en-US") -> list[dict[str, Any]]:
    """Every embed of a /help answer (the first message and any follow-ups)."""
    record = await p.run(user, "help", locale=locale)
    assert record.ephemeral
    embeds = list(record.embeds)
    for message in record.followups:
        assert int(message.get("flags", 0)) & 64, "every part of the overview is ephemeral"
        embeds += message.get("embeds") or []
    assert p.fake.late_answers == []
    assert_within_limits(record)
    return embeds


def assert_within_limits(record: Interaction) -> None:
    for message in [record.original, *record.followups]:
        assert message is not None
        embeds = message.get("embeds") or []
        total = 0
        for embed in embeds:
            fields = embed.get("fields") or []
            assert len(fields) <= 25
            for field in fields:
                assert 1 <= len(field["value"]) <= 1024 and len(field["name"]) <= 256
            total += len(embed.get("title") or "") + len(embed.get("description") or "")
            total += sum(len(f["name"]) + len(f["value"]) for f in fields)
        assert total <= 6000


def mentioned(embeds: list[dict[str, Any]]) -> dict[str, int]:
    text = "\n".join(f["value"] for e in embeds for f in e.get("fields") or [])
    found = [(m[1], int(m[2])) for m in MENTION.finditer(text)]
    assert len({name for name, _ in found}) == len(found), "each command once"
    return dict(found)


def headings(embeds: list[dict[str, Any]]) -> list[str]:
    return [f["name"] for e in embeds for f in e.get("fields") or []]


async def test_a_member_sees_every_command_they_can_use_and_no_organisers_one(
    paddock: Harness,
) -> None:
    p = paddock
    synced = list(leaves(p.fake.commands_for(None)))
    embeds = await overview(p, p.member_ids[0])
    assert embeds[0]["title"] == "Paddock: what it does"
    assert "meets" in embeds[0]["description"]
    assert "help" in {name for name, _, _ in synced}
    shown = mentioned(embeds)
    # Exactly the synced commands anyone may use, each with the id Discord gave it.
    assert shown == {name: cid for name, c, cid in synced if audience(c) == "everyone"}
    assert headings(embeds) == [
        "Meets",
        "Live counter and records",
        "Garage and register",
        "Specs",
        "Setup",
    ]
    text = "\n".join(f["value"] for e in embeds for f in e["fields"])
    meet_id = next(cid for name, _, cid in synced if name == "meet list")
    assert f"</meet list:{meet_id}> · Show this server's upcoming meets." in text
    assert "meet create" not in text and "for organisers" not in text


async def test_organisers_and_admins_see_their_commands_too(paddock: Harness) -> None:
    p = paddock
    synced = list(leaves(p.fake.commands_for(None)))
    organiser = await overview(p, p.organiser_id)  # Manage Events, not Manage Server
    assert set(mentioned(organiser)) == {
        name for name, c, _ in synced if audience(c) in ("everyone", "organisers")
    }
    assert "Meets: for organisers" in headings(organiser)
    assert not any("Manage Server" in h for h in headings(organiser))
    text = "\n".join(f["value"] for e in organiser for f in e["fields"])
    # Grouped under "for organisers", the description needn't say it again.
    assert "· Cancel a meet and tell everyone going or maybe." in text

    owner = await overview(p, p.owner_id)
    assert mentioned(owner) == {name: cid for name, _, cid in synced}
    assert "Setup: with Manage Server" in headings(owner)


async def test_the_organiser_role_from_config_counts_as_organiser(paddock: Harness) -> None:
    p = paddock
    role = p.guild.add_role("Meet crew")
    crew = p.guild.add_member(name="crew", roles=[role])
    before = mentioned(await overview(p, crew))
    assert "meet create" not in before
    await p.run(p.owner_id, "config organizer-role", {"role": role})
    assert "meet create" in mentioned(await overview(p, crew))


async def test_a_german_member_reads_it_in_german(paddock: Harness) -> None:
    p = paddock
    embeds = await overview(p, p.organiser_id, locale="de")
    assert embeds[0]["title"] == "Paddock: was es kann"
    assert embeds[0]["description"].startswith("Paddock organisiert die Treffen deines Autoclubs")
    assert "mit `befehl` zeigt einen Befehl im Detail" in embeds[0]["description"]
    assert headings(embeds)[:2] == ["Treffen", "Treffen: für Organisatoren"]
    text = "\n".join(f["value"] for e in embeds for f in e["fields"])
    assert "· Die kommenden Treffen dieses Servers anzeigen." in text
    assert "· Ein Treffen absagen und allen mit Zusage oder Vielleicht Bescheid geben." in text
    assert "Show this server's upcoming meets" not in text


async def test_the_ids_survive_a_restart_without_a_sync(paddock: Harness) -> None:
    p = paddock
    first = mentioned(await overview(p, p.member_ids[0]))
    await p.restart()
    assert len(p.fake.sync_calls) == 1, "an unchanged tree is still not synced again"
    assert mentioned(await overview(p, p.member_ids[0])) == first


async def test_one_command_in_detail_with_autocomplete(paddock: Harness) -> None:
    p = paddock
    offered = await p.fake.autocomplete(
        p.guild_id, p.general_id, p.member_ids[0], "help", {"command": "meet"}, focused="command"
    )
    await offered.wait_response(3)
    values = [c["value"] for c in offered.choices or []]
    assert "meet list" in values and "meet create" not in values
    assert all(len(c["name"]) <= 100 for c in offered.choices or [])

    detail = await p.run(p.organiser_id, "help", {"command": "meet create"})
    assert detail.ephemeral
    [embed] = detail.embeds
    assert embed["title"] == "/meet create"
    meet_id = next(int(c["id"]) for c in p.fake.commands_for(None) if c["name"] == "meet")
    assert embed["description"].startswith(f"</meet create:{meet_id}>")
    assert "Only organisers can use this" in embed["description"]
    options = "\n".join(f["value"] for f in embed["fields"])
    assert "`title` · " in options and "`rsvp_by` · " in options

    german = await p.run(p.member_ids[0], "help", {"command": "/treffen liste"}, locale="de")
    [embed] = german.embeds
    assert embed["title"] == "/treffen liste"
    assert embed["fields"][0]["name"] == "Optionen"

    # Fixed choices are listed, as the member's Discord names them.
    specs = await p.run(p.member_ids[0], "help", {"command": "specs"}, locale="de")
    options = "\n".join(f["value"] for f in specs.embeds[0]["fields"])
    assert "`einheiten` · " in options and "(metrisch, imperial)" in options

    unknown = await p.run(p.member_ids[0], "help", {"command": "fly`me"}, locale="de")
    assert unknown.ephemeral and not unknown.embeds
    assert unknown.content == (
        "Einen Befehl `fly'me` gibt es nicht. Wähl einen aus der Liste, die `befehl` anbietet, "
        "oder lass `befehl` leer für die Übersicht."
    )


async def test_the_time_zone_option_says_it_takes_cities(paddock: Harness) -> None:
    config = next(c for c in paddock.fake.commands_for(None) if c["name"] == "config")
    timezone = next(o for o in config["options"] if o["name"] == "timezone")
    [zone] = timezone["options"]
    assert "Wien" in zone["description"] and "東京" in zone["description"]
    assert "CET" in zone["description"]
    german = zone["description_localizations"]["de"]
    assert german.startswith("Eine Stadt in jeder Sprache (Wien, 東京)")


async def test_dev_guild_commands_are_mentioned_with_the_guilds_ids(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    harness = make_harness(fake, tmp_path)
    harness.dev_guilds = True
    await harness.start()
    try:
        synced = list(leaves(fake.commands_for(harness.guild_id)))
        assert synced and fake.commands_for(None) == []
        shown = mentioned(await overview(harness, harness.member_ids[0]))
        assert shown == {name: cid for name, c, cid in synced if audience(c) == "everyone"}
    finally:
        await harness.stop()
