"""Alarms and reminders, one-off or repeating, kept in the store across restarts."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from homeassist.i18n import Language
from homeassist.personal.clock import Clock
from homeassist.personal.recurrence import Recurrence
from homeassist.personal.store import PersonalStore, ReminderRow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fired:
    """A reminder that came due, and when it was due."""

    reminder: ReminderRow
    due_at: datetime


def _words(text: str) -> set[str]:
    if re.search(r"[\u3400-\u9fff]", text):
        return {text[i:i + 2] for i in range(max(1, len(text) - 1))}  # character bigrams
    return set(text.split()) - {"the", "a", "an", "to", "my", "your", "me", "you"}


def match_score(query: str, text: str) -> float:
    """Return how much of `query` appears in `text`, from 0 to 1."""
    if not query:
        return 0.0
    if query in text:
        return 1.0
    wanted = _words(query)
    return len(wanted & _words(text)) / len(wanted) if wanted else 0.0


class ReminderService:
    def __init__(self, store: PersonalStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def all(self) -> list[ReminderRow]:
        return self.store.reminders()

    def create(self, what: str, due: datetime, recurrence: Recurrence | None, alarm: bool,
               language: Language) -> ReminderRow:
        now = self.clock.now()
        row = self.store.add_reminder(what, language, alarm, due.timestamp(), due.strftime("%H:%M"),
                                      recurrence.encode() if recurrence else None, now.timestamp())
        logger.info("%s %d set for %s%s", "alarm" if alarm else "reminder", row.id, due.isoformat(),
                    f" repeating {row.recurrence}" if row.recurrence else "")
        return row

    def due_at(self, reminder: ReminderRow) -> datetime:
        zone = self.clock.now().tzinfo
        return datetime.fromtimestamp(reminder.due_at, zone)

    def on_day(self, day: date) -> list[tuple[datetime, ReminderRow]]:
        """Return the occurrences on local date `day`, in time order."""
        zone = self.clock.now().tzinfo
        assert zone is not None
        found = []
        for reminder in self.all():
            due = self.due_at(reminder)
            if reminder.recurrence is None:
                if due.date() == day:
                    found.append((due, reminder))
                continue
            recurrence = Recurrence.decode(reminder.recurrence)
            if due.date() <= day and recurrence.occurs_on(day):
                found.append((datetime.combine(day, time.fromisoformat(reminder.at_time), tzinfo=zone), reminder))
        return sorted(found, key=lambda item: item[0])

    def find(self, query: str, alarms_only: bool = False) -> list[ReminderRow]:
        """Return the reminders whose text best matches `query` (every alarm for an empty query)."""
        candidates = [r for r in self.all() if r.alarm or not alarms_only]
        if not query:
            return candidates
        scored = [(match_score(query, r.what), r) for r in candidates]
        best = max((score for score, _ in scored), default=0.0)
        if best < 0.5:
            return []
        return [r for score, r in scored if score == best]

    def delete(self, reminder: ReminderRow) -> None:
        self.store.delete_reminder(reminder.id)
        logger.info("reminder %d deleted", reminder.id)

    def take_due(self) -> list[Fired]:
        """Return the reminders due by now; repeats move to their next occurrence, one-offs are removed.

        A repeat that missed several occurrences (the daemon was off for days)
        is returned once and then scheduled after now.
        """
        now = self.clock.now()
        zone = now.tzinfo
        assert zone is not None
        fired = []
        for reminder in self.all():
            if reminder.due_at > now.timestamp():
                continue
            fired.append(Fired(reminder, self.due_at(reminder)))
            if reminder.recurrence is None:
                self.store.delete_reminder(reminder.id)
                continue
            recurrence = Recurrence.decode(reminder.recurrence)
            following = recurrence.next_after(now, time.fromisoformat(reminder.at_time), zone)
            self.store.reschedule_reminder(reminder.id, following.timestamp())
            logger.info("reminder %d next due %s", reminder.id, following.isoformat())
        return fired
