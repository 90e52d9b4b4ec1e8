"""The home as the rule path sees it: device names, places, kinds, and target selection."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from homeassist.config import Config, Device, DeviceType, Names
from homeassist.understand.lexicon import SIGNAL_PHRASES
from homeassist.understand.mentions import Meanings, MentionScanner, Place
from homeassist.understand.normalize import normalize
from homeassist.understand.vocabulary import GENERIC_NOUNS, KIND_NOUNS, Kind


@dataclass(frozen=True)
class DeviceGroup:
    """A named set of devices beyond areas, such as a floor ("upstairs", "一楼")."""

    id: str
    names: Names
    device_ids: tuple[str, ...]


@dataclass(frozen=True)
class KindFilter:
    """A kind as it was said: the noun decides membership for devices without a class."""

    kind: Kind
    noun: str


@dataclass
class Request:
    """What a sentence says about its target, gathered from its mentions."""

    named: list[Meanings] = field(default_factory=list)  # device names
    places: list[Place] = field(default_factory=list)
    kinds: list[KindFilter] = field(default_factory=list)
    sensor_classes: set[str] = field(default_factory=set)
    states: set[str] = field(default_factory=set)  # states asked about: "on", "open"
    generic: bool = False
    listed: bool = False  # "A and B": places beside a named device add to it
    home: bool = False  # "everywhere", "the whole house"
    here: bool = False  # "in here", "this room"

    def names_target(self) -> bool:
        return bool(self.named or self.places or self.kinds or self.sensor_classes
                    or self.generic or self.here or self.home)


@dataclass(frozen=True)
class Selection:
    """Devices chosen for a request, or in `ambiguous` the candidates when one name fits several."""

    device_ids: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()


_OPENING_STATES = frozenset({"open", "opened", "closed", "shut"})


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") and noun.isascii() and len(noun) > 3 else noun


class HomeIndex:
    """Devices and places of one configuration, indexed for matching by name."""

    def __init__(self, config: Config, groups: Sequence[DeviceGroup] = (),
                 device_classes: Mapping[str, str] | None = None) -> None:
        self.devices: dict[str, Device] = {d.id: d for d in config.devices}
        self.device_classes = dict(device_classes or {})
        self.area_devices: dict[str, frozenset[str]] = {
            area.id: frozenset(d.id for d in config.devices if d.area == area.id)
            for area in config.areas
        }
        self.names: dict[str, tuple[str, ...]] = {
            d.id: tuple(dict.fromkeys(normalize(n) for n in _all_names(d.names)))
            for d in config.devices
        }
        device_names: dict[str, list[str]] = defaultdict(list)
        for device_id, names in self.names.items():
            for name in names:
                for variant in _name_variants(name):
                    device_names[variant].append(device_id)
        for device in config.devices:
            area = config.area(device.area) if device.area else None
            if area is None:
                continue
            area_names = [normalize(n) for n in _all_names(area.names)]
            for name in self.names[device.id]:
                for short in _short_names(name, area_names):
                    if device.id not in device_names[short]:
                        device_names[short].append(device.id)
        place_names: dict[str, list[Place]] = defaultdict(list)
        for area in config.areas:
            place = Place(area.id, self.area_devices[area.id], is_area=True)
            for name in _all_names(area.names):
                for variant in _name_variants(normalize(name)):
                    place_names[variant].append(place)
        for group in groups:
            place = Place(group.id, frozenset(group.device_ids), is_area=False)
            for name in _all_names(group.names):
                for variant in _name_variants(normalize(name)):
                    place_names[variant].append(place)
        self.scanner = MentionScanner(
            {name: ids for name, ids in device_names.items() if name},
            {name: tuple(places) for name, places in place_names.items() if name},
        )

    def device_type(self, device_id: str) -> DeviceType:
        return self.devices[device_id].type

    def matches(self, device_id: str, kind: KindFilter) -> bool:
        device = self.devices[device_id]
        if device.type not in kind.kind.types:
            return False
        if not kind.kind.device_classes:
            return True
        device_class = self.device_classes.get(device_id)
        if device_class is not None:
            return device_class in kind.kind.device_classes
        noun = _singular(kind.noun)
        return any(noun in name and not any(word in name for word in kind.kind.excluded_words)
                   for name in self.names[device_id])

    def matches_any(self, device_id: str, kinds: Iterable[KindFilter]) -> bool:
        return any(self.matches(device_id, kind) for kind in kinds)

    def select(self, request: Request, *, default_kinds: Sequence[KindFilter],
               allowed_types: frozenset[DeviceType], satellite_area: str | None) -> Selection:
        """Choose the devices a request targets.

        Named devices win over places and kinds, which only narrow devices
        that share a name. A place without a kind means `default_kinds` in
        that place. Without a place, "here" and
        commands without a scope word mean the satellite's area, falling back
        to the whole home when that area has no matching device.
        """
        kinds = request.kinds or list(default_kinds)
        if request.named:
            return self._select_named(request, kinds, allowed_types, satellite_area)

        if request.places:
            scope: frozenset[str] = frozenset().union(*(p.device_ids for p in request.places))
        elif request.home or satellite_area is None:
            scope = frozenset(self.devices)
        else:
            scope = self.area_devices.get(satellite_area, frozenset())

        chosen = self._filter(scope, request, kinds, allowed_types)
        if not chosen and not request.places and not request.here and not request.home:
            chosen = self._filter(frozenset(self.devices), request, kinds, allowed_types)
        return Selection(tuple(sorted(chosen)))

    def _filter(self, scope: frozenset[str], request: Request, kinds: Sequence[KindFilter],
                allowed_types: frozenset[DeviceType]) -> set[str]:
        chosen = set()
        for device_id in scope:
            if self.devices[device_id].type not in allowed_types:
                continue
            if request.sensor_classes:
                if self.device_classes.get(device_id) not in request.sensor_classes:
                    continue
                if request.kinds and not self.matches_any(device_id, request.kinds):
                    continue
            elif not request.generic and not self.matches_any(device_id, kinds):
                continue
            chosen.add(device_id)
        return chosen

    def _select_named(self, request: Request, kinds: Sequence[KindFilter],
                      allowed_types: frozenset[DeviceType],
                      satellite_area: str | None) -> Selection:
        place_scope: frozenset[str] | None = None
        if request.places:
            place_scope = frozenset().union(*(p.device_ids for p in request.places))
        chosen: list[str] = []
        for meanings in request.named:
            candidates = [d for d in meanings.device_ids if self.devices[d].type in allowed_types]
            if not candidates and len(meanings.device_ids) == 1:
                # One device named for an action it cannot do ("turn off the
                # outside temperature" sensor): keep it, so the reply says it
                # cannot do that instead of claiming not to know the device.
                candidates = list(meanings.device_ids)
            candidates = self._narrow(candidates, request, kinds, place_scope, satellite_area)
            if len(candidates) > 1:
                return Selection(ambiguous=tuple(sorted(candidates)))
            chosen.extend(candidates)
        if request.listed and chosen:
            # "厨房和卧室的灯", where "卧室的灯" is a device name: the kitchen
            # means its devices of the same type.
            types = {self.devices[d].type for d in chosen}
            for place in request.places:
                if place.device_ids.isdisjoint(chosen):
                    chosen.extend(sorted(d for d in place.device_ids
                                         if self.devices[d].type in types))
        return Selection(tuple(dict.fromkeys(chosen)))

    def _narrow(self, candidates: list[str], request: Request, kinds: Sequence[KindFilter],
                place_scope: frozenset[str] | None, satellite_area: str | None) -> list[str]:
        """Narrow devices sharing one name by the kinds, classes and places said with it."""
        asks_open = bool(request.states & _OPENING_STATES)
        steps: list[Callable[[str], bool]] = [
            lambda d: place_scope is None or d in place_scope,
            lambda d: self.device_classes.get(d) in request.sensor_classes,
            lambda d: self.matches_any(d, request.kinds),
            lambda d: self.matches_any(d, kinds),
            # A lock is neither open nor closed, but the door it belongs to is.
            lambda d: not (asks_open and self.device_classes.get(d) == "lock"),
            lambda d: self.devices[d].area == satellite_area,
        ]
        for keep in steps:
            if len(candidates) <= 1:
                break
            narrowed = [d for d in candidates if keep(d)]
            if narrowed:
                candidates = narrowed
        return candidates


def _all_names(names: Names) -> list[str]:
    return [*names.en, *names.zh]


def _short_names(name: str, area_names: Sequence[str]) -> list[str]:
    """Return a device name without its area ("humidity" for "living room humidity").

    People drop the area when they say it separately ("the humidity in the
    living room"). A remainder that is only a kind noun or a signal word
    ("lamp", "灯") is left out, because the kind already covers it.
    """
    shorts = []
    for area_name in area_names:
        for prefix in (f"{area_name} ", f"{area_name}的", area_name):
            if name.startswith(prefix) and len(name) > len(prefix):
                shorts.append(name[len(prefix):])
                break
        for suffix in (f" {area_name}", area_name):
            if name.endswith(suffix) and len(name) > len(suffix):
                shorts.append(name[:-len(suffix)].removesuffix("的"))
                break
    return [s for s in dict.fromkeys(shorts)
            if len(s) >= 2 and s not in KIND_NOUNS and s not in SIGNAL_PHRASES
            and s not in GENERIC_NOUNS]


def _name_variants(name: str) -> list[str]:
    """Return a name and the forms people say it in ("客厅的灯" is also "客厅灯")."""
    variants = [name]
    if "的" in name:
        variants.append(name.replace("的", ""))
    return variants
