"""homeassist's own MQTT presence: its retained availability and, optionally, Home Assistant entities.

The availability topic (`mqtt.status_topic`, default `homeassist/status`)
reads `online` while connected. The broker publishes `offline` as the last
will when the connection drops, and homeassist publishes it itself before a
clean stop. With `mqtt.self_discovery`, Home Assistant also gets a sensor with
the last transcript and a mute switch.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from homeassist import __version__
from homeassist.act.mqtt import STATUS_ONLINE, MqttLink
from homeassist.config import MqttConfig

logger = logging.getLogger(__name__)


class Presence:
    def __init__(self, config: MqttConfig) -> None:
        self.config = config
        root = config.status_topic.rsplit("/", 1)[0] if "/" in config.status_topic else "homeassist"
        self.transcript_topic = f"{root}/last_transcript"
        self.mute_state_topic = f"{root}/mute"
        self.mute_command_topic = f"{root}/mute/set"
        self.muted = False
        self.last_transcript = ""

    @property
    def subscriptions(self) -> list[str]:
        return [self.mute_command_topic] if self.config.self_discovery else []

    def _entities(self) -> list[tuple[str, dict[str, Any]]]:
        node = self.config.client_id
        prefix = self.config.discovery.homeassistant_prefix
        device = {"identifiers": [node], "name": "homeassist", "manufacturer": "homeassist",
                  "sw_version": __version__}
        common = {"availability_topic": self.config.status_topic, "payload_available": STATUS_ONLINE,
                  "payload_not_available": "offline", "device": device}
        transcript = {**common, "name": "Last transcript", "unique_id": f"{node}_last_transcript",
                      "state_topic": self.transcript_topic, "icon": "mdi:microphone-message"}
        mute = {**common, "name": "Mute", "unique_id": f"{node}_mute", "command_topic": self.mute_command_topic,
                "state_topic": self.mute_state_topic, "payload_on": "ON", "payload_off": "OFF",
                "icon": "mdi:microphone-off"}
        return [(f"{prefix}/sensor/{node}/last_transcript/config", transcript),
                (f"{prefix}/switch/{node}/mute/config", mute)]

    async def announce(self, link: MqttLink) -> None:
        """Publish the online status and, when enabled, the discovery entries and their states."""
        if self.config.status_topic:
            await link.publish_status(self.config.status_topic, STATUS_ONLINE)
        if not self.config.self_discovery:
            return
        for topic, entity in self._entities():
            await link.publish_status(topic, json.dumps(entity, ensure_ascii=False))
        await link.publish_status(self.mute_state_topic, "ON" if self.muted else "OFF")
        await link.publish_status(self.transcript_topic, self.last_transcript)

    def read_mute_command(self, payload: bytes) -> bool | None:
        """Apply an `ON`/`OFF` mute command; return the new setting, or None for any other payload."""
        text = payload.decode("utf-8", "replace").strip().upper()
        if text not in ("ON", "OFF"):
            logger.warning("ignored mute command %r: expected ON or OFF", text[:32])
            return None
        self.muted = text == "ON"
        logger.info("mute switched %s over MQTT", text)
        return self.muted
