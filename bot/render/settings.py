"""How a server's Paddock settings look in /config."""

from __future__ import annotations

import discord

from bot.services.guild_settings import GuildSettings, format_minutes


def settings_embed(settings: GuildSettings) -> discord.Embed:
    def channel(cid: int | None, fallback: str) -> str:
        return f"<#{cid}>" if cid else fallback

    def role(rid: int | None, fallback: str) -> str:
        return f"<@&{rid}>" if rid else fallback

    embed = discord.Embed(title="Paddock settings", colour=discord.Colour.dark_teal())
    embed.add_field(name="Time zone", value=settings.timezone)
    embed.add_field(name="Units", value=settings.units)
    embed.add_field(
        name="Meets channel", value=channel(settings.meets_channel_id, "where /meet create runs")
    )
    embed.add_field(
        name="Announcements channel",
        value=channel(settings.announce_channel_id, "the counter's channel"),
    )
    embed.add_field(
        name="Organiser role", value=role(settings.organizer_role_id, "Manage Events only")
    )
    embed.add_field(name="Record-break ping", value=role(settings.announce_role_id, "nobody"))
    embed.add_field(name="Verified owners' role", value=role(settings.owner_role_id, "none"))
    reminders = ", ".join(format_minutes(m) for m in settings.reminder_minutes)
    embed.add_field(name="Reminders", value=f"{reminders} before each meet" if reminders else "off")
    embed.add_field(name="Meet threads", value="on" if settings.meet_threads else "off")
    embed.add_field(
        name="Milestones",
        value=f"every {settings.milestone_every} cars" if settings.milestone_every else "off",
    )
    embed.add_field(
        name="Recurring meets",
        value=f"each date announced {format_minutes(settings.post_ahead_minutes)} before",
    )
    return embed


def calendar_links_text(feed: str, page: str, regenerated: bool) -> str:
    head = (
        "New calendar links; the old ones no longer work."
        if regenerated
        else "This server's calendar links."
    )
    return (
        f"{head}\n"
        f"**Calendar feed** (subscribe in Google Calendar, Apple Calendar or Thunderbird "
        f'with "add calendar from URL"):\n<{feed}>\n'
        f"**Club page** (upcoming meets and records, no member names):\n<{page}>\n"
        "Anyone with a link can read it. If one leaks, run this again with `regenerate:true`."
    )
