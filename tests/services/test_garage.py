"""The garage and the register: VIN rules, uniqueness per server, limits, counts and shares."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.errors import Conflict, InvalidInput, NotFound
from bot.services.garage import MAX_CARS, GarageService
from bot.services.garage import vin as vins
from bot.services.meets import MeetService
from bot.services.specs import load_catalogue
from tests.services import meetkit

GUILD, OTHER = 111, 222
ALICE, BOB = 1001, 1002
CATALOGUE = load_catalogue()
ONE_M = CATALOGUE.get("bmw-1m-e82")
assert ONE_M is not None
# Published examples of valid North American VINs (check digit X and 3).
NA_VIN = "1M8GDM9AXKP042788"
HONDA_VIN = "1HGCM82633A004352"
# A German-built BMW M: no check digit is required there (position 9 is a plain 0).
BMW_VIN = "WBSUR9C50BVZ12345"


@pytest.fixture
def garage(db: Database, clock: ManualClock) -> GarageService:
    return GarageService(db, clock)


# -- VIN validation ----------------------------------------------------------


def test_valid_vins_pass_and_are_cleaned() -> None:
    assert vins.validate(" wbs-ur9c5 0bvz12345 ", "BMW").value == BMW_VIN
    assert vins.validate(HONDA_VIN, "Honda").tail == "A004352"
    assert vins.validate(NA_VIN, None).value == NA_VIN  # unknown make: nothing to compare


def test_check_digit_follows_the_standard_weights() -> None:
    # Hand-computed: all ones weigh 8+7+6+5+4+3+2+10+9+8+7+6+5+4+3+2 = 89 = 1 mod 11.
    assert vins.check_digit("11111111111111111") == "1"
    assert vins.check_digit(NA_VIN) == "X"


@pytest.mark.parametrize("text", ["WBSUR9C50BVZ1234", "WBSUR9C50BVZ123456", ""])
def test_wrong_length_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="17 characters"):
        vins.validate(text, "BMW")


@pytest.mark.parametrize("bad", ["I", "O", "Q"])
def test_letters_i_o_q_are_refused(bad: str) -> None:
    with pytest.raises(InvalidInput, match="I, O or Q"):
        vins.validate(BMW_VIN[:-1] + bad, "BMW")
    with pytest.raises(InvalidInput, match="only the letters"):
        vins.validate(BMW_VIN[:-1] + "*", "BMW")


def test_north_american_check_digit_is_checked() -> None:
    wrong = HONDA_VIN[:8] + "4" + HONDA_VIN[9:]
    with pytest.raises(InvalidInput, match="check digit"):
        vins.validate(wrong, "Honda")
    # A European WMI carries no mandatory check digit: the same change is accepted.
    assert vins.validate(BMW_VIN[:8] + "4" + BMW_VIN[9:], "BMW")


def test_make_must_fit_the_manufacturer_code() -> None:
    with pytest.raises(InvalidInput, match="belongs to Honda, not BMW"):
        vins.validate(HONDA_VIN, "BMW")
    # Subaru builds Toyota's 86: a JF1 code fits a Toyota.
    assert vins.validate("JF1ZN6A10P9700001", "Toyota")


def test_errors_never_repeat_the_vin() -> None:
    for text in (HONDA_VIN[:8] + "4" + HONDA_VIN[9:], HONDA_VIN, BMW_VIN + "1"):
        with pytest.raises(InvalidInput) as caught:
            vins.validate(text, "BMW")
        assert text not in caught.value.message
        assert text[-7:] not in caught.value.message


# -- the garage ----------------------------------------------------------------


async def test_add_show_edit_remove(garage: GarageService) -> None:
    car = await garage.add(
        GUILD, ALICE, car=ONE_M, colour="valencia orange", year=2011, vin=BMW_VIN, nickname="Oompa"
    )
    assert (car.model, car.colour, car.year, car.nickname) == (
        "BMW 1M Coupé",
        "Valencia Orange",  # the catalogue's spelling
        2011,
        "Oompa",
    )
    assert car.vin == BMW_VIN and car.vin_tail == "VZ12345"
    assert BMW_VIN not in repr(car)
    own = await garage.add(GUILD, ALICE, car=None, model_text="BMW E30 325i", colour="Lachssilber")
    assert not own.in_catalogue and own.make == "BMW"
    assert [c.id for c in await garage.cars_of(GUILD, ALICE)] == [car.id, own.id]
    assert await garage.cars_of(OTHER, ALICE) == []

    edited = (await garage.edit(GUILD, ALICE, own.id, colour="Alpinweiss", nickname="")).car
    assert (edited.colour, edited.nickname) == ("Alpinweiss", "")
    with pytest.raises(NotFound):
        await garage.edit(GUILD, BOB, own.id, colour="Red")  # not Bob's car
    with pytest.raises(NotFound):
        await garage.get(OTHER, own.id)  # not this server's
    removed = await garage.remove(GUILD, ALICE, own.id)
    assert removed.car.id == own.id
    assert [c.id for c in await garage.cars_of(GUILD, ALICE)] == [car.id]


async def test_bad_input_is_refused(garage: GarageService) -> None:
    with pytest.raises(InvalidInput, match="`model` is 51"):
        await garage.add(GUILD, ALICE, car=None, model_text="x" * 51, colour="Red")
    with pytest.raises(InvalidInput, match="`nickname` is 51"):
        await garage.add(GUILD, ALICE, car=ONE_M, colour="Red", nickname="n" * 51)
    with pytest.raises(InvalidInput, match="built 2011–2012"):
        await garage.add(GUILD, ALICE, car=ONE_M, colour="Red", year=1999)
    with pytest.raises(InvalidInput, match="belongs to Honda"):
        await garage.add(GUILD, ALICE, car=ONE_M, colour="Red", vin=HONDA_VIN)
    # Free text naming a make gets the same check.
    with pytest.raises(InvalidInput, match="belongs to Honda, not BMW"):
        await garage.add(GUILD, ALICE, car=None, model_text="bmw e30", colour="Red", vin=HONDA_VIN)
    assert await garage.cars_of(GUILD, ALICE) == []


async def test_one_vin_per_server(garage: GarageService) -> None:
    await garage.add(GUILD, ALICE, car=ONE_M, colour="Alpine White", vin=BMW_VIN)
    with pytest.raises(Conflict, match="ask an organiser"):
        await garage.add(GUILD, BOB, car=ONE_M, colour="Alpine White", vin=BMW_VIN.lower())
    with pytest.raises(Conflict, match="another car in your garage"):
        await garage.add(GUILD, ALICE, car=ONE_M, colour="Alpine White", vin=BMW_VIN)
    # Another server is another club: the same car may be registered there.
    other = await garage.add(OTHER, BOB, car=ONE_M, colour="Alpine White", vin=BMW_VIN)
    assert other.vin == BMW_VIN
    bobs = await garage.add(GUILD, BOB, car=ONE_M, colour="Black Sapphire")
    with pytest.raises(Conflict, match="ask an organiser"):
        await garage.edit(GUILD, BOB, bobs.id, vin=BMW_VIN)
    # An organiser frees it: the car loses its VIN and its verification, Bob may claim it.
    alices = (await garage.cars_of(GUILD, ALICE))[0]
    await garage.verify(GUILD, alices.id, by=BOB)
    freed = await garage.clear_vin(GUILD, alices.id)
    assert freed.car.vin is None and not freed.car.verified and freed.owner_verified_cars == 0
    assert (await garage.edit(GUILD, BOB, bobs.id, vin=BMW_VIN)).car.vin == BMW_VIN


async def test_ten_cars_per_member(garage: GarageService) -> None:
    for i in range(MAX_CARS):
        await garage.add(GUILD, ALICE, car=None, model_text=f"Car {i}", colour="Red")
    with pytest.raises(Conflict, match="10 cars is the limit"):
        await garage.add(GUILD, ALICE, car=None, model_text="One more", colour="Red")
    # The limit is per member and per server.
    await garage.add(GUILD, BOB, car=None, model_text="Car", colour="Red")
    await garage.add(OTHER, ALICE, car=None, model_text="Car", colour="Red")


async def test_verify_counts_the_owners_verified_cars(garage: GarageService) -> None:
    a = await garage.add(GUILD, ALICE, car=ONE_M, colour="Alpine White", vin=BMW_VIN)
    b = await garage.add(GUILD, ALICE, car=ONE_M, colour="Black Sapphire")
    assert (await garage.verify(GUILD, a.id, by=BOB)).owner_verified_cars == 1
    assert (await garage.verify(GUILD, b.id, by=BOB)).owner_verified_cars == 2
    assert (await garage.remove(GUILD, ALICE, a.id)).owner_verified_cars == 1
    result = await garage.verify(GUILD, b.id, by=BOB, verified=False)
    assert not result.car.verified and result.owner_verified_cars == 0
    # Changing the VIN (another chassis) drops the verification.
    await garage.verify(GUILD, b.id, by=BOB)
    edited = await garage.edit(GUILD, ALICE, b.id, vin=BMW_VIN)
    assert not edited.car.verified and edited.unverified and edited.owner_verified_cars == 0


async def test_edit_says_what_it_dropped_and_refuses_what_it_cannot_do(
    garage: GarageService,
) -> None:
    a = await garage.add(GUILD, ALICE, car=ONE_M, colour="Alpine White", vin=BMW_VIN)
    b = await garage.add(GUILD, ALICE, car=ONE_M, colour="Black Sapphire")
    await garage.verify(GUILD, a.id, by=BOB)
    await garage.verify(GUILD, b.id, by=BOB)
    # A new VIN and "clear the VIN" at once: refused, nothing written.
    with pytest.raises(InvalidInput, match="not both"):
        await garage.edit(GUILD, ALICE, a.id, vin=BMW_VIN, clear_vin=True)
    # Only the car: nothing to change, said so rather than "Saved".
    with pytest.raises(InvalidInput, match="Nothing to change"):
        await garage.edit(GUILD, ALICE, a.id)
    assert (await garage.get(GUILD, a.id)).vin == BMW_VIN
    # A new colour keeps the mark; clearing the VIN takes it, and says how many are left.
    kept = await garage.edit(GUILD, ALICE, a.id, colour="Valencia Orange")
    assert kept.car.verified and not kept.unverified and kept.owner_verified_cars == 2
    cleared = await garage.edit(GUILD, ALICE, a.id, clear_vin=True)
    assert cleared.car.vin is None and cleared.unverified and cleared.owner_verified_cars == 1
    # No VIN to clear: nothing changes, the verification included.
    same = await garage.edit(GUILD, ALICE, b.id, clear_vin=True)
    assert same.car.verified and not same.unverified


async def test_register_counts_and_share(garage: GarageService) -> None:
    assert ONE_M.production == 6309
    colours = ["Valencia Orange"] * 3 + ["Black Sapphire"] * 2 + ["Alpine White"]
    for i, colour in enumerate(colours):
        car = await garage.add(GUILD, 2000 + i % 4, car=ONE_M, colour=colour, year=2011 + i % 2)
        if i < 2:
            await garage.verify(GUILD, car.id, by=ALICE)
    await garage.add(GUILD, ALICE, car=None, model_text="BMW E30 325i", colour="Red")
    await garage.add(OTHER, ALICE, car=ONE_M, colour="Alpine White")  # another club

    stats = await garage.register(GUILD, ONE_M)
    assert (stats.cars, stats.owners, stats.verified) == (6, 4, 2)
    assert [(c.label, c.cars, c.verified) for c in stats.by_colour] == [
        ("Valencia Orange", 3, 2),  # the first two added were verified
        ("Black Sapphire", 2, 0),
        ("Alpine White", 1, 0),
    ]
    assert [(c.label, c.cars) for c in stats.by_year] == [("2011", 3), ("2012", 3)]
    assert stats.share == pytest.approx(100 * 6 / 6309)
    assert await garage.count_model(GUILD, ONE_M.id) == 6

    everything = await garage.register(GUILD)
    assert everything.cars == 7 and everything.share is None
    assert {(c.label, c.cars) for c in everything.by_model} == {
        ("BMW 1M Coupé", 6),
        ("BMW E30 325i", 1),
    }
    own = await garage.register(GUILD, model_text="bmw e30 325I")
    assert own.cars == 1

    listed = await garage.colours(GUILD, ONE_M)
    by_name = {c.colour: c.cars for c in listed}
    assert by_name["Valencia Orange"] == 3 and by_name["Java Green"] == 0
    assert [c.colour for c in listed if c.factory] == [c.name for c in ONE_M.colours]


async def test_cars_going_counts_garage_picks_still_in_the_rsvp(
    garage: GarageService, meets: MeetService
) -> None:
    meet_id = await meetkit.make(meets, GUILD)
    m2 = next(c for c in CATALOGUE.cars if c.model == "M2")
    for i, model in enumerate([ONE_M, ONE_M, m2]):
        car = await garage.add(GUILD, 3000 + i, car=model, colour="Alpine White")
        text = f"{model.name}, Alpine White"
        await garage.pick_for_meet(GUILD, meet_id, 3000 + i, car.id, text)
        await meets.rsvp(GUILD, meet_id, 3000 + i, "going", car=text)
    going = await garage.cars_going(GUILD, meet_id)
    assert [(c.label, c.cars) for c in going] == [("BMW 1M Coupé", 2), (m2.name, 1)]
    # A member who types another car is no longer counted with the garage car.
    await meets.rsvp(GUILD, meet_id, 3002, None, car="Something else")
    assert [(c.label, c.cars) for c in await garage.cars_going(GUILD, meet_id)] == [
        ("BMW 1M Coupé", 2)
    ]
    with pytest.raises(NotFound):
        await garage.pick_for_meet(GUILD, meet_id, 3001, car.id, "M2")  # not their car


async def test_departed_members_cars_go_after_30_days(
    garage: GarageService, clock: ManualClock
) -> None:
    await garage.add(GUILD, ALICE, car=ONE_M, colour="Alpine White", vin=BMW_VIN)
    await garage.add(GUILD, BOB, car=ONE_M, colour="Alpine White")
    assert set(await garage.owners_to_check(GUILD)) == {ALICE, BOB}
    assert await garage.owners_to_check(GUILD) == []  # each checked once per 12 hours
    assert await garage.owners_to_check(OTHER) == []
    await garage.mark_left(GUILD, ALICE)
    await garage.mark_left(GUILD, BOB)
    clock.set(clock.now() + timedelta(days=10))
    await garage.seen(GUILD, BOB)  # Bob came back
    await garage.mark_left(GUILD, ALICE)  # seen gone again: the first date stays
    clock.set(clock.now() + timedelta(days=19))
    assert await garage.purge_departed() == []
    clock.set(clock.now() + timedelta(days=1, minutes=1))
    gone = await garage.purge_departed()
    assert [(d.guild_id, d.user_id) for d in gone] == [(GUILD, ALICE)]
    assert await garage.cars_of(GUILD, ALICE) == []
    assert len(await garage.cars_of(GUILD, BOB)) == 1
    # Her VIN went with her: it can be registered again.
    await garage.add(GUILD, BOB, car=ONE_M, colour="Black Sapphire", vin=BMW_VIN)


def test_log_redaction_hides_vin_shapes_only() -> None:
    from bot.redact import redact

    line = f"options {{'vin': '{BMW_VIN.lower()}'}} guild 1577144990650335236 token aW50ZXJhY3Rpb24"
    cleaned = redact(line)
    assert BMW_VIN.lower() not in cleaned and "[VIN]" in cleaned
    assert "1577144990650335236" in cleaned  # snowflakes are all digits: kept
    assert redact(f"x{BMW_VIN}y") == f"x{BMW_VIN}y"  # inside a longer word: not a VIN


def test_register_chart_draws_each_colour_and_year() -> None:
    import io

    from PIL import Image

    from bot.render.register_chart import MAX_ROWS, render_register_chart
    from bot.services.garage import Count, RegisterStats

    colours = tuple(Count(f"Paint {i}", 20 - i, i % 2) for i in range(MAX_ROWS + 3))
    known = [Count(str(2004 + i), 1, 0) for i in range(8)]
    years = (*known, Count("unknown", 1, 0))
    stats = RegisterStats("BMW 1M Coupé", "bmw-1m-e82", 10, 8, 2, colours, years, (), 6309)
    chart = render_register_chart(stats, "BMW 1M Coupé $5")
    image = Image.open(io.BytesIO(chart.png))
    assert image.size == (chart.width, chart.height)
    # Eight colours and the rest as "others"; eight years (2004–2011) too many for single
    # bars: four two-year spans, none lumped; the car without a year is in the title.
    assert chart.bars == MAX_ROWS + 1 + 4


def test_register_chart_counts_whole_cars() -> None:
    from bot.render.register_chart import render_register_chart
    from bot.services.garage import Count, RegisterStats

    # One car of each colour and year: the count axes read 0 and 1, not 0.2, 0.4 … 1.0.
    colours = (Count("Alpine White", 1, 1), Count("Valencia Orange", 1, 0))
    years = (Count("2011", 1, 1), Count("2012", 1, 0))
    stats = RegisterStats("BMW 1M Coupé", "bmw-1m-e82", 2, 2, 1, colours, years, (), 6309)
    chart = render_register_chart(stats, "BMW 1M Coupé")
    for ticks in chart.count_ticks:
        assert ticks and all(v.is_integer() for v in ticks), chart.count_ticks

    # Forty of one colour: the half-width colour axis still gets few enough ticks for
    # its labels to stand apart (ten of them ran together as '0 5 10152025…').
    colours = (Count("Valencia Orange", 40, 10), Count("Black Sapphire", 25, 7))
    years = (Count("2011", 33, 8), Count("2012", 32, 9))
    stats = RegisterStats("BMW 1M Coupé", "bmw-1m-e82", 65, 60, 17, colours, years, (), 6309)
    colour_ticks, year_ticks = render_register_chart(stats, "BMW 1M Coupé").count_ticks
    assert 2 <= len(colour_ticks) <= 6, colour_ticks
    assert 2 <= len(year_ticks) <= 9, year_ticks


def test_register_share_of_a_big_production_is_never_zero() -> None:
    from bot.render.garage import share_text
    from bot.services.garage import RegisterStats

    def share(cars: int, lang: str) -> str | None:
        stats = RegisterStats("BMW 1M Coupé", "bmw-1m-e82", cars, cars, 0, (), (), (), 6309)
        return share_text(stats, "1M Coupé", lang)

    assert share(2, "en") == "This club has 2 of the 6,309 1M Coupés built: 0.03 %"
    assert (share(2, "de") or "").endswith(": 0,03 %")
    assert (share(37, "en") or "").endswith(": 0.6 %")  # one decimal where that shows it


def test_register_summary_counts_one_car_and_one_owner_in_the_singular() -> None:
    from bot.render.garage import register_embed
    from bot.services.garage import RegisterStats

    stats = RegisterStats("BMW 1M Coupé", "bmw-1m-e82", 1, 1, 0, (), (), (), 6309)
    english = register_embed(stats, "1M Coupé", "en").description or ""
    assert english.startswith("**1** member's car, 1 owner, 0 verified, 1 not verified")
    german = register_embed(stats, "1M Coupé", "de").description or ""
    assert german.startswith("**1** Auto von Mitgliedern, 1 Besitzer")
    many = RegisterStats(None, None, 1495, 2, 0, (), (), (), None)
    assert (register_embed(many, None, "de").description or "").startswith(
        "**1.495** Autos von Mitgliedern, 2 Besitzer"
    )


async def test_free_models_are_found_as_specs_finds_cars(garage: GarageService) -> None:
    """The register's model picker folds as /specs does: accents, umlauts, any script."""
    for i, model in enumerate(["Renault Mégane Trophy", "Müller E30", "トヨタ ハチロク", "🏁 Cup"]):
        await garage.add(GUILD, ALICE + i, car=None, model_text=model, colour="Red")
    assert await garage.free_models(GUILD, "megane") == ["Renault Mégane Trophy"]
    assert await garage.free_models(GUILD, "mueller") == ["Müller E30"]
    assert await garage.free_models(GUILD, "ハチ") == ["トヨタ ハチロク"]
    assert await garage.free_models(GUILD, "🏁") == ["🏁 Cup"]
    assert await garage.free_models(GUILD, "🚜") == []
    assert len(await garage.free_models(GUILD, "")) == 4
