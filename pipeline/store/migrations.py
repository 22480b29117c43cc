"""The store's schema as numbered migration steps; a store is brought up to the newest step when opened."""

from __future__ import annotations

import sqlite3

from jigong.pipeline.errors import StoreError

# Each step runs once, in order, inside one transaction with the bump of schema_version.
# Never edit a released step: add the next one.
STEPS: tuple[str, ...] = (
    # 1: runs, the files of each run, indicators, findings, decisions and the per-file caches.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        batch TEXT NOT NULL,
        plan_id TEXT,
        tool_key TEXT NOT NULL,
        workers INTEGER,
        executor TEXT,
        files_total INTEGER DEFAULT 0,
        files_read INTEGER DEFAULT 0,
        files_cached INTEGER DEFAULT 0,
        files_failed INTEGER DEFAULT 0,
        seconds REAL
    );
    CREATE INDEX runs_year ON runs (year, id);
    CREATE TABLE schools (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        folder TEXT NOT NULL,
        grade TEXT,
        PRIMARY KEY (run_id, name)
    );
    CREATE TABLE files (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        school TEXT,
        path TEXT NOT NULL,
        sha256 TEXT,
        size INTEGER,
        kind TEXT,
        status TEXT NOT NULL,
        error TEXT,
        cached INTEGER NOT NULL DEFAULT 0,
        seconds REAL,
        PRIMARY KEY (run_id, path)
    );
    CREATE TABLE indicators (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        school TEXT NOT NULL,
        code TEXT NOT NULL,
        value TEXT,
        unit TEXT,
        confidence REAL,
        approximate INTEGER NOT NULL DEFAULT 0,
        conflict INTEGER NOT NULL DEFAULT 0,
        derived INTEGER NOT NULL DEFAULT 0,
        evidence TEXT NOT NULL,
        extracted TEXT,
        corrected INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, school, code)
    );
    CREATE TABLE findings (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        school TEXT NOT NULL,
        rule TEXT NOT NULL,
        status TEXT NOT NULL,
        value TEXT,
        message TEXT NOT NULL,
        evidence TEXT NOT NULL,
        detail TEXT,
        PRIMARY KEY (run_id, school, rule)
    );
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        school TEXT NOT NULL,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('rule', 'indicator')),
        target TEXT NOT NULL,
        status TEXT,
        value TEXT,
        reason TEXT NOT NULL,
        basis TEXT,
        taken_at TEXT NOT NULL,
        inspector TEXT,
        superseded_by INTEGER REFERENCES decisions (id)
    );
    CREATE INDEX decisions_year ON decisions (year, school);
    CREATE TABLE read_cache (
        sha256 TEXT NOT NULL,
        reader_key TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        kind TEXT,
        document BLOB,
        seconds REAL,
        PRIMARY KEY (sha256, reader_key)
    );
    CREATE TABLE candidate_cache (
        sha256 TEXT NOT NULL,
        key TEXT NOT NULL,
        candidates BLOB NOT NULL,
        seconds REAL,
        PRIMARY KEY (sha256, key)
    );
    CREATE TABLE review_notes (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        school TEXT NOT NULL,
        decision_id INTEGER NOT NULL REFERENCES decisions (id),
        applied INTEGER NOT NULL,
        note TEXT NOT NULL,
        PRIMARY KEY (run_id, decision_id)
    );
    CREATE TABLE renders (
        target TEXT PRIMARY KEY,
        context_key TEXT NOT NULL,
        output_sha256 TEXT NOT NULL
    );
    """,
    # 2: a decision can be withdrawn (jigong decide --withdraw N): kept in the history, no longer applied.
    """
    ALTER TABLE decisions ADD COLUMN withdrawn_at TEXT;
    """,
    # 3: each school's document number (发文字号) of a year, assigned once; the schools that sent nothing.
    """
    CREATE TABLE doc_numbers (
        year INTEGER NOT NULL,
        school TEXT NOT NULL,
        number INTEGER NOT NULL,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (year, school),
        UNIQUE (year, number)
    );
    ALTER TABLE runs ADD COLUMN not_submitted TEXT;
    """,
)


def version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, steps: tuple[str, ...] = STEPS) -> int:
    """Apply every step newer than the store's version; returns the version reached."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    current = version(conn)
    if current > len(steps):
        raise StoreError(
            f"数据库的结构版本（{current}）比本程序认识的（{len(steps)}）更新，请升级 jigong 后再使用该数据库。"
        )
    for number in range(current + 1, len(steps) + 1):
        # executescript commits first; the step and its version bump then go in one explicit transaction.
        conn.executescript(
            f"BEGIN;\n{steps[number - 1]}\nDELETE FROM schema_version;\n"
            f"INSERT INTO schema_version VALUES ({number});\nCOMMIT;"
        )
    return len(steps)
