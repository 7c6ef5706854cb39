"""/help's overview and one command's detail, within Discord's embed limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import discord

from bot.i18n import t
from bot.render.text import truncate

Audience = Literal["everyone", "organisers", "manage-server"]
Section = Literal["meets", "counter", "garage", "specs", "setup", "other"]

# Discord's limits for one embed, and for all the embeds of one message together.
FIELD_LIMIT = 1024
FIELDS_PER_EMBED = 25
EMBED_TOTAL = 6000
COLOUR = discord.Colour.dark_teal()
SECTION_KEYS: dict[Section, str] = {
    "meets": "help-section-meets",
    "counter": "help-section-counter",
    "garage": "help-section-garage",
    "specs": "help-section-specs",
    "setup": "help-section-setup",
    "other": "help-section-other",
}
HEADING_KEYS = {"organisers": "help-for-organisers", "manage-server": "help-for-manage-server"}
WHO_KEYS = {
    "organisers": "help-audience-organisers",
    "manage-server": "help-audience-manage-server",
}


@dataclass(frozen=True, slots=True)
class Option:
    name: str  # as the member's Discord shows it
    description: str
    required: bool
    choices: tuple[str, ...] = ()  # the fixed values it offers, as the member's Discord shows them


@dataclass(frozen=True, slots=True)
class HelpEntry:
    qualified_name: str  # English, as Discord knows it: "meet create"
    shown: str  # "/treffen erstellen" for a German member
    mention: str  # "</meet create:123>" where the id is known, else "`/meet create`"
    description: str  # in the member's language, without the audience note
    audience: Audience
    section: Section
    options: tuple[Option, ...]


def _heading(section: Section, audience: Audience, lang: str) -> str:
    name = t(lang, SECTION_KEYS[section])
    if audience == "everyone":
        return name
    return t(lang, HEADING_KEYS[audience], section=name)


def _line(entry: HelpEntry) -> str:
    return truncate(f"{entry.mention} · {entry.description}", FIELD_LIMIT)


def _pack(heading: str, lines: Sequence[str], lang: str) -> list[tuple[str, str]]:
    """`lines` under `heading` as (name, value) fields of at most 1024 characters; the
    lines that don't fit go on in another field "(continued)"."""
    fields: list[tuple[str, str]] = []
    name, value = heading, ""
    for line in lines:
        if value and len(value) + 1 + len(line) > FIELD_LIMIT:
            fields.append((name, value))
            name, value = t(lang, "help-continued", section=heading), ""
        value = f"{value}\n{line}" if value else line
    fields.append((name, value))
    return fields


def _fields(entries: Sequence[HelpEntry], lang: str) -> list[tuple[str, str]]:
    """(name, value) per section and audience, in the entries' order."""
    groups: dict[tuple[Section, Audience], list[str]] = {}
    for entry in entries:
        groups.setdefault((entry.section, entry.audience), []).append(_line(entry))
    fields: list[tuple[str, str]] = []
    for (section, audience), lines in groups.items():
        fields += _pack(_heading(section, audience, lang), lines, lang)
    return fields


def overview_embeds(entries: Sequence[HelpEntry], intro: str, lang: str) -> list[discord.Embed]:
    """The overview, as few embeds as fit: each within 25 fields and, with the embeds
    before it in the same message, 6000 characters. The caller sends one per message."""
    embeds = [discord.Embed(title=t(lang, "help-title"), description=intro, colour=COLOUR)]
    for name, value in _fields(entries, lang):
        embed = embeds[-1]
        if (
            len(embed.fields) >= FIELDS_PER_EMBED
            or len(embed) + len(name) + len(value) > EMBED_TOTAL
        ):
            embed = discord.Embed(colour=COLOUR)
            embeds.append(embed)
        embed.add_field(name=name, value=value, inline=False)
    return embeds


def detail_embed(entry: HelpEntry, lang: str) -> discord.Embed:
    """One command: what it does, who may use it, and every option."""
    lines = [entry.mention, entry.description]
    if entry.audience != "everyone":
        lines.append(f"*{t(lang, WHO_KEYS[entry.audience])}*")
    embed = discord.Embed(title=entry.shown, description="\n".join(lines), colour=COLOUR)
    if entry.options:
        lines = []
        for option in entry.options:
            mark = f" ({t(lang, 'help-required')})" if option.required else ""
            offered = f" ({', '.join(option.choices)})" if option.choices else ""
            line = f"`{option.name}`{mark} · {option.description}{offered}"
            lines.append(truncate(line, FIELD_LIMIT))
        fields = _pack(t(lang, "help-options"), lines, lang)
    else:
        fields = [(t(lang, "help-options"), t(lang, "help-no-options"))]
    for name, value in fields:
        embed.add_field(name=name, value=value, inline=False)
    return embed
