"""Finding a car from what a member types: ids, aliases, names, typos.

Scoring works in tiers so a precise hit always beats a lucky fuzzy one:

  exact   the query equals an id, alias or name (ignoring case, accents, spacing)
  prefix  an id, alias or name starts with the query (typing in autocomplete)
  words   every word typed starts a word of the car's names, in any order
  fuzzy   typo-tolerant similarity: rapidfuzz's OSA edit distance (a swapped
          pair of letters, "e64" for "e46", costs one edit rather than two),
          over whole names and word by word

Ties go to the newer car: the catalogue gives generic names ("m3", "gt3") to
the newest generation, so "porsche gt3" should list the 992 first.
Keys are normalised once when the index is built, so a search is a couple of
vectorised rapidfuzz calls over a few hundred short strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import OSA

from bot.services.specs.models import Car

How = Literal["exact", "prefix", "words", "fuzzy", "default"]

MAX_RESULTS = 25  # Discord's limit for autocomplete choices
MAX_QUERY = 64  # longer input cannot be a car name; don't spend time on it
FEATURED: tuple[str, ...] = ("bmw-1m-e82",)  # the club's own car leads the empty list
# A fuzzy-only winner is used without asking only when it is this close and
# clearly ahead of the runner-up; otherwise the member picks from suggestions.
CONFIDENT_SCORE = 80.0
CONFIDENT_MARGIN = 10.0

_TIER_BASE = {"exact": 300.0, "prefix": 200.0, "words": 150.0, "fuzzy": 0.0, "default": 0.0}
_NON_WORD = re.compile(r"[^a-z0-9.]+")


def normalise(text: str) -> str:
    """'1er M Coupé' -> '1er m coupe'; 'GR-Yaris' -> 'gr yaris'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = (w.strip(".") for w in _NON_WORD.sub(" ", stripped).split())
    return " ".join(w for w in words if w)


def _compact(text: str) -> str:
    return text.replace(" ", "").replace(".", "")


@dataclass(frozen=True, slots=True)
class Match:
    car: Car
    score: float
    how: How


@dataclass(frozen=True, slots=True)
class _Key:
    text: str
    compact: str
    car: int  # index into SpecsSearch.cars


class SpecsSearch:
    def __init__(self, cars: Sequence[Car], featured: Iterable[str] = FEATURED) -> None:
        self.cars: list[Car] = list(cars)
        self._by_id = {car.id: i for i, car in enumerate(self.cars)}
        keys: list[_Key] = []
        words: list[frozenset[str]] = []
        # Ids and aliases are unique catalogue-wide, so they map straight to one car.
        self._exact: dict[str, int] = {}
        generated: dict[str, set[int]] = {}
        for i, car in enumerate(self.cars):
            chosen = {normalise(t) for t in (car.id, *car.aliases)}
            names = {normalise(t) for t in _name_texts(car)} - chosen
            texts = (chosen | names) - {""}
            keys.extend(_Key(t, _compact(t), i) for t in sorted(texts))
            words.append(frozenset(w for t in texts for w in t.split()))
            for text in chosen - {""}:
                self._exact.setdefault(text, i)
                self._exact.setdefault(_compact(text), i)
            for text in names - {""}:
                generated.setdefault(text, set()).add(i)
                generated.setdefault(_compact(text), set()).add(i)
        # A generated name is exact only if it names one car: "bmw m2" fits the
        # F87 and the G87 alike, so it is left to ranking (newest first).
        for text, owners in generated.items():
            if len(owners) == 1:
                self._exact.setdefault(text, next(iter(owners)))
        self._keys = keys
        self._key_texts = [k.text for k in keys]
        self._sorted_texts = [" ".join(sorted(k.text.split())) for k in keys]
        self._words = words
        self._vocab = sorted({w for bag in words for w in bag})
        position = {w: i for i, w in enumerate(self._vocab)}
        self._car_vocab = [[position[w] for w in sorted(bag)] for bag in words]
        featured_ids = [f for f in featured if f in self._by_id]
        rest = sorted(
            (c for c in self.cars if c.id not in featured_ids), key=lambda c: c.label.casefold()
        )
        self._default = [self.cars[self._by_id[f]] for f in featured_ids] + rest

    # -- queries -----------------------------------------------------------

    def get(self, car_id: str) -> Car | None:
        index = self._by_id.get(car_id)
        return None if index is None else self.cars[index]

    def default(self, limit: int = MAX_RESULTS) -> list[Car]:
        return self._default[:limit]

    def search(self, query: str, limit: int = MAX_RESULTS) -> list[Match]:
        """Best first, at most `limit`; an empty query gives the default list."""
        q = normalise(query[:MAX_QUERY])
        if not q:
            return [Match(car, 0.0, "default") for car in self.default(limit)]
        return self._rank(q)[:limit]

    def resolve(self, query: str) -> Car | None:
        """The car meant by free text, or None when it is not clear enough to guess."""
        text = query.strip()
        if text in self._by_id:
            return self.cars[self._by_id[text]]
        q = normalise(text[:MAX_QUERY])
        if not q:
            return None
        ranked = self._rank(q)
        if not ranked:
            return None
        best = ranked[0]
        runner_up = ranked[1] if len(ranked) > 1 else None
        if best.how == "exact":
            return best.car
        if best.how in ("prefix", "words"):
            # A prefix shared by two cars ("m2 c": CS or Competition?) is a question.
            if runner_up is None or _TIER_BASE[runner_up.how] < _TIER_BASE[best.how]:
                return best.car
            return None
        if best.score >= CONFIDENT_SCORE and (
            runner_up is None or best.score - runner_up.score >= CONFIDENT_MARGIN
        ):
            return best.car
        return None

    def suggest(self, query: str, count: int = 3) -> list[Car]:
        """The closest cars to show after a miss; never empty while the catalogue isn't."""
        found = [m.car for m in self.search(query, count)]
        for car in self._default:
            if len(found) >= count:
                break
            if car not in found:
                found.append(car)
        return found

    # -- scoring -----------------------------------------------------------

    def _rank(self, q: str) -> list[Match]:
        if not self.cars:
            return []
        best: dict[int, Match] = {}

        def offer(index: int, score: float, how: How) -> None:
            current = best.get(index)
            if current is None or score > current.score:
                best[index] = Match(self.cars[index], score, how)

        exact = self._exact.get(q)
        if exact is None and " " not in q:
            # "golfr" and "e46m3" are how people type on phones; only for
            # unspaced input, or "m2 c" would silently become the alias "m2c".
            exact = self._exact.get(_compact(q))
        if exact is not None:
            offer(exact, _TIER_BASE["exact"], "exact")

        q_compact = _compact(q)
        for key in self._keys:
            if key.text.startswith(q) or key.compact.startswith(q_compact):
                # More of the key typed -> closer to an exact hit.
                offer(
                    key.car, _TIER_BASE["prefix"] + 40 * len(q_compact) / len(key.compact), "prefix"
                )

        q_words = q.split()
        for index, words in enumerate(self._words):
            coverage = _word_coverage(q_words, words)
            if coverage:
                offer(index, _TIER_BASE["words"] + 40 * coverage, "words")

        for index, score in enumerate(self._fuzzy(q, q_words)):
            if score > 0:
                offer(index, score, "fuzzy")

        ranked = sorted(
            best.values(),
            key=lambda m: (-m.score, -m.car.first_year, m.car.label.casefold()),
        )
        return _closer_names_first(q_words, ranked)

    def _fuzzy(self, q: str, q_words: list[str]) -> list[float]:
        """0-100 per car: the better of whole-name and word-by-word similarity.

        OSA (edit distance counting a swap of neighbours as one edit) is used
        instead of WRatio because WRatio scores any query containing a short
        key ("m3 e64" contains "m3") at 90, which would make every M3 a
        confident match.
        """
        # Plain loops over rapidfuzz's C scorer, not process.cdist: cdist would pull in
        # numpy (~10 MiB resident) for a catalogue of a few hundred names.
        similarity = OSA.normalized_similarity
        whole = [similarity(q, text) for text in self._key_texts]
        q_sorted = " ".join(sorted(q_words))
        reordered = [similarity(q_sorted, text) for text in self._sorted_texts]
        per_car = [0.0] * len(self.cars)
        for key, a, b in zip(self._keys, whole, reordered, strict=True):
            per_car[key.car] = max(per_car[key.car], float(a), float(b))

        # Word by word: each typed word against the best word of the car, or
        # the start of one ("porch" ~ "porsche"), averaged over typed words.
        word_scores: list[list[float]] = []
        for qw in q_words:
            word_scores.append(
                [max(similarity(qw, w), 0.95 * similarity(qw, w[: len(qw)])) for w in self._vocab]
            )
        numbers = [qw for qw in q_words if any(c.isdigit() for c in qw)]
        scores: list[float] = []
        for index, vocab_ids in enumerate(self._car_vocab):
            words = sum(max(ws[i] for i in vocab_ids) for ws in word_scores) / len(word_scores)
            # Word matches ignore how much of the name is left untyped, so a
            # little of the whole-name score breaks ties towards the closer
            # name ("m3 e64": the E46 before the E46 CSL).
            score = 100.0 * max(per_car[index], 0.9 * words + 0.1 * per_car[index])
            # A digit typo names a different car ("supra mk4" is not the Mk5),
            # so such a match is offered, never taken without asking.
            if any(not self._has_prefix(index, qw) for qw in numbers):
                score *= 0.85
            scores.append(score)
        return scores

    def _has_prefix(self, index: int, word: str) -> bool:
        return any(w.startswith(word) for w in self._words[index])


def _word_coverage(q_words: list[str], words: frozenset[str]) -> float:
    """Mean share of each matched word that was typed, or 0 if some word matches nothing."""
    total = 0.0
    for qw in q_words:
        lengths = [len(w) for w in words if w.startswith(qw)]
        if not lengths:
            return 0.0
        total += len(qw) / min(lengths)
    return total / len(q_words)


def _closer_names_first(q_words: list[str], ranked: list[Match]) -> list[Match]:
    """Among equal scores, the car whose model and variant add fewest untyped words.

    "porsche gt3" matches the words of the GT3 and of the newer GT3 RS alike, but
    names the GT3. Only the shown head is reordered, which keeps typing fast.
    """
    end = min(MAX_RESULTS, len(ranked))
    while 0 < end < len(ranked) and ranked[end].score == ranked[end - 1].score:
        end += 1
    head = sorted(
        ranked[:end],
        key=lambda m: (
            -m.score,
            _untyped_words(q_words, m.car),
            -m.car.first_year,
            m.car.label.casefold(),
        ),
    )
    return head + ranked[end:]


def _untyped_words(q_words: list[str], car: Car) -> int:
    """Words of the car's model and variant that no typed word starts or resembles."""
    words = normalise(f"{car.model} {car.variant}").split()
    return sum(
        1
        for w in words
        if not any(w.startswith(qw) or OSA.normalized_similarity(qw, w) >= 0.75 for qw in q_words)
    )


def _name_texts(car: Car) -> list[str]:
    """Names built from the car's fields, besides its chosen id and aliases."""
    base = f"{car.make} {car.model}"
    return [
        car.name,
        f"{car.model} {car.variant}",
        f"{base} {car.chassis}",
        f"{car.model} {car.variant} {car.chassis}",
        f"{car.chassis} {car.model} {car.variant}",
        f"{car.make} {car.chassis}",
    ]
