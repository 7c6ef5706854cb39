"""Members' cars per server, owner verification and the club register."""

from bot.services.garage.models import (
    MAX_CARS,
    ColourCount,
    Count,
    GarageCar,
    RegisterStats,
)
from bot.services.garage.service import GarageService

__all__ = ["MAX_CARS", "ColourCount", "Count", "GarageCar", "GarageService", "RegisterStats"]
