"""The action vocabulary shared by the rule path, the LLM path and the executor."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class Action(StrEnum):
    """What to do. The unit of `Intent.value` is given per action."""

    TURN_ON = "turn_on"
    TURN_OFF = "turn_off"
    TOGGLE = "toggle"
    SET_BRIGHTNESS = "set_brightness"  # percent, 0..100
    ADJUST_BRIGHTNESS = "adjust_brightness"  # percentage points, signed
    SET_COLOR_TEMP = "set_color_temp"  # kelvin
    SET_COLOR = "set_color"  # colour name in English ("red")
    SET_TEMPERATURE = "set_temperature"  # degrees Celsius
    ADJUST_TEMPERATURE = "adjust_temperature"  # degrees Celsius, signed
    SET_HVAC_MODE = "set_hvac_mode"  # off, heat, cool, auto, dry, fan_only
    OPEN = "open"
    CLOSE = "close"
    SET_POSITION = "set_position"  # percent open, 0..100
    SET_FAN_SPEED = "set_fan_speed"  # percent, 0..100
    QUERY_STATE = "query_state"  # a question about state; never changes anything
    ANSWER = "answer"  # a question or small talk answered in free text
    NONE = "none"  # nothing to do (not a command)


DEVICE_ACTIONS = frozenset(Action) - {Action.ANSWER, Action.NONE}

IntentSource = Literal["rules", "llm"]


@dataclass(frozen=True)
class Intent:
    """One understood request.

    `device_ids` are configured device ids; the rule path resolves names, areas
    and groups to ids before it returns. `answer` is free text from the LLM and
    is spoken only for `Action.ANSWER`.
    """

    action: Action
    device_ids: tuple[str, ...] = ()
    value: float | str | None = None
    answer: str | None = None
    source: IntentSource = "rules"
    # Candidate device ids when a name matched several devices equally well;
    # the assistant asks which one and acts on nothing until it knows.
    ambiguous: tuple[str, ...] = field(default=())
    # The words the LLM says the user used for the device; checked against the
    # chosen devices' names before anything is done.
    heard_device: str = ""
