"""Discord glue, one extension per feature. Every module here is loaded at startup."""
