"""Configuration: one YAML file, validated with pydantic before anything starts."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from homeassist.errors import ConfigError
from homeassist.modelstore import DEFAULT_MODELS_DIR
from homeassist.personal.settings import PersonalConfig, check_rules

EXAMPLE_CONFIG = Path(__file__).resolve().parent / "data" / "config.example.yaml"

DeviceId = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=64)]


def locale_language() -> Literal["zh", "en"]:
    """Return "zh" when the locale (LC_ALL, LC_MESSAGES, LANG) is Chinese, else "en"."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def default_state_dir() -> Path:
    """Return systemd's StateDirectory when set, else ~/.local/state/homeassist."""
    if state := os.environ.get("STATE_DIRECTORY"):
        return Path(state.split(":")[0])
    xdg = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(xdg) / "homeassist"


def search_paths() -> list[Path]:
    """Return the configuration files tried in order when --config is not given."""
    paths = []
    if env := os.environ.get("HOMEASSIST_CONFIG"):
        paths.append(Path(env))
    if configuration_dir := os.environ.get("CONFIGURATION_DIRECTORY"):  # set by systemd
        paths.append(Path(configuration_dir) / "config.yaml")
    paths.append(Path.cwd() / "homeassist.yaml")
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    paths.append(Path(xdg) / "homeassist" / "config.yaml")
    paths.append(Path("/etc/homeassist/config.yaml"))
    return paths


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Names(Strict):
    """Names a person may use for a device or area; the first of each list is used in replies."""

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


class DeviceType(StrEnum):
    LIGHT = "light"
    CLIMATE = "climate"
    COVER = "cover"
    FAN = "fan"
    SWITCH = "switch"
    SENSOR = "sensor"


HvacMode = Literal["off", "heat", "cool", "auto", "dry", "fan_only"]
DEFAULT_HVAC_MODES: tuple[HvacMode, ...] = ("off", "heat", "cool", "auto")


class Capabilities(Strict):
    dimmable: bool = False
    color_temp: bool = False
    color: bool = False
    min_temp_c: float = 5.0
    max_temp_c: float = 35.0
    temp_step_c: float = Field(default=0.5, gt=0)
    hvac_modes: list[HvacMode] = Field(default_factory=lambda: list(DEFAULT_HVAC_MODES))
    position: bool = False
    fan_speeds: int = Field(default=0, ge=0, le=10)

    @model_validator(mode="after")
    def _temperature_range(self) -> Capabilities:
        if self.min_temp_c >= self.max_temp_c:
            raise ValueError(f"min_temp_c ({self.min_temp_c}) must be below max_temp_c ({self.max_temp_c})")
        return self


class DeviceMqtt(Strict):
    """How a device is reached over MQTT.

    zigbee2mqtt: commands go to `<base_topic>/set`, state arrives on `<base_topic>`
    (default base topic: `zigbee2mqtt/<device id>`).
    tasmota: `base_topic` is the device topic, as in `cmnd/<topic>/Power` (default: the device id).
    homeassistant: `homeassistant` holds a Home Assistant MQTT discovery config, abbreviations expanded.
    generic: `command_topic`, `state_topic` and `payloads`.
    Payload templates use string.Template placeholders such as `$brightness_254`,
    `$percent`, `$temperature_c` and `$mode`.
    """

    convention: Literal["zigbee2mqtt", "homeassistant", "tasmota", "generic"] = "zigbee2mqtt"
    base_topic: str | None = None
    command_topic: str | None = None
    state_topic: str | None = None
    state_format: Literal["json", "plain"] = "json"  # generic: a plain payload is the `state` value
    availability_topic: str | None = None
    payload_available: str = "online"
    payload_not_available: str = "offline"
    setpoint_key: str = "occupied_heating_setpoint"
    payloads: dict[str, str] = Field(default_factory=dict)
    tasmota_full_topic: str = "%prefix%/%topic%/"
    tasmota_relay: int = Field(default=0, ge=0, le=32, description="0 for `Power`, n for `Power<n>`")
    homeassistant: dict[str, Any] = Field(default_factory=dict)
    confirm: bool | None = None  # wait for the state to confirm a command; default: mqtt.confirm


class Device(Strict):
    id: DeviceId
    type: DeviceType
    area: str | None = None
    # Home Assistant device class ("curtain", "blind", "garage", "window", "moisture", ...),
    # which lets a user ask by class ("are any windows open").
    device_class: str | None = Field(default=None, pattern=r"^[a-z_]+$")
    names: Names = Field(default_factory=Names)
    capabilities: Capabilities = Field(default_factory=Capabilities)
    mqtt: DeviceMqtt = Field(default_factory=DeviceMqtt)

    def display_name(self, language: str) -> str:
        names = self.names.zh if language == "zh" else self.names.en
        fallback = self.names.en or self.names.zh
        return (names or fallback or [self.id])[0]


class Area(Strict):
    id: DeviceId
    names: Names = Field(default_factory=Names)


class Group(Strict):
    """A named set of devices beyond areas, such as a floor."""

    id: DeviceId
    names: Names = Field(default_factory=Names)
    areas: list[DeviceId] = Field(default_factory=list)
    devices: list[DeviceId] = Field(default_factory=list)


class ConversationConfig(Strict):
    """How long follow-ups ("turn it off", "那卧室呢") refer back to earlier turns."""

    max_turns: int = Field(default=3, ge=1, le=20)
    window_s: float = Field(default=60.0, gt=0, le=3600)
    # Area of the microphone; "turn on the light" without a room means this one.
    microphone_area: str | None = None


class WakeWordConfig(Strict):
    model: str = "hey_jarvis"
    threshold: float = Field(default=0.5, gt=0, lt=1)
    pre_roll_s: float = Field(default=0.5, ge=0.3, le=3.0)
    refractory_s: float = Field(default=2.0, ge=0, description="ignore new wakes this long after one")


class EndOfSpeechConfig(Strict):
    hangover_s: float = Field(default=0.6, ge=0.2, le=3.0)
    max_utterance_s: float = Field(default=12.0, ge=1.0, le=60.0)
    no_speech_timeout_s: float = Field(default=4.0, ge=0.5, le=30.0)
    speech_threshold: float = Field(default=0.5, gt=0, lt=1)


class SpeechToTextConfig(Strict):
    model: str = "whisper-base"
    language: Literal["zh", "en", "auto"] = "auto"
    beam_size: int = Field(default=1, ge=1, le=10)
    threads: int = Field(default=2, ge=1, le=64)
    device: Literal["cpu", "cuda", "auto"] = "cpu"
    compute_type: str = "int8"


class LlmConfig(Strict):
    """The LLM: llama.cpp in this process, or an OpenAI-compatible server (llama-server, Ollama)."""

    backend: Literal["llama_cpp", "openai"] = "llama_cpp"
    model: str = "qwen2.5-coder-0.5b-instruct-q4_k_m"  # manifest id (llama_cpp) or server model name
    url: str = "http://127.0.0.1:8080/v1"  # base URL of the OpenAI-compatible API
    api_key: str | None = Field(default=None, repr=False)
    timeout_s: float = Field(default=20.0, gt=0)
    threads: int = Field(default=2, ge=1, le=256)
    gpu_layers: int = Field(default=0, ge=-1)
    context_tokens: int = Field(default=4096, ge=512, le=32768)  # prompt with every device, plus the request
    max_tokens: int = Field(default=96, ge=16, le=1024)


class VoiceConfig(Strict):
    engine: Literal["piper", "espeak-ng"]
    voice: str  # a manifest model id or .onnx path for Piper; an espeak-ng voice name otherwise
    speed: float = Field(default=1.0, gt=0.2, le=3.0)


class TtsConfig(Strict):
    en: VoiceConfig = VoiceConfig(engine="piper", voice="piper-en_US-joe-medium")
    zh: VoiceConfig = VoiceConfig(engine="espeak-ng", voice="cmn")


class TlsConfig(Strict):
    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None
    insecure: bool = False


class DiscoveryConfig(Strict):
    """Which retained discovery messages add devices, and under which topic prefixes."""

    zigbee2mqtt: bool = True
    zigbee2mqtt_base_topic: str = "zigbee2mqtt"
    homeassistant: bool = True
    homeassistant_prefix: str = "homeassistant"
    tasmota: bool = True
    tasmota_prefix: str = "tasmota/discovery"


class MqttConfig(Strict):
    """The broker. With no host, an embedded broker is started on 127.0.0.1 (demo only).

    With the embedded broker no real device can report state, so commands are
    reported as sent, never as confirmed.
    """

    host: str | None = None
    port: int = Field(default=1883, ge=1, le=65535)
    username: str | None = None
    password: str | None = Field(default=None, repr=False)
    tls: TlsConfig | None = None
    client_id: str = "homeassist"
    keepalive_s: int = Field(default=30, ge=5, le=3600)
    reconnect_initial_s: float = Field(default=0.5, gt=0)
    reconnect_max_s: float = Field(default=30.0, gt=0)
    publish_timeout_s: float = Field(default=3.0, gt=0)
    confirm: bool = True  # wait for each device's state to confirm a command
    confirm_timeout_s: float = Field(default=2.0, gt=0, le=60)
    discovery: DiscoveryConfig = DiscoveryConfig()
    status_topic: str = "homeassist/status"  # retained online/offline, offline also as the last will
    self_discovery: bool = False  # publish Home Assistant discovery entries for homeassist itself


class Config(Strict):
    language: Literal["zh", "en"] = Field(default_factory=locale_language)  # replies, messages, CLI
    models_dir: Path = DEFAULT_MODELS_DIR
    state_dir: Path = Field(default_factory=default_state_dir)  # timers, reminders, preferences
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    wake_word: WakeWordConfig = WakeWordConfig()
    end_of_speech: EndOfSpeechConfig = EndOfSpeechConfig()
    speech_to_text: SpeechToTextConfig = SpeechToTextConfig()
    llm: LlmConfig = LlmConfig()
    tts: TtsConfig = TtsConfig()
    mqtt: MqttConfig = MqttConfig()
    conversation: ConversationConfig = ConversationConfig()
    personal: PersonalConfig = PersonalConfig()
    areas: list[Area] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    devices: list[Device] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> Config:
        area_ids = {a.id for a in self.areas}
        seen: set[str] = set()
        for device in self.devices:
            if device.id in seen:
                raise ValueError(f"device id {device.id!r} is used twice; each device needs its own id")
            seen.add(device.id)
            if device.area is not None and device.area not in area_ids:
                raise ValueError(
                    f"device {device.id!r} names area {device.area!r}, which is not under `areas`"
                    f" (known: {', '.join(sorted(area_ids)) or 'none'})"
                )
        area = self.conversation.microphone_area
        if area is not None and area not in area_ids:
            raise ValueError(f"conversation.microphone_area {area!r} is not under `areas`")
        for group in self.groups:
            for area_id in group.areas:
                if area_id not in area_ids:
                    raise ValueError(f"group {group.id!r} names area {area_id!r}, which is not under `areas`")
            for device_id in group.devices:
                if device_id not in seen:
                    raise ValueError(f"group {group.id!r} names device {device_id!r}, which is not under `devices`")
        check_rules(self.personal, self)
        return self

    def device(self, device_id: str) -> Device:
        return next(d for d in self.devices if d.id == device_id)

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)


def _format_validation_error(path: Path, error: ValidationError) -> ConfigError:
    problems = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(top level)"
        value: Any = item.get("input")
        shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
        problems.append(f"{key} = {shown}: {item['msg']}")
    return ConfigError("config_invalid", path=str(path), problems="; ".join(problems))


def parse_config(text: str, path: Path) -> Config:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError("config_yaml", path=str(path), detail=str(error).replace("\n", " ")) from error
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError("config_not_mapping", path=str(path))
    try:
        config = Config.model_validate(raw)
    except ValidationError as error:
        raise _format_validation_error(path, error) from error
    for key in ("models_dir", "state_dir"):
        value: Path = getattr(config, key)
        if not value.is_absolute():
            config = config.model_copy(update={key: (path.parent / value).resolve()})
    return config


def load_config(explicit: Path | None) -> tuple[Config, Path]:
    """Load the configuration from `explicit` or the first file in `search_paths()`.

    Without any file, the bundled example configuration is used.
    """
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("config_not_found", path=str(explicit))
        candidates = [explicit]
    else:
        candidates = [p for p in search_paths() if p.is_file()] or [EXAMPLE_CONFIG]
    path = candidates[0]
    return parse_config(path.read_text(encoding="utf-8"), path), path
