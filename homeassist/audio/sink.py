"""Where reply audio goes: the speaker, or WAV files when the input is a recording."""

from __future__ import annotations

import asyncio
import logging
import wave
from pathlib import Path
from typing import Protocol

import numpy as np

from homeassist.audio.format import AudioChunk

logger = logging.getLogger(__name__)


class AudioSink(Protocol):
    async def play(self, chunk: AudioChunk) -> None:
        """Play or store one chunk; returns when the chunk is handed off."""
        ...

    async def end_reply(self) -> Path | None:
        """Finish the current reply; returns the file written, if any."""
        ...


class WavSink:
    """Write each reply to its own WAV file in `directory` (reply-001.wav, ...)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.count = 0
        self._chunks: list[AudioChunk] = []

    async def play(self, chunk: AudioChunk) -> None:
        self._chunks.append(chunk)

    async def end_reply(self) -> Path | None:
        if not self._chunks:
            return None
        chunks, self._chunks = self._chunks, []
        self.count += 1
        path = self.directory / f"reply-{self.count:03d}.wav"
        await asyncio.to_thread(_write_wav, path, chunks)
        return path


def _write_wav(path: Path, chunks: list[AudioChunk]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rate_hz = chunks[0].sample_rate_hz
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate_hz)
        for chunk in chunks:
            if chunk.sample_rate_hz != rate_hz:
                raise ValueError(f"reply chunks mix {rate_hz} Hz and {chunk.sample_rate_hz} Hz")
            out.writeframes(chunk.samples.astype(np.int16).tobytes())


class SpeakerSink:
    """Play chunks on a sounddevice output, one sentence at a time."""

    def __init__(self, device: str | int | None = None) -> None:
        self.device = device

    async def play(self, chunk: AudioChunk) -> None:
        import sounddevice

        def blocking_play() -> None:
            sounddevice.play(chunk.samples, chunk.sample_rate_hz, device=self.device, blocking=True)

        try:
            await asyncio.to_thread(blocking_play)
        except sounddevice.PortAudioError as error:
            logger.warning("speaker unavailable, reply not played: %s", error)

    async def end_reply(self) -> Path | None:
        return None
