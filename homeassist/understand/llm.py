"""The LLM path: one structured intent through grammar-constrained JSON (llama.cpp)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from homeassist.config import Config, Device
from homeassist.errors import ModelError, UnderstandingError
from homeassist.understand.intent import Action, Intent

logger = logging.getLogger(__name__)

_ACTION_HELP = """\
turn_on / turn_off / toggle: switch devices on or off.
set_brightness: value = brightness in percent (0-100).
adjust_brightness: value = change in percentage points, negative to dim.
set_color_temp: value = kelvin. set_color: value = colour name in English.
set_temperature: value = target temperature in degrees Celsius.
adjust_temperature: value = change in degrees Celsius, negative for cooler.
set_hvac_mode: value = one of off, heat, cool, auto, dry, fan_only.
open / close / set_position (value = percent open): covers such as curtains.
set_fan_speed: value = percent.
query_state: the user asks about the state of devices; changes nothing.
answer: a question or small talk that is not about devices; put a short reply in "answer". You run
  inside the home without internet, so for weather, news, the date or the time say you cannot know.
none: the text is not a request to the assistant."""


def _describe(device: Device, config: Config) -> str:
    names = [*device.names.en, *device.names.zh]
    area = config.area(device.area) if device.area else None
    area_names = [*area.names.en, *area.names.zh] if area else []
    parts = [f"- id: {device.id}; type: {device.type.value}; names: {', '.join(names) or device.id}"]
    if area_names:
        parts.append(f"area: {', '.join(area_names)}")
    caps = device.capabilities
    if device.type.value == "light" and caps.dimmable:
        parts.append("dimmable")
    if device.type.value == "climate":
        parts.append(f"setpoint {caps.min_temp_c:g}-{caps.max_temp_c:g} °C; modes {', '.join(caps.hvac_modes)}")
    return "; ".join(parts)


def build_system_prompt(config: Config) -> str:
    devices = "\n".join(_describe(d, config) for d in config.devices)
    return (
        "You turn a smart-home request (Chinese or English) into one JSON object.\n"
        "heard_device: the words the user used for the device or area, copied exactly; "
        "empty when no device is mentioned.\n"
        "devices: ids from the list below that those words refer to. If the words match no "
        "device in the list, use action none and no devices.\n"
        "value: a number as text (\"24\", \"22.5\", \"-10\"), a mode or colour name, or null.\n"
        f"Devices:\n{devices}\n"
        f"Actions:\n{_ACTION_HELP}\n"
        "Never claim that something was done; the home reports the result itself."
    )


def _example_turns(config: Config) -> list[dict[str, str]]:
    """Worked examples on the configured devices, placed after the system prompt.

    They are part of the cached prefix, so they cost nothing per request.
    """
    def reply(heard: str, action: str, devices: list[str], value: str | None, answer: str = "") -> str:
        return json.dumps({"heard_device": heard, "action": action, "devices": devices,
                           "value": value, "answer": answer}, ensure_ascii=False)

    turns: list[tuple[str, str]] = []
    light = next((d for d in config.devices if d.type.value == "light"), None)
    climate = next((d for d in config.devices if d.type.value == "climate"), None)
    if light is not None:
        en = light.display_name("en")
        zh = light.display_name("zh")
        turns.append((f"please switch the {en} on", reply(en, "turn_on", [light.id], None)))
        turns.append((f"把{zh}调到百分之三十", reply(zh, "set_brightness", [light.id], "30")))
        turns.append((f"is the {en} on?", reply(en, "query_state", [light.id], None)))
    if climate is not None:
        zh = climate.display_name("zh")
        en = climate.display_name("en")
        turns.append((f"{zh}调到二十二度", reply(zh, "set_temperature", [climate.id], "22")))
        turns.append((f"make the {en} a bit cooler", reply(en, "adjust_temperature", [climate.id], "-1")))
    turns.append(("turn on the garden fountain", reply("garden fountain", "none", [], None)))
    turns.append(("it was a long day at work", reply("", "none", [], None)))
    # Stories about switching things, and requests for later, are not commands to act on now.
    turns.append(("she switched the lamp off before going to bed", reply("", "none", [], None)))
    turns.append(("昨天我回家以后把空调打开了", reply("", "none", [], None)))
    turns.append(("turn on the heating in an hour", reply("", "none", [], None)))
    turns.append(("what is the capital of France",
                  reply("", "answer", [], None, "The capital of France is Paris.")))
    turns.append(("will it rain tomorrow",
                  reply("", "answer", [], None, "I have no internet connection, so I cannot know the weather.")))
    turns.append(("明天会下雨吗", reply("", "answer", [], None, "我没有联网，所以不知道天气。")))
    messages: list[dict[str, str]] = []
    for user, assistant in turns:
        messages.append({"role": "user", "content": user})
        messages.append({"role": "assistant", "content": assistant})
    return messages


_NUMBER_PATTERN = r"^-?[0-9]{1,5}(\\.[0-9]{1,2})?$"


def build_schema(config: Config) -> dict[str, Any]:
    """JSON schema whose device ids are an enum of the configured ids."""
    device_ids = [d.id for d in config.devices]
    words = ["off", "heat", "cool", "auto", "dry", "fan_only", "red", "green", "blue", "white",
             "yellow", "orange", "purple", "pink", "warm", "cold"]
    return {
        "type": "object",
        "properties": {
            "heard_device": {"type": "string", "maxLength": 40},
            "action": {"type": "string", "enum": [a.value for a in Action]},
            # An empty enum is an invalid grammar (llama.cpp crashed on it), so with no devices the array stays empty.
            "devices": ({"type": "array", "items": {"type": "string", "enum": device_ids}, "maxItems": 16}
                        if device_ids else {"type": "array", "maxItems": 0}),
            "value": {"anyOf": [
                {"type": "null"},
                {"type": "string", "pattern": _NUMBER_PATTERN},
                {"type": "string", "enum": words},
            ]},
            "answer": {"type": "string", "maxLength": 240},
        },
        "required": ["heard_device", "action", "devices", "value", "answer"],
    }


def parse_reply(content: str, config: Config) -> Intent:
    """Turn the model's JSON into an Intent; anything malformed becomes Action.NONE."""
    try:
        data = json.loads(content)
        action = Action(data["action"])
    except (json.JSONDecodeError, KeyError, ValueError, TypeError):
        logger.warning("LLM returned unusable JSON: %.200s", content)
        return Intent(Action.NONE, source="llm")
    known = {d.id for d in config.devices}
    devices = tuple(d for d in dict.fromkeys(data.get("devices") or []) if d in known)
    raw_value = data.get("value")
    value: float | str | None = None
    if isinstance(raw_value, str):
        try:
            value = float(raw_value)
        except ValueError:
            value = raw_value
    answer = data.get("answer") or None
    heard = str(data.get("heard_device") or "")
    return Intent(action, devices, value, answer if action is Action.ANSWER else None,
                  source="llm", heard_device=heard)


def build_messages(config: Config, text: str) -> list[dict[str, str]]:
    """System prompt and worked examples (the cacheable prefix), then the request."""
    return [{"role": "system", "content": build_system_prompt(config)}, *_example_turns(config),
            {"role": "user", "content": text}]


class LlamaUnderstanding:
    """A long-lived llama.cpp model whose system-prompt prefix stays in its KV cache.

    `understand` blocks for about a second on 2 CPU cores: run it in a worker
    thread, one call at a time.
    """

    def __init__(self, config: Config, model_path: Path) -> None:
        from llama_cpp import Llama

        self.config = config
        try:
            self._llm = Llama(
                model_path=str(model_path),
                n_ctx=config.llm.context_tokens,
                n_threads=config.llm.threads,
                n_gpu_layers=config.llm.gpu_layers,
                verbose=False,
            )
        except (ValueError, RuntimeError) as error:
            raise ModelError("model_load_failed", path=str(model_path), detail=str(error),
                             command=f"homeassist models install {config.llm.model}") from error
        self._schema = build_schema(config)

    @property
    def model(self) -> Any:
        """The loaded `llama_cpp.Llama`, shared with small talk on the same inference thread."""
        return self._llm

    def configure(self, config: Config) -> None:
        """Use a new device list; the changed prompt prefix is cached again on the next request."""
        self.config = config
        self._schema = build_schema(config)

    def warm_up(self) -> None:
        """Evaluate the system prompt once so the first request finds it cached."""
        self.understand("hello")

    def understand(self, text: str) -> Intent:
        messages: Any = build_messages(self.config, text)
        try:
            result: Any = self._llm.create_chat_completion(
                messages=messages,
                response_format={"type": "json_object", "schema": self._schema},
                temperature=0.0,
                max_tokens=self.config.llm.max_tokens,
            )
        except (RuntimeError, ValueError) as error:
            raise UnderstandingError("llm_failed", detail=str(error)) from error
        content = result["choices"][0]["message"]["content"] or ""
        return parse_reply(content, self.config)
