"""/config: per-server settings. Everyone may look; Manage Server may change."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import InvalidInput
from bot.flows.guards import require_manage_server, require_member
from bot.flows.locale import member_language
from bot.i18n import LANGUAGES, t
from bot.render.series import before_words
from bot.render.settings import calendar_links_text, settings_embed
from bot.render.text import plain
from bot.services import zone_choices as zone_ranking
from bot.services import zone_cities
from bot.services.guild_settings import parse_post_ahead, parse_reminders
from bot.services.zones import zone_name
from bot.web.links import feed_url, page_url


def zone_choices(current: str) -> list[app_commands.Choice[str]]:
    return [
        app_commands.Choice(name=c.label, value=c.zone) for c in zone_ranking.zone_choices(current)
    ]


T = TypeVar("T")


async def first_off_the_loop(work: Callable[[str], T], text: str) -> T:
    """`work(text)`, in a thread the first time: it reads ~5,000 city names then (tenths
    of a second), which would hold up every other interaction."""
    if zone_cities.ready():
        return work(text)
    return await asyncio.to_thread(work, text)


@app_commands.guild_only()
class Config(commands.GroupCog, group_name="config"):
    """Show or change Paddock's settings for this server."""

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        super().__init__()

    async def _save(
        self,
        interaction: discord.Interaction[PaddockBot],
        done: str,
        args: Mapping[str, str | int] | None = None,
        /,
        **changes: object,
    ) -> None:
        """Store the changes, then confirm with the message `done` in the member's language."""
        guild_id = require_manage_server(interaction)
        settings = await self.bot.services.settings.update(guild_id, **changes)
        lang = member_language(interaction)
        await interaction.response.send_message(
            t(lang, done, **(args or {})), embed=settings_embed(settings, lang), ephemeral=True
        )

    @app_commands.command(name="show")
    async def show(self, interaction: discord.Interaction[PaddockBot]) -> None:
        """Show this server's Paddock settings."""
        guild_id = require_member(interaction)
        settings = await self.bot.services.settings.get(guild_id)
        await interaction.response.send_message(
            embed=settings_embed(settings, member_language(interaction)), ephemeral=True
        )

    @app_commands.command(name="timezone")
    @app_commands.describe(
        zone="A city in any language (Wien, 東京), an abbreviation (CET) or a zone (Europe/Berlin)"
    )
    async def timezone(
        self, interaction: discord.Interaction[PaddockBot], zone: app_commands.Range[str, 1, 64]
    ) -> None:
        """Set the time zone meet times are read in (Manage Server)."""
        # "CET" typed without picking a suggestion means the zone it is offered as.
        typed = zone.strip()
        meant = await first_off_the_loop(zone_ranking.resolve_zone, typed)
        shown = zone_name(meant) or meant  # the canonical spelling, e.g. Europe/Berlin
        # "Wien" or "München" typed: say which zone that became, as for "CET".
        named = zone_ranking.other_name(typed) if meant != typed else None
        if typed.upper() in zone_ranking.ABBREVIATIONS and meant != typed:
            args = {"zone": shown, "typed": typed.upper()}
            await self._save(interaction, "config-timezone-set-for", args, timezone=meant)
        elif named is not None:
            args = {"zone": shown, "typed": named}
            await self._save(interaction, "config-timezone-set-for", args, timezone=meant)
        else:
            await self._save(interaction, "config-timezone-set", {"zone": shown}, timezone=meant)

    @timezone.autocomplete("zone")
    async def _timezone_complete(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return await first_off_the_loop(zone_choices, current)

    @app_commands.command(name="units")
    @app_commands.describe(units="Units /specs uses by default")
    @app_commands.choices(
        units=[
            app_commands.Choice(name="metric", value="metric"),
            app_commands.Choice(name="imperial", value="imperial"),
        ]
    )
    async def units(
        self, interaction: discord.Interaction[PaddockBot], units: app_commands.Choice[str]
    ) -> None:
        """Set the default units for /specs (Manage Server)."""
        done = "config-units-imperial" if units.value == "imperial" else "config-units-metric"
        await self._save(interaction, done, units=units.value)

    @app_commands.command(name="language")
    @app_commands.describe(language="The language of announcements, counters and cards")
    @app_commands.choices(
        language=[app_commands.Choice(name=name, value=code) for code, name in LANGUAGES.items()]
    )
    async def language(
        self, interaction: discord.Interaction[PaddockBot], language: app_commands.Choice[str]
    ) -> None:
        """Set the language of this server's public posts (Manage Server)."""
        await self._save(
            interaction, "config-language-set", {"language": language.name}, language=language.value
        )

    @app_commands.command(name="meets-channel")
    @app_commands.describe(channel="Where meet announcements go; leave empty to clear")
    async def meets_channel(
        self,
        interaction: discord.Interaction[PaddockBot],
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Set the channel meet announcements go to (Manage Server)."""
        if channel:
            args = {"channel": channel.mention}
            await self._save(
                interaction, "config-meets-channel-set", args, meets_channel_id=channel.id
            )
        else:
            await self._save(interaction, "config-meets-channel-cleared", meets_channel_id=None)

    @app_commands.command(name="announce-channel")
    @app_commands.describe(channel="Where record-break news goes; leave empty to clear")
    async def announce_channel(
        self,
        interaction: discord.Interaction[PaddockBot],
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Set the channel for record-break announcements (Manage Server)."""
        if channel:
            args = {"channel": channel.mention}
            await self._save(
                interaction, "config-announce-channel-set", args, announce_channel_id=channel.id
            )
        else:
            await self._save(
                interaction, "config-announce-channel-cleared", announce_channel_id=None
            )

    @app_commands.command(name="organizer-role")
    @app_commands.describe(role="Members with this role can manage meets and counters")
    async def organizer_role(
        self, interaction: discord.Interaction[PaddockBot], role: discord.Role | None = None
    ) -> None:
        """Set the role that may organise meets and counters (Manage Server)."""
        if role:
            require_manage_server(interaction)
            if role.is_default():
                # Every member could cancel meets, verify cars and clear VINs; and its
                # mention would read "@@everyone". A slip in the role picker, most likely.
                raise InvalidInput(key="qa3b-error-organizer-role-everyone")
            args = {"role": role.mention}
            await self._save(
                interaction, "config-organizer-role-set", args, organizer_role_id=role.id
            )
        else:
            await self._save(interaction, "config-organizer-role-cleared", organizer_role_id=None)

    @app_commands.command(name="announce-role")
    @app_commands.describe(role="Pinged once when the club record falls; empty for nobody")
    async def announce_role(
        self, interaction: discord.Interaction[PaddockBot], role: discord.Role | None = None
    ) -> None:
        """Set the role pinged when the attendance record falls (Manage Server)."""
        if role:
            require_manage_server(interaction)
            if role.is_default():
                # Its mention would read "@@everyone" and ping nobody: say so now.
                raise InvalidInput(key="qagarage-error-announce-role-everyone")
            args = {"role": role.mention}
            await self._save(
                interaction, "config-announce-role-set", args, announce_role_id=role.id
            )
        else:
            await self._save(interaction, "config-announce-role-cleared", announce_role_id=None)

    @app_commands.command(name="owner-role")
    @app_commands.describe(role="Given to members with a verified car; leave empty for none")
    async def owner_role(
        self, interaction: discord.Interaction[PaddockBot], role: discord.Role | None = None
    ) -> None:
        """Set the role Paddock gives verified car owners (Manage Server)."""
        if role:
            require_manage_server(interaction)
            if role.is_default() or role.managed:
                # Discord lets no bot give these; every verification would fail.
                raise InvalidInput(
                    key="qagarage-error-owner-role-not-assignable", role=plain(role.name, 50)
                )
            args = {"role": role.mention}
            await self._save(interaction, "config-owner-role-set", args, owner_role_id=role.id)
        else:
            await self._save(interaction, "config-owner-role-cleared", owner_role_id=None)

    @app_commands.command(name="reminders")
    @app_commands.describe(times="Before each meet, e.g. '24h, 1h' or '90m'; 'off' for none")
    async def reminders(
        self, interaction: discord.Interaction[PaddockBot], times: app_commands.Range[str, 1, 100]
    ) -> None:
        """Set when meet reminders are sent (Manage Server)."""
        minutes = parse_reminders(times)
        if minutes:
            lang = member_language(interaction)
            args = {"times": ", ".join(before_words(m, lang) for m in minutes)}
            await self._save(interaction, "config-reminders-set", args, reminder_minutes=minutes)
        else:
            await self._save(interaction, "config-reminders-off", reminder_minutes=minutes)

    @app_commands.command(name="milestones")
    @app_commands.describe(every="Post a milestone every N cars at a live counter; 0 turns it off")
    async def milestones(
        self,
        interaction: discord.Interaction[PaddockBot],
        every: app_commands.Range[int, 0, 10_000],
    ) -> None:
        """Post a milestone every N cars on the live counter (Manage Server)."""
        if every:
            await self._save(
                interaction, "config-milestones-set", {"every": every}, milestone_every=every
            )
        else:
            await self._save(interaction, "config-milestones-off", milestone_every=None)

    @app_commands.command(name="post-ahead")
    @app_commands.describe(
        ahead="How long before each date a recurring meet is announced: '7d', '48h'"
    )
    async def post_ahead(
        self, interaction: discord.Interaction[PaddockBot], ahead: app_commands.Range[str, 1, 20]
    ) -> None:
        """Set how early each date of a recurring meet is announced (Manage Server)."""
        minutes = parse_post_ahead(ahead)
        args = {"ahead": before_words(minutes, member_language(interaction))}
        await self._save(interaction, "config-post-ahead-set", args, post_ahead_minutes=minutes)

    @app_commands.command(name="calendar-link")
    @app_commands.describe(
        regenerate="Make new links; the old ones stop working at once (e.g. if one leaked)"
    )
    async def calendar_link(
        self, interaction: discord.Interaction[PaddockBot], regenerate: bool = False
    ) -> None:
        """Show this server's calendar feed and club page links (Manage Server)."""
        guild_id = require_manage_server(interaction)
        lang = member_language(interaction)
        base = self.bot.settings.calendar_base()
        if base is None or self.bot.settings.web_port is None:
            await interaction.response.send_message(t(lang, "calendar-off"), ephemeral=True)
            return
        secret = await self.bot.services.calendar.secret(guild_id, regenerate=regenerate)
        await interaction.response.send_message(
            calendar_links_text(feed_url(base, secret), page_url(base, secret), regenerate, lang),
            ephemeral=True,
        )

    @app_commands.command(name="meet-threads")
    @app_commands.describe(
        state="on: each new meet gets a discussion thread under its announcement"
    )
    @app_commands.choices(
        state=[
            app_commands.Choice(name="on", value="on"),
            app_commands.Choice(name="off", value="off"),
        ]
    )
    async def meet_threads(
        self, interaction: discord.Interaction[PaddockBot], state: app_commands.Choice[str]
    ) -> None:
        """Give each new meet a discussion thread, where its reminders and changes go too (Manage Server)."""
        on = state.value == "on"
        done = "config-meet-threads-on" if on else "config-meet-threads-off"
        await self._save(interaction, done, meet_threads=on)


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(Config(bot))
