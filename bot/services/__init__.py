"""The club's rules: plain async code over the database. Never imports discord."""
