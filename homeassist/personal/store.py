"""SQLite persistence for timers, reminders and preferences, in one file in the state directory."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from homeassist.i18n import Language

logger = logging.getLogger(__name__)

DATABASE_NAME = "personal.sqlite3"  # inside the configured state directory
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS timers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    duration_s REAL NOT NULL,
    ends_at REAL,            -- epoch seconds while running, NULL while paused
    remaining_s REAL,        -- seconds left while paused, NULL while running
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS reminders (
    id INTEGER PRIMARY KEY,
    what TEXT NOT NULL,
    language TEXT NOT NULL,
    alarm INTEGER NOT NULL,
    due_at REAL NOT NULL,     -- epoch seconds of the next occurrence
    at_time TEXT NOT NULL,    -- local wall-clock time "HH:MM" that repeats keep
    recurrence TEXT,          -- Recurrence.encode(), NULL for a one-off
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS preferences (
    id INTEGER PRIMARY KEY,
    fact TEXT NOT NULL,       -- as the user said it, first person
    language TEXT NOT NULL,
    device_id TEXT,           -- set for a temperature preference
    temperature_c REAL,
    created_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class TimerRow:
    id: int
    name: str
    language: Language
    duration_s: float
    ends_at: float | None
    remaining_s: float | None
    created_at: float

    @property
    def paused(self) -> bool:
        return self.ends_at is None


@dataclass(frozen=True)
class ReminderRow:
    id: int
    what: str
    language: Language
    alarm: bool
    due_at: float
    at_time: str
    recurrence: str | None
    created_at: float


@dataclass(frozen=True)
class PreferenceRow:
    id: int
    fact: str
    language: Language
    device_id: str | None
    temperature_c: float | None
    created_at: float


class PersonalStore:
    """One SQLite connection shared by the event loop and worker threads, serialised by a lock."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._connection.row_factory = sqlite3.Row
        # executescript commits on its own, so it runs outside `_transaction`; every statement is idempotent.
        self._connection.executescript(_SCHEMA)
        with self._transaction() as cursor:
            version = cursor.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                cursor.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            elif version != SCHEMA_VERSION:
                raise RuntimeError(f"{path} has schema version {version}; this homeassist reads version "
                                   f"{SCHEMA_VERSION}. Move the file aside to start empty.")
        logger.info("personal store opened at %s", path)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cursor = self._connection.cursor()
            cursor.execute("BEGIN")
            try:
                yield cursor
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    # Timers

    def add_timer(self, name: str, language: Language, duration_s: float, ends_at: float, now: float) -> TimerRow:
        with self._transaction() as cursor:
            cursor.execute("INSERT INTO timers (name, language, duration_s, ends_at, remaining_s, created_at) "
                           "VALUES (?, ?, ?, ?, NULL, ?)", (name, language, duration_s, ends_at, now))
            timer_id = cursor.lastrowid
        assert timer_id is not None
        return TimerRow(timer_id, name, language, duration_s, ends_at, None, now)

    def timers(self) -> list[TimerRow]:
        with self._transaction() as cursor:
            rows = cursor.execute("SELECT * FROM timers ORDER BY created_at, id").fetchall()
        return [TimerRow(r["id"], r["name"], r["language"], r["duration_s"], r["ends_at"], r["remaining_s"],
                         r["created_at"]) for r in rows]

    def update_timer(self, timer_id: int, *, ends_at: float | None, remaining_s: float | None,
                     duration_s: float | None = None) -> None:
        with self._transaction() as cursor:
            cursor.execute("UPDATE timers SET ends_at = ?, remaining_s = ?, duration_s = COALESCE(?, duration_s) "
                           "WHERE id = ?", (ends_at, remaining_s, duration_s, timer_id))

    def delete_timer(self, timer_id: int) -> None:
        with self._transaction() as cursor:
            cursor.execute("DELETE FROM timers WHERE id = ?", (timer_id,))

    # Reminders

    def add_reminder(self, what: str, language: Language, alarm: bool, due_at: float, at_time: str,
                     recurrence: str | None, now: float) -> ReminderRow:
        with self._transaction() as cursor:
            cursor.execute("INSERT INTO reminders (what, language, alarm, due_at, at_time, recurrence, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", (what, language, int(alarm), due_at, at_time, recurrence,
                                                            now))
            reminder_id = cursor.lastrowid
        assert reminder_id is not None
        return ReminderRow(reminder_id, what, language, alarm, due_at, at_time, recurrence, now)

    def reminders(self) -> list[ReminderRow]:
        with self._transaction() as cursor:
            rows = cursor.execute("SELECT * FROM reminders ORDER BY due_at, id").fetchall()
        return [ReminderRow(r["id"], r["what"], r["language"], bool(r["alarm"]), r["due_at"], r["at_time"],
                            r["recurrence"], r["created_at"]) for r in rows]

    def reschedule_reminder(self, reminder_id: int, due_at: float) -> None:
        with self._transaction() as cursor:
            cursor.execute("UPDATE reminders SET due_at = ? WHERE id = ?", (due_at, reminder_id))

    def delete_reminder(self, reminder_id: int) -> None:
        with self._transaction() as cursor:
            cursor.execute("DELETE FROM reminders WHERE id = ?", (reminder_id,))

    # Preferences

    def add_preference(self, fact: str, language: Language, device_id: str | None, temperature_c: float | None,
                       now: float) -> PreferenceRow:
        with self._transaction() as cursor:
            cursor.execute("INSERT INTO preferences (fact, language, device_id, temperature_c, created_at) "
                           "VALUES (?, ?, ?, ?, ?)", (fact, language, device_id, temperature_c, now))
            preference_id = cursor.lastrowid
        assert preference_id is not None
        return PreferenceRow(preference_id, fact, language, device_id, temperature_c, now)

    def preferences(self) -> list[PreferenceRow]:
        with self._transaction() as cursor:
            rows = cursor.execute("SELECT * FROM preferences ORDER BY created_at, id").fetchall()
        return [PreferenceRow(r["id"], r["fact"], r["language"], r["device_id"], r["temperature_c"],
                              r["created_at"]) for r in rows]

    def delete_preference(self, preference_id: int) -> None:
        with self._transaction() as cursor:
            cursor.execute("DELETE FROM preferences WHERE id = ?", (preference_id,))
