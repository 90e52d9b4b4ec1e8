"""Home Assistant MQTT discovery: `<prefix>/<component>/[<node_id>/]<object_id>/config` into devices."""

from __future__ import annotations

import re
from typing import Any

from homeassist.act.discovered import Discovered, Source, names_from_label, slug
from homeassist.config import DEFAULT_HVAC_MODES, Capabilities, Device, DeviceMqtt, DeviceType, HvacMode
from homeassist.state import decode_json_object

COMPONENTS = {"light": DeviceType.LIGHT, "climate": DeviceType.CLIMATE, "cover": DeviceType.COVER,
              "fan": DeviceType.FAN, "switch": DeviceType.SWITCH, "sensor": DeviceType.SENSOR}

# The abbreviations Home Assistant accepts in discovery payloads, for the keys read here.
ABBREVIATIONS = {
    "avty": "availability", "avty_mode": "availability_mode", "avty_t": "availability_topic",
    "avty_tpl": "availability_template", "bri_cmd_t": "brightness_command_topic", "bri_scl": "brightness_scale",
    "bri_stat_t": "brightness_state_topic", "bri_val_tpl": "brightness_value_template",
    "clr_temp_cmd_t": "color_temp_command_topic", "clr_temp_stat_t": "color_temp_state_topic",
    "clr_temp_val_tpl": "color_temp_value_template", "cmd_t": "command_topic",
    "curr_temp_t": "current_temperature_topic",
    "curr_temp_tpl": "current_temperature_template", "dev": "device", "dev_cla": "device_class",
    "json_attr_t": "json_attributes_topic", "max_temp": "max_temp", "min_temp": "min_temp",
    "mode_cmd_t": "mode_command_topic", "mode_stat_t": "mode_state_topic", "mode_stat_tpl": "mode_state_template",
    "obj_id": "object_id", "pct_cmd_t": "percentage_command_topic", "pct_stat_t": "percentage_state_topic",
    "pct_val_tpl": "percentage_value_template", "pl_avail": "payload_available", "pl_cls": "payload_close",
    "pl_not_avail": "payload_not_available", "pl_off": "payload_off", "pl_on": "payload_on",
    "pl_open": "payload_open", "pl_stop": "payload_stop", "pos_clsd": "position_closed", "pos_open": "position_open",
    "pos_t": "position_topic", "pos_tpl": "position_template", "rgb_cmd_t": "rgb_command_topic",
    "rgb_stat_t": "rgb_state_topic", "set_pos_t": "set_position_topic", "spd_rng_max": "speed_range_max",
    "spd_rng_min": "speed_range_min", "stat_clsd": "state_closed", "stat_closing": "state_closing",
    "stat_off": "state_off", "stat_on": "state_on", "stat_open": "state_open", "stat_opening": "state_opening",
    "stat_t": "state_topic", "stat_val_tpl": "state_value_template", "sup_clrm": "supported_color_modes",
    "t": "topic", "temp_cmd_t": "temperature_command_topic", "temp_stat_t": "temperature_state_topic",
    "temp_stat_tpl": "temperature_state_template", "temp_step": "temp_step", "uniq_id": "unique_id",
    "unit_of_meas": "unit_of_measurement", "val_tpl": "value_template", "ids": "identifiers",
    "sa": "suggested_area", "name": "name",
}


def expand(config: dict[str, Any]) -> dict[str, Any]:
    """Expand abbreviated keys and the `~` base topic, also inside `device` and `availability`."""
    base = config.get("~")
    expanded: dict[str, Any] = {}
    for key, value in config.items():
        if key == "~":
            continue
        full = ABBREVIATIONS.get(key, key)
        if isinstance(value, dict):
            value = expand(value)
        elif isinstance(value, list):
            value = [expand(v) if isinstance(v, dict) else v for v in value]
        if isinstance(base, str) and isinstance(value, str) and (full.endswith("_topic") or full == "topic"):
            if value.startswith("~"):
                value = base + value[1:]
            elif value.endswith("~"):
                value = value[:-1] + base
        expanded[full] = value
    return expanded


def availability(config: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Return (topic, payload_available, payload_not_available) for each availability topic."""
    entries: list[tuple[str, str, str]] = []
    default_on = str(config.get("payload_available", "online"))
    default_off = str(config.get("payload_not_available", "offline"))
    if isinstance(config.get("availability_topic"), str):
        entries.append((config["availability_topic"], default_on, default_off))
    for item in config.get("availability") or []:
        if isinstance(item, dict) and isinstance(item.get("topic"), str):
            entries.append((item["topic"], str(item.get("payload_available", default_on)),
                            str(item.get("payload_not_available", default_off))))
    return entries


def _number(config: dict[str, Any], key: str, default: float) -> float:
    value = config.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def _capabilities(component: str, config: dict[str, Any]) -> Capabilities:
    if component == "light":
        listed_modes = config.get("supported_color_modes")
        colour_modes = set(listed_modes) if isinstance(listed_modes, list) else set()
        if config.get("schema") == "json":
            dimmable = bool(config.get("brightness")) or bool(colour_modes - {"onoff"})
            return Capabilities(dimmable=dimmable, color_temp="color_temp" in colour_modes,
                                color=bool(colour_modes & {"rgb", "rgbw", "rgbww", "xy", "hs"}))
        return Capabilities(dimmable="brightness_command_topic" in config,
                            color_temp="color_temp_command_topic" in config, color="rgb_command_topic" in config)
    if component == "climate":
        listed = config.get("modes")
        modes: list[HvacMode] = list(DEFAULT_HVAC_MODES)
        if isinstance(listed, list):
            allowed = {"off", "heat", "cool", "auto", "dry", "fan_only"}
            modes = [m for m in listed if m in allowed]
        low, high = _number(config, "min_temp", 7.0), _number(config, "max_temp", 35.0)
        if low >= high:
            low, high = 7.0, 35.0
        return Capabilities(min_temp_c=low, max_temp_c=high, temp_step_c=_number(config, "temp_step", 1.0) or 1.0,
                            hvac_modes=modes if "mode_command_topic" in config else [])
    if component == "cover":
        return Capabilities(position="set_position_topic" in config)
    if component == "fan":
        return Capabilities(fan_speeds=3 if "percentage_command_topic" in config else 0)
    return Capabilities()


def discover(topic: str, payload: bytes, prefix: str) -> Discovered | str | None:
    """Read one retained discovery config; None means an empty payload, which removes the entity."""
    parts = topic[len(prefix) + 1:].split("/")
    if len(parts) not in (3, 4) or parts[-1] != "config":
        return f"{topic} is not a discovery config topic"
    component = parts[0]
    if component not in COMPONENTS:
        return f"component {component!r} is not supported"
    if not payload:
        return None
    decoded = decode_json_object(payload)
    if isinstance(decoded, str):
        return f"discovery config is unusable: {decoded}"
    config = expand(decoded)
    object_id = parts[-2]
    device_info: dict[str, Any] = config["device"] if isinstance(config.get("device"), dict) else {}
    label = config.get("name") if isinstance(config.get("name"), str) and config.get("name") else None
    if label is None:
        label = device_info.get("name") if isinstance(device_info.get("name"), str) else object_id
    elif isinstance(device_info.get("name"), str) and not label.startswith(device_info["name"]):
        # Entity names are relative to their device since Home Assistant 2023.8 ("Lamp" + "Light").
        label = f"{device_info['name']} {label}"
    unique = str(config.get("unique_id") or config.get("object_id") or object_id)
    needs_command = component != "sensor"
    if needs_command and not any(k in config for k in ("command_topic", "mode_command_topic",
                                                       "temperature_command_topic", "set_position_topic")):
        return f"{component} {unique} has no command topic"
    if component == "sensor" and "state_topic" not in config:
        return f"sensor {unique} has no state topic"
    config["component"] = component
    device_class = config.get("device_class")
    if not isinstance(device_class, str) or not re.fullmatch(r"[a-z_]+", device_class):
        device_class = None
    device = Device(id=slug(str(config.get("object_id") or label), f"ha_{unique}"), type=COMPONENTS[component],
                    device_class=device_class, names=names_from_label(str(label)),
                    capabilities=_capabilities(component, config),
                    mqtt=DeviceMqtt(convention="homeassistant", homeassistant=config,
                                    command_topic=config.get("command_topic"), state_topic=config.get("state_topic")))
    keys = {device.id, unique, topic}
    keys.update(str(config[k]) for k in ("command_topic", "state_topic") if isinstance(config.get(k), str))
    return Discovered(device, Source.HOMEASSISTANT, frozenset(keys))
