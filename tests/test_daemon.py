"""The daemon under systemd: sd_notify, SIGTERM in the middle of a turn, SIGHUP reloads."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from homeassist.config import load_config
from homeassist.samples import synthesize_turn, write_sample
from homeassist.tts import TextToSpeech
from tests.conftest import REPOSITORY, Broker, Recorder, example_config_dict, wait_for, write_config


class LogWatcher:
    """Read a process's stderr on a thread and let tests wait for a line."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._process = process
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, timeout_s: float = 240) -> bool:
        return wait_for(lambda: any(text in line for line in self.lines), timeout_s)

    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture(scope="module")
def long_recording(tmp_path_factory: pytest.TempPathFactory, models_installed: Path) -> Path:
    """Two commands 12 s apart, so a daemon fed in real time runs long enough to be signalled."""
    config, _ = load_config(None)
    tts = TextToSpeech(config)
    first = synthesize_turn(tts, "Hey Jarvis", "Turn on the kitchen light.", "en")
    gap = np.zeros(12 * 16000, np.int16)
    second = synthesize_turn(tts, "Hey Jarvis", "Turn off the kitchen light.", "en")
    return write_sample(tmp_path_factory.mktemp("recordings") / "two-turns.wav", [first, gap, second])


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    path = str(tmp_path / "notify.sock")
    received: list[str] = []
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.2)
    running = True

    def receive() -> None:
        while running:
            try:
                received.append(sock.recv(4096).decode())
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=receive, daemon=True)
    thread.start()
    yield path, received
    running = False
    thread.join(timeout=2)
    sock.close()


def _start(config: Path, recording: Path, output: Path, environment: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "homeassist", "--config", str(config), "run", "--input", str(recording),
         "--realtime", "--output-dir", str(output)],
        cwd=REPOSITORY, env={**os.environ, "PYTHONUNBUFFERED": "1", **environment},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_notify_and_sigterm_mid_turn(broker: Broker, recorder: Recorder, tmp_path: Path, long_recording: Path,
                                     notify_socket: tuple[str, list[str]]) -> None:
    socket_path, messages = notify_socket
    config = write_config(tmp_path, example_config_dict(broker.port))
    process = _start(config, long_recording, tmp_path / "out",
                     {"NOTIFY_SOCKET": socket_path, "WATCHDOG_USEC": "1000000"})
    log = LogWatcher(process)
    try:
        assert log.wait_for("end of command"), log.text()
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        assert process.wait(timeout=30) == 0, log.text()
        stopped_after_s = time.monotonic() - started
    finally:
        if process.poll() is None:
            process.kill()

    assert "READY=1" in messages
    assert "WATCHDOG=1" in messages
    assert "STOPPING=1" in messages
    assert messages.index("READY=1") < messages.index("STOPPING=1")
    # The turn that was being processed finished: its command went out and its reply was written.
    assert wait_for(lambda: recorder.on_topic("zigbee2mqtt/kitchen_light/set") == [{"state": "ON"}])
    assert (tmp_path / "out" / "reply-001.wav").is_file()
    # The second command, 12 s later, never started.
    assert not (tmp_path / "out" / "reply-002.wav").exists()
    assert stopped_after_s < 15


def test_sighup_broken_config_keeps_old(broker: Broker, recorder: Recorder, tmp_path: Path,
                                        long_recording: Path) -> None:
    config = write_config(tmp_path, example_config_dict(broker.port))
    process = _start(config, long_recording, tmp_path / "out", {})
    log = LogWatcher(process)
    try:
        assert log.wait_for("ready: listening"), log.text()
        config.write_text("devices: [\n  - id: broken\n", encoding="utf-8")
        process.send_signal(signal.SIGHUP)
        assert log.wait_for("new configuration rejected", timeout_s=30), log.text()
        assert process.wait(timeout=120) == 0, log.text()
    finally:
        if process.poll() is None:
            process.kill()

    assert recorder.on_topic("zigbee2mqtt/kitchen_light/set") == [{"state": "ON"}, {"state": "OFF"}]


def test_sighup_valid_config_applies(broker: Broker, recorder: Recorder, tmp_path: Path,
                                     long_recording: Path) -> None:
    data = example_config_dict(broker.port)
    config = write_config(tmp_path, data)
    process = _start(config, long_recording, tmp_path / "out", {})
    log = LogWatcher(process)
    try:
        assert log.wait_for("ready: listening"), log.text()
        kitchen = next(d for d in data["devices"] if d["id"] == "kitchen_light")
        kitchen["mqtt"] = {"base_topic": "zigbee2mqtt/Kitchen Ceiling"}
        write_config(tmp_path, data)
        process.send_signal(signal.SIGHUP)
        assert log.wait_for("configuration reloaded", timeout_s=60), log.text()
        assert process.wait(timeout=120) == 0, log.text()
    finally:
        if process.poll() is None:
            process.kill()

    assert recorder.on_topic("zigbee2mqtt/Kitchen Ceiling/set") == [{"state": "ON"}, {"state": "OFF"}]
