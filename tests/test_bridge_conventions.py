"""Each convention's topics and payloads, and confirmation through Tasmota and Home Assistant devices."""

from __future__ import annotations

import json
from typing import Any

import pytest

from homeassist.act.conventions import convention_for
from homeassist.act.conventions.homeassistant import TemplateError, render
from homeassist.act.plan import plan_intent
from homeassist.config import Config, Device
from homeassist.reply import CommandStatus
from homeassist.state import StateStore
from homeassist.understand.intent import Action, Intent
from tests.conftest import Broker
from tests.test_bridge_support import Client, FakeTasmota, bridge_config, running_bridge, until, within

PORCH = {"component": "light", "command_topic": "porch/light/switch", "state_topic": "porch/light/status",
         "payload_on": "1", "payload_off": "0", "brightness_command_topic": "porch/light/brightness/set",
         "brightness_state_topic": "porch/light/brightness", "brightness_scale": 100}
DESK = {"component": "light", "schema": "json", "command_topic": "desk/set", "state_topic": "desk/state",
        "brightness": True, "supported_color_modes": ["color_temp", "rgb"]}
HEAT_PUMP = {"component": "climate", "mode_command_topic": "hp/mode/set", "mode_state_topic": "hp/mode",
             "temperature_command_topic": "hp/target/set", "temperature_state_topic": "hp/state",
             "temperature_state_template": "{{ value_json.target }}"}
GARAGE = {"component": "cover", "command_topic": "garage/set", "state_topic": "garage/state",
          "payload_open": "UP", "payload_close": "DOWN", "set_position_topic": "garage/position/set"}

DEVICES: list[dict[str, Any]] = [
    {"id": "porch", "type": "light", "capabilities": {"dimmable": True},
     "mqtt": {"convention": "homeassistant", "homeassistant": PORCH}},
    {"id": "desk", "type": "light", "capabilities": {"dimmable": True, "color": True, "color_temp": True},
     "mqtt": {"convention": "homeassistant", "homeassistant": DESK}},
    {"id": "heat_pump", "type": "climate", "capabilities": {"hvac_modes": ["off", "heat", "cool"]},
     "mqtt": {"convention": "homeassistant", "homeassistant": HEAT_PUMP}},
    {"id": "garage", "type": "cover", "capabilities": {"position": True},
     "mqtt": {"convention": "homeassistant", "homeassistant": GARAGE}},
    {"id": "reading_lamp", "type": "light", "capabilities": {"dimmable": True},
     "mqtt": {"convention": "tasmota", "base_topic": "reading_lamp"}},
    {"id": "pump", "type": "switch", "mqtt": {"convention": "tasmota", "base_topic": "aquarium", "tasmota_relay": 2}},
    {"id": "heater", "type": "switch",
     "mqtt": {"convention": "generic", "command_topic": "shed/heater/cmd", "state_topic": "shed/heater/state",
              "state_format": "plain", "payloads": {"turn_on": "power=1", "turn_off": "power=0"}}},
]


def _config(port: int | None = None) -> Config:
    return bridge_config(port, DEVICES)


@pytest.mark.parametrize(("intent", "topic", "payload"), [
    (Intent(Action.TURN_ON, ("porch",)), "porch/light/switch", "1"),
    (Intent(Action.SET_BRIGHTNESS, ("porch",), 40.0), "porch/light/brightness/set", "40"),
    (Intent(Action.SET_BRIGHTNESS, ("desk",), 50.0), "desk/set", {"state": "ON", "brightness": 128}),
    (Intent(Action.SET_COLOR, ("desk",), "red"), "desk/set", {"state": "ON", "color": {"r": 255, "g": 0, "b": 0}}),
    (Intent(Action.SET_TEMPERATURE, ("heat_pump",), 21.5), "hp/target/set", "21.5"),
    (Intent(Action.TURN_OFF, ("heat_pump",)), "hp/mode/set", "off"),
    (Intent(Action.SET_HVAC_MODE, ("heat_pump",), "cool"), "hp/mode/set", "cool"),
    (Intent(Action.OPEN, ("garage",)), "garage/set", "UP"),
    (Intent(Action.SET_POSITION, ("garage",), 30.0), "garage/position/set", "30"),
    (Intent(Action.TURN_ON, ("reading_lamp",)), "cmnd/reading_lamp/Power", "ON"),
    (Intent(Action.SET_BRIGHTNESS, ("reading_lamp",), 25.0), "cmnd/reading_lamp/Dimmer", "25"),
    (Intent(Action.TOGGLE, ("pump",)), "cmnd/aquarium/Power2", "TOGGLE"),
    (Intent(Action.TURN_ON, ("heater",)), "shed/heater/cmd", "power=1"),
])
def test_command_message(intent: Intent, topic: str, payload: str | dict[str, Any]) -> None:
    plan = plan_intent(intent, _config(), StateStore())

    assert plan.problem is None
    assert [c.topic for c in plan.commands] == [topic]
    sent = plan.commands[0].payload
    assert (json.loads(sent) if isinstance(payload, dict) else sent) == payload


def test_tasmota_cannot_set_temperature() -> None:
    devices = [{"id": "plug_heater", "type": "climate", "mqtt": {"convention": "tasmota"}}]
    plan = plan_intent(Intent(Action.SET_TEMPERATURE, ("plug_heater",), 20.0), bridge_config(None, devices),
                       StateStore())

    assert plan.commands == ()
    assert plan.problem is not None
    assert plan.problem.key == "reply_unsupported"


@pytest.mark.parametrize(("template", "payload", "expected"), [
    (None, b" ON ", "ON"),
    ("{{ value }}", b"42", "42"),
    ("{{ value_json.target }}", b'{"target": 21.5}', 21.5),
    ("{{ value_json['current'] | float }}", b'{"current": "19.25"}', 19.25),
    ("{{ value_json.a.b | int }}", b'{"a": {"b": 7.9}}', 7),
    ("{{value_json.state|lower}}", b'{"state": "OPEN"}', "open"),
])
def test_template_render(template: str | None, payload: bytes, expected: object) -> None:
    assert render(template, payload) == expected


@pytest.mark.parametrize(("template", "payload"), [
    ("{{ value_json.target }}", b"OFF"),
    ("{{ value_json.target }}", b'{"other": 1}'),
    ("{{ value_json.t | float }}", b'{"t": "warm"}'),
    ("{% if value == '1' %}ON{% endif %}", b"1"),
    (None, b"\xff\xfe"),
])
def test_template_rejects(template: str | None, payload: bytes) -> None:
    with pytest.raises(TemplateError):
        render(template, payload)


def _device(device_id: str) -> Device:
    return _config().device(device_id)


@pytest.mark.parametrize(("device_id", "topic", "payload", "values"), [
    ("porch", "porch/light/status", b"1", {"state": "ON"}),
    ("porch", "porch/light/brightness", b"50", {"brightness": 127}),
    ("desk", "desk/state", b'{"state": "ON", "brightness": 255, "color_temp": 300}',
     {"state": "ON", "brightness": 254, "color_temp": 300.0}),
    ("heat_pump", "hp/state", b'{"target": 22}', {"occupied_heating_setpoint": 22.0}),
    ("heat_pump", "hp/mode", b"heat", {"system_mode": "heat"}),
    ("garage", "garage/state", b"opening", {"state": "OPENING"}),
    ("reading_lamp", "stat/reading_lamp/RESULT", b'{"POWER": "ON", "Dimmer": 50}',
     {"state": "ON", "dimmer": 50, "brightness": 127}),
    ("reading_lamp", "stat/reading_lamp/POWER", b"OFF", {"state": "OFF"}),
    ("reading_lamp", "tele/reading_lamp/SENSOR", b'{"Time": "2026-12-04T20:00:00", "AM2301": {"Temperature": 21.5}}',
     {"temperature": 21.5}),
    ("pump", "stat/aquarium/RESULT", b'{"POWER1": "ON", "POWER2": "OFF"}', {"state": "OFF"}),
    ("heater", "shed/heater/state", b"on", {"state": "ON"}),
])
def test_state_reading(device_id: str, topic: str, payload: bytes, values: dict[str, Any]) -> None:
    device = _device(device_id)
    reading = convention_for(device).read(device, topic, payload)

    assert reading.problem is None
    assert reading.values == values


def test_tasmota_lwt() -> None:
    device = _device("reading_lamp")
    convention = convention_for(device)

    assert convention.read(device, "tele/reading_lamp/LWT", b"Offline").online is False
    assert convention.read(device, "tele/reading_lamp/LWT", b"Online").online is True
    assert convention.read(device, "tele/reading_lamp/LWT", b"maybe").problem is not None


async def test_tasmota_confirms(broker: Broker) -> None:
    device = FakeTasmota(broker.port, "reading_lamp")
    try:
        async with running_bridge(_config(broker.port)) as bridge:
            config = bridge.merged_config()
            on = await within(bridge.execute(plan_intent(Intent(Action.TURN_ON, ("reading_lamp",)), config,
                                                         bridge.states)))
            dim = await within(bridge.execute(plan_intent(Intent(Action.SET_BRIGHTNESS, ("reading_lamp",), 30.0),
                                                          config, bridge.states)))
            state = bridge.states.get("reading_lamp")
    finally:
        device.close()

    assert [r.status for r in on] == [CommandStatus.CONFIRMED]
    assert [r.status for r in dim] == [CommandStatus.CONFIRMED]
    assert state is not None
    assert state.values["dimmer"] == 30


class FakePorchLight(Client):
    """A Home Assistant default-schema light that reports `1`/`0` and its brightness out of 100."""

    def __init__(self, port: int) -> None:
        super().__init__(port, ("porch/light/switch", "porch/light/brightness/set"))

    def handle(self, topic: str, payload: bytes) -> None:
        if topic == "porch/light/switch":
            self.paho.publish("porch/light/status", payload, qos=1)
        else:
            self.paho.publish("porch/light/brightness", payload, qos=1)
            self.paho.publish("porch/light/status", b"1", qos=1)


async def test_homeassistant_light_confirms(broker: Broker) -> None:
    light = FakePorchLight(broker.port)
    try:
        async with running_bridge(_config(broker.port)) as bridge:
            config = bridge.merged_config()
            off = await within(bridge.execute(plan_intent(Intent(Action.TURN_OFF, ("porch",)), config,
                                                          bridge.states)))
            dim = await within(bridge.execute(plan_intent(Intent(Action.SET_BRIGHTNESS, ("porch",), 60.0), config,
                                                          bridge.states)))
            assert await until(lambda: bridge.states.get("porch") is not None)
            state = bridge.states.get("porch")
    finally:
        light.close()

    assert [r.status for r in off] == [CommandStatus.CONFIRMED]
    assert [r.status for r in dim] == [CommandStatus.CONFIRMED]
    assert state is not None
    assert state.values == {"state": "ON", "brightness": 152}
