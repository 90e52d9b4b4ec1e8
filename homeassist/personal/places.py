"""Find the area or device a sentence names, using the configured names in both languages."""

from __future__ import annotations

from dataclasses import dataclass

from homeassist.config import Config, Device, DeviceType, Names
from homeassist.i18n import Language
from homeassist.personal.text import prepare


@dataclass(frozen=True)
class Place:
    """An area, or a single device when the sentence named one."""

    area_id: str | None
    device_id: str | None

    def devices(self, config: Config, types: frozenset[DeviceType]) -> list[Device]:
        if self.device_id is not None:
            device = config.device(self.device_id)
            return [device] if device.type in types else []
        return [d for d in config.devices if d.area == self.area_id and d.type in types]

    def name(self, config: Config, language: Language) -> str:
        if self.device_id is not None:
            return config.device(self.device_id).display_name(language)
        area = config.area(self.area_id) if self.area_id else None
        if area is None:
            return self.area_id or ""
        names = area.names.zh if language == "zh" else area.names.en
        return (names or area.names.en or area.names.zh or [area.id])[0]


def _names(names: Names, identifier: str) -> list[str]:
    return [prepare(name) for name in [*names.en, *names.zh, identifier.replace("_", " ")] if name]


class PlaceFinder:
    """Longest-name matching over area and device names; a device name wins over its area's name."""

    def __init__(self, config: Config) -> None:
        self.config = config
        entries: list[tuple[str, Place]] = []
        for area in config.areas:
            entries.extend((name, Place(area.id, None)) for name in _names(area.names, area.id))
        for device in config.devices:
            entries.extend((name, Place(device.area, device.id)) for name in _names(device.names, device.id))
        self._entries = sorted(((n, p) for n, p in entries if n), key=lambda entry: -len(entry[0]))

    def find(self, text: str) -> Place | None:
        """Return the place named in prepared `text`, or None."""
        for name, place in self._entries:
            if name.isascii():
                if f" {name} " in f" {text} ":
                    return place
            elif name in text:
                return place
        return None
