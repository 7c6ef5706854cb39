"""The car catalogue behind /specs: loading and validating it, unit conversion, search."""

from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.models import (
    Car,
    Catalogue,
    CatalogueError,
    Colour,
    Engine,
    Power,
    Torque,
)
from bot.services.specs.search import Match, SpecsSearch

__all__ = [
    "Car",
    "Catalogue",
    "CatalogueError",
    "Colour",
    "Engine",
    "Match",
    "Power",
    "SpecsSearch",
    "Torque",
    "load_catalogue",
]
