"""The season's store: one SQLite file (by default `<out>/jigong.sqlite`) holding runs, caches and decisions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jigong.pipeline.errors import StoreError
from jigong.pipeline.store.migrations import migrate

STORE_NAME = "jigong.sqlite"

__all__ = ["STORE_NAME", "Store"]


class Store:
    """A connection to the store, migrated to the newest schema on opening; only the parent process writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are explicit (see `transaction`), so nothing is left half-done.
            self.conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.version = migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}：无法打开审查数据库（{exc}），请检查该文件是否完好、是否有写入权限。") from exc

    @classmethod
    def in_folder(cls, out: Path) -> Store:
        return cls(out / STORE_NAME)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN … COMMIT, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):  # damaged, or changed by something else while in use
            raise StoreError(
                f"{self.path}：审查数据库操作失败（{exc}），请检查该文件，或换用新的数据库（--store）。"
            ) from exc
