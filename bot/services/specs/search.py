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

Once anything matches in the first three tiers, fuzzy matches are dropped: a
member who typed "1M" gets the 1M Coupé and nothing that merely shares letters.
A fuzzy match must also match every typed word reasonably well, so a car the
catalogue lacks ("fiat multipla") gets no suggestions at all rather than an
AMG that happens to share an "a".

Names are indexed with the spellings members use: joined pairs ("mx 5" is also
"mx5", "type r" also "typer"), arabic numbers for roman ones ("evo 9" finds the
Evolution IX) and everyday make names ("vw", "merc").
Keys are normalised once when the index is built, so a search is a couple of
vectorised rapidfuzz calls over a few hundred short strings. Normalising is
bot/services/fold.py's: any script and emoji count (a club's "ハチロク" or
"🏁 Track car" is found by what was typed), and a name with umlauts is indexed
spelt both ways ("müller", "mueller").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.services.fold import fold, spellings, starting_with
from bot.services.specs.models import Car

# rapidfuzz is imported where a search first needs it (a typo, an unknown word), not
# with the bot: its compiled modules are ~2.5 MiB resident in a bot that may go hours
# without a /specs, and the import costs a first search ~20 ms.

How = Literal["exact", "prefix", "words", "fuzzy", "default"]

MAX_RESULTS = 25  # Discord's limit for autocomplete choices
MAX_QUERY = 64  # longer input cannot be a car name; don't spend time on it
FEATURED: tuple[str, ...] = ("bmw-1m-e82",)  # the club's own car leads the empty list
# A fuzzy-only winner is used without asking only when it is this close and
# clearly ahead of the runner-up; otherwise the member picks from suggestions.
CONFIDENT_SCORE = 80.0
CONFIDENT_MARGIN = 10.0

_TIER_BASE = {"exact": 300.0, "prefix": 200.0, "words": 150.0, "fuzzy": 0.0, "default": 0.0}
# Below these a fuzzy match is a coincidence of letters, not a guess worth showing:
# each typed word must be this similar to some word of the car (OSA, 0-1), unless
# the whole name is very close ("1mcoupe"), and the car's score must reach the floor.
WORD_FLOOR = 0.6
WHOLE_NAME_PASS = 0.8
FUZZY_FLOOR = 50.0
# What members call a make besides its name; the make's own words count already.
MAKE_ALIASES: dict[str, tuple[str, ...]] = {
    "volkswagen": ("vw",),
    "mercedes amg": ("merc", "benz", "mercedes benz"),
    "mercedes benz": ("merc", "benz", "mercedes"),
    "chevrolet": ("chevy",),
    "alfa romeo": ("alfa",),
    "mitsubishi": ("mitsu",),
}
# The words German members use for a body style, where the catalogue's names and body
# are English: "m3 kombi" is the Touring, "rs4 kombi" the Avant, "m5 limousine" the
# saloon, "z4 cabrio" the roadster. ("Coupé" needs nothing: accents fold away.)
GERMAN_BODY_WORDS: dict[str, tuple[str, ...]] = {
    "estate": ("kombi",),
    "saloon": ("limousine", "limo"),
    "roadster": ("cabrio", "cabriolet"),
}
# The same for words in the names themselves.
GERMAN_NAME_WORDS: dict[str, tuple[str, ...]] = {
    "touring": ("kombi",),
    "avant": ("kombi",),
    "wagon": ("kombi",),
    "estate": ("kombi",),
    "variant": ("kombi",),
    "sportwagon": ("kombi",),
    "convertible": ("cabrio", "cabriolet"),
    "cabriolet": ("cabrio",),
    "spyder": ("cabrio",),
    "spider": ("cabrio",),
    "saloon": ("limousine", "limo"),
    "sedan": ("limousine", "limo"),
}
_ROMAN = {
    *("ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"),
}
_ROMAN_VALUE = {"i": 1, "v": 5, "x": 10}
_YEAR = re.compile(r"(?:18|19|20)\d\d")
# Every search folds text the same way (bot/services/fold.py); the name stays for callers.
normalise = fold


def _folded(texts: Iterable[str]) -> set[str]:
    """Each text's folded spellings ('München' also as 'muenchen'), blanks dropped."""
    return {form for text in texts for form in spellings(text)} - {""}


def _compact(text: str) -> str:
    return text.replace(" ", "").replace(".", "")


def _roman(word: str) -> int | None:
    if word not in _ROMAN:
        return None
    total = 0
    for i, c in enumerate(word):
        value = _ROMAN_VALUE[c]
        following = _ROMAN_VALUE[word[i + 1]] if i + 1 < len(word) else 0
        total += -value if value < following else value
    return total


def _spellings(text: str) -> set[str]:
    """Every word of a name plus how else members write it: 'mx 5' -> mx, 5, mx5.

    A Chinese, Japanese or Korean word is one run of letters with no spaces to start
    words at, so each of its endings counts as a word too: "ロク" finds "ハチロク".
    """
    words = text.split()
    out = set(words)
    out.update(a + b for a, b in itertools.pairwise(words))
    for word in words:
        number = _roman(word)
        if number is not None:
            out.add(str(number))
        if len(word) > 1 and unicodedata.east_asian_width(word[0]) == "W":
            out.update(word[i:] for i in range(1, len(word)))
    return out


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
    def __init__(
        self, cars: Sequence[Car], featured: Iterable[str] = FEATURED, *, also: Iterable[Car] = ()
    ) -> None:
        """`also`: the same cars as other languages name them ("Audi RS 3 Limousine"), found
        by those names too."""
        self.cars: list[Car] = list(cars)
        translated: dict[str, list[str]] = {}
        for other in also:
            translated.setdefault(other.id, []).extend(_name_texts(other))
        self._by_id = {car.id: i for i, car in enumerate(self.cars)}
        keys: list[_Key] = []
        words: list[frozenset[str]] = []
        # Ids and aliases are unique catalogue-wide, so they map straight to one car.
        self._exact: dict[str, int] = {}
        generated: dict[str, set[int]] = {}
        for i, car in enumerate(self.cars):
            chosen = _folded((car.id, *car.aliases))
            names = _folded([*_name_texts(car), *translated.get(car.id, ())]) - chosen
            texts = chosen | names
            keys.extend(_Key(t, _compact(t), i) for t in sorted(texts))
            bag = {w for t in texts for w in _spellings(t)}
            # The years a member sees in the label ("civic type r 2001") find the car too.
            bag.update(str(y) for y in (car.first_year, car.last_year) if y is not None)
            for alias in MAKE_ALIASES.get(normalise(car.make), ()):
                bag.update(alias.split())
            bag.update(_german_words(car, bag))
            words.append(frozenset(bag))
            for text in chosen:
                self._exact.setdefault(text, i)
                self._exact.setdefault(_compact(text), i)
            for text in names:
                generated.setdefault(text, set()).add(i)
                generated.setdefault(_compact(text), set()).add(i)
        # A generated name is exact only if it names one car: "bmw m2" fits the
        # F87 and the G87 alike, so it is left to ranking (newest first).
        for text, owners in generated.items():
            if len(owners) == 1:
                self._exact.setdefault(text, next(iter(owners)))
        # Everything a query needs is sorted or inverted once here, so a search
        # touches only the keys and words that can match (bisect for prefixes,
        # rapidfuzz's C loop with a cutoff for similarity) instead of every name.
        # Flat lists of strings and small ints rather than an object or a tuple per key:
        # the index lives as long as the bot (1.8 -> 1.3 MiB for the bundled catalogue).
        self._key_cars = [k.car for k in keys]
        self._key_texts = [k.text for k in keys]
        self._sorted_texts = [" ".join(sorted(k.text.split())) for k in keys]
        self._car_texts: list[list[tuple[str, str]]] = [[] for _ in self.cars]
        for key, reordered in zip(keys, self._sorted_texts, strict=True):
            self._car_texts[key.car].append((key.text, reordered))
        self._by_text = _Sorted(sorted((k.text, k.car, len(k.compact)) for k in keys))
        self._by_compact = _Sorted(sorted((k.compact, k.car, len(k.compact)) for k in keys))
        # Only ever scanned for a word's start, so a tuple (a set's table is 3-4x larger).
        self._words = [tuple(bag) for bag in words]
        self._vocab = sorted({w for bag in words for w in bag})
        position = {w: i for i, w in enumerate(self._vocab)}
        self._word_cars: list[list[int]] = [[] for _ in self._vocab]
        for i, car_words in enumerate(words):
            for w in car_words:
                self._word_cars[position[w]].append(i)
        self._first_letter: dict[str, list[int]] = {}
        self._second_letter: dict[str, list[int]] = {}
        self._vocab_id = position
        for vid, w in enumerate(self._vocab):
            if _YEAR.fullmatch(w):
                continue  # years match exactly or not at all
            self._first_letter.setdefault(w[0], []).append(vid)
            if len(w) > 1:
                self._second_letter.setdefault(w[1], []).append(vid)
        self._near_cache: dict[str, list[int]] = {}
        self._makes: dict[str, list[int]] = {}
        for i, car in enumerate(self.cars):
            for name in _make_names(car.make):
                self._makes.setdefault(name, []).append(i)
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
        """The closest cars to show after a miss; empty when nothing is close."""
        if not normalise(query[:MAX_QUERY]):
            return []
        return [m.car for m in self.search(query, count)]

    def make(self, query: str) -> list[Car]:
        """A make's cars when the query names a make ('bmw', 'vw', 'mercedes'), else [].

        Listed by model, newest generation first, as a member reads a brochure.
        """
        indexes = self._makes.get(normalise(query[:MAX_QUERY]), [])
        cars = [self.cars[i] for i in indexes]
        return sorted(cars, key=lambda c: (normalise(c.model), -c.first_year, c.label.casefold()))

    def make_of(self, query: str) -> str | None:
        """The make a query mentions ('toyota corolla' -> 'Toyota'), if the catalogue has it."""
        q = normalise(query[:MAX_QUERY])
        words = q.split()
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                indexes = self._makes.get(" ".join(words[start : start + size]))
                if indexes:
                    return self.cars[indexes[0]].make
        return None

    def candidates(self, query: str, limit: int = 125) -> list[Car]:
        """The cars to offer as a pick list when `resolve` would not guess."""
        if not normalise(query[:MAX_QUERY]):
            return []
        by_make = self.make(query)
        if by_make:
            return by_make[:limit]
        return [m.car for m in self.search(query, limit)]

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
        for sorted_keys, typed in ((self._by_text, q), (self._by_compact, q_compact)):
            for index, length in sorted_keys.starting_with(typed):
                # More of the key typed -> closer to an exact hit.
                offer(index, _TIER_BASE["prefix"] + 40 * len(q_compact) / length, "prefix")

        q_words = q.split()
        for index, coverage in self._coverage(q_words).items():
            offer(index, _TIER_BASE["words"] + 40 * coverage, "words")

        if not best:
            for index, score in self._fuzzy(q, q_words).items():
                if score >= FUZZY_FLOOR:
                    offer(index, score, "fuzzy")

        ranked = sorted(
            best.values(),
            key=lambda m: (-m.score, -m.car.first_year, m.car.label.casefold()),
        )
        return _closer_names_first(q_words, ranked)

    def _coverage(self, q_words: list[str]) -> dict[int, float]:
        """Per car whose words start with every typed word: the mean share of each word typed."""
        total: dict[int, float] | None = None
        for qw in q_words:
            shortest: dict[int, int] = {}
            for vid in starting_with(self._vocab, qw):
                length = len(self._vocab[vid])
                for index in self._word_cars[vid]:
                    if length < shortest.get(index, 1 << 30):
                        shortest[index] = length
            if total is None:
                total = {index: len(qw) / n for index, n in shortest.items()}
            else:
                total = {i: t + len(qw) / shortest[i] for i, t in total.items() if i in shortest}
            if not total:
                return {}
        return {i: t / len(q_words) for i, t in (total or {}).items()}

    def _fuzzy(self, q: str, q_words: list[str]) -> dict[int, float]:
        """0-100 for each car worth offering: the better of whole-name and word-by-word similarity.

        OSA (edit distance counting a swap of neighbours as one edit) is used
        instead of WRatio because WRatio scores any query containing a short
        key ("m3 e64" contains "m3") at 90, which would make every M3 a
        confident match.
        """
        # rapidfuzz's C loop with a cutoff, not process.cdist: cdist would pull in
        # numpy (~10 MiB resident) for a catalogue of a few hundred names.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        similarity = OSA.normalized_similarity
        # Word by word: each typed word against the best word of the car, or the
        # start of one ("porch" ~ "porsche"). Only words above the floor count, since a
        # car with a typed word below it is left out unless its whole name is close.
        # Cars drop out at the first typed word they have nothing like, and the
        # remaining words are only compared while some car is still in.
        per_word: dict[int, list[float]] = {}
        for slot, qw in enumerate(q_words):
            best: dict[int, float] = {}
            for vid, score in self._similar_words(qw).items():
                for index in self._word_cars[vid]:
                    if score > best.get(index, 0.0):
                        best[index] = score
            if slot == 0:
                per_word = {index: [score] for index, score in best.items()}
            else:
                per_word = {i: [*s, best[i]] for i, s in per_word.items() if i in best}
            if not per_word:
                break
        candidates = set(per_word)
        q_sorted = " ".join(sorted(q_words))
        for texts, typed in ((self._key_texts, q), (self._sorted_texts, q_sorted)):
            for _, _, k in process.extract(
                typed, texts, scorer=similarity, limit=None, score_cutoff=WHOLE_NAME_PASS
            ):
                candidates.add(self._key_cars[k])

        numbers = [qw for qw in q_words if any(c.isdigit() for c in qw)]
        out: dict[int, float] = {}
        for index in candidates:
            whole = max(
                max(similarity(q, text), similarity(q_sorted, reordered))
                for text, reordered in self._car_texts[index]
            )
            scores = per_word.get(index, [0.0])
            words = sum(scores) / len(scores)
            # Word matches ignore how much of the name is left untyped, so a
            # little of the whole-name score breaks ties towards the closer
            # name ("m3 e64": the E46 before the E46 CSL).
            score = 100.0 * max(whole, 0.9 * words + 0.1 * whole)
            # A digit typo names a different car ("supra mk4" is not the Mk5),
            # so such a match is offered, never taken without asking.
            if any(not self._has_prefix(index, qw) for qw in numbers):
                score *= 0.85
            out[index] = score
        return out

    def _similar_words(self, qw: str) -> dict[int, float]:
        """Vocabulary words at least WORD_FLOOR similar to qw, whole or by their start.

        Only words that share qw's first letter, or have its first two letters
        swapped, are compared: a typo rarely changes how a word starts ("porche",
        "alpnie", "lapine" all keep it), and comparing every word of a 150-car
        catalogue for every typed word was most of a search's time.
        """
        if _YEAR.fullmatch(qw):
            # A year is right or wrong, and "2015" is one edit from half the catalogue.
            vid = self._vocab_id.get(qw)
            return {} if vid is None else {vid: 1.0}
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        similarity = OSA.normalized_similarity
        ids = self._near(qw)
        words = [self._vocab[i] for i in ids]
        found: dict[int, float] = {}
        for _, score, k in process.extract(
            qw, words, scorer=similarity, limit=None, score_cutoff=WORD_FLOOR
        ):
            found[ids[k]] = float(score)
        starts = [w[: len(qw)] for w in words]
        for _, score, k in process.extract(
            qw, starts, scorer=similarity, limit=None, score_cutoff=WORD_FLOOR / 0.95
        ):
            found[ids[k]] = max(found.get(ids[k], 0.0), 0.95 * float(score))
        return found

    def _near(self, qw: str) -> list[int]:
        """Vocabulary ids of words starting like qw: same first letter, or the first two swapped."""
        key = qw[:2]
        ids = self._near_cache.get(key)
        if ids is None:
            picked = set(self._first_letter.get(qw[0], ()))
            if len(qw) > 1:
                picked.update(self._first_letter.get(qw[1], ()))
                picked.update(self._second_letter.get(qw[0], ()))
            ids = self._near_cache[key] = sorted(picked)
        return ids

    def _has_prefix(self, index: int, word: str) -> bool:
        return any(w.startswith(word) for w in self._words[index])


class _Sorted:
    """Keys in order, each with its car and the length of its compact form."""

    def __init__(self, entries: list[tuple[str, int, int]]) -> None:
        self.texts = [text for text, _, _ in entries]
        self.cars = [car for _, car, _ in entries]
        self.lengths = [length for _, _, length in entries]

    def starting_with(self, prefix: str) -> list[tuple[int, int]]:
        """(car, compact length) of every key that starts with prefix."""
        return [(self.cars[i], self.lengths[i]) for i in starting_with(self.texts, prefix)]


def _make_names(make: str) -> set[str]:
    """'Mercedes-AMG' -> {'mercedes amg', 'mercedesamg', 'mercedes', 'amg', 'merc', 'benz', ...}."""
    name = normalise(make)
    names = {name, _compact(name), *MAKE_ALIASES.get(name, ())}
    words = name.split()
    if len(words) > 1:
        names.update(w for w in words if len(w) > 2)
    return names


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
    from rapidfuzz.distance import OSA

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
        car.label,  # what autocomplete shows, typed back in full
        car.name,
        f"{car.model} {car.variant}",
        f"{base} {car.chassis}",
        f"{car.model} {car.variant} {car.chassis}",
        f"{car.chassis} {car.model} {car.variant}",
        f"{car.make} {car.chassis}",
    ]


def _german_words(car: Car, words: set[str]) -> set[str]:
    """German body words that find this car: from its body style and its name's words."""
    found = set(GERMAN_BODY_WORDS.get(normalise(car.body), ()))
    for word in words:
        found.update(GERMAN_NAME_WORDS.get(word, ()))
    return found
