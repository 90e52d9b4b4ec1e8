"""zigbee2mqtt: `<base>/<name>/set` for commands, `<base>/<name>` for state, `<base>/bridge/devices` for discovery."""

from __future__ import annotations

import json
import logging
from typing import Any

from homeassist.act.conventions import Message, Reading, plain_text
from homeassist.act.discovered import Discovered, Source, names_from_label, slug
from homeassist.config import Capabilities, Device, DeviceMqtt, DeviceType, HvacMode
from homeassist.state import decode_json_object
from homeassist.understand.intent import Action

logger = logging.getLogger(__name__)

# Bits of an expose's `access` field (zigbee2mqtt documentation, "Exposes").
ACCESS_STATE = 1  # the value appears in the state message
ACCESS_SET = 2  # the value can be written through /set
ACCESS_GET = 4  # the value can be requested through /get

_HVAC_MODES: frozenset[str] = frozenset({"off", "heat", "cool", "auto", "dry", "fan_only"})
_SETPOINT_KEYS = ("occupied_heating_setpoint", "current_heating_setpoint", "occupied_cooling_setpoint")


def base_topic(device: Device) -> str:
    return device.mqtt.base_topic or f"zigbee2mqtt/{device.id}"


def fan_mode_for(percent: int) -> str:
    """Map a fan speed in percent to zigbee2mqtt's `fan_mode` (thirds: low, medium, high)."""
    if percent == 0:
        return "off"
    if percent <= 33:
        return "low"
    return "medium" if percent <= 66 else "high"


def _payload(action: Action, device: Device, values: dict[str, Any]) -> dict[str, Any]:
    caps = device.capabilities
    if device.type is DeviceType.CLIMATE:
        if action is Action.TURN_OFF:
            return {"system_mode": "off"}
        if action is Action.TURN_ON:
            modes = [m for m in caps.hvac_modes if m != "off"]
            return {"system_mode": "auto" if "auto" in modes else modes[0]}
        if action is Action.SET_HVAC_MODE:
            return {"system_mode": values["mode"]}
        return {device.mqtt.setpoint_key: values["temperature_c"]}
    if action is Action.SET_FAN_SPEED:
        return {"fan_mode": values["fan_mode"]}
    simple = {Action.TURN_ON: {"state": "ON"}, Action.TURN_OFF: {"state": "OFF"},
              Action.TOGGLE: {"state": "TOGGLE"}, Action.OPEN: {"state": "OPEN"},
              Action.CLOSE: {"state": "CLOSE"}}
    if action in simple:
        return simple[action]
    if action is Action.SET_BRIGHTNESS:
        return {"brightness": values["brightness_254"]}
    if action is Action.SET_POSITION:
        return {"position": values["percent"]}
    if action is Action.SET_COLOR_TEMP:
        return {"color_temp": values["mired"]}
    return {"color": {"hex": values["hex"]}}


def read_online(payload: bytes) -> bool | None:
    """Read `online`/`offline`, plain or as `{"state": "online"}`; None when it is neither."""
    text = plain_text(payload)
    if text is None:
        return None
    if text.startswith("{"):
        decoded = decode_json_object(payload)
        state = decoded.get("state") if isinstance(decoded, dict) else None
        text = state if isinstance(state, str) else ""
    if text in ("online", "offline"):
        return text == "online"
    return None


class Zigbee2Mqtt:
    def supports(self, device: Device, action: Action) -> bool:
        return True

    def command(self, device: Device, action: Action, values: dict[str, Any]) -> Message:
        payload = json.dumps(_payload(action, device, values), ensure_ascii=False)
        return Message(device.mqtt.command_topic or f"{base_topic(device)}/set", payload)

    def state_topics(self, device: Device) -> list[str]:
        base = base_topic(device)
        return [device.mqtt.state_topic or base, device.mqtt.availability_topic or f"{base}/availability"]

    def read(self, device: Device, topic: str, payload: bytes) -> Reading:
        base = base_topic(device)
        if topic == (device.mqtt.availability_topic or f"{base}/availability"):
            online = read_online(payload)
            if online is None:
                return Reading(problem="availability is neither online nor offline")
            return Reading(online=online)
        values = decode_json_object(payload)
        if isinstance(values, str):
            return Reading(problem=values)
        if device.type is DeviceType.FAN and "fan_state" in values:
            values = {**values, "state": values["fan_state"]}
        return Reading(values=values)


def _features(expose: dict[str, Any]) -> list[dict[str, Any]]:
    features = expose.get("features")
    return [f for f in features if isinstance(f, dict)] if isinstance(features, list) else []


def _access(feature: dict[str, Any]) -> int:
    access = feature.get("access", ACCESS_STATE | ACCESS_SET)
    return access if isinstance(access, int) else 0


def _settable(features: list[dict[str, Any]], prop: str) -> dict[str, Any] | None:
    for feature in features:
        if feature.get("property") == prop and _access(feature) & ACCESS_SET:
            return feature
    return None


def _number(feature: dict[str, Any], key: str, default: float) -> float:
    value = feature.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def _device_from_exposes(exposes: list[dict[str, Any]]) -> tuple[DeviceType, Capabilities, str] | None:
    """Pick the device's main kind from its exposes; None when nothing on it can be set or read."""
    by_type: dict[str, list[dict[str, Any]]] = {}
    for expose in exposes:
        if expose.get("endpoint"):
            # NOTE: features on one endpoint of a multi-gang device (state_l1, state_l2)
            # are not turned into devices of their own yet, so they are skipped.
            continue
        by_type.setdefault(str(expose.get("type")), []).append(expose)
    setpoint_key = "occupied_heating_setpoint"
    if "light" in by_type:
        features = _features(by_type["light"][0])
        if _settable(features, "state"):
            colour = any(f.get("property") == "color" and _access(f) & ACCESS_SET for f in features)
            return DeviceType.LIGHT, Capabilities(dimmable=_settable(features, "brightness") is not None,
                                                  color_temp=_settable(features, "color_temp") is not None,
                                                  color=colour), setpoint_key
    if "climate" in by_type:
        features = _features(by_type["climate"][0])
        setpoint = next((f for key in _SETPOINT_KEYS if (f := _settable(features, key))), None)
        mode_feature = _settable(features, "system_mode")
        modes: list[HvacMode] = []
        if mode_feature is not None and isinstance(mode_feature.get("values"), list):
            modes = [m for m in mode_feature["values"] if m in _HVAC_MODES]
        if setpoint is not None or modes:
            caps = Capabilities(hvac_modes=modes)
            if setpoint is not None:
                setpoint_key = str(setpoint["property"])
                low, high = _number(setpoint, "value_min", 5.0), _number(setpoint, "value_max", 35.0)
                if low < high:
                    caps = Capabilities(min_temp_c=low, max_temp_c=high, hvac_modes=modes,
                                        temp_step_c=_number(setpoint, "value_step", 0.5) or 0.5)
            return DeviceType.CLIMATE, caps, setpoint_key
    if "cover" in by_type:
        features = _features(by_type["cover"][0])
        if _settable(features, "state") or _settable(features, "position"):
            return DeviceType.COVER, Capabilities(position=_settable(features, "position") is not None), setpoint_key
    if "fan" in by_type:
        features = _features(by_type["fan"][0])
        if _settable(features, "fan_state") or _settable(features, "fan_mode"):
            speeds = 3 if _settable(features, "fan_mode") else 0
            return DeviceType.FAN, Capabilities(fan_speeds=speeds), setpoint_key
    if "switch" in by_type and _settable(_features(by_type["switch"][0]), "state"):
        return DeviceType.SWITCH, Capabilities(), setpoint_key
    readable = [e for e in exposes if e.get("type") in ("numeric", "binary", "enum") and _access(e) & ACCESS_STATE]
    if readable:
        return DeviceType.SENSOR, Capabilities(), setpoint_key
    return None


def discover(payload: bytes, base: str) -> list[Discovered] | str:
    """Read a retained `<base>/bridge/devices` message; return the devices, or why it was ignored."""
    entries: Any
    try:
        entries = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        return f"bridge/devices is not JSON ({error})"
    if not isinstance(entries, list):
        return "bridge/devices is not a JSON list"
    found: list[Discovered] = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") == "Coordinator" or entry.get("disabled"):
            continue
        name, ieee = entry.get("friendly_name"), entry.get("ieee_address")
        definition = entry.get("definition")
        if not isinstance(name, str) or not name or not isinstance(definition, dict):
            continue
        exposes = [e for e in definition.get("exposes") or [] if isinstance(e, dict)]
        kind = _device_from_exposes(exposes)
        if kind is None:
            continue
        device_type, capabilities, setpoint_key = kind
        topic = f"{base}/{name}"
        gettable = sorted({str(f["property"]) for e in exposes for f in [e, *_features(e)]
                           if isinstance(f.get("property"), str) and _access(f) & ACCESS_GET})
        refresh = Message(f"{topic}/get", json.dumps(dict.fromkeys(gettable, ""))) if gettable else None
        device = Device(id=slug(name, f"z2m_{ieee}"), type=device_type, names=names_from_label(name),
                        capabilities=capabilities,
                        mqtt=DeviceMqtt(convention="zigbee2mqtt", base_topic=topic, setpoint_key=setpoint_key))
        keys = {device.id, topic, name}
        if isinstance(ieee, str):
            keys.add(ieee)
        found.append(Discovered(device, Source.ZIGBEE2MQTT, frozenset(keys), refresh))
    return found
