"""Helpers for the bridge tests: configurations, a running bridge, MQTT clients and fake devices.

The fake devices are paho clients on 127.0.0.1 that behave as the real gear
does on the wire; they run on paho's own thread, so they reply while the
test awaits the bridge.
"""

from __future__ import annotations

import asyncio
import getpass
import json
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import paho.mqtt.client as paho
from paho.mqtt.enums import CallbackAPIVersion

from homeassist.act.bridge import DeviceBridge
from homeassist.config import Config
from homeassist.state import StateStore
from tests.conftest import Broker, _launch_mosquitto, free_port

T = TypeVar("T")
DATA = Path(__file__).resolve().parent / "data" / "bridge"
AWAIT_TIMEOUT_S = 15.0


async def within(awaitable: Awaitable[T], timeout_s: float = AWAIT_TIMEOUT_S) -> T:
    return await asyncio.wait_for(awaitable, timeout_s)


async def until(predicate: Callable[[], bool], timeout_s: float = 5.0) -> bool:
    """Poll `predicate` without blocking the event loop."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.02)
    return predicate()


def bridge_config(port: int | None, devices: list[dict[str, Any]] | None = None, language: str = "en",
                  areas: list[dict[str, Any]] | None = None, **mqtt: Any) -> Config:
    settings: dict[str, Any] = {"publish_timeout_s": 1.5, "reconnect_initial_s": 0.1, "reconnect_max_s": 0.5,
                                "confirm_timeout_s": 1.5, "client_id": f"homeassist-test-{time.monotonic_ns()}"}
    if port is not None:
        settings.update(host="127.0.0.1", port=port)
    settings.update(mqtt)
    return Config.model_validate({"language": language, "mqtt": settings, "devices": devices or [],
                                  "areas": areas or []})


@asynccontextmanager
async def running_bridge(config: Config, connect: bool = True) -> AsyncIterator[DeviceBridge]:
    bridge = DeviceBridge(config, StateStore())
    await within(bridge.start())
    try:
        if connect:
            assert await bridge.wait_connected(10), "bridge did not connect to the test broker"
        yield bridge
    finally:
        await within(bridge.stop())


def start_broker(directory: Path, extra: str = "", port: int | None = None) -> Broker:
    """Start a Mosquitto of this test's own on a free loopback port."""
    port = port or free_port()
    config_path = directory / "mosquitto.conf"
    # Run as the test's own user: Mosquitto started as root would switch to `mosquitto`, which cannot
    # read the password file or certificates inside pytest's private temporary folders.
    config_path.write_text(f"user {getpass.getuser()}\nlistener {port} 127.0.0.1\npersistence false\n"
                           f"set_tcp_nodelay true\n{extra}")
    if "allow_anonymous" not in extra:
        config_path.write_text(config_path.read_text() + "allow_anonymous true\n")
    return Broker(port, _launch_mosquitto(config_path, port), config_path)


class Client:
    """A paho client on the test broker that records what it receives."""

    def __init__(self, port: int, subscriptions: tuple[str, ...] = (), **connect: Any) -> None:
        self.messages: list[tuple[str, bytes, bool]] = []
        self.lock = threading.Lock()
        self._subscribed = threading.Event()
        self._subscriptions = subscriptions
        self.paho = paho.Client(CallbackAPIVersion.VERSION2, client_id=f"test-{time.monotonic_ns()}")
        self.paho.on_connect = self._on_connect
        self.paho.on_subscribe = lambda *_: self._subscribed.set()
        self.paho.on_disconnect = lambda *_: self._subscribed.clear()
        self.paho.on_message = self._on_message
        if "username" in connect:
            self.paho.username_pw_set(connect.pop("username"), connect.pop("password", None))
        # Reconnect quickly after a broker restart; on_connect subscribes again.
        self.paho.reconnect_delay_set(1, 1)
        self.paho.connect("127.0.0.1", port)
        self.paho.loop_start()
        if subscriptions:
            assert self._subscribed.wait(10), "test client could not subscribe"

    def _on_connect(self, client: paho.Client, *_: Any) -> None:
        for topic in self._subscriptions:
            client.subscribe(topic, qos=1)

    def _on_message(self, client: paho.Client, userdata: Any, message: paho.MQTTMessage) -> None:
        payload = bytes(message.payload)
        with self.lock:
            self.messages.append((message.topic, payload, bool(message.retain)))
        self.handle(message.topic, payload)

    def handle(self, topic: str, payload: bytes) -> None:
        """React to a received message; fake devices override this."""

    def wait_subscribed(self, timeout_s: float = 10.0) -> bool:
        """Wait until the subscriptions of the latest connection are acknowledged (after a broker restart too)."""
        return self._subscribed.wait(timeout_s)

    def on_topic(self, topic: str) -> list[bytes]:
        with self.lock:
            return [p for t, p, _ in self.messages if t == topic]

    def publish(self, topic: str, payload: bytes | str, retain: bool = False) -> None:
        self.paho.publish(topic, payload, qos=1, retain=retain).wait_for_publish(5)

    def close(self) -> None:
        self.paho.loop_stop()
        self.paho.disconnect()


class FakeZigbeeDevice(Client):
    """A zigbee2mqtt device: `/set` updates its state, which it publishes in full unless `silent`."""

    def __init__(self, port: int, name: str, state: dict[str, Any] | None = None, silent: bool = False) -> None:
        self.topic = f"zigbee2mqtt/{name}"
        self.state: dict[str, Any] = dict(state or {})
        self.silent = silent
        super().__init__(port, (f"{self.topic}/set", f"{self.topic}/get"))

    def handle(self, topic: str, payload: bytes) -> None:
        if self.silent:
            return
        if topic.endswith("/set"):
            update = json.loads(payload)
            if update.get("state") == "TOGGLE":
                update["state"] = "OFF" if self.state.get("state") == "ON" else "ON"
            self.state.update(update)
        self.paho.publish(self.topic, json.dumps(self.state), qos=1)


class FakeTasmota(Client):
    """A single-relay Tasmota dimmer that replies to `Power` and `Dimmer` on `stat/<topic>/RESULT`."""

    def __init__(self, port: int, topic: str) -> None:
        self.topic = topic
        self.power = "OFF"
        self.dimmer = 0
        super().__init__(port, (f"cmnd/{topic}/#",))

    def handle(self, topic: str, payload: bytes) -> None:
        command = topic.rsplit("/", 1)[1].lower()
        text = payload.decode()
        if command == "power":
            self.power = {"ON": "ON", "OFF": "OFF", "TOGGLE": "OFF" if self.power == "ON" else "ON"}[text.upper()]
            result: dict[str, Any] = {"POWER": self.power}
        elif command == "dimmer":
            self.dimmer, self.power = int(text), "ON"
            result = {"POWER": self.power, "Dimmer": self.dimmer}
        else:
            return
        self.paho.publish(f"stat/{self.topic}/RESULT", json.dumps(result), qos=1)
