"""Kitchen-style countdown timers: start, check, add or take time, pause, resume, cancel."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from homeassist.i18n import Language
from homeassist.personal.clock import Clock
from homeassist.personal.store import PersonalStore, TimerRow

logger = logging.getLogger(__name__)

MAX_TIMER_S = 24 * 3600.0


@dataclass(frozen=True)
class TimerChoice:
    """The timers a request could mean: one `timer`, several `candidates`, or none."""

    timer: TimerRow | None
    candidates: tuple[TimerRow, ...] = ()


def _matches(timer: TimerRow, name: str) -> bool:
    return bool(timer.name) and (name in timer.name or timer.name in name)


class TimerService:
    """Timers kept in the store; end times are wall-clock epoch seconds, so they survive a restart."""

    def __init__(self, store: PersonalStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def _now(self) -> float:
        return self.clock.now().timestamp()

    def all(self) -> list[TimerRow]:
        return self.store.timers()

    def remaining_s(self, timer: TimerRow) -> float:
        if timer.ends_at is None:
            return timer.remaining_s or 0.0
        return max(0.0, timer.ends_at - self._now())

    def start(self, seconds: float, name: str, language: Language) -> TimerRow:
        now = self._now()
        timer = self.store.add_timer(name, language, seconds, now + seconds, now)
        logger.info("timer %d (%s) started for %.0f s", timer.id, name or "unnamed", seconds)
        return timer

    def named(self, name: str) -> TimerRow | None:
        return next((t for t in self.all() if t.name == name), None)

    def choose(self, name: str | None) -> TimerChoice:
        """Pick the timer `name` refers to; with no name, the only timer or the one ending soonest."""
        timers = self.all()
        if name:
            matching = [t for t in timers if _matches(t, name)]
            if len(matching) == 1:
                return TimerChoice(matching[0])
            return TimerChoice(None, tuple(matching))
        if len(timers) == 1:
            return TimerChoice(timers[0])
        return TimerChoice(None, tuple(timers))

    def adjust(self, timer: TimerRow, seconds: float) -> TimerRow | None:
        """Add (or with a negative value take off) time; returns None when that leaves no time."""
        remaining = self.remaining_s(timer) + seconds
        if remaining <= 0:
            return None
        duration = min(MAX_TIMER_S, timer.duration_s + seconds)
        if timer.paused:
            self.store.update_timer(timer.id, ends_at=None, remaining_s=remaining, duration_s=duration)
        else:
            self.store.update_timer(timer.id, ends_at=self._now() + remaining, remaining_s=None, duration_s=duration)
        return next(t for t in self.all() if t.id == timer.id)

    def pause(self, timer: TimerRow) -> None:
        self.store.update_timer(timer.id, ends_at=None, remaining_s=self.remaining_s(timer))
        logger.info("timer %d paused", timer.id)

    def resume(self, timer: TimerRow) -> None:
        self.store.update_timer(timer.id, ends_at=self._now() + self.remaining_s(timer), remaining_s=None)
        logger.info("timer %d resumed", timer.id)

    def cancel(self, timer: TimerRow) -> None:
        self.store.delete_timer(timer.id)
        logger.info("timer %d cancelled", timer.id)

    def take_due(self) -> list[TimerRow]:
        """Remove and return the running timers whose end time has come."""
        now = self._now()
        due = [t for t in self.all() if t.ends_at is not None and t.ends_at <= now]
        for timer in due:
            self.store.delete_timer(timer.id)
            logger.info("timer %d (%s) ended", timer.id, timer.name or "unnamed")
        return due
