"""The device bridge: owns the broker connection, discovery and device state, and carries out plans."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from homeassist.act import homeassistant_discovery
from homeassist.act.broker import EmbeddedBroker
from homeassist.act.confirm import Expectation
from homeassist.act.conventions import Message, convention_for, tasmota
from homeassist.act.conventions import zigbee2mqtt as z2m
from homeassist.act.discovered import Discovered, Source
from homeassist.act.mqtt import MqttLink
from homeassist.act.plan import Command, Plan
from homeassist.act.presence import Presence
from homeassist.act.registry import DeviceRegistry, KnownDevice
from homeassist.config import Config, Device
from homeassist.errors import ActionError
from homeassist.reply import CommandResult, CommandStatus
from homeassist.state import RateLimitedWarning, StateStore

logger = logging.getLogger(__name__)

DevicesChanged = Callable[[list[Device]], None]


class DeviceBridge:
    """Connects to the configured broker (or an embedded one), discovers devices, tracks state, publishes.

    `devices` is the configured list merged with discovered devices; the
    planner and understanding should use it instead of `config.devices`.
    """

    def __init__(self, config: Config, states: StateStore) -> None:
        self.config = config
        self.states = states
        self.registry = DeviceRegistry(config.devices)
        self.presence = Presence(config.mqtt)
        self.link: MqttLink | None = None
        self.on_devices_changed: DevicesChanged | None = None
        self._broker: EmbeddedBroker | None = None
        self._task: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._waiters: dict[str, list[tuple[Expectation, asyncio.Future[None]]]] = {}
        self.zigbee2mqtt_online: bool | None = None  # from <base>/bridge/state; None until it arrives
        self.last_message_at = 0.0  # time.monotonic() of the last message received
        self._discovery_problems = RateLimitedWarning(logger)
        discovery = config.mqtt.discovery
        self._z2m_base = discovery.zigbee2mqtt_base_topic
        # With the embedded demo broker no real device can report state, so nothing waits for confirmation.
        self.confirmation = config.mqtt.host is not None

    @property
    def devices(self) -> list[Device]:
        """Configured devices merged with discovered ones."""
        return self.registry.devices

    @property
    def known(self) -> list[KnownDevice]:
        """Every device with where it came from."""
        return self.registry.known

    def merged_config(self) -> Config:
        """Return the configuration with `devices` replaced by the merged list (not validated again)."""
        return self.config.model_copy(update={"devices": self.devices})

    def _discovery_topics(self) -> list[str]:
        discovery = self.config.mqtt.discovery
        topics = []
        if discovery.zigbee2mqtt:
            topics += [f"{self._z2m_base}/bridge/devices", f"{self._z2m_base}/bridge/state"]
        if discovery.homeassistant:
            prefix = discovery.homeassistant_prefix
            topics += [f"{prefix}/+/+/config", f"{prefix}/+/+/+/config"]
        if discovery.tasmota:
            topics.append(f"{discovery.tasmota_prefix}/+/config")
        return topics

    async def start(self) -> None:
        host, port = self.config.mqtt.host, self.config.mqtt.port
        if host is None:
            self._broker = EmbeddedBroker()
            await self._broker.start()
            host, port = "127.0.0.1", self._broker.port
        topics = [*self._discovery_topics(), *self.presence.subscriptions, *self.registry.state_topics]
        self.link = MqttLink(self.config.mqtt, host, port, topics, self._on_message, self._on_connect)
        self._task = asyncio.create_task(self.link.run(), name="mqtt-link")

    async def wait_connected(self, timeout_s: float) -> bool:
        assert self.link is not None
        try:
            await asyncio.wait_for(self.link.connected.wait(), timeout_s)
        except TimeoutError:
            return False
        return True

    async def stop(self) -> None:
        if self.link is not None:
            await self.link.close()
        tasks = {t for t in (self._task, *self._background) if t is not None}
        for task in tasks:
            task.cancel()
        if tasks:
            # asyncio.wait neither raises the tasks' CancelledError nor hides our own.
            await asyncio.wait(tasks, timeout=5)
        if self._broker is not None:
            await self._broker.stop()

    def _spawn(self, coroutine: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(coroutine, name=name)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _on_connect(self) -> None:
        assert self.link is not None
        await self.presence.announce(self.link)
        if self.link.connect_count > 0:
            # After an outage, ask devices that do not retain their state for it again.
            self._spawn(self._refresh([k.refresh for k in self.known if k.refresh]), "mqtt-refresh")

    async def _refresh(self, messages: list[Message]) -> None:
        assert self.link is not None
        for message in messages:
            try:
                await self.link.publish(message.topic, message.payload)
            except ActionError as error:
                logger.info("state request on %s not sent: %s", message.topic, error)

    async def publish_transcript(self, text: str) -> None:
        """Publish the last transcript for the Home Assistant sensor (only with mqtt.self_discovery)."""
        self.presence.last_transcript = text
        if self.config.mqtt.self_discovery and self.link is not None and self.link.connected.is_set():
            try:
                await self.link.publish_status(self.presence.transcript_topic, text)
            except ActionError as error:
                logger.warning("publishing the last transcript failed: %s", error)

    # Incoming messages

    def _on_message(self, topic: str, payload: bytes, retained: bool) -> None:
        self.last_message_at = time.monotonic()
        if self._read_discovery(topic, payload):
            return
        if topic == f"{self._z2m_base}/bridge/state":
            online = z2m.read_online(payload)
            if online is None:
                self._discovery_problems.warn("ignored zigbee2mqtt bridge state %r", payload[:64])
            elif online is not self.zigbee2mqtt_online:
                logger.info("zigbee2mqtt bridge is %s", "online" if online else "offline")
                self.zigbee2mqtt_online = online
            return
        if topic == self.presence.mute_command_topic and self.config.mqtt.self_discovery:
            muted = self.presence.read_mute_command(payload)
            if muted is not None and self.link is not None:
                self._spawn(self.link.publish_status(self.presence.mute_state_topic, "ON" if muted else "OFF"),
                            "mqtt-mute-state")
            return
        for device_id in self.registry.routes(topic):
            device = self.registry.device(device_id)
            if device is not None:
                self._read_state(device, topic, payload, retained)

    def _read_state(self, device: Device, topic: str, payload: bytes, retained: bool) -> None:
        reading = convention_for(device).read(device, topic, payload)
        if reading.problem is not None:
            self.states.reject(device.id, f"{reading.problem} on {topic}")
            return
        if reading.online is not None:
            self.states.set_online(device.id, reading.online)
        if reading.values:
            state = self.states.merge(device.id, reading.values)
            # A retained message repeats an old state (on every subscribe), so it never confirms a command.
            if not retained:
                self._check_waiters(device.id, state.values)

    def _check_waiters(self, device_id: str, values: dict[str, Any]) -> None:
        for expectation, future in self._waiters.get(device_id, []):
            if not future.done() and expectation.met_by(values):
                future.set_result(None)

    def _read_discovery(self, topic: str, payload: bytes) -> bool:
        """Handle a discovery message; return False when `topic` is not one."""
        discovery = self.config.mqtt.discovery
        found: list[Discovered] | Discovered | str | None
        if discovery.zigbee2mqtt and topic == f"{self._z2m_base}/bridge/devices":
            found = z2m.discover(payload, self._z2m_base)
        elif (discovery.homeassistant and topic.startswith(f"{discovery.homeassistant_prefix}/")
              and topic.endswith("/config")):
            found = homeassistant_discovery.discover(topic, payload, discovery.homeassistant_prefix)
        elif (discovery.tasmota and topic.startswith(f"{discovery.tasmota_prefix}/")
              and topic.endswith("/config")):
            found = tasmota.discover(payload) if payload else []
        else:
            return False
        if isinstance(found, str):
            self._discovery_problems.warn("ignored discovery message on %s: %s", topic, found)
            return True
        if found is None:
            entries: list[Discovered] = []
        elif isinstance(found, Discovered):
            entries = [found]
        else:
            entries = found
        before = {k.device.id for k in self.known}
        if self.registry.set_discovered(topic, entries):
            self._devices_changed(before)
        return True

    def _devices_changed(self, before: set[str]) -> None:
        logger.info("%d devices known after discovery", len(self.known))
        if self.link is not None:
            self.link.subscribe(self.registry.state_topics)
            added = [k.refresh for k in self.known if k.refresh and k.device.id not in before]
            if added:
                self._spawn(self._refresh(added), "mqtt-refresh")
        if self.on_devices_changed is not None:
            self.on_devices_changed(self.devices)

    # Commands

    def is_online(self, device: Device) -> bool | None:
        """Return whether the device is reachable, or None when unknown.

        A zigbee2mqtt device is offline while its bridge is. Without its own
        availability, a device that zigbee2mqtt listed takes the bridge's.
        """
        state = self.states.get(device.id)
        own = state.online if state else None
        if device.mqtt.convention == "zigbee2mqtt" and z2m.base_topic(device).startswith(f"{self._z2m_base}/"):
            if self.zigbee2mqtt_online is False:
                return False
            known = self.registry.get(device.id)
            if own is None and known is not None and Source.ZIGBEE2MQTT in known.sources:
                return self.zigbee2mqtt_online
        return own

    def _confirms(self, device: Device, command: Command) -> bool:
        wanted = self.config.mqtt.confirm if device.mqtt.confirm is None else device.mqtt.confirm
        return self.confirmation and wanted and command.expect is not None

    async def execute(self, plan: Plan) -> list[CommandResult]:
        """Publish every command of `plan` and wait (bounded) for the devices to confirm them."""
        assert self.link is not None
        statuses: dict[int, CommandResult] = {}
        pending: dict[int, asyncio.Future[None]] = {}
        registered: list[tuple[str, tuple[Expectation, asyncio.Future[None]]]] = []
        loop = asyncio.get_running_loop()
        try:
            for index, command in enumerate(plan.commands):
                device = self.registry.device(command.device_id)
                if device is not None and self.is_online(device) is False:
                    logger.warning("not sending to %s: the device is offline", command.device_id)
                    statuses[index] = CommandResult(command, CommandStatus.OFFLINE)
                    continue
                future: asyncio.Future[None] | None = None
                if device is not None and command.expect is not None and self._confirms(device, command):
                    future = loop.create_future()
                    waiter = (command.expect, future)
                    self._waiters.setdefault(device.id, []).append(waiter)
                    registered.append((device.id, waiter))
                try:
                    await self.link.publish(command.topic, command.payload)
                except ActionError as error:
                    logger.warning("publish to %s failed: %s", command.topic, error)
                    statuses[index] = CommandResult(command, CommandStatus.NOT_SENT, str(error))
                    continue
                if future is None:
                    statuses[index] = CommandResult(command, CommandStatus.SENT)
                else:
                    pending[index] = future
            if pending:
                await asyncio.wait(pending.values(), timeout=self.config.mqtt.confirm_timeout_s)
            for index, future in pending.items():
                command = plan.commands[index]
                if future.done():
                    statuses[index] = CommandResult(command, CommandStatus.CONFIRMED)
                else:
                    logger.warning("%s did not confirm %s within %.1f s", command.device_id, command.payload,
                                   self.config.mqtt.confirm_timeout_s)
                    statuses[index] = CommandResult(command, CommandStatus.NO_RESPONSE)
        finally:
            for device_id, waiter in registered:
                waiter[1].cancel()
                self._waiters[device_id].remove(waiter)
                if not self._waiters[device_id]:
                    del self._waiters[device_id]
        return [statuses[index] for index in range(len(plan.commands))]
