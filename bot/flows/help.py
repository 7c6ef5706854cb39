"""What /help lists: the commands as the tree defines them, so it cannot drift from them.

Every slash command of the tree is read here, with its description in the member's
language (the same catalogue keys its Discord translation comes from) and its id where
the last sync told it. Who may use a command comes from its description's closing
"(organisers)" or "(Manage Server)", the convention every command docstring follows:
the cogs enforce it with require_organiser / require_manage_server.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands

from bot.flows.guards import is_organiser
from bot.i18n import DEFAULT, has, t
from bot.i18n.commands import choice_key, command_key, option_key
from bot.render.help import Audience, HelpEntry, Option, Section
from bot.services.guild_settings import GuildSettings

AnyCommand = app_commands.Command[Any, ..., Any]


# Top-level command → the part of the overview it belongs in. A command added later and
# not listed here still shows, under "other".
SECTIONS: dict[str, Section] = {
    "meet": "meets",
    "rsvp": "meets",
    "attendance": "counter",
    "checkin": "counter",
    "records": "counter",
    "garage": "garage",
    "register": "garage",
    "specs": "specs",
    "config": "setup",
    "about": "setup",
    "help": "setup",
}
SECTION_ORDER: tuple[Section, ...] = ("meets", "counter", "garage", "specs", "setup", "other")
AUDIENCES: tuple[Audience, ...] = ("everyone", "organisers", "manage-server")

_ORGANISERS = "(organisers)"
_MANAGE_SERVER = "(Manage Server)"
# The closing "(organisers)." / "(Organisatoren)." a grouped overview needn't repeat.
_AUDIENCE_NOTE = re.compile(r"\s*\([^()]*\)\.?$")


def audience_of(command: AnyCommand) -> Audience:
    description = command.description.rstrip(".").strip()
    if description.endswith(_ORGANISERS):
        return "organisers"
    if description.endswith(_MANAGE_SERVER):
        return "manage-server"
    return "everyone"


def _translated(lang: str, key: str, english: str) -> str:
    return t(lang, key) if lang != DEFAULT and has(lang, key) else english


def _shown_name(command: AnyCommand, lang: str) -> str:
    """The command's path as the member's Discord names it: "/treffen erstellen"."""
    parts: list[str] = []
    node: AnyCommand | app_commands.Group | None = command
    while node is not None:
        key = command_key(node.qualified_name) + ".name"
        parts.append(_translated(lang, key, node.name))
        node = node.parent
    return "/" + " ".join(reversed(parts))


def entry_of(command: AnyCommand, lang: str, command_id: int | None) -> HelpEntry:
    name = command.qualified_name
    audience = audience_of(command)
    description = _translated(lang, command_key(name) + ".description", command.description)
    if audience != "everyone":
        description = _AUDIENCE_NOTE.sub("", description).rstrip() + "."
    shown = _shown_name(command, lang)
    mention = f"</{name}:{command_id}>" if command_id is not None else f"`{shown}`"
    options = tuple(
        Option(
            name=_translated(lang, option_key(name, p.name) + ".name", p.display_name),
            description=_translated(lang, option_key(name, p.name) + ".description", p.description),
            required=p.required,
            choices=tuple(_translated(lang, choice_key(c.name), c.name) for c in p.choices),
        )
        for p in command.parameters
    )
    top = name.split()[0]
    return HelpEntry(
        name, shown, mention, description, audience, SECTIONS.get(top, "other"), options
    )


def all_entries(
    tree: app_commands.CommandTree, lang: str, ids: dict[str, int | None]
) -> list[HelpEntry]:
    """Every slash command in the tree, in the overview's order (section, audience, then
    tree order).
    `ids`: top-level name → its command id, where known."""
    entries = [
        entry_of(c, lang, ids.get(c.qualified_name.split()[0]))
        for c in tree.walk_commands()
        if isinstance(c, app_commands.Command)
    ]
    # What everyone may use first, within each section: it is what most members read.
    return sorted(
        entries, key=lambda e: (SECTION_ORDER.index(e.section), AUDIENCES.index(e.audience))
    )


def may_use(
    entry: HelpEntry, interaction: discord.Interaction, settings: GuildSettings | None
) -> bool:
    """Whether /help shows `entry` to this member: organisers' and Manage Server's
    commands only to those who pass the same checks the commands make."""
    if entry.audience == "everyone":
        return True
    if settings is None:  # a DM: no server to organise
        return False
    if entry.audience == "organisers":
        return is_organiser(interaction, settings)
    perms = interaction.permissions
    return perms.manage_guild or perms.administrator


def find_entry(entries: list[HelpEntry], typed: str) -> HelpEntry | None:
    """The entry `typed` names: an autocomplete value ("meet create"), or the command as
    typed in either language ("/meet create", "/treffen erstellen")."""
    wanted = " ".join(typed.strip().lstrip("/").casefold().split())
    for entry in entries:
        if wanted in (entry.qualified_name, entry.shown.lstrip("/").casefold()):
            return entry
    return None
