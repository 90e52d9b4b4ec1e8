"""Configured and discovered devices merged into one list, with the topics that report their state.

A configured device whose id, base topic or command/state topic matches a
discovered one keeps its id, names, area and type, and gains the discovered
capabilities and topics (its `confirm` and payload templates stay). A
discovered device without configuration is named after its friendly name.
"""

from __future__ import annotations

from dataclasses import dataclass

from homeassist.act.conventions import Message, convention_for
from homeassist.act.conventions import zigbee2mqtt as z2m
from homeassist.act.discovered import Discovered, Source
from homeassist.config import Device


@dataclass(frozen=True)
class KnownDevice:
    device: Device
    sources: tuple[Source, ...]
    refresh: Message | None = None


def _configured_keys(device: Device) -> set[str]:
    keys = {device.id}
    mqtt = device.mqtt
    if mqtt.convention == "zigbee2mqtt":
        keys.add(z2m.base_topic(device))
    elif mqtt.base_topic:
        keys.add(mqtt.base_topic)
    if mqtt.convention == "tasmota" and mqtt.tasmota_relay:
        keys.add(f"{mqtt.base_topic or device.id}/{mqtt.tasmota_relay}")
    keys.update(t for t in (mqtt.command_topic, mqtt.state_topic) if t)
    return keys


def _merge(configured: Device, found: Discovered) -> Device:
    mqtt = found.device.mqtt.model_copy(update={"confirm": configured.mqtt.confirm,
                                                "payloads": configured.mqtt.payloads or found.device.mqtt.payloads})
    return configured.model_copy(update={"capabilities": found.device.capabilities, "mqtt": mqtt})


class DeviceRegistry:
    """Every known device; discovery results are kept per discovery topic and replaced as a whole."""

    def __init__(self, configured: list[Device]) -> None:
        self._configured = list(configured)
        self._discovered: dict[str, list[Discovered]] = {}
        self._known: list[KnownDevice] = []
        self._routes: dict[str, list[str]] = {}
        self._rebuild()

    @property
    def known(self) -> list[KnownDevice]:
        return list(self._known)

    @property
    def devices(self) -> list[Device]:
        return [k.device for k in self._known]

    def device(self, device_id: str) -> Device | None:
        known = self.get(device_id)
        return known.device if known else None

    def get(self, device_id: str) -> KnownDevice | None:
        return next((k for k in self._known if k.device.id == device_id), None)

    def routes(self, topic: str) -> list[str]:
        """Ids of the devices whose state or availability arrives on `topic`."""
        return self._routes.get(topic, [])

    @property
    def state_topics(self) -> list[str]:
        return list(self._routes)

    def set_discovered(self, key: str, found: list[Discovered]) -> bool:
        """Replace what discovery topic `key` reported; return True when the device list changed."""
        if not found:
            if self._discovered.pop(key, None) is None:
                return False
        elif self._discovered.get(key) == found:
            return False
        else:
            self._discovered[key] = found
        before = self._known
        self._rebuild()
        return before != self._known

    def _rebuild(self) -> None:
        merged: dict[str, Device] = {d.id: d for d in self._configured}
        sources: dict[str, list[Source]] = {d.id: [Source.CONFIGURED] for d in self._configured}
        refresh: dict[str, Message | None] = {}
        configured_keys = {d.id: _configured_keys(d) for d in self._configured}
        for key in sorted(self._discovered):
            for found in self._discovered[key]:
                match = next((d for d in self._configured if configured_keys[d.id] & found.match_keys), None)
                if match is not None and len(sources[match.id]) == 1:
                    merged[match.id] = _merge(match, found)
                    sources[match.id].append(found.source)
                    refresh[match.id] = found.refresh
                    continue
                device = found.device
                if device.id in merged:
                    suffix = 2
                    while f"{device.id}_{suffix}" in merged:
                        suffix += 1
                    device = device.model_copy(update={"id": f"{device.id}_{suffix}"})
                merged[device.id] = device
                sources[device.id] = [found.source]
                refresh[device.id] = found.refresh
        self._known = [KnownDevice(d, tuple(sources[d.id]), refresh.get(d.id)) for d in merged.values()]
        routes: dict[str, list[str]] = {}
        for known in self._known:
            for topic in convention_for(known.device).state_topics(known.device):
                routes.setdefault(topic, []).append(known.device.id)
        self._routes = routes
