"""Paddock's meet-day benchmark: `python -m bench` (see bench/README.md)."""
