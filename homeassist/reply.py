"""Spoken replies built from what actually happened, never from what the model claimed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from homeassist.act.plan import Command, Plan
from homeassist.config import Config, DeviceType
from homeassist.i18n import Language, hvac_mode_name, join_names, translate
from homeassist.state import StateStore
from homeassist.understand.intent import Action, Intent

_DONE_KEYS = {
    Action.TURN_ON: "reply_done_on", Action.TURN_OFF: "reply_done_off", Action.TOGGLE: "reply_done_toggle",
    Action.SET_BRIGHTNESS: "reply_done_brightness", Action.SET_COLOR_TEMP: "reply_done_color_temp",
    Action.SET_COLOR: "reply_done_color", Action.SET_TEMPERATURE: "reply_done_temperature",
    Action.SET_HVAC_MODE: "reply_done_hvac_mode", Action.OPEN: "reply_done_open",
    Action.CLOSE: "reply_done_close", Action.SET_POSITION: "reply_done_position",
    Action.SET_FAN_SPEED: "reply_done_fan_speed",
}


_ACTION_PHRASE_KEYS = {
    Action.TURN_ON: "action_on", Action.TURN_OFF: "action_off", Action.TOGGLE: "action_toggle",
    Action.SET_BRIGHTNESS: "action_brightness", Action.SET_COLOR_TEMP: "action_color_temp",
    Action.SET_COLOR: "action_color", Action.SET_TEMPERATURE: "action_temperature",
    Action.SET_HVAC_MODE: "action_hvac_mode", Action.OPEN: "action_open", Action.CLOSE: "action_close",
    Action.SET_POSITION: "action_position", Action.SET_FAN_SPEED: "action_fan_speed",
}


class CommandStatus(StrEnum):
    CONFIRMED = "confirmed"  # a state reported after the command shows it took effect
    SENT = "sent"  # published to a device that cannot confirm (no state, or confirmation off)
    NO_RESPONSE = "no_response"  # published, but no confirming state arrived in time
    OFFLINE = "offline"  # the device reported itself offline, so nothing was published
    NOT_SENT = "not_sent"  # the broker could not be reached in time


@dataclass(frozen=True)
class CommandResult:
    command: Command
    status: CommandStatus
    error: str | None = None

    @property
    def published(self) -> bool:
        return self.status in (CommandStatus.CONFIRMED, CommandStatus.SENT, CommandStatus.NO_RESPONSE)


def _names(config: Config, device_ids: list[str] | tuple[str, ...], language: Language,
           conjunction: str = "and") -> str:
    known = {d.id for d in config.devices}
    names = [config.device(d).display_name(language) if d in known else d for d in device_ids]
    return join_names(names, language, conjunction)


def _format_value(value: float | str | None, action: Action, language: Language) -> str:
    if action is Action.SET_HVAC_MODE and isinstance(value, str):
        return hvac_mode_name(value, language)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _state_reply(config: Config, states: StateStore, device_ids: tuple[str, ...], language: Language) -> str:
    sentences = []
    for device_id in device_ids:
        device = config.device(device_id)
        name = device.display_name(language)
        state = states.get(device_id)
        values = state.values if state else {}
        if device.type in (DeviceType.CLIMATE, DeviceType.SENSOR) and isinstance(
                values.get("local_temperature", values.get("temperature")), int | float):
            reading = values.get("local_temperature", values.get("temperature"))
            described = f"{reading:g} °C" if language == "en" else f"{reading:g}度"
            sentences.append(translate("reply_state", language, name=name, state=described))
        elif values.get("state") in ("ON", "OFF"):
            described = translate("state_on" if values["state"] == "ON" else "state_off", language)
            sentences.append(translate("reply_state", language, name=name, state=described))
        else:
            sentences.append(translate("reply_state_unknown", language, name=name))
    return " ".join(sentences) if language == "en" else "".join(sentences)


def build_reply(intent: Intent, plan: Plan, results: list[CommandResult], config: Config,
                states: StateStore, language: Language) -> str:
    """Return the sentence to speak for this turn."""
    if plan.problem is not None:
        params: dict[str, Any] = dict(plan.problem.params)
        if "device_ids" in params:
            params["options"] = _names(config, params.pop("device_ids"), language, "or")
        if "name" in params and params["name"] in {d.id for d in config.devices}:
            params["name"] = config.device(params["name"]).display_name(language)
        return translate(plan.problem.key, language, **params)
    if intent.action is Action.ANSWER and intent.answer:
        return intent.answer
    if plan.action is Action.QUERY_STATE:
        return _state_reply(config, states, plan.device_ids, language)
    if not plan.commands:
        return translate("reply_not_understood", language)
    return _results_reply(plan, results, config, language)


def _results_reply(plan: Plan, results: list[CommandResult], config: Config, language: Language) -> str:
    """Say "done" only for confirmed devices, and what happened to each of the others."""
    value = _format_value(plan.value, plan.action, language)
    what = translate(_ACTION_PHRASE_KEYS.get(plan.action, "action_on"), language, value=value)
    keys = {CommandStatus.CONFIRMED: _DONE_KEYS.get(plan.action, "reply_done_on"),
            CommandStatus.SENT: "reply_sent", CommandStatus.NO_RESPONSE: "reply_no_response",
            CommandStatus.OFFLINE: "reply_offline", CommandStatus.NOT_SENT: "reply_failed"}
    sentences = []
    for status, key in keys.items():
        device_ids = [r.command.device_id for r in results if r.status is status]
        if device_ids:
            verb = translate("verb_is" if len(device_ids) == 1 else "verb_are", language)
            sentences.append(translate(key, language, names=_names(config, device_ids, language), value=value,
                                       what=what, verb=verb))
    return " ".join(sentences) if language == "en" else "".join(sentences)
