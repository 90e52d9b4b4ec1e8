"""MQTT conventions: how each kind of gear names its topics and shapes its payloads.

A convention turns a validated action into the message to publish, lists the
topics that carry a device's state and availability, and reads those
messages into the shared state vocabulary described in homeassist.act.confirm.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Protocol

from homeassist.config import Device
from homeassist.understand.intent import Action


@dataclass(frozen=True)
class Message:
    topic: str
    payload: str


@dataclass(frozen=True)
class Reading:
    """The content of one incoming message about a device.

    `values` are state values in the shared vocabulary, `online` is an
    availability change, and `problem` says why the payload was ignored.
    """

    values: dict[str, Any] | None = None
    online: bool | None = None
    problem: str | None = None


class Convention(Protocol):
    def supports(self, device: Device, action: Action) -> bool:
        """Return whether this convention can carry out `action` on `device`."""
        ...

    def command(self, device: Device, action: Action, values: dict[str, Any]) -> Message:
        """Build the message that carries out `action` with the planner's `values`."""
        ...

    def state_topics(self, device: Device) -> list[str]:
        """Topics that carry the device's state or availability."""
        ...

    def read(self, device: Device, topic: str, payload: bytes) -> Reading:
        """Read one message that arrived on one of `state_topics(device)`."""
        ...


def plain_text(payload: bytes, limit: int = 256) -> str | None:
    """Decode a short plain payload such as `ON` or `online`; None when it is not short UTF-8 text."""
    if len(payload) > limit:
        return None
    try:
        return payload.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None


@functools.cache
def _conventions() -> dict[str, Convention]:
    # Imported here because each convention module imports Message and Reading from this one.
    from homeassist.act.conventions import generic, homeassistant, tasmota, zigbee2mqtt

    return {
        "zigbee2mqtt": zigbee2mqtt.Zigbee2Mqtt(),
        "homeassistant": homeassistant.HomeAssistant(),
        "tasmota": tasmota.Tasmota(),
        "generic": generic.Generic(),
    }


def convention_for(device: Device) -> Convention:
    return _conventions()[device.mqtt.convention]
