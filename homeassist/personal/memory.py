"""Remembered preferences and notes: "记住我喜欢卧室二十四度", "what do you remember about me"."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from homeassist.config import Config, DeviceType
from homeassist.i18n import Language
from homeassist.personal.clock import Clock
from homeassist.personal.places import PlaceFinder
from homeassist.personal.reminders import match_score
from homeassist.personal.store import PersonalStore, PreferenceRow
from homeassist.personal.text import prepare
from homeassist.understand.normalize import contains_chinese

logger = logging.getLogger(__name__)

_TEMPERATURE = re.compile(r"(\d+(?:\.\d+)?) ?(?:degrees?|度|°c|°|c\b)|\bat (\d+(?:\.\d+)?)$")
_LIKES = re.compile(r"\bi (?:like|prefer|want|love)\b|\bshould be\b|\bkeep\b|喜欢|习惯|偏好|要|保持|设成|调到")


@dataclass(frozen=True)
class Remembered:
    preference: PreferenceRow
    replaced: PreferenceRow | None  # an earlier setpoint for the same device


def second_person(fact: str) -> str:
    """Turn a fact said in the first person into one said to the user ("I like" → "you like")."""
    if contains_chinese(fact):
        return fact.replace("我", "你")
    replaced = re.sub(r"\bi am\b", "you are", fact)
    replaced = re.sub(r"\bi\b", "you", replaced)
    replaced = re.sub(r"\bmy\b", "your", replaced)
    replaced = re.sub(r"\bme\b", "you", replaced)
    return re.sub(r"\bmine\b", "yours", replaced)


class PreferenceMemory:
    """Facts the user asked to be remembered; a temperature fact also becomes a setpoint."""

    def __init__(self, store: PersonalStore, clock: Clock, config: Config) -> None:
        self.store = store
        self.clock = clock
        self.config = config
        self.places = PlaceFinder(config)
        self.last_mentioned: int | None = None

    def configure(self, config: Config) -> None:
        self.config = config
        self.places = PlaceFinder(config)

    def all(self) -> list[PreferenceRow]:
        return self.store.preferences()

    def _setpoint(self, fact: str) -> tuple[str, float] | None:
        """Return (climate device id, degrees) when `fact` states a liked temperature for a place."""
        prepared = prepare(fact)
        temperature = _TEMPERATURE.search(prepared)
        place = self.places.find(prepared)
        if temperature is None or place is None or not _LIKES.search(prepared):
            return None
        climates = place.devices(self.config, frozenset({DeviceType.CLIMATE}))
        if len(climates) != 1:
            return None
        degrees = float(temperature.group(1) or temperature.group(2))
        capabilities = climates[0].capabilities
        if not capabilities.min_temp_c <= degrees <= capabilities.max_temp_c:
            return None
        return climates[0].id, degrees

    def remember(self, fact: str, language: Language) -> Remembered:
        setpoint = self._setpoint(fact)
        replaced = None
        if setpoint is not None:
            replaced = next((p for p in self.all() if p.device_id == setpoint[0]), None)
            if replaced is not None:
                self.store.delete_preference(replaced.id)
        row = self.store.add_preference(fact.strip(), language, setpoint[0] if setpoint else None,
                                        setpoint[1] if setpoint else None, self.clock.now().timestamp())
        self.last_mentioned = row.id
        logger.info("remembered preference %d%s", row.id, f" for {row.device_id}" if row.device_id else "")
        return Remembered(row, replaced)

    def find(self, fact: str) -> PreferenceRow | None:
        """Return the remembered fact that best matches `fact`, or None."""
        prepared = prepare(fact)
        scored = [(match_score(prepared, prepare(p.fact)), p) for p in self.all()]
        setpoint = self._setpoint(fact)
        if setpoint is not None:
            scored.extend((1.0, p) for p in self.all() if p.device_id == setpoint[0])
        best = max(scored, key=lambda item: item[0], default=None)
        if best is None or best[0] < 0.5:
            return None
        return best[1]

    def forget(self, preference: PreferenceRow) -> None:
        self.store.delete_preference(preference.id)
        if self.last_mentioned == preference.id:
            self.last_mentioned = None
        logger.info("forgot preference %d", preference.id)

    def last(self) -> PreferenceRow | None:
        return next((p for p in self.all() if p.id == self.last_mentioned), None)

    def setpoint_for(self, text: str) -> tuple[PreferenceRow | None, str | None]:
        """Return the temperature preference for the place in `text`, and the climate device there."""
        place = self.places.find(prepare(text))
        if place is None:
            area = self.config.conversation.microphone_area
            if area is None:
                return None, None
            climates = [d for d in self.config.devices if d.area == area and d.type is DeviceType.CLIMATE]
        else:
            climates = place.devices(self.config, frozenset({DeviceType.CLIMATE}))
        if len(climates) != 1:
            return None, None
        preference = next((p for p in self.all() if p.device_id == climates[0].id), None)
        if preference is not None:
            self.last_mentioned = preference.id
        return preference, climates[0].id
