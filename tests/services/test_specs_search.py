"""Search over the real catalogue: ranking table, confident picks. (Its speed is measured
in bench/: `python -m bench --only autocomplete`.)"""

from __future__ import annotations

import itertools

import pytest

from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.search import MAX_RESULTS, SpecsSearch, normalise


@pytest.fixture(scope="module")
def search() -> SpecsSearch:
    catalogue = load_catalogue()
    assert catalogue.errors == []
    return SpecsSearch(catalogue.cars)


# query -> the id that must rank first. What members type: designations, chassis codes,
# generations, nicknames, phone spellings, makes, and typos.
RANKING = [
    # the club's own car
    ("1m", "bmw-1m-e82"),
    ("1M", "bmw-1m-e82"),
    ("bmw-1m-e82", "bmw-1m-e82"),
    ("1er M Coupé", "bmw-1m-e82"),
    ("1m coupe", "bmw-1m-e82"),
    ("1m coupr", "bmw-1m-e82"),  # typo
    ("bmw 1m", "bmw-1m-e82"),
    ("1 series m", "bmw-1m-e82"),
    ("e82 1m", "bmw-1m-e82"),
    # BMW M2, M3, M4, 1 Series
    ("m2", "bmw-m2-g87"),  # the generic name belongs to the newest generation
    ("m2 g87", "bmw-m2-g87"),
    ("g87 m2", "bmw-m2-g87"),
    ("m2 f87", "bmw-m2-f87"),
    ("bmw m2", "bmw-m2-g87"),  # both generations match; newest first
    ("m2 compettion", "bmw-m2-f87-competition"),  # typo
    ("m2 cs", "bmw-m2-cs-f87"),
    ("M2CS", "bmw-m2-cs-f87"),
    ("e30 m3", "bmw-m3-e30"),
    ("e36 m3", "bmw-m3-e36-32"),
    ("e46 m3", "bmw-m3-e46"),
    ("m3 e46", "bmw-m3-e46"),
    ("e46m3", "bmw-m3-e46"),
    ("m3 e64", "bmw-m3-e46"),  # swapped digits: one edit away from e46, two from e36
    ("e46 m33", "bmw-m3-e46"),
    ("M3 CSL", "bmw-m3-csl-e46"),
    ("e46 csl", "bmw-m3-csl-e46"),
    ("e92 m3", "bmw-m3-e92"),
    ("e9x m3", "bmw-m3-e92"),
    ("f80", "bmw-m3-f80"),
    ("m3", "bmw-m3-g80"),
    ("g80 comp", "bmw-m3-g80-competition"),
    ("m4", "bmw-m4-g82-competition"),
    ("f82 m4", "bmw-m4-f82"),
    ("135i", "bmw-135i-e82"),
    ("m135", "bmw-m135-f70"),
    ("m135i", "bmw-m135i-f40"),
    ("bmw", "bmw-m2-g87"),  # a make alone: its cars, newest first
    # Porsche
    ("911 gt3", "porsche-911-gt3-992"),
    ("porsche gt3", "porsche-911-gt3-992"),
    ("porche gt3", "porsche-911-gt3-992"),
    ("997 gt3", "porsche-911-gt3-997-1"),
    ("gt3 991", "porsche-911-gt3-991-2"),
    ("996 turob", "porsche-911-turbo-996"),
    ("996tt", "porsche-911-turbo-996"),
    ("carera s", "porsche-911-carrera-s-992"),
    ("gt4 rs", "porsche-718-cayman-gt4-rs"),
    ("981 gt4", "porsche-cayman-gt4-981"),
    ("cayman gts", "porsche-718-cayman-gts-40"),
    # Japan
    ("supra", "toyota-gr-supra-a90"),
    ("supr", "toyota-gr-supra-a90"),
    ("mk5 supra", "toyota-gr-supra-a90"),
    ("gr yaaris", "toyota-gr-yaris"),
    ("gryaris", "toyota-gr-yaris"),
    ("type r", "honda-civic-type-r-fl5"),
    ("fk8", "honda-civic-type-r-fk8"),
    ("typer fk8", "honda-civic-type-r-fk8"),  # joined words, as typed on a phone
    ("370z", "nissan-370z-z34"),
    ("400z", "nissan-z-rz34"),
    # elsewhere
    ("golfr", "volkswagen-golf-r-mk8"),
    ("vw golf r", "volkswagen-golf-r-mk8"),  # everyday make names
    ("alpnie", "alpine-a110"),
    ("rs3", "audi-rs3-8y"),
    ("rs 3 8v", "audi-rs3-8v-saloon"),
    ("A45S", "mercedes-amg-a45-s-w177"),
    ("merc a45 w176", "mercedes-amg-a45-w176"),
    ("amg a45 s", "mercedes-amg-a45-s-w177"),
    # a label from the list typed back, or the years it shows
    ("Honda Civic Type R (EP3, 2001–2005)", "honda-civic-type-r-ep3"),
    ("civic type r 2001", "honda-civic-type-r-ep3"),
    ("Lotus Elise Soprt 220 (S3, 2015–2021)", "lotus-elise-sport-220-s3"),  # and a typo
    # the cars added for issue 14: chassis codes, generations, spellings
    ("evo ix", "mitsubishi-lancer-evolution-ix"),
    ("evo 9", "mitsubishi-lancer-evolution-ix"),  # roman and arabic alike
    ("evo 6", "mitsubishi-lancer-evolution-vi"),
    ("tommi makinen", "mitsubishi-lancer-evolution-vi-tme"),
    ("r34", "nissan-skyline-gt-r-r34"),
    ("skyline gt-r r32", "nissan-skyline-gt-r-r32"),
    ("nd mx5", "mazda-mx5-nd"),
    ("mx-5 nd", "mazda-mx5-nd"),
    ("miata na", "mazda-mx5-na"),
    ("gr86", "toyota-gr86-zn8"),
    ("rx-8", "mazda-rx8-se3p"),
    ("fk2 type r", "honda-civic-type-r-fk2"),
    ("impreza sti gr", "subaru-impreza-wrx-sti-gr"),
    ("e39 m5", "bmw-m5-e39"),
    ("m5 f90 comp", "bmw-m5-f90-competition"),
    ("m2 cs g87", "bmw-m2-cs-g87"),
    ("z3 m coupe", "bmw-z3-m-coupe"),
    ("992 gt3 rs", "porsche-911-gt3-rs-992"),
    ("718 spyder", "porsche-718-spyder"),
    ("turbo s 992", "porsche-911-turbo-s-992"),
    # European hot hatches and performance cars
    ("mk7 golf r", "volkswagen-golf-r-mk7"),
    ("golf 7 r", "volkswagen-golf-r-mk7"),
    ("golf r mk7.5", "volkswagen-golf-r-mk7-5"),
    ("mk5 gti", "volkswagen-golf-gti-mk5"),
    ("golf gti", "volkswagen-golf-gti-mk8"),
    ("clubsport s", "volkswagen-golf-gti-clubsport-s-mk7"),
    ("focus rs mk2", "ford-focus-rs-mk2"),
    ("focus rs", "ford-focus-rs-mk3"),
    ("fiesta st mk7", "ford-fiesta-st-mk7"),
    ("rs6 c8", "audi-rs6-avant-c8"),
    ("rs 6 c7", "audi-rs6-avant-c7"),
    ("rs4 b8", "audi-rs4-avant-b8"),
    ("s3 8v", "audi-s3-8v"),
    ("ttrs", "audi-tt-rs-8s"),
    ("r8", "audi-r8-v10-performance-4s"),
    ("a35", "mercedes-amg-a35-w177"),
    ("c63 w204", "mercedes-amg-c63-w204"),
    ("giulia qv", "alfa-romeo-giulia-quadrifoglio"),
    ("595 competizione", "abarth-595-competizione"),
    ("megane 275 trophy", "renault-megane-rs-275-trophy"),
    ("clio 197", "renault-clio-rs-197-iii"),
    ("i30n", "hyundai-i30-n-performance"),
    ("308gti", "peugeot-308-gti-270"),
    ("jcw gp", "mini-jcw-gp-f56"),
    ("mustang", "ford-mustang-gt-s650"),
    ("f40", "ferrari-f40"),
    ("elise", "lotus-elise-sport-220-s3"),
]


def test_the_ranking_table_is_large_and_has_no_repeats() -> None:
    assert len(RANKING) >= 60
    assert len({query for query, _ in RANKING}) == len(RANKING)


@pytest.mark.parametrize(("query", "expected"), RANKING)
def test_ranking(search: SpecsSearch, query: str, expected: str) -> None:
    results = search.search(query)
    assert results, query
    assert results[0].car.id == expected, [(m.car.id, round(m.score, 1)) for m in results[:3]]


# Free text typed without picking a suggestion: used only when clear.
CONFIDENT = [
    ("1m", "bmw-1m-e82"),
    ("1m coupr", "bmw-1m-e82"),
    ("bmw 1m", "bmw-1m-e82"),
    ("m2 g87", "bmw-m2-g87"),
    ("e46 m3", "bmw-m3-e46"),
    ("supra", "toyota-gr-supra-a90"),
    ("911 gt3", "porsche-911-gt3-992"),
    ("gr yaaris", "toyota-gr-yaris"),
    ("996 turob", "porsche-911-turbo-996"),
    ("m2 compettion", "bmw-m2-f87-competition"),
    ("  bmw-m3-e46  ", "bmw-m3-e46"),
]

# Unclear text: resolve never guesses, and the pick list offers these cars first.
AMBIGUOUS = [
    ("m", "bmw-m2-g87"),
    ("bmw", "bmw-135i-e82"),  # a make: its cars by model, as a brochure lists them
    ("bmw m2", "bmw-m2-g87"),  # F87 or G87?
    ("m2 c", "bmw-m2-f87-competition"),  # CS or Competition? ("m2c" is the Competition)
    ("porsche gt3", "porsche-911-gt3-992"),  # three generations
    ("m3 e64", "bmw-m3-e46"),  # a digit typo names a different car: ask
    ("supra mk4", "toyota-gr-supra-a90"),  # not in the catalogue; the Mk5 is only a suggestion
]

# Text that names no car in the catalogue: nothing to resolve, nothing to suggest.
NO_CAR = [
    "",
    "   ",
    "xyz",
    "fiat multipla",
    "lada niva",
    "trabant 601",
    "@everyone <@&1>",
    "x" * 10_000,
]


@pytest.mark.parametrize(("query", "expected"), CONFIDENT)
def test_resolve_confident(search: SpecsSearch, query: str, expected: str) -> None:
    car = search.resolve(query)
    assert car is not None
    assert car.id == expected


@pytest.mark.parametrize(("query", "first"), AMBIGUOUS)
def test_resolve_refuses_to_guess_and_offers_a_pick_list(
    search: SpecsSearch, query: str, first: str
) -> None:
    assert search.resolve(query) is None
    candidates = search.candidates(query)
    assert len(candidates) >= 1
    assert candidates[0].id == first
    assert len({c.id for c in candidates}) == len(candidates)


@pytest.mark.parametrize("query", NO_CAR, ids=lambda q: q[:20] or "empty")
def test_a_car_the_catalogue_lacks_gets_no_look_alikes(search: SpecsSearch, query: str) -> None:
    assert search.resolve(query) is None
    assert search.search(query) == [] or not query.strip()
    assert search.suggest(query) == []
    assert search.candidates(query) == []


def test_fiat_multipla_offers_no_amg_and_no_type_r(search: SpecsSearch) -> None:
    # Before, the Multipla's letters made the AMG A 45 and the Civic Type R its best guesses.
    offered = {m.car.id for m in search.search("fiat multipla")}
    assert not any(i.startswith(("mercedes-amg", "honda-civic-type-r")) for i in offered)


def test_a_designation_is_followed_by_nothing_unrelated(search: SpecsSearch) -> None:
    # "1M" used to list the 911 GT3 (997.1) second, on shared letters alone.
    assert [m.car.id for m in search.search("1M")] == ["bmw-1m-e82"]
    assert [m.car.id for m in search.search("A45S")] == ["mercedes-amg-a45-s-w177"]
    assert {m.car.id for m in search.search("e46 m3")} == {"bmw-m3-e46", "bmw-m3-csl-e46"}


def test_suggestions_lead_with_the_closest(search: SpecsSearch) -> None:
    assert [c.id for c in search.suggest("m3 e64")][:2] == ["bmw-m3-e46", "bmw-m3-csl-e46"]
    assert search.suggest("supra mk4")[0].id == "toyota-gr-supra-a90"


@pytest.mark.parametrize(
    ("query", "make"),
    [
        *[("bmw", "BMW"), ("BMW", "BMW"), ("porsche", "Porsche"), ("vw", "Volkswagen")],
        *[("mercedes", "Mercedes-AMG"), ("amg", "Mercedes-AMG"), ("merc", "Mercedes-AMG")],
    ],
)
def test_a_make_alone_lists_exactly_that_makes_cars(
    search: SpecsSearch, query: str, make: str
) -> None:
    listed = search.make(query)
    assert {c.id for c in listed} == {c.id for c in search.cars if c.make == make}
    assert search.candidates(query) == listed
    # In autocomplete, too, a make gives its own cars and nothing else.
    assert {m.car.make for m in search.search(query)} == {make}


def test_make_lists_read_by_model_then_newest() -> None:
    listed = SpecsSearch(load_catalogue().cars).make("bmw")
    models = [normalise(c.model) for c in listed]
    assert models == sorted(models)
    for before, after in itertools.pairwise(listed):
        if normalise(before.model) == normalise(after.model):
            assert before.first_year >= after.first_year, (before.id, after.id)
    m3s = [c.id for c in listed if c.id in ("bmw-m3-g80", "bmw-m3-e46", "bmw-m3-e30")]
    assert m3s == ["bmw-m3-g80", "bmw-m3-e46", "bmw-m3-e30"]


def test_a_query_names_a_make_it_has() -> None:
    search = SpecsSearch(load_catalogue().cars)
    assert search.make_of("toyota corolla") == "Toyota"
    assert search.make_of("alfa 75") == "Alfa Romeo"  # the make is listed, the 75 is not
    assert search.make_of("lada niva") is None
    assert search.make("bmw m3") == []


def test_empty_query_lists_the_1m_then_alphabetical(search: SpecsSearch) -> None:
    results = search.search("")
    assert len(results) == MAX_RESULTS
    assert results[0].car.id == "bmw-1m-e82"
    labels = [m.car.label.casefold() for m in results[1:]]
    assert labels == sorted(labels)


def test_results_are_capped_and_unique(search: SpecsSearch) -> None:
    for query in ("m", "bmw", "e", "porsche", "a"):
        results = search.search(query)
        assert 0 < len(results) <= MAX_RESULTS
        assert len({m.car.id for m in results}) == len(results)
        scores = [m.score for m in results]
        assert scores == sorted(scores, reverse=True)


def test_prefix_beats_fuzzy_while_typing(search: SpecsSearch) -> None:
    top = [m.car.id for m in search.search("gt4")[:3]]
    assert set(top) == {
        "porsche-718-cayman-gt4",
        "porsche-718-cayman-gt4-rs",
        "porsche-cayman-gt4-981",
    }


def test_normalise() -> None:
    assert normalise("  1er M   Coupé ") == "1er m coupe"
    assert normalise("GR-Yaris") == "gr yaris"
    assert normalise("GT3 (991.2)") == "gt3 991.2"
    assert normalise("<@&1> @everyone") == "1 everyone"


def test_empty_catalogue_finds_nothing() -> None:
    empty = SpecsSearch([])
    assert empty.search("1m") == []
    assert empty.resolve("1m") is None
    assert empty.suggest("1m") == []
