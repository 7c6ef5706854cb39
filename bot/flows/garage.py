"""The garage on Discord's side: the catalogue lookup, the verified owners' role, and
the check for members who left (Paddock has no members intent, so it asks)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import discord

from bot.errors import ChooseOne
from bot.flows.locale import server_language
from bot.i18n import t
from bot.render.garage import CarNames
from bot.services.garage import Count, GarageCar, RegisterStats
from bot.services.garage.generations import Family, family, generation_label
from bot.services.garage.picking import pick_model, typed_text
from bot.services.specs.models import Car
from bot.services.specs.search import SpecsSearch

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.garage")

ROLE_NOTICE = "garage-owner-role"
# Owners asked about per server and sweep (one REST call each): at one sweep an hour,
# 120 owners per server are each checked twice a day, and even a bot in a thousand
# servers stays far inside Discord's global limit of 50 requests a second.
CHECK_BATCH = 5


def catalogue_search(bot: PaddockBot) -> SpecsSearch:
    """The catalogue /specs searches (one copy for the whole bot)."""
    return bot.services.specs.search


def _cars(bot: PaddockBot) -> list[Car]:
    catalogue = bot.services.specs.catalogue
    return catalogue.cars if catalogue is not None else []


def register_model(bot: PaddockBot, value: str) -> tuple[Car | None, Family | None]:
    """What /register's model option means: a picked car (its id) or text naming one
    generation ("m3 e46") is that car; text naming a family ("m3", "bmw m3") is every
    car of it, each counted apart; (None, None) for anything else (the register then
    filters by the text)."""
    picked = catalogue_search(bot).get(value.strip())
    if picked is not None:
        return picked, None
    text = typed_text(value)
    found = family(_cars(bot), text)
    if found is not None:
        return None, found
    return catalogue_search(bot).resolve(text), None


def one_generation(bot: PaddockBot, value: str, lang: str) -> Car | None:
    """/register colours: a car, where text naming a family asks which generation (each
    has its own paints); None for text naming no catalogue car."""
    car, found = register_model(bot, value)
    if found is not None:
        named_in = bot.services.specs.named_in
        labels = [named_in(c, lang).label for c in found.cars]
        newest = max(found.cars, key=lambda c: c.first_year)
        raise ChooseOne(
            "reg4-error-pick-generation",
            typed_text(value).strip(),
            labels,
            example=newest.chassis,
        )
    return car


def family_named(bot: PaddockBot, text: str) -> Family | None:
    """The family typed text names ("m3": every M3), for /register's autocomplete."""
    return family(_cars(bot), text)


def register_labels(
    bot: PaddockBot, stats: RegisterStats, car: Car | None, lang: str
) -> RegisterStats:
    """The register as `lang` reads it: each catalogue car by name, with the chassis where
    generations share it ("BMW M3 (E46)"), so they stand apart; a member's own text as
    typed, marked where it names a whole family and so no generation ("BMW M3")."""
    search = catalogue_search(bot)
    cars = _cars(bot)

    def label(count: Count) -> str:
        if count.model_id is not None:
            known = search.get(count.model_id)
            return count.label if known is None else shown_name(bot, known, lang)
        if family(cars, count.label) is not None:
            return t(lang, "reg4-generation-not-given", model=count.label)
        return count.label

    by_model = tuple(Count(label(c), c.cars, c.verified, c.model_id) for c in stats.by_model)
    model = shown_name(bot, car, lang) if car is not None else stats.model
    return replace(stats, model=model, by_model=by_model)


def shown_name(bot: PaddockBot, car: Car, lang: str) -> str:
    """A catalogue car's name as `lang` writes it, with its chassis where other catalogue
    cars share the name ("BMW M3 (E46)", but "BMW 1M Coupé")."""
    local = bot.services.specs.named_in(car, lang)
    shared = sum(1 for other in _cars(bot) if other.name == car.name) > 1
    return generation_label(local) if shared else local.name


def garage_names(bot: PaddockBot, cars: Sequence[GarageCar], lang: str) -> CarNames:
    """The catalogue cars of a garage as `lang` names them, with the chassis where other
    catalogue cars share the name ("BMW M3 (E46)"), and the text /specs finds each by."""
    search = catalogue_search(bot)
    names: dict[int, tuple[str, str]] = {}
    for car in cars:
        known = search.get(car.model_id or "")
        if known is not None:
            names[car.id] = (shown_name(bot, known, lang), specs_query(search, known))
    return names


def specs_query(search: SpecsSearch, car: Car) -> str:
    """A text /specs resolves to this car: its name where that is unique, else with the
    chassis, else an alias; its id as the last resort."""
    for text in (car.name, f"{car.name} {car.chassis}", *car.aliases):
        found = search.resolve(text)
        if found is not None and found.id == car.id:
            return text
    return car.id


async def adopt_typed_models(bot: PaddockBot) -> int:
    """Old free-text garage models that name one generation of a catalogue car become
    that car (GarageService.adopt_typed); text naming a whole family ("BMW M3") stays."""
    search = catalogue_search(bot)
    cars = _cars(bot)

    def pick(text: str) -> Car | None:
        return None if family(cars, text) is not None else search.resolve(text)

    return await bot.services.garage.adopt_typed(pick, shards=bot.shards_run)


def model_given(bot: PaddockBot, value: str) -> tuple[Car | None, str]:
    """/garage add and edit: (the catalogue car, "") or (None, the member's own text)
    for the "(not in the catalogue)" choice; asks (ChooseOne) about anything else."""
    return pick_model(catalogue_search(bot), value)


async def sync_owner_role(
    bot: PaddockBot,
    guild: discord.Guild | None,
    user_id: int,
    verified_cars: int,
    lang: str = "en",
) -> str | None:
    """Give the owner role to a member with a verified car, take it when they have none.
    Returns a sentence, in `lang`, for the organiser when something needs their attention
    (once). The audit log's reason is in the server's language, which every organiser
    reading the log shares."""
    if guild is None:
        return None
    settings = await bot.services.settings.get(guild.id)
    if settings.owner_role_id is None:
        return None
    role = guild.get_role(settings.owner_role_id)
    if role is None:
        return t(lang, "garage-role-gone")
    try:
        # Asked fresh: without the members intent the cache never hears of role changes.
        member = await guild.fetch_member(user_id)
        has = any(r.id == role.id for r in member.roles)
        if verified_cars > 0 and not has:
            reason = t(server_language(settings, guild), "garage-role-reason-given")
            await member.add_roles(role, reason=reason)
        elif verified_cars == 0 and has:
            reason = t(server_language(settings, guild), "garage-role-reason-taken")
            await member.remove_roles(role, reason=reason)
    except discord.NotFound:
        return None  # gone from the server; nothing to give or take
    except discord.Forbidden:
        if await bot.services.settings.first_notice(guild.id, ROLE_NOTICE):
            return t(lang, "garage-role-forbidden", role=role.name)
    except discord.HTTPException as exc:
        # The car's change is committed already: say so, rather than an error id.
        log.warning("owner role in server %s: Discord answered %s", guild.id, exc.status)
        return t(lang, "qa3b-garage-role-failed", role=role.name)
    return None


async def check_departures(bot: PaddockBot) -> int:
    """Ask Discord about the garage owners checked longest ago in each server this bot is
    in; record who left, clear who came back, and remove the cars of those gone 30 days.
    Returns how many members' cars were removed."""
    garage = bot.services.garage
    for guild in list(bot.guilds):
        for user_id in await garage.owners_to_check(guild.id, CHECK_BATCH):
            # Asked over REST, not the cache: without the members intent the cache never
            # hears that someone left.
            try:
                await guild.fetch_member(user_id)
            except discord.NotFound:
                await garage.mark_left(guild.id, user_id)
            except discord.HTTPException as exc:
                log.warning("member check in server %s failed: %s", guild.id, exc.status)
            else:
                await garage.seen(guild.id, user_id)
    gone = await garage.purge_departed(shards=bot.shards_run)
    for departure in gone:
        log.info(
            "garage: removed the cars of a member who left server %s 30 days ago",
            departure.guild_id,
        )
    return len(gone)
