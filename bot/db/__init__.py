from pathlib import Path

from bot.db.base import Database, Queries, Row, Tx
from bot.db.database import SQLiteDatabase


def open_database(target: Path | str) -> Database:
    """The backend PADDOCK_DATABASE names: a postgresql:// URL, else a SQLite file."""
    if isinstance(target, str) and target.startswith(("postgresql://", "postgres://")):
        from bot.db.postgres import PostgresDatabase

        return PostgresDatabase(target)
    return SQLiteDatabase(Path(target))


__all__ = ["Database", "Queries", "Row", "SQLiteDatabase", "Tx", "open_database"]
