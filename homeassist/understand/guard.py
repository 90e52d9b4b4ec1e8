"""Check that the devices an LLM chose are ones the user's words actually name."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from homeassist.config import Config, Device, DeviceType
from homeassist.understand.intent import DEVICE_ACTIONS, Action, Intent

_GROUP_WORDS = re.compile(r"\b(?:all|every|everything|whole)\b|所有|全部|全家|都")
_LIGHT_WORDS = re.compile(r"\b(?:lights|lamps)\b|灯")
MIN_SIMILARITY = 85  # rapidfuzz score out of 100; speech-to-text slips still pass


def _names_within(candidate: str, heard: str) -> bool:
    """Return True when `candidate` appears, allowing small slips, inside `heard`."""
    if len(candidate) > len(heard):
        return fuzz.ratio(candidate, heard) >= MIN_SIMILARITY
    return fuzz.partial_ratio(candidate, heard) >= MIN_SIMILARITY


def mentions(device: Device, config: Config, heard: str) -> bool:
    """Return True when the words the LLM reported (`heard`) name `device`, its area or a group holding it.

    A bare kind word ("light") names no particular light, so it does not pass.
    """
    heard = heard.strip().lower()
    if not heard:
        return False
    if heard == device.id:
        return True
    if _GROUP_WORDS.search(heard):
        # "all the lights" covers lights only; "everything" covers every device.
        return device.type is DeviceType.LIGHT or not _LIGHT_WORDS.search(heard)
    area = config.area(device.area) if device.area else None
    candidates = [*device.names.en, *device.names.zh, device.id.replace("_", " ")]
    if area is not None:
        candidates += [*area.names.en, *area.names.zh]
    return any(_names_within(name.lower(), heard) for name in candidates)


def guard_llm_intent(intent: Intent, config: Config, text: str) -> Intent:
    """Drop devices the user did not name from an LLM intent, so the assistant replies that it does not know them.

    The words the model reports must occur in the user's `text` (so it cannot
    turn 客房 into 客厅), and must name every chosen device. Returns the intent
    unchanged when both hold, and an intent with no devices (keeping the
    reported words) otherwise, so nothing is done.
    """
    if intent.source != "llm" or intent.action not in DEVICE_ACTIONS or not intent.device_ids:
        return intent
    known = {d.id: d for d in config.devices}
    heard = intent.heard_device.strip().lower()
    if heard in known:
        # The model reported an id, not the user's words: the device's own names must be in the text.
        heard = text.lower()
    said = _names_within(heard, text.lower())
    if said and all(d in known and mentions(known[d], config, heard) for d in intent.device_ids):
        return intent
    heard = intent.heard_device or "?"
    action = Action.QUERY_STATE if intent.action is Action.QUERY_STATE else intent.action
    return Intent(action, (), intent.value, source="llm", heard_device=heard)
