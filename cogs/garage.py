"""/garage: members' cars. Thin: options, permissions, then the garage service.

VINs arrive as command options and leave only in the owner's own ephemeral replies;
nothing here logs an option's value.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import InvalidInput, NotFound
from bot.flows.garage import (
    adopt_typed_models,
    catalogue_search,
    check_departures,
    garage_names,
    model_given,
    sync_owner_role,
)
from bot.flows.guards import is_organiser, require_member, require_organiser
from bot.flows.locale import member_language, server_language
from bot.i18n import t
from bot.render.garage import added_text, car_choice_label, garage_embed
from bot.render.text import plain, truncate
from bot.services.fold import contains
from bot.services.garage import GarageCar
from bot.services.garage.models import TEXT_MAX
from bot.services.garage.picking import own_value
from bot.services.ids import as_id
from bot.services.specs.paint import paint_matches
from bot.services.specs.search import MAX_RESULTS

log = logging.getLogger("paddock.garage")

# How many background ticks between two departure checks (an hour at the default 10 s).
DEPARTURE_TICKS = 360


def model_choices(
    bot: PaddockBot,
    current: str,
    free: list[str],
    lang: str = "en",
    *,
    typed: bool = True,
    own: bool = False,
) -> list[app_commands.Choice[str]]:
    """Catalogue cars as you type, then the text itself for a car the catalogue lacks
    (unless `typed` is False: where only a catalogue car will do); with `own` (the
    garage's model options) that last choice's value is marked, so the member's explicit
    "(not in the catalogue)" is told apart from text typed unpicked."""
    search = catalogue_search(bot)
    not_listed = t(lang, "garage-not-in-catalogue")
    named_in = bot.services.specs.named_in
    choices = [
        app_commands.Choice(name=truncate(named_in(m.car, lang).label, 100), value=m.car.id)
        for m in search.search(current, MAX_RESULTS)
    ]
    for name in free:
        choices.append(
            app_commands.Choice(name=truncate(f"{name} ({not_listed})", 100), value=name)
        )
    text = " ".join(current.split())[:TEXT_MAX]
    if typed and text and not any(c.value.casefold() == text.casefold() for c in choices):
        choices.append(
            app_commands.Choice(
                name=truncate(f"{text} ({not_listed})", 100),
                value=own_value(text) if own else text,
            )
        )
    # The typed text's own choice stays on the list when the catalogue fills it.
    return choices[:24] + choices[-1:] if len(choices) > 25 else choices


def car_id(text: str) -> int:
    value = as_id(text)
    if value is None:
        raise InvalidInput(key="error-garage-pick-car")
    return value


@app_commands.guild_only()
class Garage(commands.GroupCog, group_name="garage"):
    """Your cars: add them once, and they show up wherever they matter."""

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self.garage = bot.services.garage
        self._task: asyncio.Task[None] | None = None
        super().__init__()

    async def cog_load(self) -> None:
        self._task = asyncio.create_task(self._departures_loop(), name="garage-departures")

    async def cog_unload(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _departures_loop(self) -> None:
        await self.bot.wait_until_ready()
        first = True
        while not self.bot.is_closed():
            try:
                await check_departures(self.bot)
            except Exception:
                log.exception("garage departure check failed")
            if first:
                # Once a start, after the first check (which stays at ready, as before).
                first = False
                await self._adopt_typed_models()
            await asyncio.sleep(self.bot.tick_seconds * DEPARTURE_TICKS)

    async def _adopt_typed_models(self) -> None:
        """Old free-text models that name one catalogue generation become that car. The
        catalogue has loaded by now (the /specs extension, at setup)."""
        try:
            adopted = await adopt_typed_models(self.bot)
        except Exception:
            log.exception("garage: mapping old typed models failed")
            return
        if adopted:
            log.info("garage: %d old typed models are catalogue cars now", adopted)

    # -- autocomplete -------------------------------------------------------
    async def _complete_model(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return model_choices(self.bot, current, [], member_language(interaction), own=True)

    async def _complete_colour(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        picked = getattr(interaction.namespace, "model", None)
        car = None
        if isinstance(picked, str) and picked:
            with contextlib.suppress(InvalidInput):  # unclear text: no colours to offer
                car = model_given(self.bot, picked)[0]
        if car is None and interaction.guild_id is not None:
            chosen = getattr(interaction.namespace, "car", None)
            cid = as_id(chosen) if isinstance(chosen, str) else None
            if cid is not None:
                with contextlib.suppress(Exception):
                    mine = await self.garage.get(interaction.guild_id, cid)
                    car = catalogue_search(self.bot).get(mine.model_id or "")
        names = [c.name for c in car.colours] if car is not None else []
        # German paint names find the catalogue's English ones ("Alpinweiß").
        choices = [
            app_commands.Choice(name=n, value=n) for n in names if paint_matches(current.strip(), n)
        ]
        text = " ".join(current.split())[:TEXT_MAX]
        if text and not any(c.value.casefold() == text.casefold() for c in choices):
            choices.append(app_commands.Choice(name=text, value=text))
        return choices[:25]

    async def _complete_own_car(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        cars = await self.garage.cars_of(interaction.guild_id, interaction.user.id)
        return _car_choices(cars, current, member_language(interaction))

    async def _complete_members_car(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        member = getattr(interaction.namespace, "member", None)
        if interaction.guild_id is None or member is None:
            return []
        cars = await self.garage.cars_of(interaction.guild_id, member.id)
        return _car_choices(cars, current, member_language(interaction))

    async def _members_car(self, guild_id: int, member: discord.Member, car: str) -> GarageCar:
        """The member's car an organiser picked. One that is gone, or someone else's, is
        "not in their garage": the organiser has no garage of their own in question."""
        try:
            target = await self.garage.get(guild_id, car_id(car))
        except NotFound:
            target = None
        if target is None or target.user_id != member.id:
            raise InvalidInput(key="error-garage-not-theirs", member=plain(member.display_name, 50))
        return target

    # -- commands -------------------------------------------------------------
    @app_commands.command(name="add")
    @app_commands.describe(
        model="Start typing: a catalogue car, or your own text if it isn't listed",
        colour="The factory colour (suggested for the model), or your own words",
        year="Model year",
        vin="17 characters; stored privately, shown only to you",
        nickname="Your car's name (at most 50 characters)",
    )
    async def add(
        self,
        interaction: discord.Interaction[PaddockBot],
        model: app_commands.Range[str, 1, 100],
        colour: app_commands.Range[str, 1, 100],
        year: app_commands.Range[int, 1886, 2100] | None = None,
        vin: app_commands.Range[str, 1, 40] | None = None,
        nickname: app_commands.Range[str, 0, 100] = "",
    ) -> None:
        """Add one of your cars to your garage in this server (up to 10)."""
        guild_id = require_member(interaction)
        car, own_text = model_given(self.bot, model)
        added = await self.garage.add(
            guild_id,
            interaction.user.id,
            car=car,
            model_text=own_text,
            colour=colour,
            year=year,
            vin=vin,
            nickname=nickname,
        )
        lang = member_language(interaction)
        shown = garage_names(self.bot, [added], lang).get(added.id, (None, None))[0]
        await interaction.response.send_message(
            added_text(added, vin_given=added.has_vin, lang=lang, model=shown), ephemeral=True
        )

    add.autocomplete("model")(_complete_model)
    add.autocomplete("colour")(_complete_colour)

    @app_commands.command(name="show")
    @app_commands.describe(
        member="Whose garage (default: yours)",
        public="Post it in the channel for everyone (never with a VIN)",
    )
    async def show(
        self,
        interaction: discord.Interaction[PaddockBot],
        member: discord.Member | None = None,
        public: bool = False,
    ) -> None:
        """Show a member's cars: model, year, colour, nickname and whether it's verified."""
        guild_id = require_member(interaction)
        target = member or interaction.user
        cars = await self.garage.cars_of(guild_id, target.id)
        own = target.id == interaction.user.id
        organiser = False
        allows_tail = False
        settings = await self.bot.services.settings.get(guild_id)
        # A garage posted in the channel is the server's post; else it is the viewer's.
        lang = (
            server_language(settings, interaction.guild) if public else member_language(interaction)
        )
        if not own and not public and any(c.has_vin for c in cars):
            organiser = is_organiser(interaction, settings)
            allows_tail = organiser and await self.garage.shows_tail(guild_id, target.id)
        embed = garage_embed(
            target.display_name,
            cars,
            viewer_is_owner=own and not public,
            organiser_view=organiser,
            owner_allows_tail=allows_tail,
            lang=lang,
            names=garage_names(self.bot, cars, lang),
        )
        await interaction.response.send_message(embed=embed, ephemeral=not public)

    @app_commands.command(name="edit")
    @app_commands.describe(
        car="One of your cars",
        model="A different model (catalogue or your own text)",
        colour="A different colour",
        year="Model year",
        vin="A new VIN (17 characters; private)",
        clear_vin="Remove the VIN on file",
        nickname="A new nickname; a single '-' clears it",
    )
    async def edit(
        self,
        interaction: discord.Interaction[PaddockBot],
        car: app_commands.Range[str, 1, 100],
        model: app_commands.Range[str, 1, 100] | None = None,
        colour: app_commands.Range[str, 1, 100] | None = None,
        year: app_commands.Range[int, 1886, 2100] | None = None,
        vin: app_commands.Range[str, 1, 40] | None = None,
        clear_vin: bool = False,
        nickname: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Change one of your cars."""
        guild_id = require_member(interaction)
        catalogue_car, own_text = model_given(self.bot, model) if model else (None, "")
        result = await self.garage.edit(
            guild_id,
            interaction.user.id,
            car_id(car),
            car=catalogue_car,
            model_text=own_text or None,
            colour=colour,
            year=year,
            vin=vin,
            clear_vin=clear_vin,
            nickname="" if nickname == "-" else nickname,
        )
        lang = member_language(interaction)
        text = t(
            lang,
            "garage-saved-reverify" if result.unverified else "garage-saved",
            model=plain(result.car.model, 60),
            colour=plain(result.car.colour, 50),
        )
        if not result.unverified:
            await interaction.response.send_message(text, ephemeral=True)
            return
        # Its last verified car no longer is: the owner role goes, as on /garage remove.
        await interaction.response.defer(ephemeral=True, thinking=True)
        note = await sync_owner_role(
            self.bot, interaction.guild, interaction.user.id, result.owner_verified_cars, lang
        )
        await interaction.followup.send(f"{text}\n{note}" if note else text, ephemeral=True)

    edit.autocomplete("car")(_complete_own_car)
    edit.autocomplete("model")(_complete_model)
    edit.autocomplete("colour")(_complete_colour)

    @app_commands.command(name="remove")
    @app_commands.describe(car="The car to remove (its VIN is deleted with it)")
    async def remove(
        self, interaction: discord.Interaction[PaddockBot], car: app_commands.Range[str, 1, 100]
    ) -> None:
        """Remove one of your cars from your garage."""
        guild_id = require_member(interaction)
        result = await self.garage.remove(guild_id, interaction.user.id, car_id(car))
        lang = member_language(interaction)
        text = t(
            lang,
            "garage-removed",
            model=plain(result.car.model, 60),
            colour=plain(result.car.colour, 50),
        )
        if not result.car.verified:
            await interaction.response.send_message(text, ephemeral=True)
            return
        # The owner role may go too: a REST call or two that can outlast the 3 s window.
        await interaction.response.defer(ephemeral=True, thinking=True)
        note = await sync_owner_role(
            self.bot, interaction.guild, interaction.user.id, result.owner_verified_cars, lang
        )
        await interaction.followup.send(f"{text}\n{note}" if note else text, ephemeral=True)

    remove.autocomplete("car")(_complete_own_car)

    @app_commands.command(name="privacy")
    @app_commands.describe(
        organisers_see_vin_end="Let organisers see that a VIN is on file and its last 7 characters"
    )
    async def privacy(
        self, interaction: discord.Interaction[PaddockBot], organisers_see_vin_end: bool
    ) -> None:
        """Choose whether organisers see the last 7 characters of your VINs."""
        guild_id = require_member(interaction)
        await self.garage.set_show_tail(guild_id, interaction.user.id, organisers_see_vin_end)
        key = "garage-privacy-on" if organisers_see_vin_end else "garage-privacy-off"
        await interaction.response.send_message(
            t(member_language(interaction), key), ephemeral=True
        )

    @app_commands.command(name="verify")
    @app_commands.describe(
        member="The car's owner",
        car="One of their cars",
        verified="False takes the mark away again",
    )
    async def verify(
        self,
        interaction: discord.Interaction[PaddockBot],
        member: discord.Member,
        car: app_commands.Range[str, 1, 100],
        verified: bool = True,
    ) -> None:
        """Mark a member's car as verified after seeing the papers (organisers)."""
        guild_id = require_member(interaction)
        settings = await self.bot.services.settings.get(guild_id)
        require_organiser(interaction, settings)
        target = await self._members_car(guild_id, member, car)
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.garage.verify(
            guild_id, target.id, interaction.user.id, verified=verified
        )
        lang = member_language(interaction)
        if result.changed:
            key = "garage-verified-done" if verified else "garage-unverified-done"
        else:
            # Nothing was written: said so, rather than "Verified" a second time.
            key = "garage3-already-verified" if verified else "garage3-already-unverified"
        text = t(
            lang,
            key,
            member=plain(member.display_name, 50),
            model=plain(result.car.model, 60),
            colour=plain(result.car.colour, 50),
        )
        note = await sync_owner_role(
            self.bot, interaction.guild, member.id, result.owner_verified_cars, lang
        )
        if note:
            text += f"\n{note}"
        await interaction.followup.send(text, ephemeral=True)

    verify.autocomplete("car")(_complete_members_car)

    @app_commands.command(name="clear-vin")
    @app_commands.describe(member="The car's owner", car="One of their cars")
    async def clear_vin(
        self,
        interaction: discord.Interaction[PaddockBot],
        member: discord.Member,
        car: app_commands.Range[str, 1, 100],
    ) -> None:
        """Remove the VIN from a member's car, e.g. when another member owns it now (organisers)."""
        guild_id = require_member(interaction)
        settings = await self.bot.services.settings.get(guild_id)
        require_organiser(interaction, settings)
        target = await self._members_car(guild_id, member, car)
        if not target.has_vin:
            raise InvalidInput(key="error-garage-no-vin")
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.garage.clear_vin(guild_id, target.id)
        lang = member_language(interaction)
        text = t(
            lang,
            "garage-vin-cleared",
            member=plain(member.display_name, 50),
            model=plain(result.car.model, 60),
            colour=plain(result.car.colour, 50),
        )
        if target.verified:
            note = await sync_owner_role(
                self.bot, interaction.guild, member.id, result.owner_verified_cars, lang
            )
            if note:
                text += f"\n{note}"
        await interaction.followup.send(text, ephemeral=True)

    clear_vin.autocomplete("car")(_complete_members_car)


def _car_choices(cars: list[GarageCar], current: str, lang: str) -> list[app_commands.Choice[str]]:
    labels = [(car_choice_label(c, lang), c) for c in cars]
    return [
        app_commands.Choice(name=label, value=str(c.id))
        for label, c in labels
        if contains(label, current)
    ][:25]


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(Garage(bot))
