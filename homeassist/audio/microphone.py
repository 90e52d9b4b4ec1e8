"""The microphone through sounddevice, with a bounded queue and reconnection."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import numpy as np

from homeassist.audio.format import FRAME_SAMPLES, PIPELINE_RATE_HZ, AudioChunk

logger = logging.getLogger(__name__)

QUEUE_CHUNKS = 64  # about 5 s of audio; older chunks are dropped when it is full
RETRY_INITIAL_S = 1.0
RETRY_MAX_S = 30.0
STALL_TIMEOUT_S = 2.0  # blocks arrive every 80 ms; this long without one means the device is gone

Block = np.ndarray[Any, np.dtype[np.int16]]


class MicrophoneSource:
    """Capture from a sounddevice input at 16 kHz mono.

    The PortAudio callback only copies the block into a bounded queue; when
    the queue is full the oldest chunk is dropped and counted. A missing
    device, one that reports the end of its stream, and one that stops
    delivering audio for `stall_timeout_s` are all retried with growing
    back-off, and capture resumes by itself when the device returns.
    """

    def __init__(self, device: str | int | None = None, *, backend: Any = None,
                 retry_initial_s: float = RETRY_INITIAL_S, retry_max_s: float = RETRY_MAX_S,
                 stall_timeout_s: float = STALL_TIMEOUT_S,
                 on_unavailable: Callable[[str, float], None] | None = None) -> None:
        """`backend` is the sounddevice module, or an object with its InputStream and PortAudioError."""
        self.device = device
        self.backend = backend
        self.retry_initial_s = retry_initial_s
        self.retry_max_s = retry_max_s
        self.stall_timeout_s = stall_timeout_s
        self.on_unavailable = on_unavailable  # called with the error and the retry delay in seconds
        self.dropped_chunks = 0
        self.open_attempts = 0

    def _open(self, push: Callable[[Block | None], None]) -> Any:
        """Open and start an input stream whose callbacks feed `push` from PortAudio's thread."""
        loop = asyncio.get_running_loop()

        def callback(indata: Any, frames: int, time_info: Any, status: Any) -> None:
            loop.call_soon_threadsafe(push, indata[:, 0].copy())

        def finished() -> None:
            loop.call_soon_threadsafe(push, None)

        stream = self.backend.InputStream(
            samplerate=PIPELINE_RATE_HZ, channels=1, dtype="int16", blocksize=FRAME_SAMPLES,
            device=self.device, callback=callback, finished_callback=finished,
        )
        stream.start()
        return stream

    async def chunks(self) -> AsyncIterator[AudioChunk]:
        if self.backend is None:
            import sounddevice  # imported here: it fails without libportaudio2

            self.backend = sounddevice
        delay_s = self.retry_initial_s
        stream_time_s = 0.0
        while True:
            queue: asyncio.Queue[Block | None] = asyncio.Queue(QUEUE_CHUNKS)

            def push(block: Block | None, queue: asyncio.Queue[Block | None] = queue) -> None:
                if queue.full():
                    queue.get_nowait()
                    self.dropped_chunks += 1
                    if self.dropped_chunks in (1, 10, 100) or self.dropped_chunks % 1000 == 0:
                        logger.warning("audio queue full: dropped %d chunks so far", self.dropped_chunks)
                queue.put_nowait(block)

            self.open_attempts += 1
            try:
                stream = self._open(push)
            except (self.backend.PortAudioError, ValueError) as error:
                logger.warning("microphone unavailable (%s); retrying in %.1f s", error, delay_s)
                if self.on_unavailable is not None:
                    self.on_unavailable(str(error), delay_s)
                await asyncio.sleep(delay_s)
                delay_s = min(delay_s * 2, self.retry_max_s)
                continue
            logger.info("microphone open: device=%s", self.device if self.device is not None else "default")
            try:
                while True:
                    try:
                        block = await asyncio.wait_for(queue.get(), self.stall_timeout_s)
                    except TimeoutError:
                        logger.warning("microphone delivered no audio for %.1f s; reopening it",
                                       self.stall_timeout_s)
                        break
                    if block is None:
                        logger.warning("microphone stream ended; reopening it")
                        break
                    delay_s = self.retry_initial_s
                    yield AudioChunk(block, PIPELINE_RATE_HZ, stream_time_s)
                    stream_time_s += len(block) / PIPELINE_RATE_HZ
            finally:
                stream.close(ignore_errors=True)
            await asyncio.sleep(delay_s)
            delay_s = min(delay_s * 2, self.retry_max_s)
