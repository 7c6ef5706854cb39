"""Paddock in German, end to end: a member whose Discord client is German gets German
replies, a server whose language is German gets German public posts, and an English
member or server still reads English."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import make_harness
from tests.e2e.harness import Harness
from tests.fakediscord import FakeDiscord, Interaction

pytestmark = pytest.mark.e2e

GERMAN = "de"
ENGLISH = "en-US"


def fields(record: Interaction) -> dict[str, str]:
    [embed] = record.embeds
    return {f["name"]: f["value"] for f in embed["fields"]}


def selects(record: Interaction) -> list[dict]:
    assert record.original is not None
    rows = record.original.get("components") or []
    return [c for row in rows for c in row["components"] if c["type"] == 3]


async def test_a_german_member_reads_german_replies_in_an_english_server(
    paddock: Harness,
) -> None:
    member = paddock.member_ids[0]
    missing = await paddock.run(member, "specs", {"model": "fiat multipla"}, locale=GERMAN)
    assert missing.ephemeral
    assert (missing.content or "").startswith(
        "Kein Auto passt zu „fiat multipla“ in `modell`: der Katalog hat nichts mit diesem Namen."
    )
    same = await paddock.run(
        member, "specs", {"model": "1m", "compare": "bmw-1m-e82"}, locale=GERMAN
    )
    # Options are named as a German client shows them: `modell`, `vergleich`.
    assert "`vergleich` ist dasselbe Auto wie `modell`" in (same.content or "")

    offered = await paddock.run(member, "specs", {"model": "supra mk4"}, locale=GERMAN)
    assert "Meintest du Toyota GR Supra 3.0 (A90, 2019–)?" in (offered.content or "")
    [select] = selects(offered)
    assert select["placeholder"] == "Wähl ein Auto"
    assert offered.original is not None
    chosen = await paddock.fake.press(
        offered.original["id"],
        select["custom_id"],
        member,
        values=["toyota-gr-supra-a90"],
        locale=GERMAN,
    )
    await chosen.wait_response(5)
    # The card is a public post: it follows the server, still English.
    assert not chosen.ephemeral
    assert "Power" in fields(chosen)

    refused = await paddock.run(member, "config language", {"language": "de"}, locale=GERMAN)
    assert refused.content == (
        "Nur Mitglieder mit „Server verwalten“ können Paddocks Einstellungen ändern."
    )
    english = await paddock.run(member, "config language", {"language": "de"}, locale=ENGLISH)
    assert english.content == "Only members with Manage Server can change Paddock's settings."


async def test_config_language_de_makes_public_posts_german(paddock: Harness) -> None:
    member = paddock.member_ids[0]
    before = await paddock.run(member, "specs", {"model": "1m"}, locale=GERMAN)
    assert "Power" in fields(before) and "Leistung" not in fields(before)

    done = await paddock.run(paddock.owner_id, "config language", {"language": "de"})
    assert (done.content or "").startswith("Public posts in this server are now in Deutsch.")

    # An English-speaking member's /specs card is German now: it is the server's post.
    card = await paddock.run(member, "specs", {"model": "1m"}, locale=ENGLISH)
    shown = fields(card)
    assert "**340 PS** (250 kW · 335 hp)" in shown["Leistung"]
    assert "veröffentlicht: 335 hp SAE bei 5.900 U/min" in shown["Leistung"]
    assert "Overboost 500 Nm (369 lb-ft)" in shown["Drehmoment"]
    assert shown["Leergewicht"] == "1.495 kg (3.296 lb)"
    assert shown["0–100 km/h"] == "4,9 s"
    assert shown["Getriebe"] == "6-Gang-Schaltgetriebe"
    assert shown["Antrieb"] == "Heckantrieb"
    assert shown["Produktion"] == "6.309 gebaut · 2.700 geplant"
    assert card.embeds[0]["title"] == "BMW 1M Coupé (E82, 2011–2012)"  # names stay

    # The settings, asked for by that member, are in their own language: English.
    settings = await paddock.run(member, "config show", locale=ENGLISH)
    assert fields(settings)["Language of public posts"] == "Deutsch"
    german = await paddock.run(member, "config show", locale=GERMAN)
    assert fields(german)["Sprache öffentlicher Beiträge"] == "Deutsch"

    await paddock.restart()
    again = await paddock.run(member, "specs", {"model": "1m"}, locale=ENGLISH)
    assert "Leistung" in fields(again)


async def test_a_server_whose_discord_language_is_german_starts_german(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    harness = make_harness(fake, tmp_path)
    harness.guild.preferred_locale = "de"
    await harness.start()
    try:
        card = await harness.run(harness.member_ids[0], "specs", {"model": "1m"})
        assert "Drehmoment" in fields(card)
        # A choice made with /config wins over Discord's preferred locale.
        await harness.run(harness.owner_id, "config language", {"language": "en"})
        card = await harness.run(harness.member_ids[0], "specs", {"model": "1m"})
        assert "Torque" in fields(card)
    finally:
        await harness.stop()


async def test_commands_are_synced_with_german_names(paddock: Harness) -> None:
    synced = {c["name"]: c for c in paddock.fake.commands_for(None)}
    assert synced["specs"]["name_localizations"]["de"] == "daten"
    options = {o["name"]: o for o in synced["specs"]["options"]}
    assert options["model"]["name_localizations"]["de"] == "modell"
    assert options["units"]["choices"][0]["name_localizations"]["de"] == "metrisch"
    config = {o["name"]: o for o in synced["config"]["options"]}
    assert config["language"]["name_localizations"]["de"] == "sprache"
