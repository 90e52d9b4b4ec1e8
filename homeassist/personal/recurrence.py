"""Repeating schedules for alarms and reminders, in local wall-clock time."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum


class Repeat(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"  # on `weekdays`
    MONTHLY = "monthly"  # on `day_of_month`, or the month's last day when it is shorter


WEEKDAYS = frozenset(range(5))  # Monday is 0, as in `date.weekday()`
WEEKEND = frozenset({5, 6})


@dataclass(frozen=True)
class Recurrence:
    """When a reminder repeats; the time of day belongs to the reminder."""

    repeat: Repeat
    weekdays: frozenset[int] = frozenset()
    day_of_month: int = 0

    def __post_init__(self) -> None:
        if self.repeat is Repeat.WEEKLY and (not self.weekdays or not self.weekdays <= frozenset(range(7))):
            raise ValueError(f"a weekly recurrence needs weekdays in 0..6, got {sorted(self.weekdays)}")
        if self.repeat is Repeat.MONTHLY and not 1 <= self.day_of_month <= 31:
            raise ValueError(f"a monthly recurrence needs a day of month in 1..31, got {self.day_of_month}")

    def encode(self) -> str:
        """Return the form stored in SQLite: "daily", "weekly:0,3" or "monthly:15"."""
        if self.repeat is Repeat.WEEKLY:
            return "weekly:" + ",".join(str(day) for day in sorted(self.weekdays))
        if self.repeat is Repeat.MONTHLY:
            return f"monthly:{self.day_of_month}"
        return self.repeat.value

    @classmethod
    def decode(cls, text: str) -> Recurrence:
        kind, _, argument = text.partition(":")
        repeat = Repeat(kind)
        if repeat is Repeat.WEEKLY:
            return cls(repeat, weekdays=frozenset(int(day) for day in argument.split(",")))
        if repeat is Repeat.MONTHLY:
            return cls(repeat, day_of_month=int(argument))
        return cls(repeat)

    def occurs_on(self, day: date) -> bool:
        if self.repeat is Repeat.WEEKLY:
            return day.weekday() in self.weekdays
        if self.repeat is Repeat.MONTHLY:
            last_day = calendar.monthrange(day.year, day.month)[1]
            return day.day == min(self.day_of_month, last_day)
        return True

    def next_after(self, moment: datetime, at: time, zone: tzinfo) -> datetime:
        """Return the first occurrence at local time `at` strictly after `moment`."""
        day = moment.astimezone(zone).date()
        # A monthly schedule on the 31st can skip up to two months; 400 days covers every case.
        for offset in range(400):
            candidate_day = day + timedelta(days=offset)
            if not self.occurs_on(candidate_day):
                continue
            candidate = datetime.combine(candidate_day, at, tzinfo=zone)
            if candidate > moment:
                return candidate
        raise AssertionError(f"no occurrence of {self.encode()} within 400 days of {moment}")
