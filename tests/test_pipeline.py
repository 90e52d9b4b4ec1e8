"""The whole pipeline in process: real models, real audio, a real Mosquitto."""

from __future__ import annotations

import json
import wave
from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np
import pytest
import pytest_asyncio
from opencc import OpenCC

from homeassist.assistant import Assistant
from homeassist.audio.sink import WavSink
from homeassist.audio.source import FileSource, read_recording
from homeassist.config import Config
from homeassist.samples import synthesize_turn, write_sample
from homeassist.understand.intent import DEVICE_ACTIONS
from tests.conftest import SHARED_AUDIO, Broker, Recorder, wait_for
from tests.test_bridge_support import FakeZigbeeDevice

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def assistant(session_config: Config, models_installed: Path) -> AsyncIterator[Assistant]:
    instance = Assistant(session_config)
    await instance.start()
    assert await instance.wait_connected(10), "assistant did not connect to the test broker"
    yield instance
    await instance.stop()


def _recording(assistant: Assistant, directory: Path, name: str, command: str) -> Path:
    assert assistant.tts is not None
    audio = synthesize_turn(assistant.tts, "Hey Jarvis", command, "en")
    return write_sample(directory / name, [audio])


def _wav_samples(path: Path) -> np.ndarray:
    return read_recording(path)


async def test_kitchen_light_recording(assistant: Assistant, recorder: Recorder, tmp_path: Path) -> None:
    recording = _recording(assistant, tmp_path, "kitchen.wav", "Turn on the kitchen light.")
    results = await assistant.run_audio(FileSource(recording), WavSink(tmp_path / "out"))

    assert len(results) == 1
    assert wait_for(lambda: len(recorder.commands()) >= 1)
    commands = recorder.commands()
    assert len(commands) == 1, commands
    topic, payload, retained = commands[0]
    assert topic == "zigbee2mqtt/kitchen_light/set"
    assert json.loads(payload) == {"state": "ON"}
    assert retained is False

    reply_wav = results[0].reply_audio
    assert reply_wav is not None and reply_wav.is_file()
    with wave.open(str(reply_wav)) as reader:
        assert reader.getnframes() > reader.getframerate() * 0.5
    assert assistant.stt is not None
    heard = assistant.stt.transcribe(_wav_samples(reply_wav)).text.lower()
    assert "kitchen light" in heard
    assert "turned on" in heard


async def test_thermostat_recording(assistant: Assistant, recorder: Recorder, tmp_path: Path) -> None:
    recording = _recording(assistant, tmp_path, "thermostat.wav", "Set the bedroom thermostat to 23 degrees.")
    results = await assistant.run_audio(FileSource(recording), WavSink(tmp_path / "out"))

    assert len(results) == 1
    assert wait_for(lambda: len(recorder.commands()) >= 1), results[0].summary()
    assert recorder.on_topic("zigbee2mqtt/bedroom_thermostat/set") == [{"occupied_heating_setpoint": 23.0}]
    assert len(recorder.commands()) == 1
    assert "23" in results[0].reply


@pytest.mark.parametrize("clip", ["nonspeech_silence_1s.wav", "nonspeech_noise_1s.wav"])
async def test_silence_and_noise_do_nothing(assistant: Assistant, recorder: Recorder, tmp_path: Path,
                                            clip: str) -> None:
    results = await assistant.run_audio(FileSource(SHARED_AUDIO / clip), WavSink(tmp_path))

    assert results == []
    assert not wait_for(lambda: recorder.commands(), timeout_s=0.5)


async def test_wake_then_silence_ends_quietly(assistant: Assistant, recorder: Recorder, tmp_path: Path) -> None:
    assert assistant.tts is not None
    silence = read_recording(SHARED_AUDIO / "nonspeech_silence_1s.wav")
    audio = synthesize_turn(assistant.tts, "Hey Jarvis", "", "en")
    recording = write_sample(tmp_path / "wake-only.wav", [audio, *[silence] * 5])
    results = await assistant.run_audio(FileSource(recording), WavSink(tmp_path / "out"))

    assert len(results) == 1
    assert results[0].ended_quietly is not None
    assert results[0].reply == ""
    assert results[0].reply_audio is None
    assert not wait_for(lambda: recorder.commands(), timeout_s=0.5)


async def test_librispeech_after_wake_no_action(assistant: Assistant, recorder: Recorder,
                                                tmp_path: Path) -> None:
    assert assistant.tts is not None
    wake = synthesize_turn(assistant.tts, "Hey Jarvis", "", "en")[:-16000]
    speech = read_recording(SHARED_AUDIO / "en_librispeech_1995-1837-0001.wav")
    tail = np.zeros(24000, np.int16)
    recording = write_sample(tmp_path / "libri.wav", [wake, speech, tail])
    results = await assistant.run_audio(FileSource(recording), WavSink(tmp_path / "out"))

    assert len(results) == 1
    assert "sorrow" in results[0].transcript.lower()
    assert results[0].intent is None or results[0].intent.action not in DEVICE_ACTIONS
    assert not wait_for(lambda: recorder.commands(), timeout_s=0.5)


async def test_aishell_clip_is_simplified(assistant: Assistant) -> None:
    assert assistant.stt is not None
    transcript = assistant.stt.transcribe(read_recording(SHARED_AUDIO / "zh_aishell_BAC009S0724W0121.wav"))

    assert transcript.language == "zh"
    assert "广州" in transcript.text
    assert transcript.text == OpenCC("t2s").convert(transcript.text)


async def test_unknown_device_publishes_nothing(assistant: Assistant, recorder: Recorder) -> None:
    result = await assistant.handle_text("turn on the garage disco ball", "en")

    assert result.results == []
    assert "Nothing was changed" in result.reply
    assert "Turned" not in result.reply
    assert not wait_for(lambda: recorder.commands(), timeout_s=0.5)


async def test_broker_down_then_back(assistant: Assistant, broker: Broker, recorder: Recorder,
                                     example_devices: list[FakeZigbeeDevice]) -> None:
    broker.stop()
    try:
        failed = await assistant.handle_text("turn on the kitchen light", "en")
    finally:
        broker.start()

    assert len(failed.results) == 1
    assert failed.results[0].published is False
    assert "could not reach" in failed.reply
    assert "Turned on" not in failed.reply

    assert await assistant.wait_connected(15)
    assert all(device.wait_subscribed(10) for device in example_devices)
    again = await assistant.handle_text("turn on the kitchen light", "en")
    assert again.results[0].published is True
    assert again.reply.startswith("Turned on")


async def test_weather_question_not_invented(assistant: Assistant, recorder: Recorder) -> None:
    english = await assistant.handle_text("what's the weather like today?", "en")
    chinese = await assistant.handle_text("今天天气怎么样", "zh")

    assert "internet" in english.reply
    assert "不联网" in chinese.reply
    assert english.results == []
    assert not wait_for(lambda: recorder.commands(), timeout_s=0.5)


async def test_config_without_devices_does_not_crash(tmp_path: Path, models_installed: Path) -> None:
    from homeassist.config import parse_config

    config = parse_config(f"models_dir: {models_installed}\nstate_dir: {tmp_path}\n", tmp_path / "config.yaml")
    lonely = Assistant(config, audio=False, tts=False)
    await lonely.start()
    try:
        result = await lonely.handle_text("turn on the kitchen light", "en")
    finally:
        await lonely.stop()

    assert result.results == []
    assert result.reply
