"""The personal-assistant requests a sentence can carry, as read by `personal.parse`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from homeassist.personal.when import When


@dataclass(frozen=True)
class StartTimer:
    seconds: float
    name: str  # "" for an unnamed timer


@dataclass(frozen=True)
class TimerStatus:
    name: str | None


@dataclass(frozen=True)
class AdjustTimer:
    seconds: float  # negative to take time off
    name: str | None


@dataclass(frozen=True)
class PauseTimer:
    name: str | None


@dataclass(frozen=True)
class ResumeTimer:
    name: str | None


@dataclass(frozen=True)
class CancelTimer:
    name: str | None
    everything: bool = False


@dataclass(frozen=True)
class CreateReminder:
    what: str  # in the speaker's words, first person turned to second ("take your medicine")
    when: When
    alarm: bool  # an alarm rings until stopped; a reminder is spoken once


@dataclass(frozen=True)
class ListSchedule:
    day_offset: int  # 0 for today, 1 for tomorrow


@dataclass(frozen=True)
class DeleteReminder:
    what: str  # words that identify it; "" with `everything`
    everything: bool = False
    alarms_only: bool = False


@dataclass(frozen=True)
class Remember:
    fact: str


@dataclass(frozen=True)
class RecallMemory:
    pass


@dataclass(frozen=True)
class Forget:
    fact: str | None  # None: the preference mentioned last
    everything: bool = False


@dataclass(frozen=True)
class ApplyPreference:
    text: str  # the sentence, for finding the place


@dataclass(frozen=True)
class SensorQuestion:
    quantity: Literal["temperature", "humidity"]
    text: str


@dataclass(frozen=True)
class Reply:
    yes: bool


@dataclass(frozen=True)
class Stop:
    pass


@dataclass(frozen=True)
class Snooze:
    seconds: float | None  # None: the default snooze time


@dataclass(frozen=True)
class ClockQuestion:
    subject: Literal["time", "date"]


@dataclass(frozen=True)
class SmallTalk:
    pass


Request = (StartTimer | TimerStatus | AdjustTimer | PauseTimer | ResumeTimer | CancelTimer | CreateReminder
           | ListSchedule | DeleteReminder | Remember | RecallMemory | Forget | ApplyPreference
           | SensorQuestion | Reply | Stop | Snooze | ClockQuestion | SmallTalk)
