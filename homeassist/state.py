"""The last good state and the availability of each device, as reported over MQTT."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

MAX_STATE_PAYLOAD_BYTES = 64 * 1024


class RateLimitedWarning:
    """Logs the first `burst` warnings, then at most one per `interval_s` with the count skipped."""

    def __init__(self, log: logging.Logger, burst: int = 10, interval_s: float = 60.0) -> None:
        self.log = log
        self.burst = burst
        self.interval_s = interval_s
        self.count = 0
        self._skipped = 0
        self._last_logged = 0.0

    def warn(self, message: str, *args: object) -> None:
        self.count += 1
        now = time.monotonic()
        if self.count > self.burst and now - self._last_logged < self.interval_s:
            self._skipped += 1
            return
        if self._skipped:
            message += " (%d similar warnings skipped)"
            args = (*args, self._skipped)
        self.log.warning(message, *args)
        self._skipped = 0
        self._last_logged = now


@dataclass
class DeviceState:
    values: dict[str, Any] = field(default_factory=dict)
    updated_at: float = 0.0  # time.time() of the last good update; 0 when none arrived
    online: bool | None = None  # None until an availability message arrives
    online_changed_at: float = 0.0  # time.time() of the last availability message


def decode_json_object(payload: bytes) -> dict[str, Any] | str:
    """Parse a state payload as a JSON object, or return why it is unusable."""
    if len(payload) > MAX_STATE_PAYLOAD_BYTES:
        return f"{len(payload)} bytes is over the {MAX_STATE_PAYLOAD_BYTES}-byte limit"
    try:
        values = json.loads(payload.decode("utf-8"))
    except UnicodeDecodeError:
        return "not UTF-8"
    except json.JSONDecodeError as error:
        return f"not JSON ({error.msg})"
    except RecursionError:
        return "JSON nested too deeply"
    if not isinstance(values, dict):
        return "JSON but not an object"
    return values


class StateStore:
    """Device states keyed by device id; malformed payloads never replace a good state."""

    def __init__(self) -> None:
        self._states: dict[str, DeviceState] = {}
        self._rejections = RateLimitedWarning(logger)

    @property
    def rejected_payloads(self) -> int:
        """Number of state payloads ignored as malformed since start."""
        return self._rejections.count

    def get(self, device_id: str) -> DeviceState | None:
        return self._states.get(device_id)

    def update(self, device_id: str, payload: bytes) -> bool:
        """Merge a JSON state payload; return False (and keep the old state) when it is unusable."""
        values = decode_json_object(payload)
        if isinstance(values, str):
            self.reject(device_id, values)
            return False
        self.merge(device_id, values)
        return True

    def merge(self, device_id: str, values: dict[str, Any]) -> DeviceState:
        """Merge already parsed state values into the device's state."""
        state = self._states.setdefault(device_id, DeviceState())
        state.values.update(values)
        state.updated_at = time.time()
        return state

    def reject(self, device_id: str, reason: str) -> None:
        """Count and log (rate-limited) a payload that was ignored."""
        self._rejections.warn("ignored state payload for %s: %s (%d ignored so far)", device_id, reason,
                              self._rejections.count + 1)

    def set_online(self, device_id: str, online: bool) -> None:
        state = self._states.setdefault(device_id, DeviceState())
        if state.online is not online:
            logger.info("device %s is %s", device_id, "online" if online else "offline")
        state.online = online
        state.online_changed_at = time.time()
