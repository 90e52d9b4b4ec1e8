"""homeassist's own availability and its optional Home Assistant discovery entries."""

from __future__ import annotations

import json

from homeassist.act.mqtt import _abort
from tests.conftest import Broker
from tests.test_bridge_support import Client, bridge_config, running_bridge, until, within


async def test_status_online_then_offline(broker: Broker) -> None:
    config = bridge_config(broker.port, status_topic="presence_test/status")
    async with running_bridge(config):
        watcher = Client(broker.port, ("presence_test/status",))
        assert await until(lambda: watcher.messages != [])
        while_running = list(watcher.messages)
        watcher.close()
    after = Client(broker.port, ("presence_test/status",))
    assert await until(lambda: after.messages != [])
    after_stop = list(after.messages)
    after.publish("presence_test/status", b"", retain=True)
    after.close()

    assert while_running == [("presence_test/status", b"online", True)]
    assert after_stop == [("presence_test/status", b"offline", True)]


async def test_last_will_on_lost_connection(broker: Broker) -> None:
    config = bridge_config(broker.port, status_topic="will_test/status")
    watcher = Client(broker.port, ("will_test/status",))
    try:
        async with running_bridge(config) as bridge:
            assert bridge.link is not None and bridge.link._client is not None
            # Cut the TCP connection without an MQTT DISCONNECT, as a crash or a network fault would.
            _abort(bridge.link._client)
            assert await until(lambda: [p for _, p, _ in watcher.messages] == [b"online", b"offline", b"online"])
    finally:
        watcher.publish("will_test/status", b"", retain=True)
        watcher.close()


async def test_self_discovery_entries(broker: Broker) -> None:
    config = bridge_config(broker.port, status_topic="selfdisc/status", self_discovery=True, client_id="hall_speaker",
                           discovery={"homeassistant_prefix": "selfdisc_ha"})
    watcher = Client(broker.port, ("selfdisc_ha/#", "selfdisc/#"))
    try:
        async with running_bridge(config) as bridge:
            await within(bridge.publish_transcript("打开客厅的灯"))
            watcher.publish("selfdisc/mute/set", "ON")
            assert await until(lambda: watcher.on_topic("selfdisc/mute")[-1:] == [b"ON"])
            muted = bridge.presence.muted
        sensor = json.loads(watcher.on_topic("selfdisc_ha/sensor/hall_speaker/last_transcript/config")[0])
        switch = json.loads(watcher.on_topic("selfdisc_ha/switch/hall_speaker/mute/config")[0])
        transcripts = watcher.on_topic("selfdisc/last_transcript")
    finally:
        for topic in ("selfdisc_ha/sensor/hall_speaker/last_transcript/config",
                      "selfdisc_ha/switch/hall_speaker/mute/config", "selfdisc/status", "selfdisc/mute",
                      "selfdisc/last_transcript"):
            watcher.publish(topic, b"", retain=True)
        watcher.close()

    assert sensor["state_topic"] == "selfdisc/last_transcript"
    assert sensor["availability_topic"] == "selfdisc/status"
    assert switch["command_topic"] == "selfdisc/mute/set"
    assert switch["device"]["identifiers"] == ["hall_speaker"]
    assert transcripts[-1].decode() == "打开客厅的灯"
    assert muted is True


async def test_self_discovery_off_by_default(broker: Broker) -> None:
    watcher = Client(broker.port, ("homeassistant/+/homeassist-test-default/#",))
    config = bridge_config(broker.port, client_id="homeassist-test-default")
    async with running_bridge(config) as bridge:
        await within(bridge.publish_transcript("hello"))
    watcher.close()

    assert config.mqtt.self_discovery is False
    assert watcher.messages == []
