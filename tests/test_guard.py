"""The check that an LLM's devices are ones the user named."""

from __future__ import annotations

import pytest

from homeassist.config import EXAMPLE_CONFIG, Config, parse_config
from homeassist.understand.guard import guard_llm_intent
from homeassist.understand.intent import Action, Intent


@pytest.fixture(scope="module")
def config() -> Config:
    return parse_config(EXAMPLE_CONFIG.read_text(encoding="utf-8"), EXAMPLE_CONFIG)


def _llm(action: Action, devices: tuple[str, ...], heard: str) -> Intent:
    return Intent(action, devices, source="llm", heard_device=heard)


@pytest.mark.parametrize(("text", "devices", "heard"), [
    ("please switch the kitchen light on", ("kitchen_light",), "kitchen light"),
    ("把卧室的灯打开吧", ("bedroom_light",), "卧室的灯"),
    ("switch off all the lights", ("kitchen_light", "bedroom_light"), "all the lights"),
    ("turn on the kitchen", ("kitchen_light",), "kitchen"),
    ("switch the bedroom lamp off please", ("bedroom_light",), "bedroom_light"),  # an id, names in the text
])
def test_named_devices_kept(config: Config, text: str, devices: tuple[str, ...], heard: str) -> None:
    intent = _llm(Action.TURN_ON, devices, heard)

    assert guard_llm_intent(intent, config, text) == intent


@pytest.mark.parametrize(("text", "devices", "heard"), [
    ("turn on the garage disco ball", ("kitchen_light",), "garage disco ball"),
    ("打开客房的灯", ("living_room_light",), "客厅的灯"),  # the model "corrected" the room
    ("turn on the light", ("kitchen_light",), "light"),  # which light is a guess
    ("the door was open", ("bedroom_thermostat",), "door"),
    ("switch off all the lights", ("kitchen_light", "bedroom_thermostat"), "all the lights"),
    ("turn on the garage disco ball", ("kitchen_light",), "kitchen_light"),  # an id the text never names
])
def test_unnamed_devices_dropped(config: Config, text: str, devices: tuple[str, ...], heard: str) -> None:
    guarded = guard_llm_intent(_llm(Action.TURN_ON, devices, heard), config, text)

    assert guarded.device_ids == ()
    assert guarded.heard_device == heard


def test_rules_intents_untouched(config: Config) -> None:
    intent = Intent(Action.TURN_ON, ("kitchen_light",), source="rules")

    assert guard_llm_intent(intent, config, "anything") == intent
