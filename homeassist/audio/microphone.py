"""The microphone through sounddevice, with a bounded queue and reconnection."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import numpy as np

from homeassist.audio.format import FRAME_SAMPLES, PIPELINE_RATE_HZ, AudioChunk
from homeassist.i18n import Language, translate

logger = logging.getLogger(__name__)

QUEUE_CHUNKS = 64  # about 5 s of audio; older chunks are dropped when it is full
RETRY_INITIAL_S = 1.0
RETRY_MAX_S = 30.0


class MicrophoneSource:
    """Capture from a sounddevice input at 16 kHz mono.

    The PortAudio callback only copies the block into a bounded queue; when
    the queue is full the oldest chunk is dropped and counted. A missing or
    vanished device is retried with growing back-off, and capture resumes by
    itself when the device returns.
    """

    def __init__(self, device: str | int | None = None, language: Language = "en") -> None:
        self.device = device
        self.language = language
        self.dropped_chunks = 0

    async def chunks(self) -> AsyncIterator[AudioChunk]:
        import sounddevice  # imported here: it fails without libportaudio2

        loop = asyncio.get_running_loop()
        delay_s = RETRY_INITIAL_S
        stream_time_s = 0.0
        while True:
            queue: asyncio.Queue[np.ndarray[Any, np.dtype[np.int16]] | None] = asyncio.Queue(QUEUE_CHUNKS)

            def push(block: np.ndarray[Any, np.dtype[np.int16]] | None,
                     queue: asyncio.Queue[np.ndarray[Any, np.dtype[np.int16]] | None] = queue) -> None:
                if queue.full():
                    queue.get_nowait()
                    self.dropped_chunks += 1
                    if self.dropped_chunks in (1, 10, 100) or self.dropped_chunks % 1000 == 0:
                        logger.warning("audio queue full: dropped %d chunks so far", self.dropped_chunks)
                queue.put_nowait(block)

            def callback(indata: Any, frames: int, time_info: Any, status: Any) -> None:
                loop.call_soon_threadsafe(push, indata[:, 0].copy())

            def finished() -> None:
                loop.call_soon_threadsafe(push, None)

            try:
                stream = sounddevice.InputStream(
                    samplerate=PIPELINE_RATE_HZ, channels=1, dtype="int16", blocksize=FRAME_SAMPLES,
                    device=self.device, callback=callback, finished_callback=finished,
                )
                stream.start()
            except (sounddevice.PortAudioError, ValueError) as error:
                logger.warning(translate("microphone_unavailable", "en", detail=error, delay_s=delay_s))
                if self.language != "en":
                    logger.info(translate("microphone_unavailable", self.language, detail=error,
                                          delay_s=delay_s))
                await asyncio.sleep(delay_s)
                delay_s = min(delay_s * 2, RETRY_MAX_S)
                continue
            logger.info("microphone open: device=%s", self.device if self.device is not None else "default")
            delay_s = RETRY_INITIAL_S
            try:
                while True:
                    block = await queue.get()
                    if block is None:
                        logger.warning("microphone stream ended; reopening")
                        break
                    yield AudioChunk(block, PIPELINE_RATE_HZ, stream_time_s)
                    stream_time_s += len(block) / PIPELINE_RATE_HZ
            finally:
                stream.close(ignore_errors=True)
