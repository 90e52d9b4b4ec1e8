"""Offer a device action when a sensor reading crosses a configured threshold, then act on yes or no."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from homeassist.config import Config
from homeassist.i18n import Language, hvac_mode_name, join_names, translate
from homeassist.personal.clock import Clock
from homeassist.personal.sensors import READING_KEYS, say_reading
from homeassist.personal.settings import PersonalConfig, SuggestionRule
from homeassist.personal.spoken import say_number
from homeassist.state import StateStore
from homeassist.understand.intent import Action, Intent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Suggestion:
    rule: SuggestionRule
    intent: Intent
    text: str
    language: Language
    expires_at: float  # epoch seconds


def _reading(values: dict[str, object], key: str) -> float | None:
    for candidate in (key, *READING_KEYS.get(key, ())):
        value = values.get(candidate)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


class SuggestionEngine:
    """Rule sensors under watch. At most one suggestion waits for a yes or no at a time."""

    def __init__(self, config: Config, settings: PersonalConfig, states: StateStore, clock: Clock,
                 language: Language) -> None:
        self.config = config
        self.settings = settings
        self.states = states
        self.clock = clock
        self.language = language
        self.pending: Suggestion | None = None
        self._active: dict[str, bool] = {}  # rule id → whether its condition held at the last reading
        self._offered_at: dict[str, float] = {}
        self._seen_updates: dict[str, float] = {}  # device id → `updated_at` of the last state checked

    def poll(self) -> list[Suggestion]:
        """Check the rule devices whose state changed since the last look; for callers without a state hook."""
        suggestions = []
        for device_id in dict.fromkeys(rule.device for rule in self.settings.rules):
            state = self.states.get(device_id)
            if state is None or state.updated_at == self._seen_updates.get(device_id):
                continue
            if (suggestion := self.on_state_change(device_id)) is not None:
                suggestions.append(suggestion)
        return suggestions

    def _describe_action(self, rule: SuggestionRule, language: Language) -> str:
        suggested = rule.suggest
        names = join_names([self.config.device(d).display_name(language) for d in suggested.devices], language)
        value = suggested.value
        if suggested.action is Action.SET_HVAC_MODE and isinstance(value, str):
            value = hvac_mode_name(value, language)
        elif isinstance(value, float):
            value = say_number(value)
        key = f"personal_offer_{suggested.action.value}"
        text = translate(key, language, names=names, value=value)
        return text if text != key else translate("personal_offer_generic", language, names=names)

    def on_state_change(self, device_id: str) -> Suggestion | None:
        """Check the rules on `device_id` after a state update; return a new suggestion to speak, if any."""
        state = self.states.get(device_id)
        if state is None:
            return None
        self._seen_updates[device_id] = state.updated_at
        now = self.clock.now().timestamp()
        for rule in self.settings.rules:
            if rule.device != device_id:
                continue
            value = _reading(state.values, rule.key)
            if value is None:
                continue
            holds = value > rule.above if rule.above is not None else value < (rule.below or 0.0)
            crossed = holds and not self._active.get(rule.id, False)
            self._active[rule.id] = holds
            if not crossed:
                continue
            last = self._offered_at.get(rule.id)
            if last is not None and now - last < rule.cooldown_s:
                logger.debug("rule %s crossed but is cooling down", rule.id)
                continue
            self._offered_at[rule.id] = now
            self.pending = self._offer(rule, value, now)
            logger.info("rule %s: %s=%s crossed its threshold; offering %s", rule.id, rule.key, value,
                        rule.suggest.action.value)
            return self.pending
        return None

    def _offer(self, rule: SuggestionRule, value: float, now: float) -> Suggestion:
        language = self.language
        device = self.config.device(rule.device)
        area = self.config.area(device.area) if device.area else None
        if area is not None:
            names = area.names.zh if language == "zh" else area.names.en
            place = (names or area.names.en or [area.id])[0]
        else:
            place = device.display_name(language)
        text = translate("personal_suggestion", language, place=place,
                         value=say_reading(value, rule.key, language), action=self._describe_action(rule, language))
        suggested = rule.suggest
        intent = Intent(suggested.action, tuple(suggested.devices), suggested.value)
        return Suggestion(rule, intent, text, language, now + self.settings.suggestion_timeout_s)

    def take_pending(self) -> Suggestion | None:
        """Return and clear the waiting suggestion, or None when there is none or it expired."""
        pending, self.pending = self.pending, None
        if pending is None or pending.expires_at < self.clock.now().timestamp():
            return None
        return pending

    def has_pending(self) -> bool:
        if self.pending is not None and self.pending.expires_at < self.clock.now().timestamp():
            logger.info("suggestion from rule %s expired unanswered", self.pending.rule.id)
            self.pending = None
        return self.pending is not None
