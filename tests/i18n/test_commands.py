"""Every slash command, option and choice has a German name and description that Discord
accepts (test_lazy_catalogue: the sync digest moves when a translation does).

Built from the real tree (every cog loaded), so a command another change adds fails here
until de.ftl translates it; at run time a missing translation falls back to English.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from discord import Locale, app_commands

from bot.app import PaddockBot
from bot.config import load_settings
from bot.i18n import bundle
from bot.i18n.commands import catalogue_key

# Discord's rule for command and option names: ^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$
# (\w is letters, digits and "_" in Python's Unicode mode; Devanagari and Thai marks
# are left out because no catalogue here uses those scripts), and lower case where the
# letter has a lower case.
NAME = re.compile(r"^[-\w]{1,32}$")
GERMAN = Locale.german.value


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[PaddockBot]:
    paddock = PaddockBot(
        load_settings(_env_file=None, PADDOCK_DATABASE=tmp_path / "s.db"), sync_on_start=False
    )
    async with paddock:  # a client that closes cleanly, without logging in
        await paddock.setup_hook()
        yield paddock


def walk(entries: list[dict[str, Any]], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, entry) for every command, group, option and choice of a sync payload."""
    for entry in entries:
        where = f"{path} {entry['name']}".strip()
        yield where, entry
        for choice in entry.get("choices", []):
            yield f"{where} choice {choice['name']!r}", choice
        yield from walk(entry.get("options", []), where)


async def test_every_command_option_and_choice_has_a_valid_german_name(bot: PaddockBot) -> None:
    payload = await bot.command_payload(None)
    missing, invalid = [], []
    for where, entry in walk(payload):
        is_choice = "value" in entry
        names = entry.get("name_localizations") or {}
        if GERMAN not in names:
            missing.append(f"{where}: name")
            continue
        name = names[GERMAN]
        if is_choice:
            if not 1 <= len(name) <= 100:
                invalid.append(f"{where}: choice name {name!r} must be 1-100 characters")
            continue
        if not NAME.match(name) or name != name.lower():
            invalid.append(f"{where}: {name!r} is not a valid Discord name")
        descriptions = entry.get("description_localizations") or {}
        if GERMAN not in descriptions:
            missing.append(f"{where}: description")
        elif not 1 <= len(descriptions[GERMAN]) <= 100:
            invalid.append(f"{where}: German description is {len(descriptions[GERMAN])} chars")
    assert not missing, f"add these to bot/i18n/de.ftl: {missing}"
    assert not invalid, invalid


async def test_german_names_are_unique_among_siblings(bot: PaddockBot) -> None:
    payload = await bot.command_payload(None)

    def check(siblings: list[dict[str, Any]], where: str) -> list[str]:
        clashes = []
        seen: dict[str, str] = {}
        for entry in siblings:
            german = (entry.get("name_localizations") or {}).get(GERMAN, entry["name"])
            if german in seen:
                clashes.append(f"{where}: {seen[german]} and {entry['name']} are both {german!r}")
            seen[german] = entry["name"]
            clashes += check(entry.get("options", []), f"{where} {entry['name']}")
        return clashes

    assert check(payload, "/") == []


async def test_english_is_the_commands_own_text(bot: PaddockBot) -> None:
    payload = {c["name"]: c for c in await bot.command_payload(None)}
    specs = payload["specs"]
    assert specs["name_localizations"][GERMAN] == "daten"
    assert Locale.american_english.value not in specs["name_localizations"]
    assert specs["description"].startswith("Show a car's specs")


async def test_a_missing_translation_leaves_english(bot: PaddockBot) -> None:
    command = app_commands.Command(
        name="brand-new", description="Added later, not yet translated", callback=_noop
    )
    bot.tree.add_command(command)
    [entry] = [c for c in await bot.command_payload(None) if c["name"] == "brand-new"]
    assert entry["name_localizations"] == {}
    assert entry["description"] == "Added later, not yet translated"


async def _noop(interaction: Any) -> None:
    """A command body for the test above."""


async def test_german_catalogue_translates_exactly_the_commands_in_the_tree(
    bot: PaddockBot,
) -> None:
    """No cmd-*/choice-* key in de.ftl without a command, option or choice it belongs to."""
    used: set[str] = set()

    class Recorder(app_commands.Translator):
        async def translate(
            self,
            string: app_commands.locale_str,
            locale: Locale,
            context: app_commands.TranslationContextTypes,
        ) -> str | None:
            key = catalogue_key(context)
            if key is not None:
                used.add(key.split(".")[0])
            return None

    await bot.tree.set_translator(Recorder())
    await bot.command_payload(None)
    german = {k for k in bundle("de").ids() if k.startswith(("cmd-", "choice-"))}
    assert sorted(german - used) == [], "translations for commands that no longer exist"
