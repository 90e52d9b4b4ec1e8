"""Running under systemd: sd_notify messages and the watchdog keep-alive."""

from __future__ import annotations

import asyncio
import logging
import os
import socket

logger = logging.getLogger(__name__)


def notify(message: str) -> bool:
    """Send one sd_notify datagram ("READY=1", "WATCHDOG=1", ...); return False when not under systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # abstract namespace socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError as error:
        logger.warning("sd_notify %r to %s failed: %s", message, address, error)
        return False
    return True


def watchdog_interval_s() -> float | None:
    """Return half the watchdog timeout systemd set for this process, or None without one."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        return int(usec) / 1_000_000 / 2
    except ValueError:
        logger.warning("ignoring invalid WATCHDOG_USEC=%r", usec)
        return None


async def watchdog_loop(interval_s: float) -> None:
    """Send WATCHDOG=1 from the event loop, so a stalled loop stops the keep-alives and gets restarted."""
    while True:
        notify("WATCHDOG=1")
        await asyncio.sleep(interval_s)


def under_journald() -> bool:
    """Return True when stderr goes to the journal, which adds its own timestamps."""
    return bool(os.environ.get("JOURNAL_STREAM"))
