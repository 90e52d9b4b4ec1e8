"""Generic devices: configured command and state topics, payloads from string.Template templates.

Without a template for an action the payload is the zigbee2mqtt JSON for it,
so a device that speaks that JSON on other topics needs no templates.
"""

from __future__ import annotations

from typing import Any

from homeassist.act.conventions import Message, Reading, plain_text
from homeassist.act.conventions.zigbee2mqtt import Zigbee2Mqtt
from homeassist.config import Device
from homeassist.state import decode_json_object
from homeassist.understand.intent import Action


def _state_topic(device: Device) -> str:
    return device.mqtt.state_topic or device.mqtt.base_topic or f"homeassist/{device.id}/state"


class Generic:
    def supports(self, device: Device, action: Action) -> bool:
        return device.mqtt.command_topic is not None or device.mqtt.base_topic is not None

    def command(self, device: Device, action: Action, values: dict[str, Any]) -> Message:
        # The planner replaces the payload when the device has a template for `action`.
        message = Zigbee2Mqtt().command(device, action, values)
        return Message(device.mqtt.command_topic or f"{device.mqtt.base_topic}/set", message.payload)

    def state_topics(self, device: Device) -> list[str]:
        topics = [_state_topic(device)]
        if device.mqtt.availability_topic:
            topics.append(device.mqtt.availability_topic)
        return topics

    def read(self, device: Device, topic: str, payload: bytes) -> Reading:
        if topic == device.mqtt.availability_topic:
            text = plain_text(payload)
            if text == device.mqtt.payload_available:
                return Reading(online=True)
            if text == device.mqtt.payload_not_available:
                return Reading(online=False)
            return Reading(problem="availability payload is neither available nor not available")
        if device.mqtt.state_format == "plain":
            text = plain_text(payload)
            if not text:
                return Reading(problem="plain state is empty, too long or not UTF-8")
            return Reading(values={"state": text.upper()})
        values = decode_json_object(payload)
        if isinstance(values, str):
            return Reading(problem=values)
        return Reading(values=values)
