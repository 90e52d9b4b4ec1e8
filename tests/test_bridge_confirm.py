"""Commands are reported as done only when the device's state confirms them."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from homeassist.act.bridge import DeviceBridge
from homeassist.act.plan import plan_intent
from homeassist.reply import CommandResult, CommandStatus, build_reply
from homeassist.understand.intent import Action, Intent
from tests.conftest import Broker, Recorder
from tests.test_bridge_support import (
    Client,
    FakeZigbeeDevice,
    bridge_config,
    running_bridge,
    until,
    within,
)

pytestmark = pytest.mark.asyncio(loop_scope="session")


def _light(device_id: str) -> dict[str, object]:
    return {"id": device_id, "type": "light", "names": {"en": [device_id.replace("_", " ")], "zh": ["测试灯"]},
            "capabilities": {"dimmable": True}}


def _thermostat(device_id: str) -> dict[str, object]:
    return {"id": device_id, "type": "climate", "names": {"en": ["thermostat"], "zh": ["卧室空调"]},
            "capabilities": {"min_temp_c": 16, "max_temp_c": 30}}


async def _run(bridge: DeviceBridge, intent: Intent) -> tuple[list[CommandResult], str]:
    config = bridge.merged_config()
    plan = plan_intent(intent, config, bridge.states)
    assert plan.problem is None, plan.problem
    results = await within(bridge.execute(plan))
    return results, build_reply(intent, plan, results, config, bridge.states, config.language)


async def test_device_answer_confirms(broker: Broker) -> None:
    device = FakeZigbeeDevice(broker.port, "confirm_lamp", {"state": "OFF", "brightness": 10})
    try:
        async with running_bridge(bridge_config(broker.port, [_light("confirm_lamp")])) as bridge:
            results, reply = await _run(bridge, Intent(Action.TURN_ON, ("confirm_lamp",)))
            dimmed, dimmed_reply = await _run(bridge, Intent(Action.SET_BRIGHTNESS, ("confirm_lamp",), 50.0))
    finally:
        device.close()

    assert [r.status for r in results] == [CommandStatus.CONFIRMED]
    assert reply == "Turned on the confirm lamp."
    assert [r.status for r in dimmed] == [CommandStatus.CONFIRMED]
    assert dimmed_reply == "Set the confirm lamp to 50 percent."
    assert device.state == {"state": "ON", "brightness": 127}


async def test_silent_device_no_response(broker: Broker, recorder: Recorder) -> None:
    device = FakeZigbeeDevice(broker.port, "silent_lamp", silent=True)
    try:
        async with running_bridge(bridge_config(broker.port, [_light("silent_lamp")])) as bridge:
            started = time.monotonic()
            results, reply = await _run(bridge, Intent(Action.TURN_ON, ("silent_lamp",)))
            elapsed_s = time.monotonic() - started
    finally:
        device.close()

    assert [r.status for r in results] == [CommandStatus.NO_RESPONSE]
    assert results[0].published is True
    assert reply == "I asked the silent lamp to turn on, but it did not respond."
    assert 1.4 <= elapsed_s < 3.0
    assert await until(lambda: len(device.on_topic("zigbee2mqtt/silent_lamp/set")) == 1)
    assert [retained for _, _, retained in device.messages] == [False], "commands are never retained"


async def test_chinese_setpoint_confirmed(broker: Broker) -> None:
    device = FakeZigbeeDevice(broker.port, "confirm_thermostat", {"occupied_heating_setpoint": 20})
    config = bridge_config(broker.port, [_thermostat("confirm_thermostat")], language="zh")
    try:
        async with running_bridge(config) as bridge:
            results, reply = await _run(bridge, Intent(Action.SET_TEMPERATURE, ("confirm_thermostat",), 23.0))
    finally:
        device.close()

    assert [r.status for r in results] == [CommandStatus.CONFIRMED]
    assert reply == "已把卧室空调调到23度。"


async def test_toggle_expects_opposite(broker: Broker) -> None:
    device = FakeZigbeeDevice(broker.port, "toggle_lamp", {"state": "ON"})
    device.publish("zigbee2mqtt/toggle_lamp", json.dumps({"state": "ON"}))
    try:
        async with running_bridge(bridge_config(broker.port, [_light("toggle_lamp")])) as bridge:
            device.publish("zigbee2mqtt/toggle_lamp", json.dumps({"state": "ON"}))
            assert await until(lambda: bridge.states.get("toggle_lamp") is not None)
            results, _ = await _run(bridge, Intent(Action.TOGGLE, ("toggle_lamp",)))
            state = bridge.states.get("toggle_lamp")
    finally:
        device.close()

    assert [r.status for r in results] == [CommandStatus.CONFIRMED]
    assert state is not None
    assert state.values["state"] == "OFF"


@pytest.mark.parametrize("payload", [b'{"state": "offline"}', b"offline"])
async def test_offline_device_not_commanded(broker: Broker, recorder: Recorder, payload: bytes) -> None:
    publisher = Client(broker.port)
    publisher.publish("zigbee2mqtt/offline_lamp/availability", payload, retain=True)
    try:
        async with running_bridge(bridge_config(broker.port, [_light("offline_lamp")])) as bridge:
            assert await until(lambda: bridge.is_online(bridge.config.devices[0]) is False)
            results, reply = await _run(bridge, Intent(Action.TURN_ON, ("offline_lamp",)))
    finally:
        publisher.publish("zigbee2mqtt/offline_lamp/availability", b"", retain=True)
        publisher.close()

    assert [r.status for r in results] == [CommandStatus.OFFLINE]
    assert results[0].published is False
    assert reply == "The offline lamp is offline, so nothing was sent."
    assert recorder.commands() == []


async def test_bridge_offline_marks_devices(broker: Broker, recorder: Recorder) -> None:
    publisher = Client(broker.port)
    try:
        async with running_bridge(bridge_config(broker.port, [_light("bridged_lamp")])) as bridge:
            device = bridge.config.devices[0]
            assert bridge.is_online(device) is None
            publisher.publish("zigbee2mqtt/bridge/state", '{"state":"offline"}')
            assert await until(lambda: bridge.is_online(device) is False)
            results, _ = await _run(bridge, Intent(Action.TURN_OFF, ("bridged_lamp",)))
            publisher.publish("zigbee2mqtt/bridge/state", "online")
            # zigbee2mqtt does not list this configured device, so the bridge being online tells nothing about it.
            assert await until(lambda: bridge.zigbee2mqtt_online is True)
            online_after = bridge.is_online(device)
    finally:
        publisher.close()

    assert [r.status for r in results] == [CommandStatus.OFFLINE]
    assert recorder.commands() == []
    assert online_after is None


async def test_retained_state_at_start(broker: Broker, recorder: Recorder) -> None:
    publisher = Client(broker.port)
    publisher.publish("zigbee2mqtt/retained_lamp", json.dumps({"state": "ON", "brightness": 200}), retain=True)
    try:
        before = time.time()
        async with running_bridge(bridge_config(broker.port, [_light("retained_lamp")])) as bridge:
            assert await until(lambda: bridge.states.get("retained_lamp") is not None)
            state = bridge.states.get("retained_lamp")
            await within(asyncio.sleep(0.3))
    finally:
        publisher.publish("zigbee2mqtt/retained_lamp", b"", retain=True)
        publisher.close()

    assert state is not None
    assert state.values == {"state": "ON", "brightness": 200}
    assert state.updated_at >= before
    assert recorder.commands() == []


async def test_confirm_off_says_sent(broker: Broker) -> None:
    light = {**_light("unconfirmed_lamp"), "mqtt": {"confirm": False}}
    async with running_bridge(bridge_config(broker.port, [light])) as bridge:
        started = time.monotonic()
        results, reply = await _run(bridge, Intent(Action.TURN_ON, ("unconfirmed_lamp",)))
        elapsed_s = time.monotonic() - started

    assert [r.status for r in results] == [CommandStatus.SENT]
    assert reply == "I asked the unconfirmed lamp to turn on, but cannot confirm that it happened."
    assert elapsed_s < 1.0


async def test_embedded_broker_says_sent() -> None:
    async with running_bridge(bridge_config(None, [_light("demo_lamp")], language="zh")) as bridge:
        results, reply = await _run(bridge, Intent(Action.TURN_ON, ("demo_lamp",)))

    assert bridge.confirmation is False
    assert [r.status for r in results] == [CommandStatus.SENT]
    assert reply == "已把“打开”的指令发给测试灯，但无法确认是否完成。"
