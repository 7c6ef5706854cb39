"""Meets on Discord's side: answering, announcing, notifying, reminding, mirroring events."""
