"""Shared fixtures: a real Mosquitto broker, an MQTT recorder, configurations and models."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import paho.mqtt.client as paho
import pytest
import yaml

from homeassist.config import EXAMPLE_CONFIG, Config, parse_config
from homeassist.modelstore import DEFAULT_MODELS_DIR, load_manifest, require_model

REPOSITORY = Path(__file__).resolve().parent.parent
SHARED_AUDIO = REPOSITORY.parent / "shared" / "audio"
SAMPLES = REPOSITORY / "samples"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Broker:
    port: int
    process: subprocess.Popen[bytes]
    config_path: Path

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def start(self) -> None:
        self.process = _launch_mosquitto(self.config_path, self.port)


def _launch_mosquitto(config_path: Path, port: int) -> subprocess.Popen[bytes]:
    executable = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
    process = subprocess.Popen([executable, "-c", str(config_path)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mosquitto exited: {process.stderr.read().decode() if process.stderr else ''}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.05)
    process.terminate()
    raise RuntimeError(f"mosquitto did not listen on 127.0.0.1:{port} within 10 s")


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    """A Mosquitto broker on a free loopback port, started for this test session."""
    directory = tmp_path_factory.mktemp("mosquitto")
    port = free_port()
    config_path = directory / "mosquitto.conf"
    config_path.write_text(
        f"listener {port} 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\npersistence false\n"
    )
    broker = Broker(port, _launch_mosquitto(config_path, port), config_path)
    yield broker
    if broker.process.poll() is None:
        broker.stop()


@dataclass
class Recorder:
    """Every message a paho subscriber received, with its retain flag."""

    messages: list[tuple[str, bytes, bool]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def on_topic(self, topic: str) -> list[dict[str, Any]]:
        with self.lock:
            return [json.loads(p) for t, p, _ in self.messages if t == topic]

    def commands(self) -> list[tuple[str, bytes, bool]]:
        with self.lock:
            return [m for m in self.messages if m[0].endswith("/set")]

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


@pytest.fixture(scope="session", autouse=True)
def example_devices(broker: Broker) -> Iterator[list[Any]]:
    """Fake zigbee2mqtt devices for the example configuration, which report state after each command."""
    from tests.test_bridge_support import FakeZigbeeDevice

    names = ("living_room_light", "kitchen_light", "bedroom_light", "bedroom_thermostat")
    devices = [FakeZigbeeDevice(broker.port, name) for name in names]
    yield devices
    for device in devices:
        device.close()


@pytest.fixture
def recorder(broker: Broker) -> Iterator[Recorder]:
    """A subscriber to every topic on the test broker."""
    record = Recorder()
    subscribed = threading.Event()
    client = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id=f"recorder-{time.monotonic_ns()}")

    def on_connect(client: paho.Client, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        client.subscribe("#", qos=1)

    def on_subscribe(*_: Any) -> None:
        subscribed.set()

    def on_message(client: paho.Client, userdata: Any, message: paho.MQTTMessage) -> None:
        with record.lock:
            record.messages.append((message.topic, message.payload, bool(message.retain)))

    client.on_connect = on_connect
    client.on_subscribe = on_subscribe
    client.on_message = on_message
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    assert subscribed.wait(10), "recorder could not subscribe to the test broker"
    yield record
    client.loop_stop()
    client.disconnect()


def wait_for(predicate: Any, timeout_s: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return bool(predicate())


def example_config_dict(port: int | None) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    data["models_dir"] = str(DEFAULT_MODELS_DIR)
    # Each configuration gets its own state directory, so timers and preferences from
    # one test (or from someone's own use of the machine) never reach another.
    data["state_dir"] = tempfile.mkdtemp(prefix="homeassist-state-")
    if port is not None:
        data["mqtt"] = {"host": "127.0.0.1", "port": port, "publish_timeout_s": 2.0,
                        "reconnect_initial_s": 0.2, "reconnect_max_s": 1.0}
    return data


def write_config(directory: Path, data: dict[str, Any]) -> Path:
    path = directory / "config.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def models_installed() -> Path:
    """The default models, verified; fails with the fix when they are missing."""
    manifest = load_manifest()
    for model_id in ("openwakeword", "silero-vad", "whisper-base", "qwen2.5-coder-0.5b-instruct-q4_k_m",
                     "piper-en_US-joe-medium"):
        require_model(DEFAULT_MODELS_DIR, model_id, manifest)
    return DEFAULT_MODELS_DIR


@pytest.fixture(scope="session")
def session_config(broker: Broker, tmp_path_factory: pytest.TempPathFactory) -> Config:
    path = write_config(tmp_path_factory.mktemp("config"), example_config_dict(broker.port))
    return parse_config(path.read_text(encoding="utf-8"), path)
