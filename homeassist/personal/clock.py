"""Wall-clock time for timers and reminders, real or driven by tests."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock(Protocol):
    """The current time as an aware datetime in the household's time zone."""

    def now(self) -> datetime: ...


def local_zone() -> tzinfo:
    """Return the system time zone with its daylight-saving rules.

    `TZ` wins over /etc/localtime. A fixed UTC offset is the last resort, and
    it is wrong across a daylight-saving change.
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    localtime = Path("/etc/localtime")
    if localtime.is_file():
        with localtime.open("rb") as file:
            return ZoneInfo.from_file(file, key="localtime")
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


class SystemClock:
    """The real clock in the given zone (default: the system zone)."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self.zone = zone or local_zone()

    def now(self) -> datetime:
        return datetime.now(self.zone)


class ManualClock:
    """A clock for tests and simulations that moves only through `advance` and `set`."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError(f"ManualClock needs an aware start time, got {start!r}")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError(f"ManualClock needs an aware time, got {moment!r}")
        self._now = moment
