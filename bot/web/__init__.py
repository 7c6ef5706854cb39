"""The optional calendar feed and club page (aiohttp.web, Jinja2 templates), read-only."""
