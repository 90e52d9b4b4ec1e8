"""The MQTT connection: reconnects with back-off, tracks state, publishes commands."""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
from collections.abc import Callable

import aiomqtt

from homeassist.config import MqttConfig
from homeassist.errors import ActionError
from homeassist.i18n import translate

logger = logging.getLogger(__name__)

MessageHandler = Callable[[str, bytes, bool], None]


def _tls_context(config: MqttConfig) -> ssl.SSLContext | None:
    if config.tls is None:
        return None
    context = ssl.create_default_context(cafile=str(config.tls.ca_file) if config.tls.ca_file else None)
    if config.tls.cert_file:
        context.load_cert_chain(str(config.tls.cert_file),
                                str(config.tls.key_file) if config.tls.key_file else None)
    if config.tls.insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


class MqttLink:
    """One long-lived broker connection, owned by the task running `run()`.

    Subscriptions are renewed on every connect. `publish` waits a bounded time
    for a connection and raises ActionError instead of queueing a command that
    would arrive late.
    """

    def __init__(self, config: MqttConfig, host: str, port: int, subscriptions: list[str],
                 on_message: MessageHandler) -> None:
        self.config = config
        self.host = host
        self.port = port
        self.subscriptions = subscriptions
        self.on_message = on_message
        self.connected = asyncio.Event()
        self._client: aiomqtt.Client | None = None
        self.connect_count = 0

    def _make_client(self) -> aiomqtt.Client:
        return aiomqtt.Client(
            self.host,
            self.port,
            username=self.config.username,
            password=self.config.password,
            identifier=self.config.client_id,
            keepalive=self.config.keepalive_s,
            timeout=self.config.publish_timeout_s,
            tls_context=_tls_context(self.config),
            # Without TCP_NODELAY a publish waited about 40 ms for Nagle's algorithm.
            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        )

    async def run(self) -> None:
        """Connect, subscribe and dispatch messages forever, reconnecting with back-off."""
        delay_s = self.config.reconnect_initial_s
        while True:
            try:
                async with self._make_client() as client:
                    self._client = client
                    for topic in self.subscriptions:
                        await client.subscribe(topic, qos=1)
                    self.connect_count += 1
                    self.connected.set()
                    logger.info("MQTT connected to %s:%d (%d subscriptions)", self.host, self.port,
                                len(self.subscriptions))
                    delay_s = self.config.reconnect_initial_s
                    async for message in client.messages:
                        payload = message.payload if isinstance(message.payload, bytes) else str(
                            message.payload).encode()
                        self.on_message(str(message.topic), payload, bool(message.retain))
            except aiomqtt.MqttError as error:
                logger.warning(translate("broker_unreachable", "en", host=self.host, port=self.port,
                                         detail=error, delay_s=delay_s))
            finally:
                self._client = None
                self.connected.clear()
            await asyncio.sleep(delay_s)
            delay_s = min(delay_s * 2, self.config.reconnect_max_s)

    async def publish(self, topic: str, payload: str) -> None:
        """Publish one command (QoS 1, never retained); raise ActionError when it cannot be sent."""
        try:
            await asyncio.wait_for(self.connected.wait(), self.config.publish_timeout_s)
        except TimeoutError as error:
            raise ActionError("broker_unreachable", host=self.host, port=self.port,
                              detail="not connected", delay_s=0) from error
        client = self._client
        if client is None:
            raise ActionError("broker_unreachable", host=self.host, port=self.port, detail="not connected",
                              delay_s=0)
        try:
            await client.publish(topic, payload, qos=1, retain=False, timeout=self.config.publish_timeout_s)
        except aiomqtt.MqttError as error:
            raise ActionError("broker_unreachable", host=self.host, port=self.port, detail=str(error),
                              delay_s=0) from error
