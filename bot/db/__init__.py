from bot.db.database import Database, Row

__all__ = ["Database", "Row"]
