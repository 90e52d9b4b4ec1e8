"""End-of-speech detection with Silero VAD after a wake word."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from homeassist.audio.format import PIPELINE_RATE_HZ, AudioChunk, Pcm, int16_to_float
from homeassist.config import EndOfSpeechConfig
from homeassist.vad import WINDOW_SAMPLES as VAD_CHUNK_SAMPLES
from homeassist.vad import SileroVad

# Speech heard this soon after the detection is the tail of the wake word
# itself, not the command, so it neither starts nor ends the command.
WAKE_TAIL_S = 0.3
# A pause this long inside the pre-roll separates the wake phrase from the
# command; a little audio before the command's first sound is kept.
PRE_ROLL_PAUSE_S = 0.15
PRE_ROLL_MARGIN_S = 0.1


class EndReason(enum.StrEnum):
    SPEECH_ENDED = "speech_ended"  # silence for the hangover after speech
    MAX_LENGTH = "max_length"  # the command ran past max_utterance_s
    NO_SPEECH = "no_speech"  # nothing was said after the wake word
    INPUT_ENDED = "input_ended"  # the recording ended during the command


@dataclass(frozen=True)
class Utterance:
    """The audio of one command, from the pre-roll before the wake word to the end of speech."""

    samples: Pcm  # int16, 16 kHz mono
    reason: EndReason
    speech_s: float  # seconds the VAD heard as speech
    ended_at_s: float  # stream time when end of speech was decided


class Endpointer:
    """Collect a command after a wake word and decide when it has ended.

    Feed chunks with `process`; it returns an Utterance once the command is
    over. Audio before the first pause that follows the wake phrase is
    dropped, so the transcript starts with the command rather than the tail
    of the wake word. Not thread-safe: use from one worker thread at a time.
    """

    def __init__(self, config: EndOfSpeechConfig, model_path: Path) -> None:
        self.config = config
        self._vad = SileroVad(model_path)
        self.start([], 0.0)

    def start(self, pre_roll: list[AudioChunk], at_s: float) -> None:
        """Begin a command with the audio kept from before the wake detection."""
        self._vad.reset()
        self._audio = np.zeros(0, np.int16)
        self._scored = 0  # samples of self._audio already scored by the VAD
        self._pre_roll_samples = sum(len(c.samples) for c in pre_roll)
        self._cut = 0  # sample index where the command may start
        self._silent_run = 0
        self._started_s = at_s
        self._speech_s = 0.0
        self._silence_s = 0.0
        self._heard_speech = False
        if pre_roll:
            self._append(np.concatenate([c.samples for c in pre_roll]))

    def _append(self, samples: Pcm) -> None:
        self._audio = np.concatenate([self._audio, samples])
        window_s = VAD_CHUNK_SAMPLES / PIPELINE_RATE_HZ
        while self._scored + VAD_CHUNK_SAMPLES <= len(self._audio):
            window = int16_to_float(self._audio[self._scored:self._scored + VAD_CHUNK_SAMPLES])
            self._scored += VAD_CHUNK_SAMPLES
            is_speech = self._vad.probability(window) >= self.config.speech_threshold
            after_wake_s = (self._scored - self._pre_roll_samples) / PIPELINE_RATE_HZ
            if not self._heard_speech:
                # Still before the command: remember the end of the latest pause.
                self._silent_run = 0 if is_speech else self._silent_run + 1
                if self._silent_run * window_s >= PRE_ROLL_PAUSE_S:
                    self._cut = self._scored
                if after_wake_s < WAKE_TAIL_S:
                    continue
            if is_speech:
                self._heard_speech = True
                self._speech_s += window_s
                self._silence_s = 0.0
            elif self._heard_speech:
                self._silence_s += window_s

    def process(self, chunk: AudioChunk) -> Utterance | None:
        self._append(chunk.samples)
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
        keep_from = max(0, self._cut - round(PRE_ROLL_MARGIN_S * PIPELINE_RATE_HZ))
        samples = self._audio[keep_from:]
        self._audio = np.zeros(0, np.int16)
        return Utterance(samples, reason, self._speech_s, now_s)
