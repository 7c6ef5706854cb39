"""Pure rendering: dataclasses in, embeds, views, the chart and text out.

Nothing here reads the database, calls a service or sends anything.
"""
