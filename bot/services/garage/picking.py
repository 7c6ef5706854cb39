"""Which model a member gave /garage add or edit: a catalogue car, or their own text.

The model option offers catalogue cars as they type (the value is the car's id) and,
last, the text itself marked "(not in the catalogue)" (the value is OWN + the text).
Discord also sends text the member typed without picking anything. Such text is taken
as a catalogue car only when it names exactly one (the same judgement as /specs);
otherwise the member is asked, with the closest cars, since storing "bmw m3" as free
text would leave a car the catalogue has without its card and out of its register.
Only the explicit choice stores the member's own text.
"""

from __future__ import annotations

from bot.errors import ChooseOne, InvalidInput
from bot.services.specs.models import Car
from bot.services.specs.search import SpecsSearch
from bot.services.text import one_line

from .models import TEXT_MAX

# Starts the value of the "(not in the catalogue)" choice. Catalogue ids are lower-case
# letters, digits and dashes, so no id starts with it.
OWN = "own:"
CLOSEST = 5


def own_value(text: str) -> str:
    return OWN + text


def typed_text(value: str) -> str:
    """The member's text in an option's value, without the OWN mark."""
    return value.removeprefix(OWN)


def pick_model(search: SpecsSearch, value: str) -> tuple[Car | None, str]:
    """(the catalogue car, "") or (None, the member's own text). Raises ChooseOne when
    typed text names several cars, or none: the options are the closest cars' labels."""
    if value.startswith(OWN):
        return None, value.removeprefix(OWN)
    car = search.get(value.strip())
    if car is not None:
        return car, ""
    text = one_line(value)
    if not text:
        raise InvalidInput(key="error-text-empty", name="model")
    car = search.resolve(text)
    if car is not None:
        return car, ""
    closest = [m.car.label for m in search.search(text, CLOSEST)]
    raise ChooseOne(
        "garage3-error-model-several" if closest else "garage3-error-model-unknown",
        text[:TEXT_MAX],
        closest,
    )
