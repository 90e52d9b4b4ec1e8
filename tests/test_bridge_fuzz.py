"""Bad payloads on state topics are ignored and counted; the last good state stays."""

from __future__ import annotations

import json
import logging
import random

import pytest

from homeassist.act.plan import plan_intent
from homeassist.reply import CommandStatus
from homeassist.understand.intent import Action, Intent
from tests.conftest import Broker
from tests.test_bridge_support import Client, FakeZigbeeDevice, bridge_config, running_bridge, until, within

pytestmark = pytest.mark.asyncio(loop_scope="session")

BAD_PAYLOADS = [
    b"OFF",
    b'{"state": "ON", "bright',
    b"",
    b"\xff\xfe\x00garbage",
    b'{"state": "\xc3\x28"}',
    b"[1, 2, 3]",
    b"null",
    b"42",
    b'"ON"',
    b"[" * 100_000 + b"]" * 100_000,
    json.dumps({"state": "ON", "padding": "x" * 70_000}).encode(),
    b"\x00" * 1024,
]

DEVICES = [
    {"id": "fuzz_lamp", "type": "light", "capabilities": {"dimmable": True}},
    {"id": "fuzz_plug", "type": "switch", "mqtt": {"convention": "tasmota", "base_topic": "fuzz_plug"}},
    {"id": "fuzz_sensor", "type": "sensor",
     "mqtt": {"convention": "homeassistant",
              "homeassistant": {"component": "sensor", "state_topic": "fuzz/sensor/state",
                                "value_template": "{{ value_json.temperature | float }}",
                                "device_class": "temperature"}}},
]


async def test_bad_state_payloads_ignored(broker: Broker, caplog: pytest.LogCaptureFixture) -> None:
    publisher = Client(broker.port)
    randomness = random.Random(20261204)
    noise = [bytes(randomness.randrange(256) for _ in range(randomness.randrange(1, 300))) for _ in range(60)]
    caplog.set_level(logging.WARNING, logger="homeassist.state")
    try:
        async with running_bridge(bridge_config(broker.port, DEVICES)) as bridge:
            publisher.publish("zigbee2mqtt/fuzz_lamp", json.dumps({"state": "ON", "brightness": 80}))
            publisher.publish("stat/fuzz_plug/RESULT", json.dumps({"POWER": "ON"}))
            publisher.publish("fuzz/sensor/state", json.dumps({"temperature": 21.5}))
            assert await until(lambda: all(bridge.states.get(str(d["id"])) is not None for d in DEVICES))
            good = {d: dict(bridge.states.get(d).values) for d in ("fuzz_lamp", "fuzz_plug", "fuzz_sensor")}  # type: ignore[union-attr]

            # Fewer than Mosquitto's default 1000 queued messages per client, which it would drop beyond.
            for payload in BAD_PAYLOADS + noise:
                for topic in ("zigbee2mqtt/fuzz_lamp", "stat/fuzz_plug/RESULT", "fuzz/sensor/state",
                              "zigbee2mqtt/fuzz_lamp/availability", "tele/fuzz_plug/LWT"):
                    publisher.publish(topic, payload)
            # Messages from one client arrive in order, so this good one comes after every bad one.
            publisher.publish("zigbee2mqtt/fuzz_lamp", json.dumps({"brightness": 90}))
            assert await until(lambda: bridge.states.get("fuzz_lamp").values["brightness"] == 90,  # type: ignore[union-attr]
                               timeout_s=20)
            after = {d: dict(bridge.states.get(d).values) for d in good}  # type: ignore[union-attr]
            rejected = bridge.states.rejected_payloads
            plug_online = bridge.states.get("fuzz_plug").online  # type: ignore[union-attr]
            lamp = FakeZigbeeDevice(broker.port, "fuzz_lamp", {"state": "ON"})
            plan = plan_intent(Intent(Action.TURN_OFF, ("fuzz_lamp",)), bridge.merged_config(), bridge.states)
            results = await within(bridge.execute(plan))
            lamp.close()
            assert bridge.link is not None
            connects = bridge.link.connect_count
    finally:
        publisher.close()

    assert after == {**good, "fuzz_lamp": {**good["fuzz_lamp"], "brightness": 90}}
    assert rejected >= len(BAD_PAYLOADS) * 4
    assert plug_online is None
    assert [r.status for r in results] == [CommandStatus.CONFIRMED]
    assert connects == 1
    warnings = [r for r in caplog.records if "ignored state payload" in r.getMessage()]
    assert 10 <= len(warnings) < 100, "rejections are logged, but rate-limited"
