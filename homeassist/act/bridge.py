"""The device bridge: owns the broker connection and device state, and carries out plans."""

from __future__ import annotations

import asyncio
import logging

from homeassist.act.broker import EmbeddedBroker
from homeassist.act.mqtt import MqttLink
from homeassist.act.plan import Plan, state_topic
from homeassist.config import Config
from homeassist.errors import ActionError
from homeassist.reply import CommandResult
from homeassist.state import StateStore

logger = logging.getLogger(__name__)


class DeviceBridge:
    """Connects to the configured broker (or an embedded one), tracks state and publishes commands."""

    def __init__(self, config: Config, states: StateStore) -> None:
        self.config = config
        self.states = states
        self.link: MqttLink | None = None
        self._broker: EmbeddedBroker | None = None
        self._task: asyncio.Task[None] | None = None
        self._state_topics = {state_topic(d): d.id for d in config.devices}

    async def start(self) -> None:
        host, port = self.config.mqtt.host, self.config.mqtt.port
        if host is None:
            self._broker = EmbeddedBroker()
            await self._broker.start()
            host, port = "127.0.0.1", self._broker.port
        self.link = MqttLink(self.config.mqtt, host, port, sorted(self._state_topics), self._on_message)
        self._task = asyncio.create_task(self.link.run(), name="mqtt-link")

    async def wait_connected(self, timeout_s: float) -> bool:
        assert self.link is not None
        try:
            await asyncio.wait_for(self.link.connected.wait(), timeout_s)
        except TimeoutError:
            return False
        return True

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            # asyncio.wait neither raises the task's CancelledError nor hides our own.
            await asyncio.wait({self._task}, timeout=5)
        if self._broker is not None:
            await self._broker.stop()

    def _on_message(self, topic: str, payload: bytes, retained: bool) -> None:
        device_id = self._state_topics.get(topic)
        if device_id is not None:
            self.states.update(device_id, payload)

    async def execute(self, plan: Plan) -> list[CommandResult]:
        """Publish every command of `plan`; each result says whether it was sent."""
        assert self.link is not None
        results = []
        for command in plan.commands:
            try:
                await self.link.publish(command.topic, command.payload)
                results.append(CommandResult(command, True))
            except ActionError as error:
                logger.warning("publish to %s failed: %s", command.topic, error)
                results.append(CommandResult(command, False, str(error)))
        return results
