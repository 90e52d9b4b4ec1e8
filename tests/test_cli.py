"""The command line as a user runs it: real subprocesses, real models, real Mosquitto."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPOSITORY, SAMPLES, Broker, Recorder, example_config_dict, free_port, wait_for, write_config


def homeassist(*args: str, timeout_s: float = 240) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-m", "homeassist", *args], capture_output=True, text=True,
                          timeout=timeout_s, cwd=REPOSITORY, env=environment, check=False)


def test_say_chinese_setpoint(broker: Broker, recorder: Recorder, tmp_path: Path) -> None:
    config = write_config(tmp_path, example_config_dict(broker.port))
    completed = homeassist("--config", str(config), "say", "把卧室温度调到二十四度")

    assert completed.returncode == 0, completed.stderr
    assert wait_for(lambda: recorder.commands())
    assert recorder.on_topic("zigbee2mqtt/bedroom_thermostat/set") == [{"occupied_heating_setpoint": 24.0}]
    assert "24" in completed.stdout
    assert "已把" in completed.stdout


def test_run_demo_recording(broker: Broker, recorder: Recorder, tmp_path: Path) -> None:
    config = write_config(tmp_path, example_config_dict(broker.port))
    output = tmp_path / "replies"
    completed = homeassist("--config", str(config), "run", "--input", str(SAMPLES / "demo-commands.wav"),
                           "--output-dir", str(output))

    assert completed.returncode == 0, completed.stderr
    assert wait_for(lambda: len(recorder.commands()) >= 3)
    topics = [topic for topic, _, _ in recorder.commands()]
    assert topics == ["zigbee2mqtt/kitchen_light/set", "zigbee2mqtt/bedroom_thermostat/set",
                      "zigbee2mqtt/living_room_light/set"]
    assert sorted(p.name for p in output.glob("*.wav")) == ["reply-001.wav", "reply-002.wav", "reply-003.wav"]
    assert str(output / "reply-001.wav") in completed.stdout
    turn_lines = [line for line in completed.stderr.splitlines() if " turn {" in line]
    assert len(turn_lines) == 3
    first = json.loads(turn_lines[0].split(" turn ", 1)[1])
    assert first["mqtt"][0]["payload"] == '{"state": "ON"}'
    assert "end_of_speech_to_transcript" in first["timings_ms"]


def test_invalid_config_names_key(tmp_path: Path) -> None:
    data = example_config_dict(free_port())
    data["wake_word"]["threshold"] = 7
    config = write_config(tmp_path, data)
    completed = homeassist("--config", str(config), "say", "hello")

    assert completed.returncode == 2
    assert "wake_word.threshold" in completed.stderr
    assert "7" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_config_yaml_error(tmp_path: Path) -> None:
    config = tmp_path / "broken.yaml"
    config.write_text("devices: [\n  - id: lamp\n", encoding="utf-8")
    completed = homeassist("--config", str(config), "say", "hello")

    assert completed.returncode == 2
    assert str(config) in completed.stderr
    assert "YAML" in completed.stderr


def test_unknown_area_in_config(tmp_path: Path) -> None:
    data = example_config_dict(free_port())
    data["devices"][0]["area"] = "attic"
    completed = homeassist("--config", str(write_config(tmp_path, data)), "say", "hello")

    assert completed.returncode == 2
    assert "attic" in completed.stderr


def test_missing_model_names_file_and_fix(tmp_path: Path) -> None:
    data = example_config_dict(free_port())
    data["models_dir"] = str(tmp_path / "empty-models")
    completed = homeassist("--config", str(write_config(tmp_path, data)), "say", "hello")

    assert completed.returncode == 2
    assert str(tmp_path / "empty-models") in completed.stderr
    assert "homeassist models install" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_corrupt_model_detected(tmp_path: Path) -> None:
    models = tmp_path / "models"
    wake_dir = models / "openwakeword"
    wake_dir.mkdir(parents=True)
    source = REPOSITORY / "models" / "openwakeword"
    for file in source.iterdir():
        (wake_dir / file.name).write_bytes(file.read_bytes())
    hey_jarvis = bytearray((wake_dir / "hey_jarvis.tflite").read_bytes())
    hey_jarvis[1000] ^= 0xFF
    (wake_dir / "hey_jarvis.tflite").write_bytes(bytes(hey_jarvis))
    completed = homeassist("models", "verify", "openwakeword", "--models-dir", str(models))

    assert completed.returncode == 1
    assert "hey_jarvis.tflite" in completed.stdout
    assert "sha256" in completed.stdout
