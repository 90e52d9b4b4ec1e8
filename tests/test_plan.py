"""Validation before action: impossible requests publish nothing."""

from __future__ import annotations

import json

import pytest

from homeassist.act.plan import plan_intent
from homeassist.config import EXAMPLE_CONFIG, Config, parse_config
from homeassist.state import StateStore
from homeassist.understand.intent import Action, Intent


@pytest.fixture(scope="module")
def config() -> Config:
    return parse_config(EXAMPLE_CONFIG.read_text(encoding="utf-8"), EXAMPLE_CONFIG)


def test_turn_on_light_payload(config: Config) -> None:
    plan = plan_intent(Intent(Action.TURN_ON, ("kitchen_light",)), config, StateStore())

    assert plan.problem is None
    assert [(c.topic, json.loads(c.payload)) for c in plan.commands] == [
        ("zigbee2mqtt/kitchen_light/set", {"state": "ON"})]


def test_brightness_scaled_to_254(config: Config) -> None:
    plan = plan_intent(Intent(Action.SET_BRIGHTNESS, ("kitchen_light",), 50.0), config, StateStore())

    assert json.loads(plan.commands[0].payload) == {"brightness": 127}


@pytest.mark.parametrize("value", [35.0, 5.0, -3.0, "hot", None])
def test_setpoint_out_of_range(config: Config, value: float | str | None) -> None:
    plan = plan_intent(Intent(Action.SET_TEMPERATURE, ("bedroom_thermostat",), value), config, StateStore())

    assert plan.commands == ()
    assert plan.problem is not None


def test_setpoint_snapped_to_step(config: Config) -> None:
    plan = plan_intent(Intent(Action.SET_TEMPERATURE, ("bedroom_thermostat",), 22.3), config, StateStore())

    assert json.loads(plan.commands[0].payload) == {"occupied_heating_setpoint": 22.5}


def test_unknown_mode_rejected(config: Config) -> None:
    plan = plan_intent(Intent(Action.SET_HVAC_MODE, ("bedroom_thermostat",), "dry"), config, StateStore())

    assert plan.commands == ()
    assert plan.problem is not None
    assert plan.problem.key == "reply_bad_mode"


def test_brightness_on_thermostat_rejected(config: Config) -> None:
    plan = plan_intent(Intent(Action.SET_BRIGHTNESS, ("bedroom_thermostat",), 40.0), config, StateStore())

    assert plan.commands == ()
    assert plan.problem is not None


def test_one_bad_device_stops_all(config: Config) -> None:
    intent = Intent(Action.SET_BRIGHTNESS, ("kitchen_light", "bedroom_thermostat"), 40.0)
    plan = plan_intent(intent, config, StateStore())

    assert plan.commands == ()


def test_llm_device_not_named_is_rejected(config: Config) -> None:
    intent = Intent(Action.TURN_ON, ("kitchen_light",), source="llm", heard_device="garage disco ball")
    plan = plan_intent(intent, config, StateStore())

    assert plan.commands == ()
    assert plan.problem is not None
    assert plan.problem.key == "reply_unknown_device"


def test_llm_device_named_is_accepted(config: Config) -> None:
    intent = Intent(Action.TURN_ON, ("kitchen_light",), source="llm", heard_device="厨房的灯")
    plan = plan_intent(intent, config, StateStore())

    assert len(plan.commands) == 1


def test_relative_brightness_needs_state(config: Config) -> None:
    states = StateStore()
    unknown = plan_intent(Intent(Action.ADJUST_BRIGHTNESS, ("kitchen_light",), 20.0), config, states)
    assert unknown.problem is not None
    assert unknown.problem.key == "reply_state_unknown"

    states.update("kitchen_light", b'{"state": "ON", "brightness": 127}')
    known = plan_intent(Intent(Action.ADJUST_BRIGHTNESS, ("kitchen_light",), 20.0), config, states)
    assert json.loads(known.commands[0].payload) == {"brightness": 178}


def test_question_changes_nothing(config: Config) -> None:
    plan = plan_intent(Intent(Action.QUERY_STATE, ("kitchen_light",)), config, StateStore())

    assert plan.commands == ()


def test_llm_all_lights_excludes_thermostat(config: Config) -> None:
    lights = Intent(Action.TURN_OFF, ("kitchen_light", "bedroom_light"), source="llm", heard_device="all the lights")
    mixed = Intent(Action.TURN_OFF, ("kitchen_light", "bedroom_thermostat"), source="llm", heard_device="所有的灯")

    assert len(plan_intent(lights, config, StateStore()).commands) == 2
    assert plan_intent(mixed, config, StateStore()).commands == ()
