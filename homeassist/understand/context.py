"""Conversation context: the previous turns that follow-ups such as "turn it off" refer to."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from homeassist.understand.intent import Intent


@dataclass(frozen=True)
class Turn:
    """One completed request."""

    intent: Intent
    area_ids: tuple[str, ...]
    at_s: float  # the context clock's reading when the turn was recorded


class Context:
    """The last few turns of one conversation, forgotten after `window_s` seconds.

    `satellite_area` is the area of the microphone the user speaks to. "In
    here" and commands without a place refer to it. A follow-up refers only
    to turns at most `max_turns` back and at most `window_s` seconds old.
    """

    def __init__(self, *, satellite_area: str | None = None, max_turns: int = 3,
                 window_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        if max_turns < 1:
            raise ValueError(f"max_turns must be at least 1, not {max_turns}")
        if window_s <= 0:
            raise ValueError(f"window_s must be positive, not {window_s}")
        self.satellite_area = satellite_area
        self.window_s = window_s
        self._clock = clock
        self._turns: deque[Turn] = deque(maxlen=max_turns)

    def record(self, intent: Intent, area_ids: tuple[str, ...] = ()) -> None:
        """Remember a completed intent and the areas of its devices.

        Intents that name no device (small talk, "never mind", a request that
        asked which device) are not remembered, so the turn before stays the
        one a follow-up refers to.
        """
        if not intent.device_ids:
            return
        self._turns.append(Turn(intent, area_ids, self._clock()))

    def clear(self) -> None:
        self._turns.clear()

    def recent_turns(self) -> list[Turn]:
        """Return the turns still inside the window, newest first."""
        now = self._clock()
        return [t for t in reversed(self._turns) if now - t.at_s <= self.window_s]

    @property
    def last_turn(self) -> Turn | None:
        turns = self.recent_turns()
        return turns[0] if turns else None

    @property
    def last_intent(self) -> Intent | None:
        turn = self.last_turn
        return turn.intent if turn else None

    @property
    def last_devices(self) -> tuple[str, ...]:
        turn = self.last_turn
        return turn.intent.device_ids if turn else ()

    @property
    def last_areas(self) -> tuple[str, ...]:
        turn = self.last_turn
        return turn.area_ids if turn else ()
