"""Home Assistant intent test sentences, mapped to this project's configuration and actions.

The data (one JSON object per line, with fixtures of areas and entities) is
described in the README next to it. This module builds a `Config` from the
fixtures and turns each line's intent name and slots into the `Action`,
device ids and value the rule path should produce.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from homeassist.config import Area, Capabilities, Config, Device, DeviceType, Names
from homeassist.understand.intent import Action
from homeassist.understand.normalize import normalize
from homeassist.understand.targets import DeviceGroup

# Home Assistant domains this project models, as device types.
DOMAIN_TYPES: dict[str, DeviceType] = {
    "light": DeviceType.LIGHT, "switch": DeviceType.SWITCH, "fan": DeviceType.FAN,
    "cover": DeviceType.COVER, "climate": DeviceType.CLIMATE,
    "sensor": DeviceType.SENSOR, "binary_sensor": DeviceType.SENSOR,
}

# Intents the rule path is expected to understand. The others (timers, weather,
# date and time) belong to later features and are reported as unsupported.
SUPPORTED_INTENTS = frozenset({
    "HassTurnOn", "HassTurnOff", "HassLightSet", "HassClimateSetTemperature",
    "HassClimateGetTemperature", "HassGetState", "HassSetPosition", "HassNevermind",
})


# The domain an intent acts on when its slots name no device.
_INTENT_DOMAINS = {"HassClimateGetTemperature": "climate", "HassClimateSetTemperature": "climate",
                   "HassLightSet": "light"}


@dataclass(frozen=True)
class Home:
    """A configuration with the extras the rule path takes beside it."""

    config: Config
    groups: tuple[DeviceGroup, ...] = ()
    device_classes: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)  # device id -> Home Assistant domain
    # Every entity's Home Assistant class, sensors included. Only the classes
    # of covers and binary sensors are given to the parser.
    all_classes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Expected:
    """The result a sentence should produce."""

    action: Action
    device_ids: frozenset[str]
    value: float | str | None = None
    ambiguous: frozenset[str] = frozenset()  # candidates the assistant should ask about


@dataclass(frozen=True)
class Case:
    """One test sentence with what it should produce, or why it is not scored."""

    text: str
    language: str
    intent_name: str
    satellite_area: str | None
    home: Home
    expected: Expected | None
    unsupported_reason: str | None = None
    dataset: str = "ha"  # "ha" for the Home Assistant sentences, "robustness" for our own


def device_id_for(entity_id: str) -> str:
    """Turn a Home Assistant entity id ("light.bedroom_lamp") into a device id."""
    return re.sub(r"[^a-z0-9_]", "_", entity_id.lower())[:64]


def _names(name: str, language: str) -> Names:
    return Names(zh=[name]) if language.startswith("zh") else Names(en=[name])


def _capabilities(device_type: DeviceType) -> Capabilities:
    if device_type is DeviceType.LIGHT:
        return Capabilities(dimmable=True, color=True, color_temp=True)
    if device_type is DeviceType.COVER:
        return Capabilities(position=True)
    if device_type is DeviceType.FAN:
        return Capabilities(fan_speeds=3)
    return Capabilities()


def build_home(fixtures: dict[str, Any], extra: dict[str, Any] | None = None) -> Home:
    """Build a `Home` from a fixtures file and a line's own `file_fixtures`."""
    language = str(fixtures.get("language", "en"))
    areas: dict[str, Area] = {}
    area_by_name: dict[str, str] = {}
    for raw in [*fixtures.get("areas", []), *(extra or {}).get("areas", [])]:
        area_id = device_id_for(raw.get("id") or raw["name"])
        if raw["name"].casefold() in area_by_name:
            continue
        areas[area_id] = Area(id=area_id, names=_names(raw["name"], language))
        area_by_name[raw["name"].casefold()] = area_id

    names: dict[str, list[str]] = {}
    raw_devices: dict[str, dict[str, Any]] = {}
    domains: dict[str, str] = {}
    device_classes: dict[str, str] = {}
    all_classes: dict[str, str] = {}
    for raw in [*fixtures.get("entities", []), *(extra or {}).get("entities", [])]:
        domain = raw.get("domain") or raw["id"].split(".")[0]
        if domain not in DOMAIN_TYPES:
            continue
        device_id = device_id_for(raw.get("id") or f"{domain}.{raw['name']}")
        names.setdefault(device_id, [])
        if raw["name"] not in names[device_id]:
            names[device_id].append(raw["name"])
        raw_devices.setdefault(device_id, raw)
        domains[device_id] = domain
        device_class = (raw.get("attributes") or {}).get("device_class")
        if device_class:
            all_classes[device_id] = device_class
        if device_class and domain in ("cover", "binary_sensor"):
            device_classes[device_id] = device_class

    devices = []
    for device_id, raw in raw_devices.items():
        device_type = DOMAIN_TYPES[domains[device_id]]
        area = device_id_for(raw["area"]) if raw.get("area") else None
        name_list = names[device_id]
        device_names = Names(zh=name_list) if language.startswith("zh") else Names(en=name_list)
        devices.append(Device(id=device_id, type=device_type,
                              area=area if area in areas else None,
                              names=device_names, capabilities=_capabilities(device_type)))
    config = Config(areas=list(areas.values()), devices=devices)

    groups = []
    for floor in fixtures.get("floors", []):
        floor_areas = {device_id_for(a["id"]) for a in fixtures.get("areas", [])
                       if a.get("floor") == floor["id"]}
        members = tuple(d.id for d in devices if d.area in floor_areas)
        groups.append(DeviceGroup(id=device_id_for(floor["id"]),
                                  names=_names(floor["name"], language), device_ids=members))
    return Home(config, tuple(groups), device_classes, domains, all_classes)


def _area_ids(home: Home, area_name: str) -> set[str]:
    name = normalize(area_name)
    return {a.id for a in home.config.areas
            if any(normalize(n) == name for n in [*a.names.en, *a.names.zh])}


def expected_devices(home: Home, intent_name: str, slots: dict[str, Any]) -> frozenset[str]:
    """Return the device ids that Home Assistant would target for these slots."""
    devices = list(home.config.devices)
    name = slots.get("name")
    if name and name != "all":
        expected_names = {normalize(n) for n in (name if isinstance(name, list) else [name])}
        devices = [d for d in devices if any(normalize(n) in expected_names
                                             for n in [*d.names.en, *d.names.zh])]
    if area := slots.get("area"):
        area_ids: set[str] = set()
        for area_name in area if isinstance(area, list) else [area]:
            area_ids |= _area_ids(home, area_name)
        devices = [d for d in devices if d.area in area_ids]
    if floor := slots.get("floor"):
        floor_name = normalize(floor)
        members: set[str] = set()
        for group in home.groups:
            if any(normalize(n) == floor_name for n in [*group.names.en, *group.names.zh]):
                members |= set(group.device_ids)
        devices = [d for d in devices if d.id in members]
    domain = slots.get("domain")
    implied_domain = _INTENT_DOMAINS.get(intent_name)
    if implied_domain and not (name and name != "all"):
        domain = implied_domain
    if domain:
        devices = [d for d in devices if home.domains.get(d.id) == domain]
    if device_class := slots.get("device_class"):
        devices = [d for d in devices if home.all_classes.get(d.id) == device_class]
    return frozenset(d.id for d in devices)


def expected_result(home: Home, intent_name: str, slots: dict[str, Any]) -> Expected | str:
    """Map an intent and its slots to an `Expected`, or return why it is not scored."""
    if intent_name not in SUPPORTED_INTENTS:
        return f"{intent_name} is not handled by the rule path"
    domain = slots.get("domain")
    if domain and domain not in DOMAIN_TYPES:
        return f"domain {domain} is not modelled"
    if intent_name == "HassNevermind":
        return Expected(Action.NONE, frozenset())
    devices = expected_devices(home, intent_name, slots)
    covers = domain == "cover" or (devices and all(home.domains[d] == "cover" for d in devices))
    if intent_name == "HassTurnOn":
        return Expected(Action.OPEN if covers else Action.TURN_ON, devices)
    if intent_name == "HassTurnOff":
        return Expected(Action.CLOSE if covers else Action.TURN_OFF, devices)
    if intent_name == "HassLightSet":
        if "brightness" in slots:
            return Expected(Action.SET_BRIGHTNESS, devices, float(slots["brightness"]))
        if "color" in slots:
            return Expected(Action.SET_COLOR, devices, str(slots["color"]))
        return "HassLightSet without brightness or colour"
    if intent_name == "HassClimateSetTemperature":
        return Expected(Action.SET_TEMPERATURE, devices, float(slots["temperature"]))
    if intent_name == "HassSetPosition":
        return Expected(Action.SET_POSITION, devices, float(slots["position"]))
    return Expected(Action.QUERY_STATE, devices)


def read_cases(intents_path: Path, fixtures_path: Path) -> Iterator[Case]:
    """Read a `ha_intents_*.jsonl` file with its fixtures as scored cases."""
    fixtures = json.loads(fixtures_path.read_text(encoding="utf-8"))
    base = build_home(fixtures)
    homes: dict[str, Home] = {}
    with intents_path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            home = base
            if row.get("file_fixtures"):
                key = json.dumps(row["file_fixtures"], sort_keys=True)
                if key not in homes:
                    homes[key] = build_home(fixtures, row["file_fixtures"])
                home = homes[key]
            satellite_area = None
            if area_name := (row.get("context") or {}).get("area"):
                satellite_area = next(iter(sorted(_area_ids(home, area_name))), None)
            result = expected_result(home, row["intent"], row.get("slots") or {})
            yield Case(
                text=row["text"], language=row.get("lang", fixtures.get("language", "")),
                intent_name=row["intent"], satellite_area=satellite_area, home=home,
                expected=result if isinstance(result, Expected) else None,
                unsupported_reason=result if isinstance(result, str) else None,
            )
