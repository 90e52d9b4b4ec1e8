"""Words the rule path recognises, in normalised form (lower case, Simplified Chinese).

Device classes follow Home Assistant's names for binary sensor and cover
classes ("battery", "moisture", "curtain", "garage"...), so a configuration
that states them can be queried by class ("are any windows open?").
"""

from __future__ import annotations

from dataclasses import dataclass

from homeassist.config import DeviceType


@dataclass(frozen=True)
class Kind:
    """A category of devices named by a noun ("lights", "窗帘").

    With `device_classes` empty, every device of `types` belongs. Otherwise a
    device belongs when its class is listed. A device without a class belongs
    when one of its names contains the noun and none of `excluded_words`.
    """

    types: frozenset[DeviceType]
    device_classes: frozenset[str] = frozenset()
    excluded_words: frozenset[str] = frozenset()


def _kind(*types: DeviceType, classes: tuple[str, ...] = (),
          excluded: tuple[str, ...] = ()) -> Kind:
    return Kind(frozenset(types), frozenset(classes), frozenset(excluded))


LIGHT = _kind(DeviceType.LIGHT)
FAN = _kind(DeviceType.FAN)
SWITCH = _kind(DeviceType.SWITCH)
CLIMATE = _kind(DeviceType.CLIMATE)
COVER = _kind(DeviceType.COVER)
SENSOR = _kind(DeviceType.SENSOR)
CURTAIN = _kind(DeviceType.COVER, classes=("curtain",))
BLIND = _kind(DeviceType.COVER, classes=("blind", "shutter"))
SHADE = _kind(DeviceType.COVER, classes=("shade",))
WINDOW = _kind(DeviceType.COVER, DeviceType.SENSOR, classes=("window",))
GARAGE_DOOR = _kind(DeviceType.COVER, DeviceType.SENSOR, classes=("garage", "garage_door"))
# A plain "door" is never the garage door, which must be named as such.
DOOR = _kind(DeviceType.COVER, DeviceType.SENSOR, classes=("door", "gate"),
             excluded=("garage", "车库"))

KIND_NOUNS: dict[str, Kind] = {
    # English
    "lights": LIGHT, "light": LIGHT, "lamps": LIGHT, "lamp": LIGHT, "lighting": LIGHT,
    "bulbs": LIGHT, "bulb": LIGHT,
    "fans": FAN, "fan": FAN,
    "switches": SWITCH, "switch": SWITCH, "plugs": SWITCH, "plug": SWITCH, "sockets": SWITCH,
    "socket": SWITCH, "outlets": SWITCH, "outlet": SWITCH,
    "thermostats": CLIMATE, "thermostat": CLIMATE, "air conditioners": CLIMATE,
    "air conditioner": CLIMATE, "air conditioning": CLIMATE, "ac": CLIMATE, "heater": CLIMATE,
    "heaters": CLIMATE, "heating": CLIMATE, "hvac": CLIMATE, "climate": CLIMATE,
    "covers": COVER, "cover": COVER,
    "curtains": CURTAIN, "curtain": CURTAIN, "drapes": CURTAIN,
    "blinds": BLIND, "blind": BLIND, "shutters": BLIND, "shutter": BLIND,
    "shades": SHADE, "shade": SHADE,
    "windows": WINDOW, "window": WINDOW,
    "garage doors": GARAGE_DOOR, "garage door": GARAGE_DOOR,
    "doors": DOOR, "door": DOOR, "gate": DOOR,
    "sensors": SENSOR, "sensor": SENSOR,
    # Chinese
    "灯光": LIGHT, "灯泡": LIGHT, "台灯": LIGHT, "吊灯": LIGHT, "电灯": LIGHT, "灯": LIGHT,
    "风扇": FAN, "电扇": FAN, "吊扇": FAN, "电风扇": FAN,
    "开关": SWITCH, "插座": SWITCH, "插头": SWITCH,
    "空调": CLIMATE, "温控器": CLIMATE, "暖气": CLIMATE, "地暖": CLIMATE,
    "窗帘": CURTAIN, "百叶窗": BLIND, "卷帘": BLIND, "遮阳帘": SHADE,
    "窗户": WINDOW, "窗": WINDOW,
    "车库门": GARAGE_DOOR, "车库的门": GARAGE_DOOR,
    "门": DOOR, "大门": DOOR,
    "传感器": SENSOR, "感应器": SENSOR,
}

# Nouns for every device of a type at once ("all the devices", "anything").
GENERIC_NOUNS = frozenset({"devices", "device", "things", "thing", "anything", "everything",
                           "设备", "东西", "电器"})


@dataclass(frozen=True)
class SensorWord:
    """A word that selects sensors of one class, as a noun or as the state asked about."""

    device_class: str
    state_word: bool = False


# Binary sensor classes by the nouns and states people use for them.
SENSOR_WORDS: dict[str, SensorWord] = {
    "batteries": SensorWord("battery"), "battery": SensorWord("battery"),
    "low": SensorWord("battery", True), "charged": SensorWord("battery", True),
    "normal": SensorWord("battery", True),
    "charging": SensorWord("battery_charging", True),
    "carbon monoxide sensors": SensorWord("carbon_monoxide"),
    "carbon monoxide sensor": SensorWord("carbon_monoxide"),
    "carbon monoxide": SensorWord("carbon_monoxide"), "co": SensorWord("carbon_monoxide"),
    "cold": SensorWord("cold", True),
    "connected": SensorWord("connectivity", True),
    "disconnected": SensorWord("connectivity", True),
    "gas sensors": SensorWord("gas"), "gas": SensorWord("gas"),
    "hot": SensorWord("heat", True),
    "locked": SensorWord("lock", True), "unlocked": SensorWord("lock", True),
    "water sensors": SensorWord("moisture"), "leak sensors": SensorWord("moisture"),
    "water sensor": SensorWord("moisture"), "leak sensor": SensorWord("moisture"),
    "leak": SensorWord("moisture"), "leaks": SensorWord("moisture"),
    "floor": SensorWord("moisture"),
    "wet": SensorWord("moisture", True), "dry": SensorWord("moisture", True),
    "flooded": SensorWord("moisture", True),
    "motion sensors": SensorWord("motion"), "motion": SensorWord("motion"),
    "occupancy sensors": SensorWord("occupancy"), "occupancy": SensorWord("occupancy"),
    "occupied": SensorWord("occupancy", True),
    "openings": SensorWord("opening"), "opening": SensorWord("opening"),
    "plugged in": SensorWord("plug", True), "unplugged": SensorWord("plug", True),
    "powered on": SensorWord("power", True), "powered": SensorWord("power", True),
    "mains power": SensorWord("power"), "power": SensorWord("power"),
    "home": SensorWord("presence", True), "away": SensorWord("presence", True),
    "gone": SensorWord("presence", True),
    "problems": SensorWord("problem"), "problem": SensorWord("problem"),
    "running": SensorWord("running", True),
    "safe": SensorWord("safety", True), "unsafe": SensorWord("safety", True),
    "smoke sensors": SensorWord("smoke"), "smoke": SensorWord("smoke"),
    "sound sensors": SensorWord("sound"), "sound": SensorWord("sound"),
    "noise": SensorWord("sound"),
    "tampered": SensorWord("tamper", True), "clear": SensorWord("tamper", True),
    "updates": SensorWord("update"), "update": SensorWord("update"),
    "up to date": SensorWord("update", True), "available": SensorWord("update", True),
    "vibrating": SensorWord("vibration", True), "vibration": SensorWord("vibration"),
    "light detected": SensorWord("light", True), "lights detected": SensorWord("light", True),
    "烟雾": SensorWord("smoke"), "漏水": SensorWord("moisture"), "燃气": SensorWord("gas"),
    "煤气": SensorWord("gas"), "有人": SensorWord("occupancy", True),
    "人体": SensorWord("motion"), "门窗": SensorWord("opening"),
}

# States asked about that say nothing about the class ("is X on", "detected").
PLAIN_STATE_WORDS = frozenset({"on", "off", "open", "closed", "shut", "detected", "triggered",
                               "opened", "turned on", "turned off"})

COLORS: dict[str, str] = {
    "red": "red", "green": "green", "blue": "blue", "yellow": "yellow", "orange": "orange",
    "purple": "purple", "violet": "purple", "pink": "pink", "cyan": "cyan",
    "magenta": "magenta", "white": "white",
    "红色": "red", "红": "red", "绿色": "green", "绿": "green", "蓝色": "blue", "蓝": "blue",
    "黄色": "yellow", "黄": "yellow", "橙色": "orange", "橙": "orange", "紫色": "purple",
    "紫": "purple", "粉色": "pink", "粉红色": "pink", "粉红": "pink", "青色": "cyan",
    "白色": "white", "白": "white",
}

# Named white tones as colour temperatures in kelvin.
COLOR_TEMPERATURES_K: dict[str, int] = {
    "warm white": 2700, "soft white": 2700, "warm": 2700, "neutral white": 4000,
    "cool white": 6500, "cold white": 6500, "daylight": 5500,
    "暖白光": 2700, "暖白": 2700, "暖光": 2700, "暖色": 2700, "暖黄光": 2700,
    "自然光": 4000, "中性光": 4000, "冷白光": 6500, "冷白": 6500, "冷光": 6500, "白光": 6500,
}

HVAC_MODES: dict[str, str] = {
    "cool mode": "cool", "cooling mode": "cool", "cooling": "cool", "cool": "cool",
    "heat mode": "heat", "heating mode": "heat", "heat": "heat",
    "auto mode": "auto", "automatic mode": "auto", "auto": "auto", "automatic": "auto",
    "dry mode": "dry", "dehumidify": "dry", "dehumidifying": "dry",
    "fan only": "fan_only", "fan mode": "fan_only",
    "制冷模式": "cool", "制冷": "cool", "冷气": "cool", "冷风": "cool",
    "制热模式": "heat", "制热": "heat", "暖风": "heat", "热风": "heat", "供暖": "heat",
    "自动模式": "auto", "自动": "auto",
    "除湿模式": "dry", "除湿": "dry", "抽湿": "dry",
    "送风模式": "fan_only", "送风": "fan_only", "通风": "fan_only",
}

# Fan speeds said as words, in percent.
FAN_SPEED_WORDS: dict[str, int] = {
    "low": 33, "medium": 66, "high": 100, "max": 100, "maximum": 100, "full": 100,
    "低速": 33, "低档": 33, "低风": 33, "中速": 66, "中档": 66, "中风": 66,
    "高速": 100, "高档": 100, "高风": 100, "最大": 100,
}
