"""`homeassist devices`: every known device, where it came from, its state and whether it is online."""

from __future__ import annotations

import asyncio
import json
import logging
import time

from homeassist.act.bridge import DeviceBridge
from homeassist.act.registry import KnownDevice
from homeassist.config import Config
from homeassist.i18n import Language, translate
from homeassist.state import StateStore

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
# Retained discovery and state arrive right after subscribing; stop once the
# broker has been quiet this long, or after SETTLE_MAX_S in all.
QUIET_S = 0.5
SETTLE_MAX_S = 3.0
MAX_STATE_CHARS = 160


def format_device(known: KnownDevice, states: StateStore, online: bool | None, language: Language) -> str:
    device = known.device
    state = states.get(device.id)
    if state is not None and state.values:
        shown = json.dumps(state.values, ensure_ascii=False, sort_keys=True)
        if len(shown) > MAX_STATE_CHARS:
            shown = shown[:MAX_STATE_CHARS - 1] + "…"
    else:
        shown = translate("devices_state_unknown", language)
    online_key = {True: "devices_online", False: "devices_offline", None: "devices_online_unknown"}[online]
    sources = " + ".join(translate(f"source_{source.value}", language) for source in known.sources)
    return translate("devices_row", language, id=device.id, name=device.display_name(language),
                     type=device.type.value, sources=sources, online=translate(online_key, language), state=shown)


async def list_devices(config: Config) -> list[str]:
    """Connect, wait for retained discovery and state to settle, and return one line per device."""
    language = config.language
    states = StateStore()
    bridge = DeviceBridge(config, states)
    await bridge.start()
    assert bridge.link is not None
    lines: list[str] = []
    try:
        if await bridge.wait_connected(CONNECT_TIMEOUT_S):
            started = time.monotonic()
            while time.monotonic() - started < SETTLE_MAX_S:
                await asyncio.sleep(0.1)
                if time.monotonic() - max(bridge.last_message_at, started) >= QUIET_S:
                    break
        else:
            lines.append(translate("devices_not_connected", language, host=bridge.link.host, port=bridge.link.port,
                                   timeout_s=CONNECT_TIMEOUT_S))
        known = bridge.known
        lines.append(translate("devices_heading", language, count=len(known), host=bridge.link.host,
                               port=bridge.link.port))
        lines += [format_device(k, states, bridge.is_online(k.device), language) for k in known]
    finally:
        await bridge.stop()
    return lines


def run_devices(config: Config) -> int:
    """Print every known device in the configured language; return the exit code (0)."""
    for line in asyncio.run(list_devices(config)):
        print(line)
    return 0
