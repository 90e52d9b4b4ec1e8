"""The last good state of each device, as reported over MQTT."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

MAX_STATE_PAYLOAD_BYTES = 64 * 1024


@dataclass
class DeviceState:
    values: dict[str, Any] = field(default_factory=dict)
    updated_at: float = 0.0  # time.time() of the last good update


class StateStore:
    """Device states keyed by device id; malformed payloads never replace a good state."""

    def __init__(self) -> None:
        self._states: dict[str, DeviceState] = {}
        self.rejected_payloads = 0

    def get(self, device_id: str) -> DeviceState | None:
        return self._states.get(device_id)

    def update(self, device_id: str, payload: bytes) -> bool:
        """Merge a JSON state payload; return False (and keep the old state) when it is unusable."""
        reason = None
        values: Any = None
        if len(payload) > MAX_STATE_PAYLOAD_BYTES:
            reason = f"{len(payload)} bytes is over the {MAX_STATE_PAYLOAD_BYTES}-byte limit"
        else:
            try:
                values = json.loads(payload.decode("utf-8"))
            except UnicodeDecodeError:
                reason = "not UTF-8"
            except json.JSONDecodeError as error:
                reason = f"not JSON ({error.msg})"
            if reason is None and not isinstance(values, dict):
                reason = "JSON but not an object"
        if reason is not None:
            self.rejected_payloads += 1
            count = self.rejected_payloads
            if count <= 10 or count % 100 == 0:
                logger.warning("ignored state payload for %s: %s (%d ignored so far)", device_id, reason, count)
            return False
        state = self._states.setdefault(device_id, DeviceState())
        state.values.update(values)
        state.updated_at = time.time()
        return True
