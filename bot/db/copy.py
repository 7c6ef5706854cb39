"""`python -m bot migrate-db --from data/paddock.db --to postgresql://...`: move a club.

Copies every table of a SQLite database into a PostgreSQL database migrated to the same
schema version, in one transaction, then compares the row count of every table and
moves each identity column's sequence past the copied ids. A target that already holds
rows is refused: this moves a club, it never merges two.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import asyncpg

from bot.db.database import SQLiteDatabase
from bot.db.postgres import PostgresDatabase
from bot.words import counted

BATCH = 5000


class CopyRefused(Exception):
    """The copy would be wrong (a non-empty target, schemas apart); nothing was written."""


def _tables(conn: sqlite3.Connection) -> list[str]:
    # Parents before children, so foreign keys hold at every insert: the order the
    # migrations created them in.
    return [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        )
    ]


async def copy_sqlite_to_postgres(
    source: Path, url: str, report: Callable[[str], None] = print
) -> dict[str, int]:
    """Copy everything; the rows per table. Raises CopyRefused before writing anything
    if the target is not empty or the schemas differ."""
    lite = SQLiteDatabase(source)
    await lite.connect()
    try:
        await lite.migrate()
        version = await lite.user_version()
    finally:
        await lite.close()
    pg = PostgresDatabase(url)
    await pg.connect()
    try:
        await pg.migrate()
        if await pg.user_version() != version:
            raise CopyRefused(
                f"schema versions differ: SQLite {version}, PostgreSQL {await pg.user_version()}"
            )
    finally:
        await pg.close()

    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = await asyncpg.connect(url)
    try:
        tables = _tables(conn)
        pg_tables = {
            r[0]
            for r in await target.fetch(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        }
        missing = [t for t in tables if t not in pg_tables]  # e.g. a migration not ported
        if missing:
            raise CopyRefused(f"tables missing on PostgreSQL: {', '.join(missing)}")
        for table in tables:
            if await target.fetchval(f'SELECT EXISTS (SELECT 1 FROM "{table}")'):
                raise CopyRefused(
                    f"the target is not empty ({table} has rows); give an empty database"
                )
        counts: dict[str, int] = {}
        # COPY is binary, and asyncpg has no binary encoder for extension types (citext):
        # those tables go through INSERTs.
        by_insert = {
            r[0]
            for r in await target.fetch(
                "SELECT DISTINCT table_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND data_type = 'USER-DEFINED'"
            )
        }
        async with target.transaction():
            # The rows are copied as they are, kept counts included (answers per meet,
            # entries per series): the triggers that keep those counts would add every
            # copied row a second time, so they sleep until the copy is done.
            for table in tables:
                await target.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            for table in tables:
                columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
                cursor = conn.execute(f'SELECT {", ".join(columns)} FROM "{table}"')
                copied = 0
                insert = (
                    f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES '
                    f"({', '.join(f'${i}' for i in range(1, len(columns) + 1))})"
                )
                while rows := cursor.fetchmany(BATCH):
                    if table in by_insert:
                        await target.executemany(insert, rows)
                    else:
                        await target.copy_records_to_table(table, records=rows, columns=columns)
                    copied += len(rows)
                counts[table] = copied
                report(f"{table}: {counted(copied, 'row')}")
            for table in tables:
                await target.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
            # Identity columns were given explicit ids: start their sequences after them.
            for table, column in await target.fetch(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND is_identity = 'YES'"
            ):
                await target.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)'
                )
            for table, expected in counts.items():
                found = await target.fetchval(f'SELECT COUNT(*) FROM "{table}"')
                if found != expected:
                    raise CopyRefused(
                        f"{table}: copied {counted(expected, 'row')} but PostgreSQL holds {found}"
                    )
    finally:
        conn.close()
        await target.close()
    return counts
