"""Spec-card embeds for /specs: one car, or two side by side.

Catalogue text comes from club members' pull requests, so it goes through
`plain` like any other user text. Every figure shown in another unit is
computed by bot.services.specs.units from the one published value.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

import discord

from bot.render.text import plain, truncate
from bot.services.specs.models import Car
from bot.services.specs.units import (
    SPRINT_MPH,
    UnitSystem,
    format_int,
    format_number,
    kg_to_lb,
    kmh_to_mph,
    nm_to_lbft,
    power_figures,
    whole,
)

MINUS = "−"  # U+2212: a real minus sign lines up with "+" and is not a hyphen
COLOUR = discord.Colour.from_rgb(0, 102, 177)  # BMW M blue
FIELD_LIMIT = 1024
TITLE_LIMIT = 256
NAME_LIMIT = 256
SPRINT_METRIC = "0–100 km/h"
SPRINT_IMPERIAL = f"0–100 km/h (0–{SPRINT_MPH} mph)"


# -- single figures ------------------------------------------------------------


def power_text(car: Car, units: UnitSystem) -> str:
    figures = power_figures(car.power)
    if units == "imperial":
        main = f"{format_int(figures.hp)} hp"
        others = f"{format_int(figures.kw)} kW · {format_int(figures.ps)} PS"
    else:
        main = f"{format_int(figures.ps)} PS"
        others = f"{format_int(figures.kw)} kW · {format_int(figures.hp)} hp"
    published = f"{format_number(car.power.value)} {car.power.unit} {car.power.standard}"
    at = f" at {format_int(car.power.rpm)} rpm" if car.power.rpm else ""
    return f"**{main}** ({others})\npublished: {published}{at}"


def _torque_pair(nm: float, units: UnitSystem) -> str:
    lbft = f"{format_int(nm_to_lbft(nm))} lb-ft"
    metric = f"{format_int(nm)} Nm"
    return f"{lbft} ({metric})" if units == "imperial" else f"{metric} ({lbft})"


def torque_text(car: Car, units: UnitSystem) -> str:
    lines = [f"**{_torque_pair(car.torque.nm, units)}**"]
    if car.torque.overboost_nm:
        lines.append(f"overboost {_torque_pair(car.torque.overboost_nm, units)}")
    if car.torque.rpm:
        lines.append(f"{plain(car.torque.rpm, 30)} rpm")
    return "\n".join(lines)


def weight_text(car: Car, units: UnitSystem) -> str:
    kg = f"{format_int(car.kerb_weight_kg)} kg"
    lb = f"{format_int(kg_to_lb(car.kerb_weight_kg))} lb"
    return f"{lb} ({kg})" if units == "imperial" else f"{kg} ({lb})"


def _speed_pair(kmh_value: int, units: UnitSystem) -> str:
    kmh = f"{format_int(kmh_value)} km/h"
    mph = f"{format_int(kmh_to_mph(kmh_value))} mph"
    return f"{mph} ({kmh})" if units == "imperial" else f"{kmh} ({mph})"


def _speed_short(kmh_value: int, units: UnitSystem) -> str:
    if units == "imperial":
        return f"{format_int(kmh_to_mph(kmh_value))} mph"
    return f"{format_int(kmh_value)} km/h"


def top_speed_text(car: Car, units: UnitSystem) -> str:
    return _speed_pair(car.top_speed_kmh, units) + (", limited" if car.top_speed_limited else "")


def optional_top_speed_text(car: Car, units: UnitSystem, *, short: bool = False) -> str | None:
    """'280 km/h (174 mph) with M Driver's Package', or None when the car has no such option."""
    if car.top_speed_optional_kmh is None:
        return None
    speed = (_speed_short if short else _speed_pair)(car.top_speed_optional_kmh, units)
    return f"{speed} {plain(car.top_speed_optional_label or 'as an option', 60)}"


def sprint_label(units: UnitSystem) -> str:
    # No car here has a separate 0-60 mph figure, and converting 0-100 km/h
    # into one would invent a number; imperial readers get the same run,
    # labelled with its mph equivalent.
    return SPRINT_IMPERIAL if units == "imperial" else SPRINT_METRIC


def sprint_text(car: Car) -> str:
    if car.zero_to_100_s is None:
        return "not published"
    return f"{format_number(car.zero_to_100_s)} s"


def engine_text(car: Car) -> str:
    e = car.engine
    litres = f"{e.displacement_cc / 1000:.1f} L"
    return (
        f"{plain(e.code, 40)}\n{litres} {plain(e.aspiration, 40)} {plain(e.layout, 30)}"
        f"\n{format_int(e.displacement_cc)} cc"
    )


def production_text(car: Car) -> str | None:
    parts = []
    if car.production is not None:
        parts.append(f"{format_int(car.production)} built")
    if car.production_planned is not None:
        parts.append(f"{format_int(car.production_planned)} planned")
    return " · ".join(parts) or None


def colours_text(car: Car, limit: int = FIELD_LIMIT) -> str | None:
    if not car.colours:
        return None
    lines = [
        plain(c.name, 80) + (f" ({plain(c.note, 200)})" if c.note else "") for c in car.colours
    ]
    return _fit_lines(lines, limit)


def _link(url: str) -> str:
    # Brackets in Wikipedia URLs ("BMW_2_Series_(F22)") would end the markdown
    # link early; percent-encoding keeps the same address.
    safe = quote(url, safe=":/?#@!$&'*+,;=%-._~")
    parts = urlsplit(url)
    text = parts.netloc.removeprefix("www.")
    # The last part of the path that reads as a name: not a date ("…/2011/02/09"),
    # and without its ".html".
    segments = [unquote(seg) for seg in parts.path.split("/") if seg]
    named = [seg for seg in segments if any(c.isalpha() for c in seg)]
    page = named[-1] if named else ""
    page = re.sub(r"\.(?:html?|php|aspx?)$", "", page).replace("_", " ")
    if page and "." not in page:
        text += f" › {page}"
    # Square brackets in the text would also break the link.
    text = plain(text, 60).replace("[", "(").replace("]", ")")
    return f"[{text}]({safe})"


def sources_text(car: Car, limit: int = FIELD_LIMIT) -> str:
    return _fit_lines([_link(u) for u in car.sources], limit, joiner=" · ")


def _fit_lines(lines: list[str], limit: int, joiner: str = "\n") -> str:
    """Join whole items while they fit, then say how many were left out."""
    out: list[str] = []
    for i, line in enumerate(lines):
        rest = len(lines) - i - 1
        more = f"{joiner}+{rest} more" if rest else ""
        candidate = joiner.join([*out, line])
        if len(candidate) + len(more) > limit:
            left = len(lines) - len(out)
            tail = f"+{left} more"
            return joiner.join([*out, tail]) if out else truncate(line, limit)
        out.append(line)
    return joiner.join(out)


def headline(car: Car) -> str:
    """'BMW 1M Coupé (E82, 2011–2012)'."""
    return truncate(plain(car.label), TITLE_LIMIT)


def subtitle(car: Car) -> str:
    """'2011–2012 · coupé · RWD'; the chassis is already in the title."""
    return " · ".join([car.years_label, car.body, car.drive])


def units_footer(car_ids: list[str], units: UnitSystem) -> str:
    other = "imperial" if units == "metric" else "metric"
    return f"{units} units (units:{other} to switch) · {' vs '.join(car_ids)}"


# -- one car -------------------------------------------------------------------


CLUB_ENTRY = "Club entry"
CLUB_NOTE = f"**{CLUB_ENTRY}**: added by this server's club, not from Paddock's sourced catalogue"


def spec_embed(car: Car, units: UnitSystem = "metric") -> discord.Embed:
    embed = discord.Embed(title=headline(car), colour=COLOUR)
    description = [CLUB_NOTE] if car.club else []
    description.append(f"**{subtitle(car)}**")
    if car.factory:
        description.append(f"Built in {plain(car.factory, 100)}")
    if car.notes:
        description.append("")
        description.append(plain(car.notes, 700))
    embed.description = "\n".join(description)

    embed.add_field(name="Engine", value=engine_text(car))
    embed.add_field(name="Power", value=power_text(car, units))
    embed.add_field(name="Torque", value=torque_text(car, units))
    embed.add_field(name=sprint_label(units), value=sprint_text(car))
    optional = optional_top_speed_text(car, units)
    speed = top_speed_text(car, units) + (f"\n{optional}" if optional else "")
    embed.add_field(name="Top speed", value=speed)
    embed.add_field(name="Kerb weight", value=weight_text(car, units))
    embed.add_field(name="Gearbox", value=_fit_lines([plain(g, 60) for g in car.gearboxes], 300))
    embed.add_field(name="Drive", value=car.drive)
    production = production_text(car)
    if production:
        embed.add_field(name="Production", value=production)
    colours = colours_text(car)
    if colours:
        embed.add_field(name="Colours", value=colours, inline=False)
    embed.add_field(name="Sources", value=sources_text(car), inline=False)
    embed.set_footer(text=units_footer([car.id], units))
    return embed


# -- two cars ------------------------------------------------------------------


def _signed(value: float, unit: str, digits: int = 0) -> str | None:
    """'+125 hp', '−0.4 s', or None when the two are equal at the shown precision."""
    shown = round(value, digits)
    if shown == 0:
        return None
    sign = "+" if shown > 0 else MINUS
    number = f"{abs(shown):,.{digits}f}"
    return f"{sign}{number} {unit}".rstrip()


# Differences are taken between the figures as shown, so they add up on screen.
def _lbft(nm: float) -> int:
    return whole(nm_to_lbft(nm))


def _lb(kg: float) -> int:
    return whole(kg_to_lb(kg))


def _mph(kmh: float) -> int:
    return whole(kmh_to_mph(kmh))


def _sprint_difference(base: Car, other: Car) -> str | None:
    if base.zero_to_100_s is None or other.zero_to_100_s is None:
        return None  # no published figure to compare against
    return _signed(other.zero_to_100_s - base.zero_to_100_s, "s 0–100", 1)


def differences(base: Car, other: Car, units: UnitSystem) -> list[str]:
    """How `other` differs from `base`, e.g. ['+125 hp', '−0.4 s 0–100 km/h'].

    Top speeds are compared as standard, never one car's optional figure against
    the other's standard one; the columns show both.
    """
    a, b = power_figures(base.power), power_figures(other.power)
    if units == "imperial":
        items = [
            _signed(b.hp - a.hp, "hp"),
            _signed(_lbft(other.torque.nm) - _lbft(base.torque.nm), "lb-ft"),
            _sprint_difference(base, other),
            _signed(_lb(other.kerb_weight_kg) - _lb(base.kerb_weight_kg), "lb"),
            _signed(_mph(other.top_speed_kmh) - _mph(base.top_speed_kmh), "mph top speed"),
        ]
    else:
        items = [
            _signed(b.ps - a.ps, "PS"),
            _signed(whole(other.torque.nm) - whole(base.torque.nm), "Nm"),
            _sprint_difference(base, other),
            _signed(other.kerb_weight_kg - base.kerb_weight_kg, "kg"),
            _signed(other.top_speed_kmh - base.top_speed_kmh, "km/h top speed"),
        ]
    return [item for item in items if item]


def _column(car: Car, units: UnitSystem) -> str:
    figures = power_figures(car.power)
    power = (
        f"{format_int(figures.hp)} hp ({format_int(figures.kw)} kW)"
        if units == "imperial"
        else f"{format_int(figures.ps)} PS ({format_int(figures.kw)} kW)"
    )
    optional = optional_top_speed_text(car, units, short=True)
    lines = [
        f"**{CLUB_ENTRY}** · {subtitle(car)}" if car.club else f"**{subtitle(car)}**",
        f"{car.engine.displacement_cc / 1000:.1f} L {plain(car.engine.aspiration, 40)} "
        f"{plain(car.engine.layout, 30)}",
        f"**Power** {power}",
        f"**Torque** {_torque_pair(car.torque.nm, units)}" + _overboost_short(car, units),
        f"**{sprint_label(units)}** {sprint_text(car)}",
        f"**Top speed** {top_speed_text(car, units)}" + (f"; {optional}" if optional else ""),
        f"**Weight** {weight_text(car, units)}",
        f"**Gearbox** {plain(' / '.join(car.gearboxes), 200)}",
    ]
    production = production_text(car)
    if production:
        lines.append(f"**Production** {production}")
    return _fit_lines(lines, FIELD_LIMIT)


def _overboost_short(car: Car, units: UnitSystem) -> str:
    nm = car.torque.overboost_nm
    if not nm:
        return ""
    shown = f"{format_int(nm_to_lbft(nm))} lb-ft" if units == "imperial" else f"{format_int(nm)} Nm"
    return f", overboost {shown}"


def short_name(car: Car) -> str:
    """'BMW M2 (G87)': enough to tell generations apart in one line."""
    name = plain(car.name)
    return name if car.chassis in car.name else f"{name} ({plain(car.chassis, 30)})"


def compare_embed(first: Car, second: Car, units: UnitSystem = "metric") -> discord.Embed:
    title = f"{short_name(first)} vs {short_name(second)}"
    embed = discord.Embed(title=truncate(title, TITLE_LIMIT), colour=COLOUR)
    embed.add_field(name=truncate(short_name(first), NAME_LIMIT), value=_column(first, units))
    embed.add_field(name=truncate(short_name(second), NAME_LIMIT), value=_column(second, units))
    diffs = differences(first, second, units)
    embed.add_field(
        name=truncate(f"{short_name(second)} against {short_name(first)}", NAME_LIMIT),
        value=", ".join(diffs) if diffs else "Same figures.",
        inline=False,
    )
    embed.add_field(
        name="Sources",
        value=_fit_lines(
            [_link(u) for u in dict.fromkeys((*first.sources, *second.sources))],
            FIELD_LIMIT,
            joiner=" · ",
        ),
        inline=False,
    )
    embed.set_footer(text=units_footer([first.id, second.id], units))
    return embed
