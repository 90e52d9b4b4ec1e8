"""A small home and a personal assistant on a manual clock, shared by the personal-assistant tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from homeassist.config import Config
from homeassist.i18n import Language
from homeassist.personal.assistant import PersonalAssistant
from homeassist.personal.clock import ManualClock
from homeassist.personal.replies import PersonalReply
from homeassist.personal.settings import PersonalConfig
from homeassist.state import StateStore

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
ZONE = ZoneInfo("Asia/Shanghai")
# Friday 4 December 2026, 15:00 local time.
START = datetime(2026, 12, 4, 15, 0, tzinfo=ZONE)

HOME: dict[str, Any] = {
    "language": "zh",
    "areas": [
        {"id": "bedroom", "names": {"en": ["bedroom"], "zh": ["卧室"]}},
        {"id": "living_room", "names": {"en": ["living room"], "zh": ["客厅"]}},
        {"id": "kitchen", "names": {"en": ["kitchen"], "zh": ["厨房"]}},
    ],
    "devices": [
        {"id": "bedroom_ac", "type": "climate", "area": "bedroom",
         "names": {"en": ["bedroom air conditioner"], "zh": ["卧室空调"]},
         "capabilities": {"min_temp_c": 16, "max_temp_c": 30}},
        {"id": "bedroom_sensor", "type": "sensor", "area": "bedroom",
         "names": {"en": ["bedroom sensor"], "zh": ["卧室传感器"]}},
        {"id": "living_room_heater", "type": "climate", "area": "living_room",
         "names": {"en": ["living room heater"], "zh": ["客厅暖气"]}},
        {"id": "kitchen_light", "type": "light", "area": "kitchen",
         "names": {"en": ["kitchen light"], "zh": ["厨房灯"]}},
    ],
}

HOT_BEDROOM_RULE: dict[str, Any] = {
    "id": "bedroom_hot", "device": "bedroom_sensor", "key": "temperature", "above": 28, "cooldown_s": 600,
    "suggest": {"action": "turn_on", "devices": ["bedroom_ac"]},
}


def home_config(**changes: Any) -> Config:
    return Config.model_validate({**HOME, **changes})


def language_of(text: str) -> Language:
    return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in text) else "en"


class Home:
    """A personal assistant over a temporary database, with helpers to talk to it."""

    def __init__(self, directory: Path, settings: dict[str, Any] | None = None, start: datetime = START,
                 small_talk: Any = None, language: Language = "zh") -> None:
        self.directory = directory
        self.config = home_config(language=language)
        self.clock = ManualClock(start)
        self.states = StateStore()
        self.settings = PersonalConfig.model_validate(settings or {})
        self.small_talk = small_talk
        self.assistant = self.open()

    def open(self) -> PersonalAssistant:
        return PersonalAssistant(self.config, self.directory / "personal.sqlite3", self.clock, self.states,
                                 self.small_talk, self.settings)

    def restart(self) -> PersonalAssistant:
        """Close and reopen the assistant on the same database, as a daemon restart would."""
        self.assistant.close()
        self.assistant = self.open()
        return self.assistant

    def report(self, device_id: str, values: dict[str, Any], age_s: float = 0.0) -> None:
        """Record a state as if it arrived over MQTT `age_s` seconds before the manual clock's now."""
        state = self.states.merge(device_id, values)
        state.updated_at = self.clock.now().timestamp() - age_s

    def say(self, text: str) -> PersonalReply | None:
        return self.assistant.handle(text, language_of(text))

    def reply(self, text: str) -> str:
        reply = self.say(text)
        assert reply is not None, f"{text!r} was not handled as a personal-assistant request"
        return reply.text
