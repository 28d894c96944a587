"""The nights database's schema as an ordered list of migrations, applied in order and recorded.

Each migration is data (its version and SQL); :func:`migrate` applies those a database has not
had yet, each in its own transaction, and records the version reached in ``schema_version``.
A database from an older plmscope is brought up to date on open; one from a newer plmscope
is refused rather than guessed at.

>>> import sqlite3
>>> con = sqlite3.connect(":memory:")
>>> migrate(con) == CURRENT_VERSION
True
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from plmscope.errors import PlmscopeInputError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "nights, their uploads, results and notes",
        """
        CREATE TABLE nights (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            created   TEXT NOT NULL,            -- ISO time (UTC) of the upload
            date      TEXT,                     -- the night of (YYYY-MM-DD, the evening's date)
            kind      TEXT NOT NULL,            -- psg | accelerometer | none (diary only)
            status    TEXT NOT NULL,            -- queued | scoring | done | error
            error     TEXT,                     -- one line, when status is error
            rules     TEXT NOT NULL DEFAULT 'wasm2016',
            notes     TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE uploads (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            night_id  INTEGER NOT NULL REFERENCES nights(id) ON DELETE CASCADE,
            role      TEXT NOT NULL,            -- recording | left | right | hypnogram | events
            file      TEXT NOT NULL,            -- the server's own file name in uploads/
            format    TEXT NOT NULL,            -- edf | bdf | gt3x | cwa | geneactiv | csv | xml | text
            size      INTEGER NOT NULL
        );
        CREATE TABLE results (
            night_id   INTEGER PRIMARY KEY REFERENCES nights(id) ON DELETE CASCADE,
            json       TEXT NOT NULL,           -- NightScore.to_dict(): what 'plmscope score --json' writes
            plms_index REAL,
            lms_index  REAL,
            scored     TEXT NOT NULL
        );
        CREATE INDEX nights_date ON nights(date);
        CREATE INDEX uploads_night ON uploads(night_id);
        """,
    ),
    Migration(
        2,
        "scoring progress, questionnaires, diary, settings, cached reports, identity opt-in",
        """
        ALTER TABLE nights ADD COLUMN stage TEXT;
        ALTER TABLE nights ADD COLUMN progress REAL;
        ALTER TABLE nights ADD COLUMN label TEXT;      -- the uploaded file's name, only with show_identity
        ALTER TABLE nights ADD COLUMN identity TEXT;   -- EDF header identity (JSON), only with show_identity
        ALTER TABLE uploads ADD COLUMN kept INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE assessments (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            night_id   INTEGER REFERENCES nights(id) ON DELETE CASCADE,
            created    TEXT NOT NULL,
            respondent TEXT NOT NULL,
            answers    TEXT NOT NULL,           -- the validated answers (JSON)
            result     TEXT NOT NULL            -- Assessment.to_dict() (JSON)
        );
        CREATE INDEX assessments_night ON assessments(night_id);
        CREATE TABLE diary (
            night_id INTEGER PRIMARY KEY REFERENCES nights(id) ON DELETE CASCADE,
            data     TEXT NOT NULL,             -- the diary entry (JSON)
            updated  TEXT NOT NULL
        );
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL                 -- JSON
        );
        CREATE TABLE reports (
            night_id INTEGER PRIMARY KEY REFERENCES nights(id) ON DELETE CASCADE,
            key      TEXT NOT NULL,             -- what the page was built from (see Store.report_key)
            html     TEXT NOT NULL
        );
        """,
    ),
)
CURRENT_VERSION = MIGRATIONS[-1].version


def schema_version(con: sqlite3.Connection) -> int:
    """The version a database is at (0 for a new, empty one)."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = con.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(con: sqlite3.Connection, upto: int = CURRENT_VERSION, *, source: str = "database") -> int:
    """Apply every migration after the database's version up to ``upto``; return the version reached."""
    version = schema_version(con)
    con.commit()
    if version > CURRENT_VERSION:
        raise PlmscopeInputError(
            f"was written by a newer plmscope (schema {version}, this one knows up to "
            f"{CURRENT_VERSION}); upgrade plmscope or use another --data folder",
            path=source,
        )
    for step in MIGRATIONS:
        if version < step.version <= upto:
            _apply(con, step)
            version = step.version
    return version


def _apply(con: sqlite3.Connection, step: Migration) -> None:
    """One migration and its version record in one transaction (all or nothing)."""
    statements = [s.strip() for s in _split(step.sql) if s.strip()]
    try:
        con.execute("BEGIN IMMEDIATE")
        for statement in statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", (step.version,))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _split(sql: str) -> list[str]:
    """The statements of a migration (``;`` ends each; comments dropped)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return "\n".join(lines).split(";")
