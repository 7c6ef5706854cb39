"""How the garage and the register look: cards, counts, the model picker's labels.

The VIN is shown in exactly one place: `garage_embed(..., viewer_is_owner=True)`,
which the cog sends only as an ephemeral reply to the owner. Organisers may see
whether a VIN is on file and its last 7 characters, where the owner allowed it.
Each function takes the language it writes in: the viewer's for private replies, the
server's for what is posted in the channel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from bot.i18n import t
from bot.i18n.formats import number
from bot.render.text import copyable, plain, truncate
from bot.render.year_buckets import bucket_label, year_buckets
from bot.services.garage import ColourCount, Count, GarageCar, RegisterStats
from bot.services.garage.models import MAX_CARS

FIELD_LIMIT = 1024
YEAR_LINES = 12  # the register's by-year field: years, or spans of them, listed
UNKNOWN_YEAR = "unknown"  # the service's label for cars without a year


# Per garage car id: the catalogue car's name as shown ('BMW M3 (E46)' where other
# generations share 'BMW M3') and the text /specs finds exactly that car by.
CarNames = Mapping[int, tuple[str, str]]


def car_title(car: GarageCar, lang: str, model: str | None = None) -> str:
    """'BMW 1M Coupé “Oompa”' / 'BMW 1M Coupé „Oompa“', or with the not-in-catalogue
    mark; safe to echo. `model`: the name to show instead of the stored one."""
    title = plain(model or car.model, 60)
    if car.nickname:
        title += " " + t(lang, "quoted", text=plain(car.nickname, 50))
    return title


def car_choice_label(car: GarageCar, lang: str) -> str:
    """A car in a picker (autocomplete, select menu): no markdown escaping there."""
    parts = [car.model]
    if car.nickname:
        parts.append(t(lang, "quoted", text=car.nickname))
    parts.append(car.colour)
    if car.year:
        parts.append(str(car.year))
    return truncate(" · ".join(parts), 100)


def rsvp_car_text(car: GarageCar, lang: str) -> str:
    """What a meet's car column shows for a garage car, within the RSVP's 80 characters:
    'BMW 1M Coupé, Alpine White “Oompa”'; posted with the meet, so in the server's language."""
    text = ", ".join([car.model, car.colour] if car.colour else [car.model])
    if car.nickname:
        text += " " + t(lang, "quoted", text=car.nickname)
    return text if len(text) <= 80 else text[:79] + "…"


def _car_lines(
    car: GarageCar, *, viewer_is_owner: bool, show_tail: bool, lang: str, specs: str | None
) -> list[str]:
    details = [plain(car.colour, 50)]
    if car.year:
        details.append(str(car.year))
    lines = [" · ".join(details)]
    lines.append(t(lang, "garage-verified" if car.verified else "garage-not-verified"))
    if car.in_catalogue:
        # A command to copy: as written, not escaped (bot/render/text.py, copyable).
        # What /specs finds this very car by: "BMW M3" alone is five generations.
        lines.append(t(lang, "garage-specs-line", model=copyable(specs or car.model, 60)))
    else:
        lines.append(f"*{t(lang, 'garage-not-in-catalogue')}*")
    if car.vin is not None:
        if viewer_is_owner:
            lines.append(t(lang, "garage-vin-own", vin=car.vin))
        elif show_tail:
            lines.append(t(lang, "garage-vin-tail", tail=car.vin_tail or ""))
    return lines


def garage_embed(
    owner_name: str,
    cars: Sequence[GarageCar],
    *,
    viewer_is_owner: bool = False,
    organiser_view: bool = False,
    owner_allows_tail: bool = False,
    lang: str = "en",
    names: CarNames | None = None,
) -> discord.Embed:
    """A member's garage. The VIN appears only for its owner; the last 7 characters only
    for organisers the owner allowed (/garage privacy)."""
    embed = discord.Embed(
        title=t(lang, "garage-title", owner=plain(owner_name, 80)),
        colour=discord.Colour.dark_teal(),
    )
    if not cars:
        embed.description = t(lang, "garage-empty")
        return embed
    show_tail = organiser_view and owner_allows_tail and not viewer_is_owner
    for car in cars[:25]:
        model, specs = (names or {}).get(car.id, (car.model, car.model))
        lines = _car_lines(
            car, viewer_is_owner=viewer_is_owner, show_tail=show_tail, lang=lang, specs=specs
        )
        embed.add_field(
            name=truncate(car_title(car, lang, model), 256),
            value=truncate(
                "\n".join(lines),
                FIELD_LIMIT,
            ),
            inline=False,
        )
    verified = sum(1 for c in cars if c.verified)
    embed.set_footer(
        text=t(lang, "garage-footer", count=len(cars), max=MAX_CARS, verified=verified)
    )
    return embed


def added_text(
    car: GarageCar, *, vin_given: bool, lang: str = "en", model: str | None = None
) -> str:
    """The owner's own ephemeral confirmation (never repeats the VIN)."""
    title = car_title(car, lang, model)
    parts = [t(lang, "garage-added", title=title, colour=plain(car.colour, 50))]
    if not car.in_catalogue:
        parts.append(t(lang, "garage-added-not-in-catalogue"))
    if vin_given:
        parts.append(t(lang, "garage-added-vin"))
    return " ".join(parts)


def _counts(counts: Sequence[Count], lang: str, limit: int = 15) -> str:
    shown = []
    for c in counts[:limit]:
        label = t(lang, "garage-unknown-year") if c.label == UNKNOWN_YEAR else plain(c.label, 50)
        verified = f" ({number(lang, c.verified)} ✅)" if c.verified else ""
        shown.append(f"{number(lang, c.cars)} × {label}{verified}")
    if len(counts) > limit:
        shown.append(t(lang, "garage-and-more", count=len(counts) - limit))
    return truncate("\n".join(shown), FIELD_LIMIT) or "—"


def _year_counts(counts: Sequence[Count], lang: str) -> str:
    """The years as the chart buckets them, finer (up to YEAR_LINES lines): single years
    for a young club, spans for one whose cars span decades; empty spans left out."""
    lines = [
        Count(bucket_label(b, lang), b.cars, b.verified)
        for b in year_buckets(counts, YEAR_LINES)
        if b.cars
    ]
    return _counts(lines, lang)


def _plural(name: str) -> str:
    return name if name.endswith("s") else name + "s"


def share_text(stats: RegisterStats, short_name: str, lang: str = "en") -> str | None:
    """'This club has 37 of the 6,309 1M Coupés built: 0.6 %'."""
    share = stats.share
    if share is None or stats.production is None:
        return None
    return t(
        lang,
        "garage-share",
        # The count as a number too: German says "ist 1" but "sind 37".
        count=stats.cars,
        cars=number(lang, stats.cars),
        production=number(lang, stats.production),
        # English counts cars in the plural ("1M Coupés"); other languages word it whole.
        model=_plural(short_name) if lang == "en" else short_name,
        share=number(lang, share, _share_digits(share)),
    )


def _share_digits(share: float) -> int:
    """One decimal, or as many as it takes (up to 3) for a share above zero not to read
    '0.0 %': 2 of 6,309 cars is 0.03 %."""
    digits = 1
    while digits < 3 and share > 0 and round(share, digits) == 0:
        digits += 1
    return digits


def register_embed(
    stats: RegisterStats, short_name: str | None = None, lang: str = "en"
) -> discord.Embed:
    what = plain(stats.model, 80) if stats.model else t(lang, "garage-whole-garage")
    embed = discord.Embed(
        title=t(lang, "garage-register-title", what=what), colour=discord.Colour.dark_teal()
    )
    if stats.cars == 0:
        embed.description = t(lang, "garage-register-empty")
        return embed
    lines = [
        t(
            lang,
            "garage-register-summary",
            # Numbers, not text: the message picks "1 owner" or "2 owners" from them.
            cars=stats.cars,
            owners=stats.owners,
            verified=stats.verified,
            unverified=stats.cars - stats.verified,
        )
    ]
    share = share_text(stats, short_name or stats.model or "", lang)
    if share:
        lines.append(share)
    embed.description = "\n".join(lines)
    if stats.by_model:
        embed.add_field(
            name=t(lang, "garage-by-model"), value=_counts(stats.by_model, lang), inline=False
        )
    embed.add_field(name=t(lang, "garage-by-colour"), value=_counts(stats.by_colour, lang))
    embed.add_field(name=t(lang, "garage-by-year"), value=_year_counts(stats.by_year, lang))
    embed.set_image(url="attachment://register.png")
    return embed


def colours_embed(model: str, colours: Sequence[ColourCount], lang: str = "en") -> discord.Embed:
    embed = discord.Embed(
        title=t(lang, "garage-colours-title", model=plain(model, 80)),
        colour=discord.Colour.dark_teal(),
    )
    factory = [c for c in colours if c.factory]
    own = [c for c in colours if not c.factory]
    if factory:
        lines = []
        for c in factory:
            note = f" ({plain(c.note, 60)})" if c.note else ""
            lines.append(f"**{number(lang, c.cars)}** × {plain(c.colour, 50)}{note}")
        embed.description = truncate("\n".join(lines), 4000)
    else:
        embed.description = t(lang, "garage-colours-none")
    if own:
        embed.add_field(
            name=t(lang, "garage-colours-other"),
            value=_counts([Count(c.colour, c.cars) for c in own], lang),
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
