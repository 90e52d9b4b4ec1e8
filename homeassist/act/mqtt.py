"""The MQTT connection: reconnects with back-off, resubscribes, publishes commands within a deadline."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import ssl
import struct
import time
from collections.abc import Awaitable, Callable

import aiomqtt

from homeassist.config import MqttConfig
from homeassist.errors import ActionError
from homeassist.i18n import translate

logger = logging.getLogger(__name__)

MessageHandler = Callable[[str, bytes, bool], None]
ConnectHandler = Callable[[], Awaitable[None]]

STATUS_ONLINE = "online"
STATUS_OFFLINE = "offline"


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


def _read_disconnect_error(client: aiomqtt.Client) -> None:
    """Mark the client's disconnect error as read.

    aiomqtt 2.5 stores an unexpected disconnection as the exception of a
    private future. When the connection drops while the body of `async with
    client` is not iterating messages (inside subscribe or publish), the
    exception is never read and asyncio logs "Future exception was never retrieved".
    """
    disconnected = client._disconnected
    if disconnected.done() and not disconnected.cancelled():
        disconnected.exception()


def _abort(client: aiomqtt.Client) -> None:
    """Close the client's socket so that paho drops what it still has queued."""
    sock = client._client.socket()
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            # Linger 0 makes the close that follows send a reset instead of flushing what is queued.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.shutdown(socket.SHUT_RDWR)


class MqttLink:
    """One long-lived broker connection, owned by the task running `run()`.

    Subscriptions are renewed on every connect, with a new client each time so
    that nothing queued on a lost connection is delivered later. `publish`
    raises ActionError when a command cannot be sent within
    `publish_timeout_s`, counting the wait for a connection.
    """

    def __init__(self, config: MqttConfig, host: str, port: int, subscriptions: list[str],
                 on_message: MessageHandler, on_connect: ConnectHandler | None = None) -> None:
        self.config = config
        self.host = host
        self.port = port
        self.subscriptions: list[str] = list(dict.fromkeys(subscriptions))
        self.on_message = on_message
        self.on_connect = on_connect
        self.connected = asyncio.Event()
        self.connect_count = 0
        self._client: aiomqtt.Client | None = None
        self._new_subscriptions: asyncio.Queue[str] = asyncio.Queue()

    def _make_client(self) -> aiomqtt.Client:
        will = None
        if self.config.status_topic:
            will = aiomqtt.Will(self.config.status_topic, STATUS_OFFLINE, qos=1, retain=True)
        return aiomqtt.Client(
            self.host,
            self.port,
            username=self.config.username,
            password=self.config.password,
            identifier=self.config.client_id,
            keepalive=self.config.keepalive_s,
            timeout=self.config.publish_timeout_s,
            tls_context=_tls_context(self.config),
            will=will,
            clean_session=True,
            # Without TCP_NODELAY a publish waited about 40 ms for Nagle's algorithm.
            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        )

    def subscribe(self, topics: list[str]) -> None:
        """Add subscriptions; they are made now when connected, and on every later connect."""
        for topic in topics:
            if topic not in self.subscriptions:
                self.subscriptions.append(topic)
                self._new_subscriptions.put_nowait(topic)

    async def _subscribe_new(self, client: aiomqtt.Client) -> None:
        while True:
            topic = await self._new_subscriptions.get()
            await client.subscribe(topic, qos=1)

    async def run(self) -> None:
        """Connect, subscribe and dispatch messages forever, reconnecting with back-off."""
        delay_s = self.config.reconnect_initial_s
        while True:
            client = self._make_client()
            worker: asyncio.Task[None] | None = None
            try:
                async with client:
                    self._client = client
                    while not self._new_subscriptions.empty():
                        self._new_subscriptions.get_nowait()
                    for topic in list(self.subscriptions):
                        await client.subscribe(topic, qos=1)
                    worker = asyncio.create_task(self._subscribe_new(client), name="mqtt-subscribe")
                    if self.on_connect is not None:
                        await self.on_connect()
                    self.connect_count += 1
                    self.connected.set()
                    logger.info("MQTT connected to %s:%d (%d subscriptions)", self.host, self.port,
                                len(self.subscriptions))
                    delay_s = self.config.reconnect_initial_s
                    async for message in client.messages:
                        payload = message.payload if isinstance(message.payload, bytes) else str(
                            message.payload).encode()
                        try:
                            self.on_message(str(message.topic), payload, bool(message.retain))
                        except Exception:
                            # One bad message must not end the connection that carries all the others.
                            logger.exception("handling the MQTT message on %s failed", message.topic)
            except aiomqtt.MqttError as error:
                logger.warning(translate("broker_unreachable", "en", host=self.host, port=self.port,
                                         detail=error, delay_s=delay_s))
            finally:
                self._client = None
                self.connected.clear()
                if worker is not None:
                    worker.cancel()
                    await asyncio.wait({worker}, timeout=1)
                    if not worker.cancelled() and worker.done() and worker.exception() is not None:
                        logger.warning("MQTT subscribe failed: %s", worker.exception())
                _read_disconnect_error(client)
            await asyncio.sleep(delay_s)
            delay_s = min(delay_s * 2, self.config.reconnect_max_s)

    def _unreachable(self, detail: str) -> ActionError:
        return ActionError("broker_unreachable", host=self.host, port=self.port, detail=detail, delay_s=0)

    async def publish(self, topic: str, payload: str) -> None:
        """Publish one command (QoS 1, never retained) or raise ActionError.

        Waits at most `publish_timeout_s` for a connection and the broker's
        acknowledgement together. On a timeout the connection is reset, so
        a command still queued on this side is discarded instead of sent late.
        NOTE: a broker that stalled instead of going away (tested with SIGSTOP)
        has already received the bytes and delivers them once it resumes.
        """
        deadline = time.monotonic() + self.config.publish_timeout_s
        try:
            await asyncio.wait_for(self.connected.wait(), self.config.publish_timeout_s)
        except TimeoutError as error:
            raise self._unreachable("not connected") from error
        client = self._client
        remaining_s = deadline - time.monotonic()
        if client is None or remaining_s <= 0:
            raise self._unreachable("not connected")
        try:
            await client.publish(topic, payload, qos=1, retain=False, timeout=remaining_s)
        except aiomqtt.MqttError as error:
            if "timed out" in str(error):
                _abort(client)
            raise self._unreachable(str(error)) from error

    async def publish_status(self, topic: str, payload: str) -> None:
        """Publish homeassist's own retained status or discovery message; raise ActionError on failure."""
        client = self._client
        if client is None:
            raise self._unreachable("not connected")
        try:
            await client.publish(topic, payload, qos=1, retain=True, timeout=self.config.publish_timeout_s)
        except aiomqtt.MqttError as error:
            raise self._unreachable(str(error)) from error

    async def close(self) -> None:
        """Publish the offline status before a clean disconnect, which the broker's last will does not cover."""
        if self.config.status_topic and self.connected.is_set():
            try:
                await self.publish_status(self.config.status_topic, STATUS_OFFLINE)
            except ActionError as error:
                logger.warning("publishing the offline status failed: %s", error)
