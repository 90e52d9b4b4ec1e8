"""Discovery: recorded zigbee2mqtt, Home Assistant and Tasmota messages become the expected devices."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from homeassist.act import homeassistant_discovery
from homeassist.act.bridge import DeviceBridge
from homeassist.act.conventions import tasmota
from homeassist.act.conventions import zigbee2mqtt as z2m
from homeassist.act.discovered import Discovered, Source
from homeassist.act.listing import list_devices, run_devices
from homeassist.config import Device, DeviceType
from homeassist.state import StateStore
from tests.conftest import Broker
from tests.test_bridge_support import DATA, Client, bridge_config, start_broker, until, within


def _record(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _payload(entry: dict[str, Any]) -> bytes:
    payload = entry["payload"]
    return payload.encode() if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False).encode()


def _summary(device: Device) -> tuple[str, DeviceType, list[str], list[str]]:
    return device.id, device.type, device.names.en, device.names.zh


def test_zigbee2mqtt_record() -> None:
    found = z2m.discover(json.dumps(_record("zigbee2mqtt_bridge_devices.json")).encode(), "zigbee2mqtt")

    assert isinstance(found, list)
    devices = {d.device.id: d for d in found}
    assert [_summary(d.device) for d in found] == [
        ("living_room_ceiling", DeviceType.LIGHT, ["living room ceiling"], []),
        ("hallway_spot", DeviceType.LIGHT, ["hallway spot"], []),
        ("bedroom_trv", DeviceType.CLIMATE, ["bedroom trv"], []),
        ("study_blind", DeviceType.COVER, ["study blind"], []),
        ("bedroom_fan", DeviceType.FAN, ["bedroom fan"], []),
        ("coffee_machine_plug", DeviceType.SWITCH, ["coffee machine plug"], []),
        ("z2m_0x00158d0000000f01", DeviceType.SENSOR, [], ["客厅温湿度"]),
    ]
    ceiling = devices["living_room_ceiling"]
    assert ceiling.source is Source.ZIGBEE2MQTT
    assert ceiling.device.mqtt.base_topic == "zigbee2mqtt/living_room/ceiling"
    caps = ceiling.device.capabilities
    assert (caps.dimmable, caps.color_temp, caps.color) == (True, True, True)
    assert ceiling.refresh is not None
    assert ceiling.refresh.topic == "zigbee2mqtt/living_room/ceiling/get"
    assert json.loads(ceiling.refresh.payload) == {"brightness": "", "color": "", "color_temp": "", "state": ""}
    assert devices["hallway_spot"].device.capabilities.dimmable is False, "brightness without the set bit"
    trv = devices["bedroom_trv"].device
    assert (trv.capabilities.min_temp_c, trv.capabilities.max_temp_c, trv.capabilities.temp_step_c) == (5, 30, 0.5)
    assert trv.capabilities.hvac_modes == ["off", "auto", "heat"]
    assert trv.mqtt.setpoint_key == "occupied_heating_setpoint"
    assert devices["study_blind"].device.capabilities.position is True
    assert "0x00158d0000000f01" in devices["z2m_0x00158d0000000f01"].match_keys


@pytest.mark.parametrize("payload", [b"not json", b'{"devices": []}', b"\xff\xfe"])
def test_zigbee2mqtt_bad_record(payload: bytes) -> None:
    assert isinstance(z2m.discover(payload, "zigbee2mqtt"), str)


def test_homeassistant_configs() -> None:
    results = [homeassistant_discovery.discover(e["topic"], _payload(e), "homeassistant")
               for e in _record("homeassistant_configs.json")]
    found = [r for r in results if isinstance(r, Discovered)]
    problems = [r for r in results if isinstance(r, str)]

    assert [_summary(d.device) for d in found] == [
        ("desk_lamp", DeviceType.LIGHT, ["desk lamp"], []),
        ("porch_light", DeviceType.LIGHT, ["porch light"], []),
        ("heat_pump", DeviceType.CLIMATE, ["heat pump"], []),
        ("garage_door", DeviceType.COVER, ["garage door"], []),
        ("attic_fan", DeviceType.FAN, ["attic fan"], []),
        ("kettle", DeviceType.SWITCH, ["kettle"], []),
        ("balcony_temperature", DeviceType.SENSOR, ["balcony temperature"], []),
    ]
    assert len(problems) == 2
    desk = found[0].device
    assert desk.mqtt.homeassistant["command_topic"] == "esphome/desk/light/set"
    assert desk.mqtt.homeassistant["availability_topic"] == "esphome/desk/status"
    assert (desk.capabilities.dimmable, desk.capabilities.color_temp, desk.capabilities.color) == (True, True, True)
    heat_pump = found[2].device
    assert heat_pump.capabilities.hvac_modes == ["off", "heat", "cool", "fan_only"]
    assert (heat_pump.capabilities.min_temp_c, heat_pump.capabilities.max_temp_c) == (16, 31)
    assert found[3].device.capabilities.position is True


def test_homeassistant_empty_removes() -> None:
    assert homeassistant_discovery.discover("homeassistant/switch/kettle/config", b"", "homeassistant") is None


def test_tasmota_configs() -> None:
    found: list[Discovered] = []
    for entry in _record("tasmota_configs.json"):
        result = tasmota.discover(_payload(entry))
        assert isinstance(result, list)
        found += result

    assert [_summary(d.device) for d in found] == [
        ("aquarium_pump", DeviceType.SWITCH, ["aquarium pump"], []),
        ("aquarium_light", DeviceType.SWITCH, ["aquarium light"], []),
        ("reading_lamp", DeviceType.LIGHT, ["reading lamp"], []),
    ]
    assert [d.device.mqtt.tasmota_relay for d in found] == [1, 2, 0]
    lamp = found[2].device
    assert (lamp.capabilities.dimmable, lamp.capabilities.color_temp, lamp.capabilities.color) == (True, True, False)
    assert lamp.mqtt.payload_available == "Online"


CONFIGURED = [
    {"id": "lounge_light", "type": "light", "area": "living_room", "names": {"en": ["lounge light"], "zh": ["客厅灯"]},
     "mqtt": {"base_topic": "zigbee2mqtt/living_room/ceiling"}},
    {"id": "kettle", "type": "switch", "names": {"zh": ["烧水壶"]}, "mqtt": {"convention": "homeassistant"}},
    {"id": "fish_pump", "type": "switch", "names": {"en": ["fish pump"]},
     "mqtt": {"convention": "tasmota", "base_topic": "aquarium", "tasmota_relay": 1}},
    {"id": "garden_pump", "type": "switch", "names": {"en": ["garden pump"]}},
]
AREAS = [{"id": "living_room", "names": {"en": ["living room"], "zh": ["客厅"]}}]


def _publish_records(port: int) -> None:
    client = Client(port)
    client.publish("zigbee2mqtt/bridge/devices", json.dumps(_record("zigbee2mqtt_bridge_devices.json")), retain=True)
    client.publish("zigbee2mqtt/bridge/state", '{"state":"online"}', retain=True)
    for entry in _record("homeassistant_configs.json") + _record("tasmota_configs.json"):
        client.publish(entry["topic"], _payload(entry), retain=True)
    client.publish("zigbee2mqtt/living_room/ceiling", json.dumps({"state": "ON", "brightness": 120}), retain=True)
    client.publish("tele/aquarium/LWT", "Offline", retain=True)
    client.close()


@pytest.fixture
def discovery_broker(tmp_path: Path) -> Any:
    broker = start_broker(tmp_path)
    _publish_records(broker.port)
    yield broker
    broker.stop()


EXPECTED_IDS = [
    "lounge_light", "kettle", "fish_pump", "garden_pump",  # configured, in configuration order
    "heat_pump", "garage_door", "attic_fan", "desk_lamp", "porch_light", "balcony_temperature",  # Home Assistant
    "aquarium_light", "reading_lamp",  # Tasmota
    "hallway_spot", "bedroom_trv", "study_blind", "bedroom_fan", "coffee_machine_plug",  # zigbee2mqtt
    "z2m_0x00158d0000000f01",
]


async def test_discovered_merge(discovery_broker: Broker) -> None:
    changes: list[int] = []
    bridge = DeviceBridge(bridge_config(discovery_broker.port, CONFIGURED, areas=AREAS), StateStore())
    bridge.on_devices_changed = lambda devices: changes.append(len(devices))
    await within(bridge.start())
    try:
        assert await until(lambda: len(bridge.devices) == len(EXPECTED_IDS))
        assert await until(lambda: bridge.states.get("lounge_light") is not None)
        await within(asyncio.sleep(0.3))
        known = {k.device.id: k for k in bridge.known}
        ids = [d.id for d in bridge.devices]
        pump_online = bridge.is_online(known["fish_pump"].device)
        subscribed = list(bridge.link.subscriptions)  # type: ignore[union-attr]
    finally:
        await within(bridge.stop())

    assert ids == EXPECTED_IDS
    lounge = known["lounge_light"]
    assert lounge.sources == (Source.CONFIGURED, Source.ZIGBEE2MQTT)
    assert lounge.device.area == "living_room"
    assert lounge.device.names.zh == ["客厅灯"]
    assert lounge.device.capabilities.color_temp is True
    assert known["kettle"].sources == (Source.CONFIGURED, Source.HOMEASSISTANT)
    assert known["kettle"].device.mqtt.homeassistant["command_topic"] == "kitchen/kettle/set"
    assert known["fish_pump"].sources == (Source.CONFIGURED, Source.TASMOTA)
    assert known["fish_pump"].device.mqtt.payload_not_available == "Offline"
    assert pump_online is False
    assert known["garden_pump"].sources == (Source.CONFIGURED,)
    assert known["aquarium_light"].sources == (Source.TASMOTA,)
    assert known["coffee_machine_plug"].device.names.en == ["coffee machine plug"]
    assert "kitchen/kettle/state" in subscribed
    assert "stat/reading_lamp/RESULT" in subscribed
    assert changes and changes[-1] == len(EXPECTED_IDS)


def test_run_devices_prints(discovery_broker: Broker, capsys: pytest.CaptureFixture[str]) -> None:
    code = run_devices(bridge_config(discovery_broker.port, CONFIGURED, areas=AREAS))
    printed = capsys.readouterr().out.splitlines()

    assert code == 0
    assert len(printed) == len(EXPECTED_IDS) + 1
    assert printed[1].startswith("lounge_light  lounge light  (light, from configuration + zigbee2mqtt)")


def test_run_devices_without_broker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broker = start_broker(tmp_path)
    port = broker.port
    broker.stop()
    code = run_devices(bridge_config(port, CONFIGURED, areas=AREAS))
    printed = capsys.readouterr().out.splitlines()

    assert code == 0
    assert printed[0].startswith(f"Could not connect to the MQTT broker 127.0.0.1:{port} within 5 s")
    assert [line.split()[0] for line in printed[2:]] == ["lounge_light", "kettle", "fish_pump", "garden_pump"]


async def test_devices_listing_languages(discovery_broker: Broker) -> None:
    english = await within(list_devices(bridge_config(discovery_broker.port, CONFIGURED, areas=AREAS)))
    chinese = await within(list_devices(bridge_config(discovery_broker.port, CONFIGURED, areas=AREAS,
                                                      language="zh")))

    assert english[0] == f"{len(EXPECTED_IDS)} devices on 127.0.0.1:{discovery_broker.port}"
    lounge = next(line for line in english if line.startswith("lounge_light"))
    assert "from configuration + zigbee2mqtt" in lounge
    assert "online" in lounge
    assert '"brightness": 120' in lounge
    pump = next(line for line in english if line.startswith("fish_pump"))
    assert "offline" in pump
    assert "Tasmota discovery" in pump
    garden = next(line for line in english if line.startswith("garden_pump"))
    assert "availability unknown" in garden
    assert "state: unknown" in garden
    assert chinese[0] == f"127.0.0.1:{discovery_broker.port} 上共有 {len(EXPECTED_IDS)} 个设备"
    assert [line.split()[0] for line in english[1:]] == EXPECTED_IDS
    lounge_zh = next(line for line in chinese if line.startswith("lounge_light"))
    assert "客厅灯" in lounge_zh
    assert "来自 配置文件 + zigbee2mqtt" in lounge_zh
    assert "在线" in lounge_zh
