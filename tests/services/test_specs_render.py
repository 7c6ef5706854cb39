"""Spec embeds: the facts shown, and Discord's limits for every entry and every pair."""

from __future__ import annotations

import dataclasses
import itertools

import discord
import pytest

from bot.render.specs import MINUS, compare_embed, differences, sources_text, spec_embed
from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.models import Car, Colour

UNITS = ("metric", "imperial")


@pytest.fixture(scope="module")
def cars() -> dict[str, Car]:
    catalogue = load_catalogue()
    assert catalogue.errors == []
    return catalogue.by_id


def assert_within_limits(embed: discord.Embed) -> None:
    data = embed.to_dict()
    assert len(data.get("title", "")) <= 256
    assert len(data.get("description", "")) <= 4096
    fields = data.get("fields", [])
    assert len(fields) <= 25
    for field in fields:
        assert 0 < len(field["name"]) <= 256, field
        assert 0 < len(field["value"]) <= 1024, field
    assert len(data.get("footer", {}).get("text", "")) <= 2048
    # discord.py's len() counts exactly what Discord counts towards 6000.
    assert len(embed) <= 6000


def text_of(embed: discord.Embed) -> str:
    data = embed.to_dict()
    parts = [data.get("title", ""), data.get("description", ""), data["footer"]["text"]]
    for field in data["fields"]:
        parts += [field["name"], field["value"]]
    return "\n".join(parts)


def field(embed: discord.Embed, name: str) -> str:
    [value] = [f.value for f in embed.fields if f.name == name]
    assert value is not None
    return value


def test_1m_metric_card(cars: dict[str, Car]) -> None:
    embed = spec_embed(cars["bmw-1m-e82"], "metric")
    assert embed.title == "BMW 1M Coupé (E82, 2011–2012)"
    assert field(embed, "Engine").startswith("N54B30T0")
    power = field(embed, "Power")
    assert "**340 PS**" in power
    assert "250 kW" in power
    assert "335 hp" in power
    assert "published: 335 hp SAE at 5,900 rpm" in power
    torque = field(embed, "Torque")
    assert "450 Nm (332 lb-ft)" in torque
    assert "overboost 500 Nm (369 lb-ft)" in torque
    assert field(embed, "0–100 km/h") == "4.9 s"
    assert field(embed, "Top speed") == "250 km/h (155 mph), limited"
    assert field(embed, "Kerb weight") == "1,495 kg (3,296 lb)"
    assert field(embed, "Gearbox") == "6-speed manual"
    assert field(embed, "Drive") == "RWD"
    assert field(embed, "Production") == "6,309 built · 2,700 planned"
    colours = field(embed, "Colours")
    for name in ("Valencia Orange", "Black Sapphire", "Alpine White", "Monte Carlo Blue"):
        assert name in colours
    assert "Java Green (BMW Individual" in colours
    assert "Leipzig, Germany" in (embed.description or "")
    sources = field(embed, "Sources")
    assert "(https://en.wikipedia.org/wiki/BMW_1_Series_M_Coup%C3%A9)" in sources
    assert "metric units" in (embed.footer.text or "")


def test_1m_imperial_card_labels_the_sprint_honestly(cars: dict[str, Car]) -> None:
    embed = spec_embed(cars["bmw-1m-e82"], "imperial")
    assert "**335 hp**" in field(embed, "Power")
    assert field(embed, "Torque").startswith("**332 lb-ft (450 Nm)**")
    # No separate 0-60 mph figure exists, so none is invented.
    assert field(embed, "0–100 km/h (0–62 mph)") == "4.9 s"
    assert "0–60" not in text_of(embed)
    assert field(embed, "Top speed") == "155 mph (250 km/h), limited"
    assert field(embed, "Kerb weight") == "3,296 lb (1,495 kg)"


def test_unlimited_top_speed_is_not_marked(cars: dict[str, Car]) -> None:
    embed = spec_embed(cars["porsche-911-gt3-992"], "metric")
    assert field(embed, "Top speed") == "318 km/h (198 mph)"


def test_brackets_in_source_urls_do_not_break_links(cars: dict[str, Car]) -> None:
    sources = field(spec_embed(cars["bmw-m2-g87"]), "Sources")
    assert "(https://en.wikipedia.org/wiki/BMW_2_Series_%28G42%29)" in sources
    assert "(G42))" not in sources


def test_compare_shows_signed_differences(cars: dict[str, Car]) -> None:
    first, second = cars["bmw-1m-e82"], cars["bmw-m2-g87"]
    embed = compare_embed(first, second, "metric")
    assert embed.title == "BMW 1M Coupé (E82) vs BMW M2 (G87)"
    diff = field(embed, "BMW M2 (G87) against BMW 1M Coupé (E82)")
    # 460 PS - 340 PS, 550 - 450 Nm, 4.1 s - 4.9 s, 1725 - 1495 kg
    assert diff == f"+120 PS, +100 Nm, {MINUS}0.8 s 0–100, +230 kg"
    imperial = differences(first, second, "imperial")
    assert imperial[:3] == ["+119 hp", "+74 lb-ft", f"{MINUS}0.8 s 0–100"]
    # Reversed, every sign flips.
    back = differences(second, first, "metric")
    assert back == [f"{MINUS}120 PS", f"{MINUS}100 Nm", "+0.8 s 0–100", f"{MINUS}230 kg"]


def test_compare_of_equal_figures_says_so(cars: dict[str, Car]) -> None:
    car = cars["bmw-1m-e82"]
    twin = dataclasses.replace(car, id="bmw-1m-twin")
    assert differences(car, twin, "metric") == []
    assert field(compare_embed(car, twin), "BMW 1M Coupé (E82) against BMW 1M Coupé (E82)") == (
        "Same figures."
    )


@pytest.mark.parametrize("units", UNITS)
def test_every_entry_renders_within_limits(cars: dict[str, Car], units: str) -> None:
    for car in cars.values():
        embed = spec_embed(car, units)  # type: ignore[arg-type]
        assert_within_limits(embed)
        assert car.name in (embed.title or "")


@pytest.mark.parametrize("units", UNITS)
def test_every_car_compares_within_limits(cars: dict[str, Car], units: str) -> None:
    # Every car on both sides, against its neighbour and against the catalogue's wordiest
    # entry: all n² pairs took minutes on 150 cars and found nothing these don't, and the
    # largest possible entry is covered below.
    every = list(cars.values())
    wordiest = max(every, key=lambda c: len(compare_embed(c, c, units)))  # type: ignore[arg-type]
    pairs = itertools.chain(
        itertools.pairwise([*every, every[0]]),
        ((car, wordiest) for car in every),
        ((wordiest, car) for car in every),
    )
    for first, second in pairs:
        assert_within_limits(compare_embed(first, second, units))  # type: ignore[arg-type]


def largest_valid_car(base: Car) -> Car:
    """Every text field at the validator's maximum, full of markdown and mentions."""
    nasty = "@everyone **<@&123456789012345678>** __x__ "
    return dataclasses.replace(
        base,
        make=(nasty * 3)[:40],
        model=(nasty * 5)[:60],
        variant=(nasty * 5)[:60],
        chassis=(nasty * 2)[:30],
        gearboxes=tuple((nasty * 5)[:60] for _ in range(30)),
        factory=(nasty * 8)[:100],
        notes=(nasty * 40)[:600],
        colours=tuple(Colour((nasty * 6)[:80], (nasty * 15)[:200]) for _ in range(60)),
        sources=tuple(f"https://example.org/{'a(b)' * 120}/{i}" for i in range(60)),
    )


@pytest.mark.parametrize("units", UNITS)
def test_largest_possible_entry_stays_within_limits(cars: dict[str, Car], units: str) -> None:
    big = largest_valid_car(cars["bmw-1m-e82"])
    for embed in (
        spec_embed(big, units),  # type: ignore[arg-type]
        compare_embed(big, big, units),  # type: ignore[arg-type]
        compare_embed(cars["bmw-1m-e82"], big, units),  # type: ignore[arg-type]
    ):
        assert_within_limits(embed)
        text = text_of(embed)
        # Catalogue text is escaped like any member text: nothing looks like a ping.
        assert "@everyone" not in text
        assert "<@&123456789012345678>" not in text
    assert "more" in field(spec_embed(big), "Colours")


def test_a_car_without_a_published_sprint_says_so_and_compare_skips_it(
    cars: dict[str, Car],
) -> None:
    nissan = cars["nissan-z-rz34"]
    assert nissan.zero_to_100_s is None
    card = text_of(spec_embed(nissan, "metric"))
    assert "not published" in card
    diffs = differences(cars["bmw-1m-e82"], nissan, "metric")
    assert diffs and not any("0–100" in d for d in diffs)
    assert_within_limits(compare_embed(cars["bmw-1m-e82"], nissan, "imperial"))


def test_optional_top_speed_shows_both_figures(cars: dict[str, Car]) -> None:
    cs = cars["bmw-m2-cs-f87"]
    metric = field(spec_embed(cs, "metric"), "Top speed")
    assert metric == "250 km/h (155 mph), limited\n280 km/h (174 mph) with M Driver's Package"
    imperial = field(spec_embed(cs, "imperial"), "Top speed")
    assert imperial == "155 mph (250 km/h), limited\n174 mph (280 km/h) with M Driver's Package"
    # Without the option, only the one figure.
    assert field(spec_embed(cars["bmw-1m-e82"], "metric"), "Top speed") == (
        "250 km/h (155 mph), limited"
    )


def test_compare_sets_standard_top_speed_against_standard(cars: dict[str, Car]) -> None:
    # The CS's 280 km/h needs an option; the 1M's 250 is standard. Same standard speed.
    first, cs = cars["bmw-1m-e82"], cars["bmw-m2-cs-f87"]
    assert not any("top speed" in d for d in differences(first, cs, "metric"))
    embed = compare_embed(first, cs, "metric")
    column = field(embed, "BMW M2 CS (F87)")
    assert "**Top speed** 250 km/h (155 mph), limited; 280 km/h with M Driver's Package" in column
    faster = dataclasses.replace(first, top_speed_kmh=240, top_speed_limited=False)
    assert "+10 km/h top speed" in differences(faster, cs, "metric")


def test_club_entries_are_marked_on_the_card_and_in_compare(cars: dict[str, Car]) -> None:
    club = dataclasses.replace(cars["bmw-1m-e82"], id="club-1m-ring-taxi", club=True)
    embed = spec_embed(club, "metric")
    assert (embed.description or "").startswith(
        "**Club entry**: added by whoever runs Paddock here"
    )
    assert "Club entry" not in (spec_embed(cars["bmw-1m-e82"], "metric").description or "")
    column = field(compare_embed(club, cars["bmw-m2-g87"], "metric"), "BMW 1M Coupé (E82)")
    assert column.startswith("**Club entry** · 2011–2012 · coupé · RWD")


def test_source_links_name_the_page_not_a_date_or_extension() -> None:
    car = dataclasses.replace(
        load_catalogue().by_id["bmw-1m-e82"],
        sources=(
            "https://bmw-sg.com/bmw-news/bmw-1m-coupe-drive/2011/02/09",
            "https://autoesque.blogspot.com/2010/12/bmw-m1-here-at-last.html",
        ),
    )
    text = sources_text(car)
    assert "[bmw-sg.com › bmw-1m-coupe-drive](" in text
    assert "[autoesque.blogspot.com › bmw-m1-here-at-last](" in text


NOT_KNOWN = {"en": "not known", "de": "nicht bekannt"}


def assert_cards_say_not_known(
    unknown: Car, known: Car, units: str, labels: dict[str, tuple[str, ...]]
) -> None:
    """The card says "not known" in each labelled field, and a comparison with either
    car on either side says it in that car's column, with no "None" anywhere."""
    for lang, words in NOT_KNOWN.items():
        card = spec_embed(unknown, units, lang)  # type: ignore[arg-type]
        assert_within_limits(card)
        for label in labels[lang]:
            assert field(card, label) == words
        assert "None" not in text_of(card)
        for first, second in ((known, unknown), (unknown, known), (unknown, unknown)):
            embed = compare_embed(first, second, units, lang)  # type: ignore[arg-type]
            assert_within_limits(embed)
            assert "None" not in text_of(embed)
            assert words in embed.fields[0 if first is unknown else 1].value


@pytest.mark.parametrize("units", UNITS)
def test_a_car_without_a_sourced_weight_says_so_and_compare_skips_it(
    cars: dict[str, Car], units: str
) -> None:
    # An entry whose weight or top speed no stored source states leaves it out (None).
    unweighed = dataclasses.replace(
        cars["bmw-m2-g87"],
        kerb_weight_kg=None,
        top_speed_kmh=None,
        top_speed_limited=False,
        top_speed_optional_kmh=None,  # the validator allows no optional speed without one
        top_speed_optional_label=None,
    )
    weighed = cars["bmw-1m-e82"]
    assert_cards_say_not_known(
        unweighed,
        weighed,
        units,
        {"en": ("Kerb weight", "Top speed"), "de": ("Leergewicht", "Höchstgeschwindigkeit")},
    )
    # The other figures are still compared; only the weight is skipped.
    diffs = differences(weighed, unweighed, units)  # type: ignore[arg-type]
    assert diffs and not any(d.endswith((" kg", " lb")) for d in diffs)
    assert not any("top speed" in d for d in diffs)
    assert any(d.endswith((" PS", " hp")) for d in diffs)
    # With both figures known the differences are there, so the skips above are the missing
    # figures (the 1M's speed lowered, as the M2 is limited at the same 250 km/h).
    slower = dataclasses.replace(weighed, top_speed_kmh=240, top_speed_limited=False)
    both = differences(slower, cars["bmw-m2-g87"], units)  # type: ignore[arg-type]
    assert any(d.endswith((" kg", " lb")) for d in both)
    assert any("top speed" in d for d in both)


@pytest.mark.parametrize("units", UNITS)
def test_a_car_without_a_sourced_torque_says_so_and_compare_skips_it(
    cars: dict[str, Car], units: str
) -> None:
    # An entry whose torque no stored source states has no [car.torque] table (None).
    untorqued = dataclasses.replace(cars["bmw-m2-g87"], torque=None)
    known = cars["bmw-1m-e82"]  # with an overboost figure, which its column still shows
    assert known.torque is not None and known.torque.overboost_nm
    labels = {"en": "Torque", "de": "Drehmoment"}
    assert_cards_say_not_known(untorqued, known, units, {k: (v,) for k, v in labels.items()})
    for lang, label in labels.items():
        columns = compare_embed(untorqued, known, units, lang).fields  # type: ignore[arg-type]
        # The words stand on the torque line, and the other column keeps its overboost.
        assert f"**{label}** {NOT_KNOWN[lang]}" in columns[0].value
        assert "overboost" in columns[1].value.casefold()
    # Only the torque is skipped; with both known the difference is there.
    diffs = differences(known, untorqued, units)  # type: ignore[arg-type]
    assert diffs and not any(d.endswith((" Nm", " lb-ft")) for d in diffs)
    assert any(d.endswith((" PS", " hp")) for d in diffs)
    both = differences(known, cars["bmw-m2-g87"], units)  # type: ignore[arg-type]
    assert any(d.endswith((" Nm", " lb-ft")) for d in both)
