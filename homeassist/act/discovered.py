"""Devices found in retained discovery messages, before they are merged with the configuration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from homeassist.act.conventions import Message
from homeassist.config import Device, Names

_CJK = re.compile(r"[\u3400-\u9fff]")


class Source(StrEnum):
    CONFIGURED = "configured"
    ZIGBEE2MQTT = "zigbee2mqtt"
    HOMEASSISTANT = "homeassistant"
    TASMOTA = "tasmota"


@dataclass(frozen=True)
class Discovered:
    """A device built from a discovery message.

    `match_keys` are the ids and topics a configured device may share with it
    (see homeassist.act.registry for the merge). `refresh` is the message that requests
    its current state, for gear that does not retain it.
    """

    device: Device
    source: Source
    match_keys: frozenset[str]
    refresh: Message | None = None


def slug(label: str, fallback: str) -> str:
    """Turn a friendly name into a device id; use `fallback` when nothing ASCII is left (a Chinese name)."""
    text = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:64]
    if not text:
        text = re.sub(r"[^a-z0-9]+", "_", fallback.lower()).strip("_")[:64]
    return text or "device"


def names_from_label(label: str) -> Names:
    """Return the spoken names for a friendly name such as `living_room/lamp` or `客厅灯`."""
    spoken = re.sub(r"[_/\-.]+", " ", label).strip()
    if not spoken:
        return Names()
    if _CJK.search(spoken):
        return Names(zh=[spoken.replace(" ", "")])
    return Names(en=[spoken.lower()])
