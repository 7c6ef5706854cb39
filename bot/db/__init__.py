from bot.db.base import Database, Queries, Row, Tx
from bot.db.database import SQLiteDatabase

__all__ = ["Database", "Queries", "Row", "SQLiteDatabase", "Tx"]
