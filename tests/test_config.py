"""Configuration errors name the key, the bad value and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from homeassist.config import EXAMPLE_CONFIG, parse_config
from homeassist.errors import ConfigError


def _error(text: str) -> str:
    with pytest.raises(ConfigError) as raised:
        parse_config(text, Path("/etc/homeassist/config.yaml"))
    return raised.value.user_message("en")


def test_example_config_is_valid() -> None:
    config = parse_config(EXAMPLE_CONFIG.read_text(encoding="utf-8"), EXAMPLE_CONFIG)

    assert {d.type.value for d in config.devices} == {"light", "climate"}
    assert all(d.names.en and d.names.zh for d in config.devices)


def test_unknown_key_is_named() -> None:
    message = _error("wake_word:\n  treshold: 0.5\n")

    assert "wake_word.treshold" in message


def test_bad_value_is_shown() -> None:
    message = _error("language: fr\n")

    assert "language" in message
    assert "'fr'" in message


def test_duplicate_device_id() -> None:
    message = _error("devices:\n  - {id: lamp, type: light}\n  - {id: lamp, type: light}\n")

    assert "lamp" in message
    assert "twice" in message


def test_bad_device_id() -> None:
    message = _error("devices:\n  - {id: Kitchen Lamp, type: light}\n")

    assert "devices.0.id" in message


def test_not_a_mapping() -> None:
    message = _error("- just\n- a list\n")

    assert "mapping" in message


def test_chinese_message() -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config("language: fr\n", Path("config.yaml"))

    assert "配置文件" in raised.value.user_message("zh")
