"""Startup, command sync and /about, end to end."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bot import __version__
from tests.e2e.conftest import make_harness
from tests.e2e.harness import Harness
from tests.fakediscord import FakeDiscord
from tests.i18n.edited import edited_catalogue


async def test_first_start_syncs_once_and_restart_with_same_tree_does_not(paddock: Harness) -> None:
    fake = paddock.fake
    assert len(fake.sync_calls) == 1
    names = {c["name"] for c in fake.commands_for(None)}
    assert {"about", "config"} <= names
    await paddock.restart()
    assert len(fake.sync_calls) == 1, "an unchanged tree must not be synced again"
    assert len(fake.requests_to("PUT", r"/commands$")) == 1


async def test_the_payload_rebuilt_is_exactly_what_sync_sends(paddock: Harness) -> None:
    # command_payload() rebuilds, from public discord.py API (tree.get_commands and each
    # command's get_translated_payload), the body tree.sync() sends; the sync's digest hashes
    # the same commands' to_dict(). If a discord.py release changes either, this fails first.
    sent = paddock.fake.sync_calls[0].body
    by_name = sorted(sent, key=lambda c: c["name"])
    assert await paddock.bot.command_payload(None) == by_name
    assert len(by_name) >= 8


async def test_changed_tree_is_synced_again(paddock: Harness) -> None:
    await paddock.stop()
    await paddock.bot.db.connect()
    await paddock.bot.db.set_meta(f"command_hash:{paddock.fake.app_id}:global", "stale")
    await paddock.bot.db.close()
    await paddock.start()
    assert len(paddock.fake.sync_calls) == 2


async def test_a_changed_command_translation_is_synced_on_restart(
    paddock: Harness, tmp_path: Path
) -> None:
    """A deploy that only changes de.ftl: the tree is the same, the German name is not."""
    await paddock.stop()
    with edited_catalogue(tmp_path, "de", "    .name = daten\n", "    .name = fahrzeugdaten\n"):
        await paddock.start()
        assert len(paddock.fake.sync_calls) == 2
        [specs] = [c for c in paddock.fake.sync_calls[1].body if c["name"] == "specs"]
        assert specs["name_localizations"]["de"] == "fahrzeugdaten"
        await paddock.restart()
        assert len(paddock.fake.sync_calls) == 2, "the same catalogue is not synced twice"


async def test_dev_guilds_sync_to_the_guild_only(fake: FakeDiscord, tmp_path: Path) -> None:
    harness = make_harness(fake, tmp_path)
    harness.dev_guilds = True
    await harness.start()
    try:
        assert len(fake.sync_calls) == 1
        assert fake.commands_for(None) == []
        assert {c["name"] for c in fake.commands_for(harness.guild_id)} >= {"about", "config"}
        record = await harness.run(harness.member_ids[0], "about")
        await record.wait_followup(1, 5)
        assert record.embeds and record.embeds[0]["title"] == "Paddock"
    finally:
        await harness.stop()


async def about_fields(p: Harness, guild_id: int, channel_id: int, user_id: int) -> dict[str, str]:
    record = await p.fake.slash(guild_id, channel_id, user_id, "about")
    await record.wait_followup(1, 5)
    assert record.ephemeral
    assert p.fake.late_answers == [], "answered inside Discord's 3 s"
    return {f["name"]: f["value"] for f in record.embeds[0]["fields"]}


async def test_about_answers_with_version_and_this_servers_counts_only(paddock: Harness) -> None:
    p = paddock
    await p.create({"title": "Cars and Coffee", "when": "2027-06-05 10:00", "location": "Nürburg"})
    fields = await about_fields(p, p.guild_id, p.general_id, p.member_ids[0])
    assert fields["Version"] == __version__
    assert fields["Stored for this server"] == (
        "1 meet (1 upcoming) · 0 RSVPs · 0 attendance counters · 0 check-ins · 0 history entries"
        " · 0 garage cars (0 with a VIN)"
    )
    other = p.fake.add_guild("Rival Club", owner_id=p.owner_id)
    channel_id = other.add_channel("general")
    stranger = other.add_member(name="stranger")
    await p.fake.wait_until(lambda: p.bot.get_guild(other.id) is not None, 5, "second server")
    theirs = await about_fields(p, other.id, channel_id, stranger)
    assert theirs["Stored for this server"].startswith("0 meets (0 upcoming) · 0 RSVPs")


async def test_bad_timezone_gets_a_helpful_ephemeral_reply(paddock: Harness) -> None:
    record = await paddock.run(paddock.owner_id, "config timezone", {"zone": "Mars/Base"})
    assert record.ephemeral
    assert "time zone" in record.content and "Europe/Berlin" in record.content


async def test_config_change_needs_manage_server_and_persists(paddock: Harness) -> None:
    member = paddock.member_ids[0]
    refused = await paddock.run(member, "config timezone", {"zone": "Asia/Tokyo"})
    assert refused.ephemeral and "Manage Server" in refused.content
    done = await paddock.run(paddock.owner_id, "config timezone", {"zone": "Asia/Tokyo"})
    assert done.ephemeral and "Asia/Tokyo" in done.content
    await paddock.restart()
    shown = await paddock.run(member, "config show")
    fields = {f["name"]: f["value"] for f in shown.embeds[0]["fields"]}
    assert fields["Time zone"] == "Asia/Tokyo"


async def test_timezone_autocomplete_is_fuzzy(paddock: Harness) -> None:
    record = await paddock.fake.autocomplete(
        paddock.guild_id,
        paddock.general_id,
        paddock.owner_id,
        "config timezone",
        {"zone": "berlin"},
        focused="zone",
    )
    await record.wait_response(5)
    assert record.choices and record.choices[0]["value"] == "Europe/Berlin"


async def test_timezone_by_city_start_and_abbreviation(paddock: Harness) -> None:
    async def choices(typed: str) -> list[dict[str, str]]:
        record = await paddock.fake.autocomplete(
            paddock.guild_id,
            paddock.general_id,
            paddock.owner_id,
            "config timezone",
            {"zone": typed},
            focused="zone",
        )
        await record.wait_response(5)
        assert record.choices is not None
        return record.choices

    assert (await choices("berl"))[0] == {"name": "Europe/Berlin", "value": "Europe/Berlin"}
    assert (await choices("CEST"))[0] == {
        "name": "CEST (Central European Summer Time): Europe/Berlin",
        "value": "Europe/Berlin",
    }
    # Typed without picking, the abbreviation is stored as the zone it is offered as.
    done = await paddock.run(paddock.owner_id, "config timezone", {"zone": "cet"})
    assert done.content == "Time zone set to Europe/Berlin (for CET)."
    fields = {f["name"]: f["value"] for f in done.embeds[0]["fields"]}
    assert fields["Time zone"] == "Europe/Berlin"
    # A city typed without picking is its zone too (it used to be refused).
    city = await paddock.run(paddock.owner_id, "config timezone", {"zone": "new york"})
    assert city.content == "Time zone set to America/New_York."


async def test_unexpected_error_gets_an_error_id(
    paddock: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(paddock.bot.services.stats, "for_server", broken)
    record = await paddock.run(paddock.member_ids[0], "about")
    # /about defers first, so the error must arrive as a follow-up, not a second response.
    followup = await record.wait_followup(1, 5)
    assert record.callbacks[0].type == 5
    assert len(record.callbacks) == 1
    assert "error id" in str(followup)
    assert "database on fire" not in str(followup)


def test_command_tree_snapshot(tmp_path: Path) -> None:
    """Any change to the public command surface shows up as a diff of this file."""
    import asyncio

    from bot.app import PaddockBot
    from bot.config import load_settings

    snapshot = Path(__file__).parent / "commands.snapshot.json"

    async def dump() -> list[dict[str, object]]:
        bot = PaddockBot(
            load_settings(_env_file=None, PADDOCK_DATABASE=tmp_path / "s.db"), sync_on_start=False
        )
        async with bot:  # initialises the client so close() is clean, without logging in
            await bot.setup_hook()
            return await bot.command_payload(None)

    payload = asyncio.run(dump())
    text = json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    import os

    if os.environ.get("PADDOCK_UPDATE_SNAPSHOT") == "1":
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), "no snapshot yet: run with PADDOCK_UPDATE_SNAPSHOT=1 and commit it"
    assert snapshot.read_text(encoding="utf-8") == text, (
        "the command tree changed; review the diff and rerun with PADDOCK_UPDATE_SNAPSHOT=1"
    )


async def test_shutdown_answers_the_presses_already_in_flight(
    paddock: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    fake = paddock.fake
    created = await paddock.create(
        {
            "title": "Last orders",
            "when": "2027-06-05 10:00",
            "location": "Ring",
            "channel": paddock.meets_id,
        },
    )
    assert (created.content or "").startswith("Announced")
    announcement = await fake.wait_for_message(
        paddock.meets_id, lambda m: bool(m.get("components")), 5
    )
    going = announcement["components"][0]["components"][0]["custom_id"]
    members = await paddock.add_members(400)
    presses = await asyncio.gather(*(fake.press(announcement["id"], going, m) for m in members))
    await fake.wait_until(lambda: any(p.callbacks for p in presses), 5)
    in_flight = sum(1 for p in presses if not p.callbacks)
    await paddock.stop()  # SIGTERM-equivalent while most presses are still being handled
    unanswered = [p for p in presses if not p.callbacks]
    assert in_flight > 0, "the test must stop the bot while presses are being handled"
    assert unanswered == []
    assert not [r for r in caplog.records if r.levelno >= 40], "no handler may crash"
    await paddock.start()
    rows = await paddock.bot.db.fetchval("SELECT COUNT(*) FROM meet_rsvps")
    assert rows == len(members)
