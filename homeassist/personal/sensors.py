"""Temperature and humidity readings with their age, answered only from what sensors reported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from homeassist.config import Config, Device, DeviceType
from homeassist.i18n import Language, translate
from homeassist.personal.places import Place, PlaceFinder
from homeassist.personal.spoken import say_age, say_number
from homeassist.state import StateStore

Quantity = Literal["temperature", "humidity"]

# State keys that carry each quantity, most specific first (thermostats report "local_temperature").
READING_KEYS: dict[str, tuple[str, ...]] = {
    "temperature": ("temperature", "local_temperature", "current_temperature"),
    "humidity": ("humidity", "current_humidity"),
}
_MEASURING_TYPES = frozenset({DeviceType.SENSOR, DeviceType.CLIMATE})


@dataclass(frozen=True)
class Reading:
    device_id: str
    value: float
    age_s: float
    online: bool | None


def read_value(values: dict[str, Any], quantity: Quantity) -> float | None:
    for key in READING_KEYS[quantity]:
        value = values.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def say_reading(value: float, quantity: Quantity | str, language: Language) -> str:
    """Return "29 degrees" / "29度", "60 percent" / "60%", or the bare number for other keys."""
    if quantity == "temperature":
        return translate("personal_degrees", language, value=say_number(value))
    if quantity == "humidity":
        return translate("personal_percent", language, value=say_number(value))
    return say_number(value)


class SensorReader:
    def __init__(self, config: Config, states: StateStore) -> None:
        self.config = config
        self.states = states
        self.places = PlaceFinder(config)

    def configure(self, config: Config) -> None:
        self.config = config
        self.places = PlaceFinder(config)

    def _candidates(self, place: Place) -> list[Device]:
        devices = place.devices(self.config, _MEASURING_TYPES)
        # A dedicated sensor is a better thermometer than a thermostat's built-in one.
        return sorted(devices, key=lambda d: d.type is not DeviceType.SENSOR)

    def place_for(self, text: str) -> Place | None:
        """Return the place a question is about: the one named, else the microphone's area."""
        place = self.places.find(text)
        if place is None and self.config.conversation.microphone_area:
            place = Place(self.config.conversation.microphone_area, None)
        if place is None or not self._candidates(place):
            return None
        return place

    def reading(self, place: Place, quantity: Quantity, now_s: float) -> Reading | None:
        """Return the freshest reading of `quantity` in `place`, or None when no device reported one."""
        readings = []
        for device in self._candidates(place):
            state = self.states.get(device.id)
            if state is None or not state.updated_at:
                continue
            value = read_value(state.values, quantity)
            if value is not None:
                readings.append(Reading(device.id, value, now_s - state.updated_at, state.online))
        if not readings:
            return None
        # Sensors come before thermostats, so a sensor wins a tie in age.
        return min(readings, key=lambda r: r.age_s)

    def answer(self, place: Place, quantity: Quantity, now_s: float, language: Language) -> str:
        name = place.name(self.config, language)
        reading = self.reading(place, quantity, now_s)
        if reading is None:
            return translate(f"personal_{quantity}_unknown", language, place=name)
        described = say_reading(reading.value, quantity, language)
        age = say_age(reading.age_s, language)
        if reading.online is False:
            return translate("personal_reading_offline", language, place=name, value=described, age=age)
        return translate(f"personal_{quantity}_reading", language, place=name, value=described, age=age)
