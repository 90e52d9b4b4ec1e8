"""Synthesized sample recordings: a wake phrase followed by a spoken command.

The wake phrase is spoken by espeak-ng because openWakeWord's hey_jarvis model
scored below 0.01 on the Piper voice en_US-joe-medium but above 0.98 on
espeak-ng's English voices (measured with the models in the manifest).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import soundfile

from homeassist.audio.format import PIPELINE_RATE_HZ, Pcm, to_mono_int16
from homeassist.config import Config
from homeassist.tts import TextToSpeech

DEFAULT_COMMANDS = (
    ("Hey Jarvis", "Turn on the kitchen light.", "en"),
    ("Hey Jarvis", "Set the bedroom thermostat to 22 degrees.", "en"),
    ("Hey Jarvis", "Turn off the living room light.", "en"),
)
# NOTE: no Chinese commands here: espeak-ng's Mandarin voice, the only offline
# one, came out of Whisper base as unrelated words, so such a sample would test
# the synthesizer rather than the assistant.


def _espeak(text: str) -> Pcm:
    executable = shutil.which("espeak-ng")
    if executable is None:
        raise RuntimeError("espeak-ng is not installed (apt-get install espeak-ng)")
    wav = subprocess.run([executable, "-v", "en-us", "-s", "150", "--stdout", text],
                         capture_output=True, check=True, timeout=30).stdout
    with wave.open(io.BytesIO(wav)) as reader:
        rate = reader.getframerate()
        samples = np.frombuffer(reader.readframes(reader.getnframes()), np.int16)
    return to_mono_int16(samples.astype(np.float32) / 32768.0, rate)


def synthesize_turn(tts: TextToSpeech, wake_phrase: str, command: str, language: str,
                    pause_s: float = 0.3) -> Pcm:
    """Return 16 kHz int16 audio: silence, wake phrase, pause, command, silence."""
    chunk = tts.synthesize(command, "zh" if language == "zh" else "en")
    spoken = to_mono_int16(chunk.samples.astype(np.float32) / 32768.0, chunk.sample_rate_hz)

    def silence(seconds: float) -> Pcm:
        return np.zeros(round(seconds * PIPELINE_RATE_HZ), np.int16)

    return np.concatenate([silence(1.0), _espeak(wake_phrase), silence(pause_s), spoken, silence(1.5)])


def write_sample(path: Path, turns: list[Pcm]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(str(path), np.concatenate(turns), PIPELINE_RATE_HZ, subtype="PCM_16")
    return path


def build_demo_recording(config: Config, path: Path) -> Path:
    """Write one recording that contains every default command, one turn after another."""
    tts = TextToSpeech(config)
    turns = [synthesize_turn(tts, wake, command, language) for wake, command, language in DEFAULT_COMMANDS]
    return write_sample(path, turns)
