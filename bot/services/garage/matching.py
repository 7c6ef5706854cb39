"""Which of a server's garage models a member's typed text means, for /register's filter.

Members type what they call the car: a make ("Datsun", "vw"), the start of a model
("Datsun 240"), or some of its words in any order ("240z datsun"). A model matches when
the text names its make, or when every typed word starts a word of the model (or the
typed text, spaces aside, starts the model's). Typos are not matched silently, since a
register for another car than the one asked about would mislead; they are offered as
suggestions instead, ranked with rapidfuzz as /specs ranks its fuzzy matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.services.fold import fold, spellings
from bot.services.specs.search import MAKE_ALIASES

SUGGESTIONS = 5
# Each typed word must be this similar (OSA, 0-1) to some word of a model, or to its
# start, for the model to be suggested after a miss: "datsn" finds "Datsun 240Z".
SUGGEST_FLOOR = 0.7


@dataclass(frozen=True, slots=True)
class GarageModel:
    model: str  # as stored: the catalogue's name or the member's own text
    make: str | None
    cars: int


def _make_names(make: str | None) -> set[str]:
    if not make:
        return set()
    name = fold(make)
    names = {name, name.replace(" ", ""), *MAKE_ALIASES.get(name, ())}
    names.update(w for w in name.split() if len(w) > 2)  # "mercedes" of "Mercedes-AMG"
    return names


def matches(text: str, model: GarageModel) -> bool:
    """Whether typed text means this model: its make, or the start of its words."""
    q = fold(text)
    if not q:
        return False
    if q in _make_names(model.make):
        return True
    # Folded as /specs folds, umlauts either way ("München" is "munchen" and "muenchen").
    return any(_starts(q, name) for name in spellings(model.model))


def _starts(q: str, name: str) -> bool:
    if name.replace(" ", "").startswith(q.replace(" ", "")):
        return True
    words = name.split()
    return all(any(w.startswith(qw) for w in words) for qw in q.split())


def matching(text: str, models: Sequence[GarageModel]) -> list[GarageModel]:
    return [m for m in models if matches(text, m)]


def suggestions(text: str, models: Sequence[GarageModel], count: int = SUGGESTIONS) -> list[str]:
    """The models to offer after a miss: the closest to what was typed, or, when none is
    close, the ones most members have (`models` comes most first)."""
    from rapidfuzz.distance import OSA

    q_words = fold(text).split()
    scored: list[tuple[float, int, str]] = []
    for m in models:
        words = fold(m.model).split()
        if not words or not q_words:
            continue
        per_word = [
            max(
                max(OSA.normalized_similarity(qw, w), OSA.normalized_similarity(qw, w[: len(qw)]))
                for w in words
            )
            for qw in q_words
        ]
        score = sum(per_word) / len(per_word)
        if min(per_word) >= SUGGEST_FLOOR:
            scored.append((score, m.cars, m.model))
    if scored:
        scored.sort(key=lambda s: (-s[0], -s[1], s[2].casefold()))
        return [name for _, _, name in scored[:count]]
    return [m.model for m in models[:count]]
