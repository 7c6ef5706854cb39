"""The addresses of a server's calendar feed and club page (bot/web/server.py serves them)."""

from __future__ import annotations


def feed_url(base: str, secret: str) -> str:
    return f"{base}/cal/{secret}.ics"


def page_url(base: str, secret: str) -> str:
    return f"{base}/cal/{secret}/"
