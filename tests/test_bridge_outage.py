"""Broker outages: commands fail in bounded time, are not delivered after a restart, and the bridge recovers."""

from __future__ import annotations

import asyncio
import gc
import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from homeassist.act.bridge import DeviceBridge
from homeassist.act.plan import plan_intent
from homeassist.reply import CommandStatus, build_reply
from homeassist.understand.intent import Action, Intent
from tests.test_bridge_support import (
    Client,
    FakeZigbeeDevice,
    bridge_config,
    running_bridge,
    start_broker,
    until,
    within,
)

pytestmark = pytest.mark.asyncio(loop_scope="session")

LAMP = {"id": "outage_lamp", "type": "light", "names": {"en": ["hall lamp"]}, "capabilities": {"dimmable": True}}


async def test_restart_mid_run(tmp_path: Path) -> None:
    broker = start_broker(tmp_path)
    loop = asyncio.get_running_loop()
    unhandled: list[dict[str, Any]] = []
    previous_handler = loop.get_exception_handler()
    loop.set_exception_handler(lambda _, context: unhandled.append(context))
    try:
        # A reconnect delay of 1 s lets the watcher below subscribe before the bridge is back.
        config = bridge_config(broker.port, [LAMP], reconnect_initial_s=1.0, reconnect_max_s=1.0)
        async with running_bridge(config) as bridge:
            assert bridge.link is not None
            config = bridge.merged_config()
            device = FakeZigbeeDevice(broker.port, "outage_lamp", {"state": "OFF"})
            turn_on = plan_intent(Intent(Action.TURN_ON, ("outage_lamp",)), config, bridge.states)
            first = await within(bridge.execute(turn_on))
            device.close()

            broker.stop()
            assert await until(lambda: not bridge.link.connected.is_set())  # type: ignore[union-attr]
            started = time.monotonic()
            turn_off = plan_intent(Intent(Action.TURN_OFF, ("outage_lamp",)), config, bridge.states)
            during = await within(bridge.execute(turn_off))
            failed_after_s = time.monotonic() - started
            reply = build_reply(Intent(Action.TURN_OFF, ("outage_lamp",)), turn_off, during, config, bridge.states,
                                "en")

            broker.start()
            watcher = Client(broker.port, ("zigbee2mqtt/outage_lamp/set",))
            assert not bridge.link.connected.is_set()
            assert await bridge.wait_connected(10)
            assert bridge.link.connect_count >= 2
            device = FakeZigbeeDevice(broker.port, "outage_lamp", {"state": "ON"})
            # State published after the restart reaches the bridge: it resubscribed.
            device.publish("zigbee2mqtt/outage_lamp", json.dumps({"state": "ON", "brightness": 33}))
            assert await until(lambda: _brightness(bridge) == 33)
            await within(asyncio.sleep(1.0))
            late = watcher.on_topic("zigbee2mqtt/outage_lamp/set")
            again = await within(bridge.execute(turn_off))
            device.close()
            watcher.close()
        gc.collect()
        await asyncio.sleep(0.1)
    finally:
        loop.set_exception_handler(previous_handler)
        if broker.process.poll() is None:
            broker.stop()

    assert [r.status for r in first] == [CommandStatus.CONFIRMED]
    assert [r.status for r in during] == [CommandStatus.NOT_SENT]
    assert failed_after_s < 1.5 + 0.5
    assert reply == "Sorry, I could not reach the hall lamp; nothing was changed."
    assert late == [], "the command given during the outage was delivered after it"
    assert [r.status for r in again] == [CommandStatus.CONFIRMED]
    assert [c.get("message") for c in unhandled] == []


def _brightness(bridge: DeviceBridge) -> object:
    state = bridge.states.get("outage_lamp")
    return state.values.get("brightness") if state else None


async def test_broker_absent_at_start(tmp_path: Path) -> None:
    broker = start_broker(tmp_path)
    port = broker.port
    broker.stop()
    try:
        async with running_bridge(bridge_config(port, [LAMP]), connect=False) as bridge:
            assert not await bridge.wait_connected(0.5)
            plan = plan_intent(Intent(Action.TURN_ON, ("outage_lamp",)), bridge.merged_config(), bridge.states)
            results = await within(bridge.execute(plan))
            broker.start()
            assert await bridge.wait_connected(10)
            watcher = Client(port, ("zigbee2mqtt/outage_lamp/set",))
            await within(asyncio.sleep(0.5))
            late = watcher.on_topic("zigbee2mqtt/outage_lamp/set")
            watcher.close()
    finally:
        if broker.process.poll() is None:
            broker.stop()

    assert [r.status for r in results] == [CommandStatus.NOT_SENT]
    assert late == []


async def test_stalled_broker_bounded(tmp_path: Path) -> None:
    broker = start_broker(tmp_path)
    try:
        async with running_bridge(bridge_config(broker.port, [LAMP])) as bridge:
            assert bridge.link is not None
            plan = plan_intent(Intent(Action.TURN_ON, ("outage_lamp",)), bridge.merged_config(), bridge.states)
            # A stopped process keeps its TCP connections open, so only the missing acknowledgement shows.
            broker.process.send_signal(signal.SIGSTOP)
            try:
                started = time.monotonic()
                stalled = await within(bridge.execute(plan))
                failed_after_s = time.monotonic() - started
            finally:
                broker.process.send_signal(signal.SIGCONT)
            assert await until(lambda: bridge.link.connect_count >= 2, timeout_s=10)  # type: ignore[union-attr]
            device = FakeZigbeeDevice(broker.port, "outage_lamp", {"state": "OFF"})
            recovered = await within(bridge.execute(plan))
            device.close()
    finally:
        broker.stop()

    assert [r.status for r in stalled] == [CommandStatus.NOT_SENT]
    assert failed_after_s < 1.5 + 0.5
    assert [r.status for r in recovered] == [CommandStatus.CONFIRMED]
