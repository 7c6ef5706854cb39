"""Discord-facing helpers shared by the cogs: embeds, views, error replies, pacing."""
