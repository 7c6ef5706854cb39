"""Search over the real catalogue: ranking table, confident picks, speed."""

from __future__ import annotations

import random
import string
import time

import pytest

from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.search import MAX_RESULTS, SpecsSearch, normalise


@pytest.fixture(scope="module")
def search() -> SpecsSearch:
    catalogue = load_catalogue()
    assert catalogue.errors == []
    return SpecsSearch(catalogue.cars)


# query -> the id that must rank first
RANKING = [
    ("1m", "bmw-1m-e82"),
    ("1M", "bmw-1m-e82"),
    ("bmw-1m-e82", "bmw-1m-e82"),
    ("1er M Coupé", "bmw-1m-e82"),
    ("1m coupe", "bmw-1m-e82"),
    ("1m coupr", "bmw-1m-e82"),  # typo
    ("bmw 1m", "bmw-1m-e82"),
    ("1 series m", "bmw-1m-e82"),
    ("m2", "bmw-m2-g87"),  # the generic name belongs to the newest generation
    ("m2 g87", "bmw-m2-g87"),
    ("g87 m2", "bmw-m2-g87"),
    ("m2 f87", "bmw-m2-f87"),
    ("bmw m2", "bmw-m2-g87"),  # both generations match; newest first
    ("m2 compettion", "bmw-m2-f87-competition"),  # typo
    ("e46 m3", "bmw-m3-e46"),
    ("m3 e46", "bmw-m3-e46"),
    ("e46m3", "bmw-m3-e46"),
    ("m3 e64", "bmw-m3-e46"),  # swapped digits: one edit away from e46, two from e36
    ("e46 m33", "bmw-m3-e46"),
    ("m3", "bmw-m3-g80"),
    ("supra", "toyota-gr-supra-a90"),
    ("supr", "toyota-gr-supra-a90"),
    ("911 gt3", "porsche-911-gt3-992"),
    ("porsche gt3", "porsche-911-gt3-992"),
    ("porche gt3", "porsche-911-gt3-992"),
    ("gt3 991", "porsche-911-gt3-991-2"),
    ("996 turob", "porsche-911-turbo-996"),
    ("carera s", "porsche-911-carrera-s-992"),
    ("gr yaaris", "toyota-gr-yaris"),
    ("gryaris", "toyota-gr-yaris"),
    ("golfr", "volkswagen-golf-r-mk8"),
    ("type r", "honda-civic-type-r-fl5"),
    ("alpnie", "alpine-a110"),
    ("370z", "nissan-370z-z34"),
    ("g80 comp", "bmw-m3-g80-competition"),
    ("m135", "bmw-m135-f70"),
    ("m135i", "bmw-m135i-f40"),
]


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

AMBIGUOUS = [
    "",
    "   ",
    "xyz",
    "m",
    "bmw m2",  # F87 or G87?
    "m2 c",  # CS or Competition? (not the alias "m2c")
    "porsche gt3",  # three generations
    "m3 e64",  # a digit typo names a different car: ask
    "supra mk4",  # not in the catalogue; the Mk5 is only a suggestion
    "@everyone <@&1>",
    "x" * 10_000,
]


@pytest.mark.parametrize(("query", "expected"), CONFIDENT)
def test_resolve_confident(search: SpecsSearch, query: str, expected: str) -> None:
    car = search.resolve(query)
    assert car is not None
    assert car.id == expected


@pytest.mark.parametrize("query", AMBIGUOUS, ids=lambda q: q[:20] or "empty")
def test_resolve_refuses_to_guess(search: SpecsSearch, query: str) -> None:
    assert search.resolve(query) is None
    suggestions = search.suggest(query)
    assert len(suggestions) == 3
    assert len({c.id for c in suggestions}) == 3


def test_suggestions_lead_with_the_closest(search: SpecsSearch) -> None:
    assert [c.id for c in search.suggest("m3 e64")][:2] == ["bmw-m3-e46", "bmw-m3-csl-e46"]
    assert search.suggest("supra mk4")[0].id == "toyota-gr-supra-a90"


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


def test_search_p99_under_5_ms(search: SpecsSearch) -> None:
    rng = random.Random(7)
    queries = [q for q, _ in RANKING] + AMBIGUOUS
    queries += [
        "".join(rng.choices(string.ascii_lowercase + "0123 ", k=rng.randint(1, 20)))
        for _ in range(150)
    ]
    for query in queries[:20]:  # warm up
        search.search(query)
    timings = []
    for _ in range(3):
        for query in queries:
            start = time.perf_counter()
            search.search(query)
            timings.append(time.perf_counter() - start)
    timings.sort()
    p99 = timings[int(len(timings) * 0.99)]
    print(f"search p99 {p99 * 1000:.2f} ms over {len(timings)} searches")
    assert p99 < 0.005
