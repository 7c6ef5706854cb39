"""Discord-facing pieces of meets: announcement embed, buttons, modal, notifications."""

from .autocomplete import meet_autocomplete, resolve_meet, service_for

__all__ = ["meet_autocomplete", "resolve_meet", "service_for"]
