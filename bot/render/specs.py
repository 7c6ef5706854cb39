"""Spec-card embeds for /specs: one car, or two side by side.

Catalogue text comes from club members' pull requests, so it goes through
`plain` like any other user text. Every figure shown in another unit is
computed by bot.services.specs.units from the one published value.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

import discord

from bot.i18n import slug, t
from bot.i18n.formats import number, short_number
from bot.render.text import plain, truncate
from bot.services.specs.models import Car
from bot.services.specs.units import (
    SPRINT_MPH,
    UnitSystem,
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
NOTES_LIMIT = 700  # the catalogue allows 600 characters; a translation may run longer
NAME_LIMIT = 256
SPRINT_METRIC = "0–100 km/h"
SPRINT_IMPERIAL = f"0–100 km/h (0–{SPRINT_MPH} mph)"
GEARBOX = re.compile(r"^(?P<speeds>\d+)-speed (?P<kind>.+)$")
_DIGITS = re.compile(r"\d+")


def _int(lang: str, value: float) -> str:
    """A figure rounded as shown on the card, with the language's thousands separator."""
    return number(lang, whole(value))


# -- the catalogue's words -------------------------------------------------------
# The catalogue is written in English; its few fixed words (body, drive, engine
# layout, gearbox kind) are looked up in the message catalogue, and anything else
# (a model name, "M DCT") stays as published.


def body_text(car: Car, lang: str) -> str:
    return t(lang, "spec-body", key=slug(car.body), body=car.body)


def drive_text(car: Car, lang: str) -> str:
    return t(lang, "spec-drive", key=slug(car.drive), drive=car.drive)


def gearbox_text(gearbox: str, lang: str) -> str:
    """'6-speed manual' → '6-Gang-Schaltgetriebe' in German."""
    found = GEARBOX.match(gearbox)
    if found is None:
        return plain(gearbox, 60)
    kind = t(lang, "spec-gearbox-kind", key=slug(found["kind"]), kind=plain(found["kind"], 50))
    return t(lang, "spec-gearbox", speeds=int(found["speeds"]), kind=kind)


# -- single figures ------------------------------------------------------------


def power_text(car: Car, units: UnitSystem, lang: str = "en") -> str:
    figures = power_figures(car.power)
    if units == "imperial":
        main = f"{_int(lang, figures.hp)} hp"
        others = f"{_int(lang, figures.kw)} kW · {_int(lang, figures.ps)} PS"
    else:
        main = f"{_int(lang, figures.ps)} PS"
        others = f"{_int(lang, figures.kw)} kW · {_int(lang, figures.hp)} hp"
    published = f"{short_number(lang, car.power.value)} {car.power.unit} {car.power.standard}"
    if car.power.rpm:
        rpm = _int(lang, car.power.rpm)
        published = t(lang, "spec-published-at", figure=published, rpm=rpm)
    else:
        published = t(lang, "spec-published", figure=published)
    return f"**{main}** ({others})\n{published}"


def _torque_pair(nm: float, units: UnitSystem, lang: str) -> str:
    lbft = f"{_int(lang, nm_to_lbft(nm))} lb-ft"
    metric = f"{_int(lang, nm)} Nm"
    return f"{lbft} ({metric})" if units == "imperial" else f"{metric} ({lbft})"


def torque_text(car: Car, units: UnitSystem, lang: str = "en") -> str:
    torque = car.torque
    if torque is None:
        return t(lang, "spec-figure-not-known")
    lines = [f"**{_torque_pair(torque.nm, units, lang)}**"]
    if torque.overboost_nm:
        pair = _torque_pair(torque.overboost_nm, units, lang)
        lines.append(t(lang, "spec-overboost", torque=pair))
    if torque.rpm:
        band = _DIGITS.sub(lambda m: _int(lang, int(m.group())), plain(torque.rpm, 30))
        lines.append(t(lang, "qa-spec-rpm-band", band=band))
    return "\n".join(lines)


def weight_text(car: Car, units: UnitSystem, lang: str = "en") -> str:
    if car.kerb_weight_kg is None:
        return t(lang, "spec-figure-not-known")
    kg = f"{_int(lang, car.kerb_weight_kg)} kg"
    lb = f"{_int(lang, kg_to_lb(car.kerb_weight_kg))} lb"
    return f"{lb} ({kg})" if units == "imperial" else f"{kg} ({lb})"


def _speed_pair(kmh_value: int, units: UnitSystem, lang: str) -> str:
    kmh = f"{_int(lang, kmh_value)} km/h"
    mph = f"{_int(lang, kmh_to_mph(kmh_value))} mph"
    return f"{mph} ({kmh})" if units == "imperial" else f"{kmh} ({mph})"


def _speed_short(kmh_value: int, units: UnitSystem, lang: str) -> str:
    if units == "imperial":
        return f"{_int(lang, kmh_to_mph(kmh_value))} mph"
    return f"{_int(lang, kmh_value)} km/h"


def top_speed_text(car: Car, units: UnitSystem, lang: str = "en") -> str:
    if car.top_speed_kmh is None:
        return t(lang, "spec-figure-not-known")
    speed = _speed_pair(car.top_speed_kmh, units, lang)
    return t(lang, "spec-limited", speed=speed) if car.top_speed_limited else speed


def optional_top_speed_text(
    car: Car, units: UnitSystem, *, short: bool = False, lang: str = "en"
) -> str | None:
    """'280 km/h (174 mph) with M Driver's Package', or None when the car has no such option."""
    if car.top_speed_optional_kmh is None:
        return None
    speed = (_speed_short if short else _speed_pair)(car.top_speed_optional_kmh, units, lang)
    label = car.top_speed_optional_label
    return f"{speed} {plain(label, 60)}" if label else t(lang, "spec-as-option", speed=speed)


def sprint_label(units: UnitSystem) -> str:
    # No car here has a separate 0-60 mph figure, and converting 0-100 km/h
    # into one would invent a number; imperial readers get the same run,
    # labelled with its mph equivalent.
    return SPRINT_IMPERIAL if units == "imperial" else SPRINT_METRIC


def sprint_text(car: Car, lang: str = "en") -> str:
    if car.zero_to_100_s is None:
        return t(lang, "spec-not-published")
    return f"{short_number(lang, car.zero_to_100_s)} s"


def _engine_kind(car: Car, lang: str) -> str:
    """'3.0-litre twin-turbo inline-six' / '3,0-l-Reihensechszylinder mit Biturbo', as a
    car magazine writes it."""
    e = car.engine
    return t(
        lang,
        "spec-engine-kind",
        litres=number(lang, e.displacement_cc / 1000, 1),
        aspiration_key=slug(e.aspiration),
        aspiration=plain(e.aspiration, 40),
        layout_key=slug(e.layout),
        layout=plain(e.layout, 30),
    )


def engine_text(car: Car, lang: str = "en") -> str:
    e = car.engine
    displacement = t(lang, "spec-displacement", cc=_int(lang, e.displacement_cc))
    return f"{plain(e.code, 40)}\n{_engine_kind(car, lang)}\n{displacement}"


def production_text(car: Car, lang: str = "en") -> str | None:
    parts = []
    if car.production is not None:
        parts.append(t(lang, "spec-built", count=whole(car.production)))
    if car.production_planned is not None:
        parts.append(t(lang, "spec-planned", count=whole(car.production_planned)))
    return " · ".join(parts) or None


def colours_text(car: Car, limit: int = FIELD_LIMIT, lang: str = "en") -> str | None:
    if not car.colours:
        return None
    lines = [
        plain(c.name, 80) + (f" ({plain(c.note, 200)})" if c.note else "") for c in car.colours
    ]
    return _fit_lines(lines, limit, lang=lang)


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


def sources_text(car: Car, limit: int = FIELD_LIMIT, lang: str = "en") -> str:
    return _fit_lines([_link(u) for u in car.sources], limit, joiner=" · ", lang=lang)


def _fit_lines(lines: list[str], limit: int, joiner: str = "\n", *, lang: str = "en") -> str:
    """Join whole items while they fit, then say how many were left out."""
    out: list[str] = []
    for i, line in enumerate(lines):
        rest = len(lines) - i - 1
        more = joiner + t(lang, "spec-more", count=rest) if rest else ""
        candidate = joiner.join([*out, line])
        if len(candidate) + len(more) > limit:
            tail = t(lang, "spec-more", count=len(lines) - len(out))
            return joiner.join([*out, tail]) if out else truncate(line, limit)
        out.append(line)
    return joiner.join(out)


def headline(car: Car) -> str:
    """'BMW 1M Coupé (E82, 2011–2012)'."""
    return truncate(plain(car.label), TITLE_LIMIT)


def subtitle(car: Car, lang: str = "en") -> str:
    """'2011–2012 · coupé · RWD'; the chassis is already in the title."""
    return " · ".join([car.years_label, body_text(car, lang), drive_text(car, lang)])


def units_footer(car_ids: list[str], units: UnitSystem, lang: str = "en") -> str:
    key = "spec-footer-imperial" if units == "imperial" else "spec-footer-metric"
    return t(lang, key, cars=" vs ".join(car_ids))


# -- one car -------------------------------------------------------------------


def spec_embed(car: Car, units: UnitSystem = "metric", lang: str = "en") -> discord.Embed:
    embed = discord.Embed(title=headline(car), colour=COLOUR)
    description = [t(lang, "spec-club-note")] if car.club else []
    description.append(f"**{subtitle(car, lang)}**")
    if car.factory:
        description.append(t(lang, "spec-built-in", factory=plain(car.factory, 100)))
    if car.notes:
        description.append("")
        description.append(plain(car.notes, NOTES_LIMIT))
    embed.description = "\n".join(description)

    embed.add_field(name=t(lang, "spec-engine"), value=engine_text(car, lang))
    embed.add_field(name=t(lang, "spec-power"), value=power_text(car, units, lang))
    embed.add_field(name=t(lang, "spec-torque"), value=torque_text(car, units, lang))
    embed.add_field(name=sprint_label(units), value=sprint_text(car, lang))
    optional = optional_top_speed_text(car, units, lang=lang)
    speed = top_speed_text(car, units, lang) + (f"\n{optional}" if optional else "")
    embed.add_field(name=t(lang, "spec-top-speed"), value=speed)
    embed.add_field(name=t(lang, "spec-kerb-weight"), value=weight_text(car, units, lang))
    gearboxes = [gearbox_text(g, lang) for g in car.gearboxes]
    embed.add_field(name=t(lang, "spec-gearbox-label"), value=_fit_lines(gearboxes, 300, lang=lang))
    embed.add_field(name=t(lang, "spec-drive-label"), value=drive_text(car, lang))
    production = production_text(car, lang)
    if production:
        embed.add_field(name=t(lang, "spec-production"), value=production)
    colours = colours_text(car, lang=lang)
    if colours:
        embed.add_field(name=t(lang, "spec-colours"), value=colours, inline=False)
    embed.add_field(name=t(lang, "spec-sources"), value=sources_text(car, lang=lang), inline=False)
    embed.set_footer(text=units_footer([car.id], units, lang))
    return embed


# -- two cars ------------------------------------------------------------------


def _signed(value: float, unit: str, digits: int = 0, lang: str = "en") -> str | None:
    """'+125 hp', '−0.4 s', or None when the two are equal at the shown precision."""
    shown = round(value, digits)
    if shown == 0:
        return None
    sign = "+" if shown > 0 else MINUS
    return f"{sign}{number(lang, abs(shown), digits)} {unit}".rstrip()


# Differences are taken between the figures as shown, so they add up on screen.
def _lbft(nm: float) -> int:
    return whole(nm_to_lbft(nm))


def _lb(kg: float) -> int:
    return whole(kg_to_lb(kg))


def _mph(kmh: float) -> int:
    return whole(kmh_to_mph(kmh))


def _sprint_difference(base: Car, other: Car, lang: str) -> str | None:
    if base.zero_to_100_s is None or other.zero_to_100_s is None:
        return None  # no published figure to compare against
    return _signed(other.zero_to_100_s - base.zero_to_100_s, "s 0–100", 1, lang)


def _weight_difference(base: Car, other: Car, units: UnitSystem, lang: str) -> str | None:
    if base.kerb_weight_kg is None or other.kerb_weight_kg is None:
        return None  # no sourced weight to compare against
    if units == "imperial":
        return _signed(_lb(other.kerb_weight_kg) - _lb(base.kerb_weight_kg), "lb", 0, lang)
    return _signed(other.kerb_weight_kg - base.kerb_weight_kg, "kg", 0, lang)


def _torque_difference(base: Car, other: Car, units: UnitSystem, lang: str) -> str | None:
    if base.torque is None or other.torque is None:
        return None  # no sourced torque to compare against
    if units == "imperial":
        return _signed(_lbft(other.torque.nm) - _lbft(base.torque.nm), "lb-ft", 0, lang)
    return _signed(whole(other.torque.nm) - whole(base.torque.nm), "Nm", 0, lang)


def _speed_difference(base: Car, other: Car, units: UnitSystem, lang: str) -> str | None:
    if base.top_speed_kmh is None or other.top_speed_kmh is None:
        return None
    if units == "imperial":
        return _signed(_mph(other.top_speed_kmh) - _mph(base.top_speed_kmh), "mph", 0, lang)
    return _signed(other.top_speed_kmh - base.top_speed_kmh, "km/h", 0, lang)


def differences(base: Car, other: Car, units: UnitSystem, lang: str = "en") -> list[str]:
    """How `other` differs from `base`, e.g. ['+125 hp', '−0.4 s 0–100 km/h'].

    Top speeds are compared as standard, never one car's optional figure against
    the other's standard one; the columns show both.
    """
    a, b = power_figures(base.power), power_figures(other.power)
    speed = _speed_difference(base, other, units, lang)
    if units == "imperial":
        items = [
            _signed(b.hp - a.hp, "hp", 0, lang),
            _torque_difference(base, other, units, lang),
            _sprint_difference(base, other, lang),
            _weight_difference(base, other, units, lang),
        ]
    else:
        items = [
            _signed(b.ps - a.ps, "PS", 0, lang),
            _torque_difference(base, other, units, lang),
            _sprint_difference(base, other, lang),
            _weight_difference(base, other, units, lang),
        ]
    if speed:
        items.append(t(lang, "spec-top-speed-difference", difference=speed))
    return [item for item in items if item]


def _column(car: Car, units: UnitSystem, lang: str) -> str:
    figures = power_figures(car.power)
    power = (
        f"{_int(lang, figures.hp)} hp ({_int(lang, figures.kw)} kW)"
        if units == "imperial"
        else f"{_int(lang, figures.ps)} PS ({_int(lang, figures.kw)} kW)"
    )
    optional = optional_top_speed_text(car, units, short=True, lang=lang)
    torque = (
        t(lang, "spec-figure-not-known")
        if car.torque is None
        else _torque_pair(car.torque.nm, units, lang) + _overboost_short(car, units, lang)
    )
    speed = top_speed_text(car, units, lang) + (f"; {optional}" if optional else "")
    gearboxes = " / ".join(gearbox_text(g, lang) for g in car.gearboxes)
    club = t(lang, "spec-club-entry")
    lines = [
        f"**{club}** · {subtitle(car, lang)}" if car.club else f"**{subtitle(car, lang)}**",
        _engine_kind(car, lang),
        f"**{t(lang, 'spec-power')}** {power}",
        f"**{t(lang, 'spec-torque')}** {torque}",
        f"**{sprint_label(units)}** {sprint_text(car, lang)}",
        f"**{t(lang, 'spec-top-speed')}** {speed}",
        f"**{t(lang, 'spec-weight')}** {weight_text(car, units, lang)}",
        f"**{t(lang, 'spec-gearbox-label')}** {truncate(gearboxes, 200)}",
    ]
    production = production_text(car, lang)
    if production:
        lines.append(f"**{t(lang, 'spec-production')}** {production}")
    return _fit_lines(lines, FIELD_LIMIT, lang=lang)


def _overboost_short(car: Car, units: UnitSystem, lang: str) -> str:
    nm = car.torque.overboost_nm if car.torque else None
    if not nm:
        return ""
    shown = f"{_int(lang, nm_to_lbft(nm))} lb-ft" if units == "imperial" else f"{_int(lang, nm)} Nm"
    return ", " + t(lang, "spec-overboost", torque=shown)


def short_name(car: Car) -> str:
    """'BMW M2 (G87)': enough to tell generations apart in one line."""
    name = plain(car.name)
    return name if car.chassis in car.name else f"{name} ({plain(car.chassis, 30)})"


def compare_embed(
    first: Car, second: Car, units: UnitSystem = "metric", lang: str = "en"
) -> discord.Embed:
    title = f"{short_name(first)} vs {short_name(second)}"
    embed = discord.Embed(title=truncate(title, TITLE_LIMIT), colour=COLOUR)
    embed.add_field(name=truncate(short_name(first), NAME_LIMIT), value=_column(first, units, lang))
    embed.add_field(
        name=truncate(short_name(second), NAME_LIMIT), value=_column(second, units, lang)
    )
    diffs = differences(first, second, units, lang)
    against = t(lang, "spec-against", other=short_name(second), base=short_name(first))
    embed.add_field(
        name=truncate(against, NAME_LIMIT),
        value=", ".join(diffs) if diffs else t(lang, "spec-same-figures"),
        inline=False,
    )
    embed.add_field(
        name=t(lang, "spec-sources"),
        value=_fit_lines(
            [_link(u) for u in dict.fromkeys((*first.sources, *second.sources))],
            FIELD_LIMIT,
            joiner=" · ",
            lang=lang,
        ),
        inline=False,
    )
    embed.set_footer(text=units_footer([first.id, second.id], units, lang))
    return embed
