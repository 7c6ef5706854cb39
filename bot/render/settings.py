"""How a server's Paddock settings look in /config."""

from __future__ import annotations

import discord

from bot.i18n import LANGUAGES, t
from bot.render.series import before_words
from bot.services.guild_settings import GuildSettings

UNITS_KEY = {"metric": "units-metric", "imperial": "units-imperial"}


def settings_embed(settings: GuildSettings, lang: str = "en") -> discord.Embed:
    def channel(cid: int | None, fallback: str) -> str:
        return f"<#{cid}>" if cid else t(lang, fallback)

    def role(rid: int | None, fallback: str) -> str:
        return f"<@&{rid}>" if rid else t(lang, fallback)

    embed = discord.Embed(title=t(lang, "settings-title"), colour=discord.Colour.dark_teal())
    embed.add_field(name=t(lang, "settings-timezone"), value=settings.timezone)
    embed.add_field(name=t(lang, "settings-units"), value=t(lang, UNITS_KEY[settings.units]))
    language = (
        LANGUAGES[settings.language] if settings.language else t(lang, "settings-language-discord")
    )
    embed.add_field(name=t(lang, "settings-language"), value=language)
    embed.add_field(
        name=t(lang, "settings-meets-channel"),
        value=channel(settings.meets_channel_id, "settings-meets-channel-default"),
    )
    embed.add_field(
        name=t(lang, "settings-announce-channel"),
        value=channel(settings.announce_channel_id, "settings-announce-channel-default"),
    )
    embed.add_field(
        name=t(lang, "settings-organizer-role"),
        value=role(settings.organizer_role_id, "settings-organizer-role-default"),
    )
    embed.add_field(
        name=t(lang, "settings-announce-role"),
        value=role(settings.announce_role_id, "settings-announce-role-default"),
    )
    embed.add_field(
        name=t(lang, "settings-owner-role"),
        value=role(settings.owner_role_id, "settings-owner-role-default"),
    )
    reminders = ", ".join(before_words(m, lang) for m in settings.reminder_minutes)
    embed.add_field(
        name=t(lang, "settings-reminders"),
        value=t(lang, "settings-reminders-value", times=reminders)
        if reminders
        else t(lang, "settings-off"),
    )
    embed.add_field(
        name=t(lang, "settings-meet-threads"),
        value=t(lang, "settings-on") if settings.meet_threads else t(lang, "settings-off"),
    )
    embed.add_field(
        name=t(lang, "settings-milestones"),
        value=t(lang, "settings-milestones-value", every=settings.milestone_every)
        if settings.milestone_every
        else t(lang, "settings-off"),
    )
    embed.add_field(
        name=t(lang, "settings-post-ahead"),
        value=t(
            lang, "settings-post-ahead-value", ahead=before_words(settings.post_ahead_minutes, lang)
        ),
    )
    return embed


def calendar_links_text(feed: str, page: str, regenerated: bool, lang: str = "en") -> str:
    head = t(lang, "calendar-links-new") if regenerated else t(lang, "calendar-links")
    return f"{head}\n" + t(lang, "calendar-links-body", feed=f"<{feed}>", page=f"<{page}>")
