"""The catalogue and its search, held once for the whole bot.

Built empty with the other services; the /specs extension fills it at start-up
(reading files off the event loop). Cogs and flows share it through
`bot.services.specs`, so a pick from a list made before a restart finds the same
cars the command would.
"""

from __future__ import annotations

from pathlib import Path

from bot.i18n import DEFAULT, LANGUAGES
from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.models import Car, Catalogue
from bot.services.specs.search import SpecsSearch
from bot.services.specs.translations import Translation, load_translation


class SpecsLookup:
    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.search = SpecsSearch([])
        self.translations: dict[str, Translation] = {}

    def load(self, path: Path | None = None, *, extra: Path | None = None) -> Catalogue:
        """Read the bundled catalogue (and a club's folder) and its translations; blocking,
        so run it in a thread."""
        catalogue = load_catalogue(path, extra=extra)
        self.translations = {
            lang: load_translation(catalogue.source, lang) for lang in LANGUAGES if lang != DEFAULT
        }
        self.catalogue = catalogue
        # A German member finds "RS 3 Limousine" as the card names it, and "RS 3 Saloon".
        named = [
            local
            for translation in self.translations.values()
            for car in catalogue.cars
            if (local := translation.named(car)) is not car
        ]
        self.search = SpecsSearch(catalogue.cars, also=named)
        return catalogue

    def named_in(self, car: Car, lang: str) -> Car:
        """The car with its model and variant as `lang` names them, for lists of names."""
        translation = self.translations.get(lang)
        return car if translation is None else translation.named(car)

    def in_language(self, car: Car, lang: str) -> Car:
        """The car with its notes, colour notes, factory and the descriptive words of its name
        in `lang` where the catalogue has a current translation, else as written (English)."""
        translation = self.translations.get(lang)
        return car if translation is None else translation.localise(car)
