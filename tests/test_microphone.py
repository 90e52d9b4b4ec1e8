"""The microphone path with a fake sound device (none exists here) and with none at all."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from homeassist.audio.format import FRAME_SAMPLES
from homeassist.audio.microphone import MicrophoneSource
from tests.conftest import REPOSITORY, example_config_dict, free_port, write_config
from tests.test_daemon import LogWatcher


class FakePortAudioError(Exception):
    pass


class FakeInputStream:
    """Plays a script: each open either fails or delivers some blocks, then ends or goes silent."""

    def __init__(self, fake: FakeSoundDevice, callback: Callable[..., None],
                 finished_callback: Callable[[], None], **settings: Any) -> None:
        assert settings["samplerate"] == 16000
        assert settings["channels"] == 1
        assert settings["dtype"] == "int16"
        self._device = fake
        self._callback = callback
        self._finished = finished_callback
        step = fake.script.pop(0)
        if step == "fail":
            raise FakePortAudioError("Error querying device -1")
        self._blocks, self._ending = step
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.closed = False

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        for index in range(self._blocks):
            if self.closed:
                return
            block = np.full((FRAME_SAMPLES, 1), self._device.next_value, np.int16)
            self._device.next_value += 1
            self._callback(block, FRAME_SAMPLES, None, None)
            time.sleep(0.005)
            del index
        if self._ending == "finish":
            self._finished()
        # "stall": deliver nothing more, as a device that was unplugged may do.

    def close(self, ignore_errors: bool = False) -> None:
        self.closed = True


class FakeSoundDevice:
    """The parts of the sounddevice module that MicrophoneSource uses."""

    PortAudioError = FakePortAudioError

    def __init__(self, script: list[Any]) -> None:
        self.script = script
        self.next_value = 0

    def InputStream(self, **settings: Any) -> FakeInputStream:
        callback = settings.pop("callback")
        finished = settings.pop("finished_callback")
        return FakeInputStream(self, callback, finished, **settings)


async def _take(source: MicrophoneSource, count: int) -> list[int]:
    values = []
    async for chunk in source.chunks():
        values.append(int(chunk.samples[0]))
        if len(values) == count:
            break
    return values


@pytest.mark.asyncio(loop_scope="session")
async def test_microphone_retries_and_resumes() -> None:
    device = FakeSoundDevice(["fail", "fail", (3, "finish"), "fail", (2, "stall"), (4, "finish")])
    failures: list[float] = []
    source = MicrophoneSource(backend=device, retry_initial_s=0.05, retry_max_s=0.2, stall_timeout_s=0.3,
                              on_unavailable=lambda detail, delay_s: failures.append(delay_s))

    values = await asyncio.wait_for(_take(source, 9), timeout=10)

    # Every block arrives once and in order, across a missing device, an ended stream and a stall.
    assert values == list(range(9))
    assert source.open_attempts == 6
    # Back-off grows between failures: 0.05, 0.1, then after the stream ended 0.1 and 0.2.
    assert failures[:2] == [0.05, 0.1]
    assert failures[2] > failures[0]


@pytest.mark.asyncio(loop_scope="session")
async def test_microphone_backoff_is_capped_and_idle() -> None:
    device = FakeSoundDevice(["fail"] * 50)
    source = MicrophoneSource(backend=device, retry_initial_s=0.01, retry_max_s=0.08)
    started = time.process_time()

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(_take(source, 1), timeout=1.0)

    assert source.open_attempts < 20  # no busy loop: about 1 s / 0.08 s plus the first few
    assert time.process_time() - started < 0.5


def test_daemon_without_microphone_retries(tmp_path: Path) -> None:
    data = example_config_dict(free_port())
    data["language"] = "en"
    process = subprocess.Popen([sys.executable, "-m", "homeassist", "--config", str(write_config(tmp_path, data)),
                                "run", "--connect-timeout", "1"],
                               cwd=REPOSITORY, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log = LogWatcher(process)
    try:
        assert log.wait_for("ready: listening"), log.text()
        assert log.wait_for("No microphone is available", timeout_s=10), log.text()
        assert log.wait_for("microphone unavailable", timeout_s=10), log.text()
        time.sleep(3.5)
        assert process.poll() is None  # still running, waiting for a microphone
        retries = [line for line in log.lines if "microphone unavailable" in line]
        process.send_signal(signal.SIGTERM)
        stopping = time.monotonic()
        assert process.wait(timeout=20) == 0, log.text()
        assert time.monotonic() - stopping < 5  # no turn in progress, so no wait for one
    finally:
        if process.poll() is None:
            process.kill()
    assert 2 <= len(retries) <= 4  # 1 s, 2 s, then 4 s apart
