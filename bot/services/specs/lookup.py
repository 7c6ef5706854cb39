"""The catalogue and its search, held once for the whole bot.

Built empty with the other services; the /specs extension fills it at start-up
(reading files off the event loop). Cogs and flows share it through
`bot.services.specs`, so a pick from a list made before a restart finds the same
cars the command would.
"""

from __future__ import annotations

from pathlib import Path

from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.models import Catalogue
from bot.services.specs.search import SpecsSearch


class SpecsLookup:
    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.search = SpecsSearch([])

    def load(self, path: Path | None = None, *, extra: Path | None = None) -> Catalogue:
        """Read the bundled catalogue (and a club's folder); blocking, so run it in a thread."""
        catalogue = load_catalogue(path, extra=extra)
        self.catalogue = catalogue
        self.search = SpecsSearch(catalogue.cars)
        return catalogue
