"""/records: the club's attendance record and history, and importing past meets."""

from __future__ import annotations

import asyncio
import functools
import io

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import InvalidInput
from bot.flows.guards import require_member, require_organiser
from bot.flows.locale import member_language, posts_language
from bot.flows.options import series_picker, settle_series
from bot.i18n import t
from bot.render import attendance as ui
from bot.render.chart import render_chart
from bot.render.text import copyable, plain
from bot.services.ids import as_id


@app_commands.guild_only()
class Records(commands.GroupCog, group_name="records"):
    """The club's attendance records."""

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self.service = bot.services.records
        super().__init__()

    @app_commands.command(name="show")
    @app_commands.describe(
        series="A meet series, e.g. 'Nürburgring' (default: the whole server, every series)"
    )
    @app_commands.autocomplete(series=series_picker)
    async def show(
        self,
        interaction: discord.Interaction[PaddockBot],
        series: app_commands.Range[str, 0, 50] = "",
    ) -> None:
        """Show the attendance record and history with a chart; no series: the whole server."""
        guild_id = require_member(interaction)
        # Only what the embed and the chart show, so the reads don't grow with the history.
        entries = await self.service.history(guild_id, series, last=ui.HISTORY_LINES)
        total = await self.service.history_size(guild_id, series)
        record = await self.service.record(guild_id, series)
        if not entries:
            lang = member_language(interaction)
            match = await self.service.match_series(guild_id, series)
            if match.suggestion is not None:  # a slip for a series that has a history
                text = t(
                    lang,
                    "qa4a-records-none-did-you-mean",
                    series=plain(series.strip(), 50),
                    suggestion=plain(match.suggestion, 50),
                )
            elif series.strip():
                text = t(lang, "records-none", series=plain(series.strip(), 50))
            else:
                text = t(lang, "records-none-server")
            await interaction.response.send_message(text, ephemeral=True)
            return
        await interaction.response.defer(thinking=True)
        # The history is posted for the whole channel: the server's language.
        lang = await posts_language(self.bot, guild_id)
        # matplotlib is CPU-bound: render in a thread so the bot keeps answering.
        whole_server = not series.strip()
        name = "" if whole_server else entries[-1].series  # the series' own spelling
        chart = await asyncio.to_thread(
            functools.partial(
                render_chart,
                entries,
                record.cars if record else None,
                name or t(lang, "records-all-meets"),
                by_series=whole_server,
                lang=lang,
            )
        )
        embed = ui.history_embed(entries, record, name, total=total, lang=lang)
        await interaction.followup.send(
            embed=embed, file=discord.File(io.BytesIO(chart.png), filename="attendance.png")
        )

    @app_commands.command(name="import")
    @app_commands.describe(
        count="How many cars came, 0 to 100,000",
        date="When it was held, YYYY-MM-DD, e.g. 2023-08-26",
        label="The meet's name, e.g. '1M Meet 2023'",
        series="The meet series it belongs to (default: the whole server)",
    )
    @app_commands.autocomplete(series=series_picker)
    async def import_(
        self,
        interaction: discord.Interaction[PaddockBot],
        count: app_commands.Range[int, 0, 100_000],
        date: app_commands.Range[str, 1, 20],
        label: app_commands.Range[str, 1, 100],
        series: app_commands.Range[str, 0, 50] = "",
    ) -> None:
        """Add a past meet's attendance so live meets have a record to beat (organisers)."""
        guild_id = require_member(interaction)
        settings = await self.bot.services.settings.get(guild_id)
        require_organiser(interaction, settings)
        entry = await self.service.import_entry(
            guild_id,
            cars=count,
            held_on=date,
            label=label,
            series=await settle_series(interaction, series),
            actor_id=interaction.user.id,
            tz=settings.tz,
        )
        record = await self.service.record(guild_id, entry.series)
        lang = member_language(interaction)
        text = t(
            lang,
            "records-imported",
            cars=ui.cars(entry.cars, lang),
            label=plain(entry.label, 100),
            day=ui.day(entry.held_on, lang),
        )
        if record is not None:
            held = ui.record_text(record, lang)
            text += " " + (
                t(lang, "records-standing", series=plain(entry.series, 50), record=held)
                if entry.series
                else t(lang, "records-standing-server", record=held)
            )
        await interaction.response.send_message(text, ephemeral=True)
        await self._refresh_counters(guild_id)

    @app_commands.command(name="remove")
    @app_commands.describe(entry="The imported meet to remove")
    async def remove(
        self, interaction: discord.Interaction[PaddockBot], entry: app_commands.Range[str, 1, 100]
    ) -> None:
        """Undo a wrong import (organisers)."""
        guild_id = require_member(interaction)
        require_organiser(interaction, await self.bot.services.settings.get(guild_id))
        value = entry.strip()
        if as_id(value) is None:
            matches = await self.service.imported(guild_id, value, 2)
            if len(matches) != 1:
                raise InvalidInput(key="error-records-no-single-import", text=copyable(value, 40))
            value = str(matches[0].id)
        removed = await self.service.remove_import(guild_id, int(value))
        lang = member_language(interaction)
        await interaction.response.send_message(
            t(
                lang,
                "records-removed",
                label=plain(removed.label, 100),
                day=ui.day(removed.held_on, lang),
                cars=ui.cars(removed.cars, lang),
            ),
            ephemeral=True,
        )
        await self._refresh_counters(guild_id)

    @remove.autocomplete("entry")
    async def _remove_complete(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        entries = await self.service.imported(interaction.guild_id, current)
        lang = member_language(interaction)
        return [ui.history_choice(e, lang) for e in entries]

    async def _refresh_counters(self, guild_id: int) -> None:
        # A live counter shows the record to beat, which an import may have changed.
        await self.bot.flows.counters.refresh_guild(guild_id)


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(Records(bot))
