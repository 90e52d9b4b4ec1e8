"""Audio sources: a recording file or the microphone, both yielding 80 ms chunks at 16 kHz."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import soundfile

from homeassist.audio.format import FRAME_SAMPLES, PIPELINE_RATE_HZ, AudioChunk, to_mono_int16
from homeassist.errors import AudioError

logger = logging.getLogger(__name__)


class AudioSource(Protocol):
    def chunks(self) -> AsyncIterator[AudioChunk]:
        """Yield 16 kHz mono chunks of FRAME_SAMPLES until the source ends."""
        ...


def read_recording(path: Path) -> np.ndarray[Any, np.dtype[np.int16]]:
    """Read a WAV or FLAC file of any rate and channel count as 16 kHz mono int16."""
    if not path.is_file():
        raise AudioError("audio_file_not_found", path=str(path))
    try:
        data, rate_hz = soundfile.read(str(path), dtype="float32", always_2d=True)
    except (OSError, RuntimeError, soundfile.LibsndfileError) as error:
        detail = str(error).strip().rstrip(".")
        raise AudioError("audio_file_unreadable", path=str(path), detail=detail) from error
    if data.shape[0] == 0:
        raise AudioError("audio_file_unreadable", path=str(path), detail="the file contains no audio")
    return to_mono_int16(data, rate_hz)


class FileSource:
    """A recording fed through the same path as the microphone.

    With `realtime`, chunks are released at the pace they were recorded, so
    latency figures match what a person talking to the device would see.
    """

    def __init__(self, path: Path, realtime: bool = False) -> None:
        self.path = path
        self.realtime = realtime
        self.samples = read_recording(path)

    async def chunks(self) -> AsyncIterator[AudioChunk]:
        started = time.monotonic()
        total = len(self.samples)
        for offset in range(0, total, FRAME_SAMPLES):
            frame = self.samples[offset:offset + FRAME_SAMPLES]
            if len(frame) < FRAME_SAMPLES:
                frame = np.concatenate([frame, np.zeros(FRAME_SAMPLES - len(frame), np.int16)])
            start_s = offset / PIPELINE_RATE_HZ
            if self.realtime:
                # Release the chunk when its last sample would have been recorded.
                delay = started + start_s + FRAME_SAMPLES / PIPELINE_RATE_HZ - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            else:
                await asyncio.sleep(0)
            yield AudioChunk(frame, PIPELINE_RATE_HZ, start_s)
