"""How the garage and the register look: cards, counts, the model picker's labels.

The VIN is shown in exactly one place: `garage_embed(..., viewer_is_owner=True)`,
which the cog sends only as an ephemeral reply to the owner. Organisers may see
whether a VIN is on file and its last 7 characters, where the owner allowed it.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.i18n import t
from bot.render.text import plain, truncate
from bot.services.garage import ColourCount, Count, GarageCar, RegisterStats
from bot.services.garage.models import MAX_CARS

VERIFIED = "✅ verified"
NOT_IN_CATALOGUE = "not in the catalogue"
FIELD_LIMIT = 1024


def car_title(car: GarageCar) -> str:
    """'BMW 1M Coupé “Oompa”', or with the not-in-catalogue mark; safe to echo."""
    title = plain(car.model, 60)
    if car.nickname:
        title += f" “{plain(car.nickname, 50)}”"
    return title


def car_choice_label(car: GarageCar) -> str:
    """A car in a picker (autocomplete, select menu): no markdown escaping there."""
    parts = [car.model]
    if car.nickname:
        parts.append(f"“{car.nickname}”")
    parts.append(car.colour)
    if car.year:
        parts.append(str(car.year))
    return truncate(" · ".join(parts), 100)


def _car_lines(car: GarageCar, *, viewer_is_owner: bool, show_tail: bool) -> list[str]:
    details = [plain(car.colour, 50)]
    if car.year:
        details.append(str(car.year))
    lines = [" · ".join(details)]
    lines.append(VERIFIED if car.verified else "not verified")
    if car.in_catalogue:
        lines.append(f"Specs: `/specs model:{plain(car.model, 60)}`")
    else:
        lines.append(f"*{NOT_IN_CATALOGUE}*")
    if car.vin is not None:
        if viewer_is_owner:
            lines.append(f"VIN `{car.vin}` (only you see this)")
        elif show_tail:
            lines.append(f"VIN on file, ends `{car.vin_tail}`")
    return lines


def garage_embed(
    owner_name: str,
    cars: Sequence[GarageCar],
    *,
    viewer_is_owner: bool = False,
    organiser_view: bool = False,
    owner_allows_tail: bool = False,
) -> discord.Embed:
    """A member's garage. The VIN appears only for its owner; the last 7 characters only
    for organisers the owner allowed (/garage privacy)."""
    embed = discord.Embed(
        title=f"{plain(owner_name, 80)}'s garage", colour=discord.Colour.dark_teal()
    )
    if not cars:
        embed.description = "No cars yet. Add one with `/garage add`."
        return embed
    show_tail = organiser_view and owner_allows_tail and not viewer_is_owner
    for car in cars[:25]:
        embed.add_field(
            name=truncate(car_title(car), 256),
            value=truncate(
                "\n".join(_car_lines(car, viewer_is_owner=viewer_is_owner, show_tail=show_tail)),
                FIELD_LIMIT,
            ),
            inline=False,
        )
    verified = sum(1 for c in cars if c.verified)
    embed.set_footer(text=f"{len(cars)} of {MAX_CARS} cars · {verified} verified")
    return embed


def added_text(car: GarageCar, *, vin_given: bool) -> str:
    """The owner's own ephemeral confirmation (never repeats the VIN)."""
    text = f"Added {car_title(car)} ({plain(car.colour, 50)}) to your garage."
    if not car.in_catalogue:
        text += f" It is {NOT_IN_CATALOGUE}, so it has no /specs card."
    if vin_given:
        text += (
            " Its VIN is stored privately: only you see it; organisers see its last 7 "
            "characters only if you allow it with /garage privacy."
        )
    return text


def _counts(counts: Sequence[Count], limit: int = 15) -> str:
    shown = [
        f"{c.cars} × {plain(c.label, 50)}" + (f" ({c.verified} ✅)" if c.verified else "")
        for c in counts[:limit]
    ]
    if len(counts) > limit:
        shown.append(f"… and {len(counts) - limit} more")
    return truncate("\n".join(shown), FIELD_LIMIT) or "—"


def _plural(name: str) -> str:
    return name if name.endswith("s") else name + "s"


def share_text(stats: RegisterStats, short_name: str) -> str | None:
    """'this club has 37 of the 6,309 1M Coupés built: 0.6 %'."""
    share = stats.share
    if share is None or stats.production is None:
        return None
    return (
        f"This club has {stats.cars} of the {stats.production:,} {_plural(short_name)} "
        f"built: {share:.1f} %"
    )


def register_embed(stats: RegisterStats, short_name: str | None = None) -> discord.Embed:
    what = plain(stats.model, 80) if stats.model else "the whole garage"
    embed = discord.Embed(title=f"Club register · {what}", colour=discord.Colour.dark_teal())
    if stats.cars == 0:
        embed.description = "No members' cars registered yet. Add yours with `/garage add`."
        return embed
    lines = [
        f"**{stats.cars}** members' cars, {stats.owners} owners, "
        f"{stats.verified} verified, {stats.cars - stats.verified} not verified"
    ]
    share = share_text(stats, short_name or stats.model or "")
    if share:
        lines.append(share)
    embed.description = "\n".join(lines)
    if stats.by_model:
        embed.add_field(name="By model", value=_counts(stats.by_model), inline=False)
    embed.add_field(name="By colour", value=_counts(stats.by_colour))
    embed.add_field(name="By year", value=_counts(stats.by_year))
    embed.set_image(url="attachment://register.png")
    return embed


def colours_embed(model: str, colours: Sequence[ColourCount]) -> discord.Embed:
    embed = discord.Embed(
        title=f"{plain(model, 80)} · the club's cars by factory colour",
        colour=discord.Colour.dark_teal(),
    )
    factory = [c for c in colours if c.factory]
    own = [c for c in colours if not c.factory]
    if factory:
        lines = []
        for c in factory:
            note = f" ({plain(c.note, 60)})" if c.note else ""
            lines.append(f"**{c.cars}** × {plain(c.colour, 50)}{note}")
        embed.description = truncate("\n".join(lines), 4000)
    else:
        embed.description = "The catalogue lists no factory colours for this model yet."
    if own:
        embed.add_field(
            name="Other colours members gave",
            value=_counts([Count(c.colour, c.cars) for c in own]),
            inline=False,
        )
    return embed


def cars_going_text(counts: Sequence[Count], short: dict[str, str] | None = None) -> str | None:
    """'14 × 1M, 3 × M2' from the garage cars members picked, or None."""
    if not counts:
        return None
    names = short or {}
    return truncate(
        ", ".join(f"{c.cars} × {plain(names.get(c.label, c.label), 40)}" for c in counts),
        FIELD_LIMIT,
    )


def in_garage_text(count: int, lang: str = "en") -> str:
    return t(lang, "garage-in-club", count=count)
